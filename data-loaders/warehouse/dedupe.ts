/**
 * Several files can hold the same report: an .html page and the crawler's .txt of it, the same
 * file saved twice, or a corrected re-publication. This module decides, among the report files
 * (status parsed / flagged / pre2019), which one is the report of record and how the others
 * relate to it.
 *
 * 1. Identical bytes (same sha256): the first file in path order stands for the content; each
 *    other one is a copy ("identical content", info finding identical_content) and follows the
 *    first's fate. It gets its own report_id (see reportIdFor) so reports keeps one row per file.
 * 2. Same agency_normalized + year: the members are ranked by source richness: html/docx, then
 *    txt with cell separators, then flattened txt, then anything else; then more non-null cells;
 *    then fewer warning/error findings; then fewer findings; then path order. Going down the
 *    ranking, each file is compared cell by cell with the records chosen so far:
 *    - close enough to one of them: it is a copy of it ("same agency and year"); each cell where
 *      the copy has a different number, or a number where the record is blank, gives a warning
 *      duplicate_disagrees (expected = record's value, actual = copy's); a blank in the copy
 *      where the record has a number gives an info duplicate_less_complete;
 *    - a different version (see isDifferentVersion): it becomes a record too; all records of the
 *      group get a warning multiple_versions and the group gets a version_group id.
 */
import type { Finding, } from "../document.ts";
import type { ParseResult } from "../report.ts";
import { TABLE3_COLUMNS } from "../format/catalogue.ts";
import { sha256Hex } from "./cache.ts";
import { isReport } from "./results.ts";

export interface ReportMeta {
  report_id: string;
  is_record: boolean;
  duplicate_of: string | null;
  duplicate_reason: "identical content" | "same agency and year" | null;
  version_group: string | null;
}

export interface DedupeResult {
  /** By index of the input: the report's bookkeeping, or null when the file is not a report. */
  reports: (ReportMeta | null)[];
  /** By index of the input: findings added here (empty arrays for most files). */
  extra: Finding[][];
}

/** Thresholds of isDifferentVersion. */
export const VERSION_RULES = {
  /** Share of the cells both files fill that may differ before they count as two versions. */
  maxDifferingShare: 0.2,
  /** ...and at least this many differing cells (tiny tables do not make versions). */
  minDifferingCells: 2,
  /** A file is compared with at most this many versions of its group (keeps a pathological
   * group of thousands of distinct versions linear). */
  maxComparedVersions: 20,
};

const CELL_LAYOUTS = new Set(["html-table", "tab-cells", "paragraph-cells", "pipe-cells", "markdown-table"]);
const T3_COLS = TABLE3_COLUMNS.map((c) => c.key);

export function sourceRank(r: ParseResult): number {
  if (r.detected_type === "html" || r.detected_type === "docx") return 0;
  if (r.layout && CELL_LAYOUTS.has(r.layout)) return 1;
  if (r.layout === "flattened") return 2;
  return 3;
}

export interface Cell { table: "table_2" | "table_3" | "table_4"; row: string | null; column: string; value: number | null }

/** Every cell of a result, keyed "t|row|column", in table order. Missing tables give no cells. */
export function cellsOf(r: ParseResult): Map<string, Cell> {
  const m = new Map<string, Cell>();
  if (r.table_2) {
    for (const [row, cols] of Object.entries(r.table_2)) {
      if (!cols || typeof cols !== "object") continue;
      for (const [column, v] of Object.entries(cols)) m.set(`2|${row}|${column}`, { table: "table_2", row, column, value: num(v) });
    }
  }
  if (r.table_3) {
    for (const [row, vals] of Object.entries(r.table_3)) {
      if (!Array.isArray(vals)) continue;
      for (let i = 0; i < vals.length; i++) {
        const column = T3_COLS[i] ?? `col${i + 1}`;
        m.set(`3|${row}|${column}`, { table: "table_3", row, column, value: num(vals[i]) });
      }
    }
  }
  if (r.table_4) {
    for (const [column, v] of Object.entries(r.table_4)) m.set(`4||${column}`, { table: "table_4", row: null, column, value: num(v) });
  }
  return m;
}

function num(v: unknown): number | null {
  return typeof v === "number" && Number.isFinite(v) ? v : null;
}

function same(a: number, b: number): boolean {
  return a === b || Math.abs(a - b) <= 1e-9 * Math.max(Math.abs(a), Math.abs(b));
}

function nonNullCount(cells: Map<string, Cell>): number {
  let n = 0;
  for (const c of cells.values()) if (c.value !== null) n++;
  return n;
}

interface Member { index: number; r: ParseResult; cells: Map<string, Cell>; nonNull: number; serious: number }

interface Comparison { comparable: number; differing: number; findings: Finding[] }

function compare(rec: Member, copy: Member): Comparison {
  let comparable = 0;
  let differing = 0;
  const findings: Finding[] = [];
  const keys = new Set([...rec.cells.keys(), ...copy.cells.keys()]);
  for (const k of keys) {
    const rc = rec.cells.get(k);
    const cc = copy.cells.get(k);
    const cell = (rc ?? cc)!;
    const rv = rc?.value ?? null;
    const cv = cc?.value ?? null;
    if (rv === null && cv === null) continue;
    const where = `${cell.table}${cell.row ? " " + cell.row : ""} ${cell.column}`;
    const at = { table: cell.table, row: cell.row, column: cell.column, excerpt: null };
    if (rv !== null && cv !== null) {
      comparable++;
      if (same(rv, cv)) continue;
      differing++;
      findings.push({ code: "duplicate_disagrees", severity: "warning", message: `${where}: the report of record ${rec.r.file} has ${rv}, this copy has ${cv}`, ...at, expected: rv, actual: cv });
    } else if (cv === null) {
      findings.push({ code: "duplicate_less_complete", severity: "info", message: `${where}: blank or unread in this copy, ${rv} in the report of record ${rec.r.file}`, ...at, expected: rv, actual: null });
    } else {
      findings.push({ code: "duplicate_disagrees", severity: "warning", message: `${where}: blank or unread in the report of record ${rec.r.file}, ${cv} in this copy`, ...at, expected: null, actual: cv });
    }
  }
  return { comparable, differing, findings };
}

