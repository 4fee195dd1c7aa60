/**
 * Table 3 (requests received and how they ended): 7 applicant columns by 23 (2019) or 25 (2021)
 * data rows, keyed by schema.json. Glued digits are recovered with the row totals and the
 * column identities; what stays ambiguous is null with a finding.
 */
import { finding, type Finding } from "../document.ts";
import { TABLE3_COLUMNS, TABLE3_ROWS, TABLE3_ROW_ORDER, TABLE3_SUBTOTALS } from "../format/catalogue.ts";
import type { Table3 } from "../report.ts";
import { readSegment, type Cell } from "./cells.ts";
import { locate, type LabelSpec, type Located } from "./segments.ts";
import { candidates } from "./split.ts";
import { resolveJointly, settle, type Check, type RowReading } from "./resolve.ts";
import { cellFindings, type TableRead } from "./read.ts";

export const T3_COLUMNS = TABLE3_COLUMNS.map((c) => c.key);
const K = T3_COLUMNS.length;

/** Row labels of the format, built once per format. */
function specs(format: "2021" | "2019"): LabelSpec[] {
  let s = SPECS.get(format);
  if (!s) SPECS.set(format, (s = buildSpecs(format)));
  return s;
}
const SPECS = new Map<string, LabelSpec[]>();

function buildSpecs(format: "2021" | "2019"): LabelSpec[] {
  return TABLE3_ROWS.filter((r) => r.formats?.includes(format) && !(format === "2021" && r.key === "other_total")).map((r) => ({
    key: r.key,
    group: r.kind === "group_label" || (format === "2019" && r.key === "other_header"),
    labels: [r.zh, ...(r.aliases ?? []).filter((a) => a.source !== "short_form_for_matching").map((a) => a.text)],
  }));
}

const v = (c: Cell) => (c === null ? 0 : c.value);
const sum = (rows: Map<string, Cell[]>, keys: string[], col: number) => keys.reduce((s, k) => s + v(rows.get(k)?.[col] ?? null), 0);

/** The per-column identities of the format, for choosing among glued readings. */
function columnChecks(format: "2021" | "2019"): Check[] {
  const parts = (key: string) => TABLE3_SUBTOTALS.find((s) => s.key === key)!.sum_of;
  const outcome = ["granted", "partially_granted", ...parts("denied_total"), ...parts("unable_total"), ...parts("not_processed_total"), ...(format === "2021" ? parts("other_total") : ["other_total"])];
  return [
    (rows) => T3_COLUMNS.every((_, c) => sum(rows, ["new_received", "carried_over"], c) === sum(rows, ["total_processed", "carried_forward"], c)),
    (rows) => T3_COLUMNS.every((_, c) => sum(rows, ["total_processed"], c) === sum(rows, outcome, c)),
  ];
}

const rowAddsUp = (row: Cell[]) => row.slice(0, K - 1).reduce((s, c) => s + v(c), 0) === v(row[K - 1]);

export function readTable3(text: string, start: number, end: number): TableRead<Table3> | null {
  let format: "2021" | "2019" = "2021";
  let located = locate(text, specs("2021"), start, end);
  const found = (k: string) => located.find((l) => l.key === k)?.match;
  if (!found("new_received") && !found("total_processed")) return null;
  if (!found("other_no_correction") && !found("other_fee_unpaid")) {
    format = "2019";
    located = locate(text, specs("2019"), start, end);
  }
  const findings: Finding[] = [];
  const unresolved = new Set<string>();
  const readings: RowReading[] = [];
  const counts = new Map<string, number>();
  for (const l of located) {
    if (l.group) {
      if (l.match && readSegment(l.segment).chunks.some((c) => c.text !== "")) {
        findings.push(finding("values_on_group_label", "warning", `numbers printed on the group label "${l.match.text}" were ignored`, { table: "table_3", row: l.key, excerpt: l.segment.trim().slice(0, 80) }));
      }
      continue;
    }
    readings.push(readRow(l, findings));
    counts.set(l.key, readings[readings.length - 1].candidates.length);
  }
  const { chosen } = resolveJointly(readings, columnChecks(format));
  const table: Table3 = {};
  const cells: Record<string, Cell[]> = {};
  for (const r of readings) {
    const { row, findings: f } = settle("table_3", r.key, counts.get(r.key)!, chosen.get(r.key)!, r.excerpt, T3_COLUMNS);
    findings.push(...f);
    cells[r.key] = row;
    table[r.key] = row.map((c) => (c === null ? null : c.value));
    const unread = r.candidates.length === 0 || f.some((x) => x.code === "ambiguous_split");
    row.forEach((c, i) => c === null && (unread || f.some((x) => x.column === T3_COLUMNS[i])) && unresolved.add(`${r.key}/${T3_COLUMNS[i]}`));
  }
  findings.push(...cellFindings("table_3", cells, T3_COLUMNS));
  return { format, value: table, findings, unresolved, end: located.reduce((e, l) => Math.max(e, l.match ? l.match.end + l.segment.length : 0), start) };
}

function readRow(l: Located, findings: Finding[]): RowReading {
  const excerpt = l.segment.replace(/[\u001F\u001E]/g, " ").replace(/\s+/g, " ").trim().slice(0, 120);
  if (!l.match) {
    findings.push(finding("row_missing", "error", `row not found in table 3; its cells are left blank`, { table: "table_3", row: l.key }));
    return { key: l.key, candidates: [], excerpt };
  }
  const seg = readSegment(l.segment);
  if (!seg.chunks.length) {
    findings.push(finding("row_empty", "warning", `no numbers after the label "${l.match.text}"; its cells are left blank`, { table: "table_3", row: l.key, excerpt: l.match.text }));
    return { key: l.key, candidates: [], excerpt };
  }
  const c = candidates(seg.chunks, K, seg.blanksVisible);
  if (c.overflow) findings.push(finding("too_ambiguous", "error", `the glued digits "${excerpt}" have too many readings; cells left blank`, { table: "table_3", row: l.key, excerpt }));
  else if (!c.rows.length) findings.push(finding("cell_count", "error", `expected ${K} cells after "${l.match.text}", read ${seg.chunks.length} value(s) "${excerpt}"; cells left blank`, { table: "table_3", row: l.key, excerpt }));
  else if (c.blanksInserted) findings.push(finding("hidden_blank", "info", `${c.blanksInserted} cell(s) of this row were blank in the source and left no trace`, { table: "table_3", row: l.key, excerpt }));
  const adding = c.rows.filter(rowAddsUp);
  return { key: l.key, candidates: adding.length ? adding : c.rows, excerpt };
}
