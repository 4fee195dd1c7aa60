/**
 * ParseResults (+ the dedupe decisions) -> rows of the warehouse tables, in the column order of
 * tables.ts and in their canonical, deterministic order (the order of a run from nothing; an
 * incremental run adds the rows of the files it recomputed after the stored ones, see store.ts):
 *   files, reports, findings: path order (findings: parser order, then the warehouse's);
 *   cell tables and sections: report year (no year last), report_id, then schema order (unknown keys
 *   after, sorted). Year first because the writer copies each year's rows into by_year/ as well:
 *   with a year's rows in one run instead of spread over the whole table, those copies took 4.3 s
 *   instead of 14.1 s for the 16.7 M table-3 cells of 100,000 reports (2 DuckDB threads, the machine
 *   shared with another job). The rows are the same; only the flat files' order changed.
 * Cell tables and sections hold the reports of record only (is_record), so sums over them count
 * each report once; copies are compared with their record in findings instead.
 * A cell is NULL when the parser gave null (blank or unreadable): never 0 for missing.
 *
 * The cell tables (hundreds of thousands of rows) are built column by column with their strings
 * as small integer codes (Dict): cheap to build and to hand to DuckDB, decoded by the writer.
 */
import type { Finding } from "../document.ts";
import type { ParseResult } from "../report.ts";
import { SECTION_KEYS } from "../report.ts";
import { IDENTITIES, TABLE2, TABLE3_COLUMNS, TABLE3_ROW_ORDER, TABLE4_COLUMNS } from "../format/catalogue.ts";
import type { DedupeResult } from "./dedupe.ts";
import { labelRows, sectionZh } from "./labels.ts";
import { dictionaryRows } from "./tables.ts";
import type { NarrativeRows } from "./narrative.ts";

export type Value = string | number | boolean | null;
export type Row = Value[];

/** Strings as small integers (index into list). */
export class Dict {
  readonly list: string[] = [];
  private readonly map = new Map<string, number>();
  code(s: string | null): number | null {
    if (s === null) return null;
    let i = this.map.get(s);
    if (i === undefined) { i = this.list.length; this.list.push(s); this.map.set(s, i); }
    return i;
  }
}

/**
 * A growable column of numbers or NULLs in a typed array (4 or 8 bytes a value instead of a JS array's
 * 8 plus slack): 17.5 million table-3 cells at 100,000 reports. NULL is a sentinel that no stored value
 * can take: -1 for codes, INT32_MIN for whole counts (counts are kept within ±INT32_MAX), NaN for doubles.
 */
export class NumColumn {
  private data: Int32Array | Float64Array;
  length = 0;
  constructor(readonly kind: "code" | "int" | "double") {
    this.data = kind === "double" ? new Float64Array(1024) : new Int32Array(1024);
  }
  private get nil(): number {
    return this.kind === "code" ? -1 : this.kind === "int" ? -2147483648 : NaN;
  }
  push(v: number | null): void {
    if (this.length === this.data.length) {
      const bigger = this.kind === "double" ? new Float64Array(this.data.length * 2) : new Int32Array(this.data.length * 2);
      bigger.set(this.data);
      this.data = bigger;
    }
    this.data[this.length++] = v === null ? this.nil : v;
  }
  /** Values s..e-1 as plain numbers and nulls (what DuckDB's data chunks take). */
  slice(s: number, e: number): (number | null)[] {
    const out = new Array<number | null>(e - s);
    const nil = this.nil;
    for (let i = s; i < e; i++) {
      const v = this.data[i];
      out[i - s] = v === nil || v !== v ? null : v;
    }
    return out;
  }
}

/** A table held column by column; its VARCHAR columns hold Dict codes. */
export interface CodedTable { dict: Dict; columns: NumColumn[]; length: number }

export interface Rows {
  files: Row[];
  reports: Row[];
  table2_cells: CodedTable;
  table3_cells: CodedTable;
  table4_cells: CodedTable;
  findings: Row[];
  sections: Row[];
  disclosure_volumes: Row[];
  problem_items: Row[];
  fees: Row[];
  stated_numbers: Row[];
  narrative_checks: Row[];
  recycled_pairs: Row[];
  labels: Row[];
  data_dictionary: Row[];
}