/** Two files of one agency and year are different versions (not copies of one report) when their
 * formats differ, or when more than maxDifferingShare of the cells both fill differ (and at
 * least minDifferingCells), or when their table 4 differs in more than half of the cells both fill. */
export function isDifferentVersion(a: Member, b: Member, cmp: Comparison): boolean {
  if (a.r.format && b.r.format && a.r.format !== b.r.format) return true;
  if (cmp.differing >= VERSION_RULES.minDifferingCells && cmp.differing > VERSION_RULES.maxDifferingShare * cmp.comparable) return true;
  let t4c = 0, t4d = 0;
  for (const [k, c] of a.cells) {
    if (c.table !== "table_4" || c.value === null) continue;
    const o = b.cells.get(k)?.value ?? null;
    if (o === null) continue;
    t4c++;
    if (!same(c.value, o)) t4d++;
  }
  return t4d >= VERSION_RULES.minDifferingCells && t4d * 2 > t4c;
}

export function reportIdFor(sha256: string, path: string, firstOfContent: boolean): string {
  return firstOfContent ? sha256.slice(0, 16) : sha256Hex(`${sha256}\n${path}`).slice(0, 16);
}

function rankCompare(a: Member, b: Member): number {
  return sourceRank(a.r) - sourceRank(b.r)
    || b.nonNull - a.nonNull
    || a.serious - b.serious
    || a.r.findings.length - b.r.findings.length
    || (a.r.file < b.r.file ? -1 : a.r.file > b.r.file ? 1 : 0);
}

/** `results` in path order. */
export function dedupe(results: ParseResult[]): DedupeResult {
  const reports: (ReportMeta | null)[] = results.map(() => null);
  const extra: Finding[][] = results.map(() => []);
  const firstBySha = new Map<string, number>();
  const identicalCopies: [number, number][] = []; // [copy, first]
  const groups = new Map<string, number[]>();

  results.forEach((r, i) => {
    if (!isReport(r.status)) return;
    const first = firstBySha.get(r.sha256);
    if (first !== undefined) {
      reports[i] = { report_id: reportIdFor(r.sha256, r.file, false), is_record: false, duplicate_of: null, duplicate_reason: "identical content", version_group: null };
      identicalCopies.push([i, first]);
      return;
    }
    firstBySha.set(r.sha256, i);
    reports[i] = { report_id: reportIdFor(r.sha256, r.file, true), is_record: true, duplicate_of: null, duplicate_reason: null, version_group: null };
    if (r.agency_normalized && r.year !== null && r.year !== undefined) {
      const key = `${r.agency_normalized}\n${r.year}`;
      const g = groups.get(key);
      if (g) g.push(i); else groups.set(key, [i]);
    }
  });

  for (const [key, idx] of groups) {
    if (idx.length < 2) continue;
    const members: Member[] = idx.map((index) => {
      const r = results[index];
      const cells = cellsOf(r);
      const serious = r.findings.filter((f) => f.severity !== "info").length;
      return { index, r, cells, nonNull: nonNullCount(cells), serious };
    }).sort(rankCompare);
    const records: Member[] = [];
    for (const m of members) {
      let home: Member | null = null;
      let homeCmp: Comparison | null = null;
      for (const rec of records.slice(0, VERSION_RULES.maxComparedVersions)) {
        const cmp = compare(rec, m);
        if (!isDifferentVersion(rec, m, cmp)) { home = rec; homeCmp = cmp; break; }
      }
      if (!home) { records.push(m); continue; }
      const meta = reports[m.index]!;
      meta.is_record = false;
      meta.duplicate_of = reports[home.index]!.report_id;
      meta.duplicate_reason = "same agency and year";
      extra[m.index].push(...homeCmp!.findings);
    }
    if (records.length > 1) {
      const vg = "vg" + sha256Hex(key).slice(0, 14);
      for (const m of members) reports[m.index]!.version_group = vg;
      const paths = records.map((x) => x.r.file);
      // Which is newer, when every version states its publication date and they differ.
      const dated = records.every((x) => x.r.published) && new Set(records.map((x) => x.r.published)).size === records.length;
      const newest = dated ? records.reduce((a, b) => (b.r.published! > a.r.published! ? b : a)) : null;
      for (const rec of records) {
        const others = paths.filter((p) => p !== rec.r.file);
        const age = !newest ? "; which is newer cannot be told (publication dates missing or equal)"
          : newest === rec ? `; this is the newest (published ${rec.r.published})`
          : `; superseded by ${newest.r.file} (published ${newest.r.published}, this one ${rec.r.published})`;
        extra[rec.index].push({
          code: "multiple_versions", severity: "warning",
          message: `${records.length} different versions of this agency's report for ${rec.r.year}; also ${others.join(", ")}${age}`,
          table: null, row: null, column: null, excerpt: newest ? (newest === rec ? "newest" : "superseded") : null,
        });
      }
    }
  }

  for (const [i, first] of identicalCopies) {
    const f = reports[first]!;
    const meta = reports[i]!;
    meta.duplicate_of = f.is_record ? f.report_id : f.duplicate_of;
    meta.version_group = f.version_group;
    extra[i].push({ code: "identical_content", severity: "info", message: `same bytes as ${results[first].file}`, table: null, row: null, column: null, excerpt: null });
  }
  return { reports, extra };
}
