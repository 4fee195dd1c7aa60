/**
 * Table 2 (proactive disclosure, Art. 20): four (2021) or five (2019) sub-tables, each a caption,
 * a header and one or two rows. No identity ties the cells of one report together, so glued digits
 * are settled only by plausibility rules that follow from the columns' meaning (listed below and
 * named in the finding); what stays ambiguous is null with a finding.
 */
import { finding, type Finding } from "../document.ts";
import { FORMAT_MARKERS, TABLE2, type SubtableSpec } from "../format/catalogue.ts";
import type { Table2 } from "../report.ts";
import { readSegment, type Cell } from "./cells.ts";
import { labelRegex, findFrom } from "./labels.ts";
import { locate, type LabelSpec } from "./segments.ts";
import { candidates } from "./split.ts";
import { settle } from "./resolve.ts";
import { cellFindings, type TableRead } from "./read.ts";
import { normativeDocumentEvidence } from "./evidence.ts";

/** What the columns mean implies about a row: a reading that breaks these is implausible. */
const PLAUSIBLE: Record<string, (r: Record<string, number>) => boolean> = {
  "2021/art20_1_normative_documents": (r) => r.currently_valid >= r.issued, // issued this year are in force at 31 Dec
  "2019/art20_1_normative_documents": (r) => r.total_published >= r.newly_published,
  "2019/art20_5_licensing": (r) => r.items_last_year + r.items_change >= 0,
  "2019/art20_6_penalty_enforcement": (r) => r.items_last_year + r.items_change >= 0,
  "2019/art20_8_fees": (r) => r.items_last_year + r.items_change >= 0,
};
const SIGNED = new Set(["items_change"]);

export function detectTable2Format(region: string): "2021" | "2019" | null {
  const has = (f: "2021" | "2019") => FORMAT_MARKERS[f].filter((m) => findFrom(region, labelRegex([m]), 0) !== null).length;
  const a = has("2021"), b = has("2019");
  return a === 0 && b === 0 ? null : a >= b ? "2021" : "2019";
}

/** Captions and row labels of the format's sub-tables, built once per format. */
function specs(format: "2021" | "2019"): LabelSpec[] {
  let s = SPECS.get(format);
  if (!s) {
    s = TABLE2[format].flatMap((t) => [
      { key: `${t.key}/`, labels: [t.caption_zh], group: true },
      ...t.rows.map((r) => ({ key: `${t.key}/${r.key}`, labels: [r.zh, ...(r.aliases ?? []).map((a) => a.text)] })),
    ]);
    SPECS.set(format, s);
  }
  return s;
}
const SPECS = new Map<string, LabelSpec[]>();

export interface Table2Read extends TableRead<Table2> { units: Record<string, string> }