const T3_COLS = TABLE3_COLUMNS.map((c) => c.key);
const T4_COLS = TABLE4_COLUMNS.map((c) => c.key);
const T4_KNOWN = new Set(T4_COLS);
const IDENTITY_NAMES = new Set(IDENTITIES.map((i) => i.name));
const SECTION_SET = new Set<string>(SECTION_KEYS);
const INT_MAX = 2147483647;

interface T2Spec { key: string; st: string; row: string; cols: string[] }
const T2_ORDER: Record<"2021" | "2019", T2Spec[]> = { "2021": [], "2019": [] };
for (const fmt of ["2021", "2019"] as const) {
  for (const st of TABLE2[fmt]) for (const r of st.rows) T2_ORDER[fmt].push({ key: `${st.key}/${r.key}`, st: st.key, row: r.key, cols: st.columns.map((c) => c.key) });
}

function cmp(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

export function isIdentityFailure(f: Finding): boolean {
  return IDENTITY_NAMES.has(f.code) || /identit/i.test(f.code);
}

/** Days since 1970-01-01 of a yyyy-mm-dd date, or null when it is not a real date. */
export function epochDays(iso: string | null): number | null {
  if (!iso) return null;
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(iso);
  if (!m) return null;
  const y = +m[1], mo = +m[2], d = +m[3];
  const t = Date.UTC(y, mo - 1, d);
  const dt = new Date(t);
  if (dt.getUTCFullYear() !== y || dt.getUTCMonth() !== mo - 1 || dt.getUTCDate() !== d) return null;
  return t / 86400000;
}

/** Years in order, no year (NULL) last. */
function cmpYear(a: number | null, b: number | null): number {
  return a === b ? 0 : a === null ? 1 : b === null ? -1 : a - b;
}

/** The year column of a report: its year when a whole number, else NULL. */
function reportYear(r: ParseResult): number | null {
  return Number.isInteger(r.year) ? (r.year as number) : null;
}

function finite(v: unknown): number | null {
  return typeof v === "number" && Number.isFinite(v) ? v : null;
}

function isInt(x: number): boolean {
  return Number.isInteger(x) && Math.abs(x) <= INT_MAX;
}

function silentInt(v: unknown): number | null {
  const x = finite(v);
  return x !== null && isInt(x) ? x : null;
}

function findingRow(reportId: string | null, path: string, f: Finding): Row {
  const alt = f.alternatives && f.alternatives.length ? JSON.stringify(f.alternatives) : null;
  return [reportId, path, f.code ?? null, f.severity ?? null, f.message ?? null, f.table ?? null, f.row ?? null, f.column ?? null,
    f.excerpt ?? null, finite(f.expected), finite(f.actual), alt];
}

/** Cell tables under construction: columns pushed to directly. */
class CellWriter {
  readonly dict = new Dict();
  readonly t2: CodedTable;
  readonly t3: CodedTable;
  readonly t4: CodedTable;
  private readonly c: Map<string, number> = new Map();

  /** Codes of the schema's keys, looked up once instead of once per cell. */
  private readonly t3ColCodes: number[];
  private readonly t2Specs: Record<"2021" | "2019", (T2Spec & { stCode: number; rowCode: number; colCodes: number[]; unitKeys: string[] })[]>;

  constructor() {
    const coded = (kinds: NumColumn["kind"][]): CodedTable => ({ dict: this.dict, columns: kinds.map((k) => new NumColumn(k)), length: 0 });
    // report_id, subtable, row, column, value, format, unit / report_id, row, column, value / report_id, column, value
    this.t2 = coded(["code", "code", "code", "code", "double", "code", "code"]);
    this.t3 = coded(["code", "code", "code", "int"]);
    this.t4 = coded(["code", "code", "int"]);
    this.t3ColCodes = T3_COLS.map((c) => this.code(c));
    const specs = (fmt: "2021" | "2019") => T2_ORDER[fmt].map((spec) => ({
      ...spec, stCode: this.code(spec.st), rowCode: this.code(spec.row), colCodes: spec.cols.map((c) => this.code(c)), unitKeys: spec.cols.map((c) => `${spec.key}/${c}`),
    }));
    this.t2Specs = { "2021": specs("2021"), "2019": specs("2019") };
  }

  code(s: string): number {
    let i = this.c.get(s);
    if (i === undefined) { i = this.dict.code(s)!; this.c.set(s, i); }
    return i;
  }

  /** Emit the cells of one report of record; returns the findings about values that do not fit. */
  emit(r: ParseResult, id: string): Finding[] {
    const bad: Finding[] = [];
    const intOf = (v: unknown, table: string, row: string | null, column: string): number | null => {
      const x = finite(v);
      if (x === null || isInt(x)) return x;
      bad.push({ code: "non_integer_count", severity: "warning", message: `${table}${row ? " " + row : ""} ${column}: ${x} is not a whole number; stored as NULL`, table, row, column, excerpt: null, expected: null, actual: x });
      return null;
    };
    const rid = this.code(id);
    const fmt = r.format === "2019" ? "2019" : "2021";
    const fmtCode = r.format ? this.code(r.format) : null;

    if (r.table_2) {
      const t2 = r.table_2;
      const units: Record<string, string | undefined> = r.table_2_units ?? {};
      const [cId, cSt, cRow, cCol, cVal, cFmt, cUnit] = this.t2.columns;
      const pushCoded = (st: number | null, row: number, col: number, v: unknown, unit: string | undefined) => {
        cId.push(rid); cSt.push(st); cRow.push(row); cCol.push(col);
        cVal.push(finite(v)); cFmt.push(fmtCode); cUnit.push(unit === undefined || unit === null ? null : this.code(unit));
        this.t2.length++;
      };
      const push = (st: string | null, row: string, col: string, v: unknown, unit: string | undefined) =>
        pushCoded(st === null ? null : this.code(st), this.code(row), this.code(col), v, unit);
      const seenRows = new Set<string>();
      for (const spec of this.t2Specs[fmt]) {
        const cells = t2[spec.key];
        if (!cells || typeof cells !== "object") continue;
        seenRows.add(spec.key);
        spec.cols.forEach((col, k) => { if (col in cells) pushCoded(spec.stCode, spec.rowCode, spec.colCodes[k], cells[col], units[spec.unitKeys[k]]); });
        const extraCols = Object.keys(cells).filter((c) => !spec.cols.includes(c)).sort(cmp);
        for (const col of extraCols) push(spec.st, spec.row, col, cells[col], units[`${spec.key}/${col}`]);
      }
      for (const key of Object.keys(t2).filter((k) => !seenRows.has(k)).sort(cmp)) {
        const cells = t2[key];
        if (!cells || typeof cells !== "object") continue;
        const slash = key.indexOf("/");
        for (const col of Object.keys(cells).sort(cmp)) {
          push(slash >= 0 ? key.slice(0, slash) : null, slash >= 0 ? key.slice(slash + 1) : key, col, cells[col], units[`${key}/${col}`]);
        }
      }
    }

    if (r.table_3) {
      const t3 = r.table_3;
      const [cId, cRow, cCol, cVal] = this.t3.columns;
      const order = TABLE3_ROW_ORDER[fmt];
      const known = new Set(order);
      const keys = [...order.filter((k) => k in t3), ...Object.keys(t3).filter((k) => !known.has(k)).sort(cmp)];
      for (const row of keys) {
        const vals = t3[row];
        if (!Array.isArray(vals)) continue;
        const rowCode = this.code(row);
        for (let c = 0; c < vals.length; c++) {
          const col = T3_COLS[c] ?? `col${c + 1}`;
          cId.push(rid); cRow.push(rowCode); cCol.push(this.t3ColCodes[c] ?? this.code(col)); cVal.push(intOf(vals[c], "table_3", row, col));
          this.t3.length++;
        }
      }
    }

    if (r.table_4) {
      const t4 = r.table_4;
      const [cId, cCol, cVal] = this.t4.columns;
      const keys = [...T4_COLS.filter((k) => k in t4), ...Object.keys(t4).filter((k) => !T4_KNOWN.has(k)).sort(cmp)];
      for (const col of keys) {
        cId.push(rid); cCol.push(this.code(col)); cVal.push(intOf(t4[col], "table_4", null, col));
        this.t4.length++;
      }
    }
    return bad;
  }
}

/** The reports-table values that come from a report's own tables (taken before the tables are released). */
function totalsOf(r: ParseResult): (number | null)[] {
  const t3total = (row: string) => silentInt(r.table_3?.[row]?.[6]);
  const t4 = (col: string) => silentInt(r.table_4?.[col]);
  const lit1 = t4("litigation_direct_total");
  const lit2 = t4("litigation_after_review_total");
  return [t3total("new_received"), t3total("carried_over"), t3total("total_processed"), t3total("carried_forward"), t3total("granted"),
    t4("review_total"), lit1 !== null && lit2 !== null ? lit1 + lit2 : null];
}

/** `results` in path order; `d` from dedupe(results) (its extra findings include the narrative's,
 * see run.ts); `narrative` from mineRecords (narrative.ts).
 *
 * Consumes `results`: each entry is released (set to null) once its rows exist, and a record's
 * tables and sections as soon as its cells are emitted, so that at 100,000 reports the parse results
 * and the rows built from them are not both held whole (take what else you need, e.g. summarize(),
 * before calling). */
export function buildRows(results: (ParseResult | null)[], d: DedupeResult, narrative: NarrativeRows): Rows {
  const cells = new CellWriter();
  const sections: Row[] = [];
  const added: Finding[][] = d.extra.map((x) => [...x]);
  const totals = results.map((r, i) => (r && d.reports[i] ? totalsOf(r) : null));

  // pass 1, reports of record by year, then report_id: cells and sections
  const records: { i: number; id: string; year: number | null }[] = [];
  d.reports.forEach((m, i) => { if (m?.is_record) records.push({ i, id: m.report_id, year: reportYear(results[i]!) }); });
  records.sort((a, b) => cmpYear(a.year, b.year) || cmp(a.id, b.id));
  for (const { i, id } of records) {
    const r = results[i]!;
    const bad = cells.emit(r, id);
    if (bad.length) added[i].push(...bad);
    const secs = (r.sections ?? {}) as Record<string, unknown>;
    const keys = [...SECTION_KEYS.filter((k) => k in secs), ...Object.keys(secs).filter((k) => !SECTION_SET.has(k)).sort(cmp)];
    for (const k of keys) {
      const text = secs[k];
      if (typeof text === "string" && text.length > 0) sections.push([id, k, sectionZh(k), text]);
    }
    r.table_2 = r.table_3 = r.table_4 = null;
    r.sections = {};
  }

  // pass 2, every file in path order: files, reports, findings
  const files: Row[] = [];
  const reports: Row[] = [];
  const findings: Row[] = [];
  results.forEach((r0, i) => {
    const r = r0!;
    const meta = d.reports[i];
    const id = meta?.report_id ?? null;
    const nFindings = r.findings.length + added[i].length;
    files.push([r.file, r.sha256 || null, r.size, r.detected_type ?? null, r.layout ?? null, r.status, r.reason ?? null, id, nFindings]);
    if (meta) {
      reports.push([meta.report_id, r.file, r.sha256, r.format ?? null, r.title ?? null, r.agency ?? null, r.agency_normalized ?? null,
        r.level ?? null, r.region ?? null, reportYear(r), epochDays(r.published ?? null), r.status,
        nFindings, r.findings.filter(isIdentityFailure).length, meta.is_record, meta.duplicate_of, meta.duplicate_reason, meta.version_group,
        ...totals[i]!]);
    }
    for (const f of r.findings) findings.push(findingRow(id, r.file, f));
    for (const f of added[i]) findings.push(findingRow(id, r.file, f));
    results[i] = null;
    added[i] = [];
  });

  return {
    files, reports, findings, sections, ...narrative,
    table2_cells: cells.t2, table3_cells: cells.t3, table4_cells: cells.t4,
    labels: labelRows().map((l) => [l.kind, l.key, l.zh, l.zh_full, l.en, l.parent]),
    data_dictionary: dictionaryRows(),
  };
}
