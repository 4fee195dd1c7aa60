// Data helpers for pages: loader outputs (Arrow IPC streams) to Arquero tables or rows, and number display.
// Read the whole file with arrayBuffer(): FileAttachment(...).arrow() stops at the stream's end-of-stream
// marker and cancels the download, which the browser reports as a failed request (see arrow.js).
import * as aq from "npm:arquero";
import {html} from "npm:htl";

/** Arquero table from a loader's Arrow output. */
export async function aqTable(file) {
  return aq.fromArrow(new Uint8Array(await file.arrayBuffer()));
}

/** Plain row objects from a loader's Arrow output: what pages filter (src/components/filters.js) and chart. */
export async function rows(file) {
  return (await aqTable(file)).objects();
}

/**
 * Sum of a column over rows, honest about blanks: {sum, n, missing}. `sum` is null when no row has
 * the cell (never 0 for "nothing known"); `missing` counts the rows that lacked it.
 */
export function sumOf(rows, column) {
  let sum = 0, n = 0, missing = 0;
  for (const r of rows) {
    const v = r[column];
    if (v == null || Number.isNaN(v)) ++missing;
    else (sum += v), ++n;
  }
  return {sum: n ? sum : null, n, missing};
}

const integer = new Intl.NumberFormat("en-US", {maximumFractionDigits: 0});
const decimal = new Intl.NumberFormat("en-US", {maximumFractionDigits: 2});
const percent = new Intl.NumberFormat("en-US", {style: "percent", maximumFractionDigits: 1});

/** A number for display: null → "—" (a blank cell stays blank, never 0). */
export function fmt(v, type = "count") {
  if (v == null || Number.isNaN(v)) return "—";
  if (type === "rate") return percent.format(v);
  return Number.isInteger(v) ? integer.format(v) : decimal.format(v);
}

/** "1,234 (2 份报告缺此项 · 2 reports lacked this cell)" as text; just the number when none lacked it. */
export function fmtSum(s, type = "count") {
  const note = s.missing ? ` (${s.missing} 份报告缺此项 · ${s.missing} report${s.missing === 1 ? "" : "s"} lacked this cell)` : "";
  return `${fmt(s.sum, type)}${note}`;
}

/**
 * Sums of measures by group, honest about blanks: for each id, `id` (null when no report of the group
 * has the cell), `id__n` (reports that have it) and `id__missing` (reports that lack it); `reports` counts rows.
 * Grouping and sums are Arquero (`by`: column names, [] for one total row).
 */
export function sums(rows, by, ids) {
  rows = Array.from(rows);
  // Cube rows (src/data/lib/cube.ts): one row per group with `reports`, `id` (sum) and `id__n`: add them up.
  const cube = isCube(rows);
  const spec = {reports: cube ? aq.op.sum("reports") : aq.op.count()};
  for (const id of ids) (spec[id] = aq.op.sum(id)), (spec[`${id}__n`] = cube ? aq.op.sum(`${id}__n`) : aq.op.valid(id));
  let t = aq.from(rows);
  if (t.numRows() === 0) return by.length ? [] : [Object.fromEntries([["reports", 0], ...ids.flatMap((id) => [[id, null], [`${id}__n`, 0], [`${id}__missing`, 0]])])];
  if (by.length) t = t.groupby(...by);
  return t.rollup(spec).objects().map((d) => {
    for (const id of ids) {
      if (!d[`${id}__n`]) d[id] = null;
      d[`${id}__missing`] = d.reports - d[`${id}__n`];
    }
    return d;
  });
}

/**
 * A ratio of sums over the rows where every part is known: {rate, num, den, used, skipped}.
 * `num` and `den` are arrays of column names (summed per row). Rows lacking any part are skipped
 * (and counted), never read as 0.
 */
export function ratioOf(rows, num, den) {
  let n = 0, d = 0, used = 0, skipped = 0;
  rows = Array.from(rows);
  if (isCube(rows)) {
    const key = ratioKey(num, den);
    for (const r of rows) {
      if (!(`${key}__used` in r)) throw new Error(`the cube has no ratio ${key}`);
      used += r[`${key}__used`];
      skipped += r.reports - r[`${key}__used`];
      n += r[`${key}__num`] ?? 0;
      d += r[`${key}__den`] ?? 0;
    }
    return {rate: d > 0 ? n / d : null, num: n, den: d, used, skipped};
  }
  for (const r of rows) {
    const parts = [...num, ...den].map((k) => r[k]);
    if (parts.some((v) => v == null)) { ++skipped; continue; }
    ++used;
    n += num.reduce((s, k) => s + r[k], 0);
    d += den.reduce((s, k) => s + r[k], 0);
  }
  return {rate: d > 0 ? n / d : null, num: n, den: d, used, skipped};
}

/** Are these cube rows (src/data/lib/cube.ts: one row per group, `reports` = reports of record in it)? */
export function isCube(rows) {
  const first = rows[0];
  return first != null && typeof first.reports === "number" && first.report_id === undefined;
}

/** Column key of a ratio in a cube (the same as ratioKey in src/data/lib/cube.ts). */
export function ratioKey(num, den) {
  return `ratio:${num.join("+")}:${den.join("+")}`;
}

/** "显示前 N 条，共 M 条 · showing N of M" with a link to the SQL page running `sql` (the full list). */
export function cappedNote(shown, total, sql) {
  const href = `./sql?q=${encodeURIComponent(sql)}`;
  return html`<p class="small muted" data-testid="capped-note">共 ${fmt(total)} 条，显示前 ${fmt(shown)} 条 · showing ${fmt(shown)} of ${fmt(total)} · <a href=${href}>完整列表 SQL 查询 · full list in SQL</a></p>`;
}