export function readTable2(text: string, start: number, end: number): Table2Read | null {
  const caption = findFrom(text, labelRegex([TABLE2["2021"][0].caption_zh]), start, end);
  if (!caption) return null;
  const format = detectTable2Format(text.slice(caption.start, end));
  if (!format) return null;
  const subtables = TABLE2[format];
  const located = locate(text, specs(format), caption.start, end);
  const findings: Finding[] = [];
  const unresolved = new Set<string>();
  const value: Table2 = {};
  const units: Record<string, string> = {};
  for (const l of located) {
    const [sub, rowKey] = l.key.split("/");
    const spec = subtables.find((s) => s.key === sub)!;
    if (l.group) {
      headerUnits(l.between, spec).forEach((u, col) => (units[`${sub}/*/${col}`] = u));
      continue;
    }
    const cols = spec.columns.map((c) => c.key);
    const where = { table: "table_2", row: l.key };
    const excerpt = l.segment.replace(/[\u001F\u001E]/g, " ").replace(/\s+/g, " ").trim().slice(0, 80);
    let row: Cell[] = cols.map(() => null);
    let unread = true;
    if (!l.match) findings.push(finding("row_missing", spec.key === "art20_5_licensing" && rowKey === "other_external_services" ? "warning" : "error", `row not found in table 2; its cells are left blank`, where));
    else {
      const seg = readSegment(l.segment);
      const c = seg.chunks.length ? candidates(seg.chunks, cols.length, seg.blanksVisible) : null;
      if (!c) findings.push(finding("row_empty", "warning", `no numbers after "${l.match.text}"; cells left blank`, { ...where, excerpt }));
      else if (!c.rows.length) findings.push(finding(c.overflow ? "too_ambiguous" : "cell_count", "error", `expected ${cols.length} cells after "${l.match.text}", read "${excerpt}"; cells left blank`, { ...where, excerpt }));
      else {
        let ok = c.rows.filter((r) => plausible(format, sub, cols, r));
        if (ok.length > 1 && rowKey === "normative_documents") {
          const ev = normativeDocumentEvidence(text.slice(0, caption.start)).filter((e) => cols.includes(e.column));
          const agree = ok.filter((r) => ev.length > 0 && ev.every((e) => r[cols.indexOf(e.column)]?.value === e.value));
          if (agree.length === 1) {
            findings.push(finding("split_resolved_by_narrative", "info", `the glued digits "${excerpt}" read ${ok.length} ways; the narrative states ${ev.map((e) => `"${e.clause}"`).join(", ")}`, { ...where, excerpt, alternatives: ok.map((r) => r.map((x) => x?.value ?? null)) }));
            ok = agree;
          }
        }
        const s = settle("table_2", l.key, c.rows.length, ok.length ? ok : c.rows, excerpt, cols);
        if (ok.length === 1 && c.rows.length > 1) s.findings.forEach((f) => (f.message += `; rule: ${PLAUSIBLE[`${format}/${sub}`]?.toString().replace(/^\(r\) => /, "")}`));
        findings.push(...s.findings);
        row = s.row;
        unread = false;
        s.findings.forEach((f) => f.column && unresolved.add(`${l.key}/${f.column}`));
      }
    }
    if (unread) cols.forEach((c) => unresolved.add(`${l.key}/${c}`));
    row.forEach((c, i) => c?.unit && (units[`${l.key}/${cols[i]}`] = c.unit));
    value[l.key] = Object.fromEntries(cols.map((c, i) => [c, row[i] === null ? null : row[i]!.value]));
    findings.push(...cellFindings("table_2", { [l.key]: row }, cols, true).map((f) => ({ ...f, row: l.key })));
    row.forEach((c, i) => c && c.value < 0 && !SIGNED.has(cols[i]) && findings.push(finding("negative_count", "warning", `negative value ${c.raw}`, { ...where, column: cols[i], excerpt: c.raw })));
  }
  // Header units ("采购总金额（元）") apply to the sub-table's rows unless the cell printed its own.
  for (const [k, u] of Object.entries(units)) {
    if (!k.includes("/*/")) continue;
    const [sub, , col] = k.split("/");
    delete units[k];
    for (const rk of Object.keys(value)) if (rk.startsWith(`${sub}/`) && !units[`${rk}/${col}`]) units[`${rk}/${col}`] = u;
  }
  return { format, value, findings, unresolved, units, end: located.reduce((e, l) => Math.max(e, l.match ? l.match.end + l.segment.length : 0), start) };
}

function plausible(format: string, sub: string, cols: string[], row: Cell[]): boolean {
  if (row.some((c, i) => c && c.value < 0 && !SIGNED.has(cols[i]))) return false;
  const rule = PLAUSIBLE[`${format}/${sub}`];
  if (!rule) return true;
  const r = Object.fromEntries(cols.map((c, i) => [c, row[i]?.value ?? 0]));
  return rule(r);
}

/** Units printed in a sub-table's column headers, e.g. "采购总金额（元）", "（单位：万元）". */
function headerUnits(header: string, spec: SubtableSpec): Map<string, string> {
  const out = new Map<string, string>();
  for (const c of spec.columns) {
    const m = header.match(headerUnitRegex(c.zh));
    if (m) out.set(c.key, m[1]);
  }
  return out;
}

/** A column header followed by its unit in brackets; compiled once per header. */
function headerUnitRegex(zh: string): RegExp {
  let re = HEADER_UNIT.get(zh);
  if (!re) HEADER_UNIT.set(zh, (re = new RegExp(`${zh.replace(/[（(].*$/, "").split("").join("\\s*")}\\s*\\((?:单位[:：]?)?\\s*(万元|元)\\)`)));
  return re;
}
const HEADER_UNIT = new Map<string, RegExp>();
