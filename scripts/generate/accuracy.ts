/**
 * tsx scripts/generate/accuracy.ts --corpus DIR --warehouse DIR [--json]
 *
 * Compares a warehouse built from a generated corpus (DIR/raw) with the generator's truth
 * (DIR/truth), every cell of every report of record:
 *   exact      the warehouse holds the truth's number
 *   ambiguous  NULL with an ambiguous_split finding on that table (glued digits in flattened text
 *              with several readings: a legitimate doubt, not an error)
 *   explained  NULL with another warning/error finding on that table and row (or the whole table)
 *   wrong      anything else: a parser bug (a different number, or NULL with no finding)
 * Reports: truth reports found as records, damaged files rejected, duplicates linked, and the
 * flagged counts against the identities broken on purpose.
 * Memory stays bounded at 100,000 reports: truth files are read one at a time and the warehouse's
 * cells are loaded for a batch of reports at a time (CHUNK), never all 23 million at once.
 */
import { existsSync, readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { parseArgs } from "node:util";
import { DuckDBInstance } from "@duckdb/node-api";
import { TABLE3_COLUMNS, TABLE4_COLUMNS } from "../../data-loaders/format/catalogue.ts";

const T3 = TABLE3_COLUMNS.map((c) => c.key);
const T4 = TABLE4_COLUMNS.map((c) => c.key);

interface Truth {
  id?: string; agency?: string; year?: number; format?: string; layout?: string; glued?: boolean; files?: string[];
  table_2?: Record<string, Record<string, number>>; table_3?: Record<string, number[]>; table_4?: number[];
  broken_identity?: { identity: string; table: string; row: string | null; column: string } | null; damaged?: string;
}

export interface Accuracy {
  cells: number; exact: number; ambiguous: number; explained: number; wrong: number;
  by_layout: Record<string, { cells: number; exact: number; ambiguous: number; explained: number; wrong: number }>;
  reports: number; records_found: number; missing: string[];
  agency_wrong: number; year_wrong: number; format_wrong: number;
  damaged: number; damaged_rejected: number; duplicates: number; duplicates_linked: number;
  broken: number; broken_flagged: number; clean: number; clean_flagged: number; flagged_total: number;
  wrong_examples: string[]; missing_examples: string[]; false_flag_examples: string[];
}

function rowsOf<T>(reader: { getRowObjectsJS(): unknown[] }): T[] {
  return reader.getRowObjectsJS() as T[];
}

export async function checkAccuracy(corpus: string, warehouse: string): Promise<Accuracy> {
  const truthDir = join(corpus, "truth");
  const truthIds = readdirSync(truthDir).filter((f) => f.endsWith(".json") && !f.startsWith("_")).map((f) => f.slice(0, -5)).sort();
  const readTruth = (id: string): Truth => JSON.parse(readFileSync(join(truthDir, `${id}.json`), "utf8"));
  const db = await DuckDBInstance.create(":memory:");
  const c = await db.connect();
  const q = async <T>(sql: string) => rowsOf<T>(await c.runAndReadAll(sql));
  const pq = (t: string) => `'${join(warehouse, `${t}.parquet`).replace(/'/g, "''")}'`;
  const files = await q<{ path: string; status: string; report_id: string | null }>(`SELECT path, status, report_id FROM ${pq("files")}`);
  const reports = await q<{ report_id: string; path: string; agency: string | null; year: number | null; format: string | null; status: string; is_record: boolean; duplicate_of: string | null }>(
    `SELECT report_id, path, agency, year, format, status, is_record, duplicate_of FROM ${pq("reports")}`);
  const findings = await q<{ report_id: string; code: string; severity: string; table_name: string | null; row: string | null; column: string | null }>(
    `SELECT report_id, code, severity, table_name, "row", "column" FROM ${pq("findings")} WHERE report_id IS NOT NULL AND severity <> 'info'`);
  const idOf = (path: string) => path.slice(path.lastIndexOf("/") + 1).replace(/\.[^.]+$/, "");
  /** The cells of a batch of reports of record, keyed report|table|row|column. */
  const cellsOf = async (reportIds: string[]): Promise<Map<string, number | null>> => {
    const cells = new Map<string, number | null>();
    if (!reportIds.length) return cells;
    await c.run(`CREATE OR REPLACE TEMP TABLE __batch AS SELECT unnest([${reportIds.map((r) => `'${r.replace(/'/g, "''")}'`).join(",")}]) AS report_id`);
    const inBatch = `WHERE report_id IN (SELECT report_id FROM __batch)`;
    for (const x of await q<{ report_id: string; subtable: string; row: string; column: string; value: number | null }>(`SELECT report_id, subtable, "row", "column", value FROM ${pq("table2_cells")} ${inBatch}`)) cells.set(`${x.report_id}|table_2|${x.subtable}/${x.row}|${x.column}`, x.value);
    for (const x of await q<{ report_id: string; row: string; column: string; value: number | null }>(`SELECT report_id, "row", "column", value FROM ${pq("table3_cells")} ${inBatch}`)) cells.set(`${x.report_id}|table_3|${x.row}|${x.column}`, x.value);
    for (const x of await q<{ report_id: string; column: string; value: number | null }>(`SELECT report_id, "column", value FROM ${pq("table4_cells")} ${inBatch}`)) cells.set(`${x.report_id}|table_4||${x.column}`, x.value);
    return cells;
  };
  const fByReport = new Map<string, typeof findings>();
  for (const f of findings) { const a = fByReport.get(f.report_id) ?? []; a.push(f); fByReport.set(f.report_id, a); }
  const reportsById = new Map<string, typeof reports>();
  for (const r of reports) { const a = reportsById.get(idOf(r.path)) ?? []; a.push(r); reportsById.set(idOf(r.path), a); }
  const fileStatus = new Map(files.map((f) => [f.path, f.status]));

  const A: Accuracy = { cells: 0, exact: 0, ambiguous: 0, explained: 0, wrong: 0, by_layout: {}, reports: 0, records_found: 0, missing: [],
    agency_wrong: 0, year_wrong: 0, format_wrong: 0, damaged: 0, damaged_rejected: 0, duplicates: 0, duplicates_linked: 0,
    broken: 0, broken_flagged: 0, clean: 0, clean_flagged: 0, flagged_total: reports.filter((r) => r.status === "flagged").length,
    wrong_examples: [], missing_examples: [], false_flag_examples: [] };

  const CHUNK = 5000;
  let cells = new Map<string, number | null>();
  for (let k = 0; k < truthIds.length; k++) {
    if (k % CHUNK === 0) {
      const batch = truthIds.slice(k, k + CHUNK).flatMap((id) => (reportsById.get(id) ?? []).filter((r) => r.is_record).map((r) => r.report_id));
      cells = await cellsOf(batch);
    }
    const id = truthIds[k];
    const t = readTruth(id);
    if (t.damaged) {
      A.damaged++;
      if (t.files?.every((p) => fileStatus.get(p) === "rejected")) A.damaged_rejected++;
      continue;
    }
    A.reports++;
    const rs = reportsById.get(id) ?? [];
    const rec = rs.find((r) => r.is_record);
    if (!rec) { A.missing.push(id); if (A.missing_examples.length < 10) A.missing_examples.push(`${t.files?.[0]}: ${rs.length ? rs.map((r) => r.status).join(",") : fileStatus.get(t.files?.[0] ?? "") ?? "not in files"}`); continue; }
    A.records_found++;
    if ((t.files?.length ?? 0) > 1) { A.duplicates++; if (rs.length === 2 && rs.some((r) => !r.is_record && r.duplicate_of === rec.report_id)) A.duplicates_linked++; }
    if (rec.agency !== t.agency) A.agency_wrong++;
    if (rec.year !== t.year) A.year_wrong++;
    if (rec.format !== t.format) A.format_wrong++;
    if (t.broken_identity) { A.broken++; if (rec.status === "flagged") A.broken_flagged++; }
    else { A.clean++; if (rec.status === "flagged") { A.clean_flagged++; if (A.false_flag_examples.length < 10) A.false_flag_examples.push(`${rec.path} (${t.layout}${t.glued ? ", glued" : ""}): ${[...new Set((fByReport.get(rec.report_id) ?? []).map((f) => f.code))].join(", ")}`); } }
    const layout = `${t.layout}${t.glued ? " (glued)" : ""}`;
    const L = (A.by_layout[layout] ??= { cells: 0, exact: 0, ambiguous: 0, explained: 0, wrong: 0 });
    const fs = fByReport.get(rec.report_id) ?? [];
    const judge = (table: string, row: string, column: string, want: number) => {
      A.cells++; L.cells++;
      const key = `${rec.report_id}|${table}|${row}|${column}`;
      const got = cells.has(key) ? cells.get(key)! : undefined;
      if (got === want) { A.exact++; L.exact++; return; }
      if (got === null || got === undefined) {
        const onTable = fs.filter((f) => f.table_name === table || f.table_name === null);
        if (onTable.some((f) => f.code === "ambiguous_split" && (f.row === null || f.row === row || table === "table_2"))) { A.ambiguous++; L.ambiguous++; return; }
        if (onTable.some((f) => (f.row === null || f.row === row || (table === "table_2" && row.endsWith("/" + f.row))) && (f.column === null || f.column === column))) { A.explained++; L.explained++; return; }
      }
      A.wrong++; L.wrong++;
      if (A.wrong_examples.length < 40) A.wrong_examples.push(`${rec.path} [${layout}, format ${t.format}] ${table} ${row} ${column}: got ${got === undefined ? "no cell" : got}, truth ${want}`);
    };
    for (const [row, cols] of Object.entries(t.table_2 ?? {})) for (const [col, want] of Object.entries(cols)) judge("table_2", row, col, want);
    for (const [row, vals] of Object.entries(t.table_3 ?? {})) vals.forEach((want, i) => judge("table_3", row, T3[i], want));
    (t.table_4 ?? []).forEach((want, i) => judge("table_4", "", T4[i], want));
  }
  c.closeSync(); db.closeSync();
  return A;
}

export function accuracyLine(a: Accuracy): string {
  const pct = (x: number) => (a.cells ? ((100 * x) / a.cells).toFixed(2) : "0") + "%";
  return `cells ${a.cells}: exact ${a.exact} (${pct(a.exact)}), ambiguous ${a.ambiguous}, null with finding ${a.explained}, WRONG ${a.wrong}; ` +
    `reports ${a.records_found}/${a.reports} found (agency wrong ${a.agency_wrong}, year wrong ${a.year_wrong}, format wrong ${a.format_wrong}); ` +
    `flagged ${a.flagged_total}: ${a.broken_flagged}/${a.broken} broken-identity reports flagged, ${a.clean_flagged}/${a.clean} clean reports flagged; ` +
    `damaged rejected ${a.damaged_rejected}/${a.damaged}; duplicates linked ${a.duplicates_linked}/${a.duplicates}`;
}

if (process.argv[1]?.endsWith("accuracy.ts")) {
  const { values } = parseArgs({ options: { corpus: { type: "string" }, warehouse: { type: "string" }, json: { type: "boolean", default: false } } });
  if (!values.corpus || !values.warehouse || !existsSync(join(values.corpus, "truth"))) { process.stderr.write("usage: tsx scripts/generate/accuracy.ts --corpus DIR --warehouse DIR [--json]\n"); process.exit(2); }
  const a = await checkAccuracy(values.corpus, values.warehouse);
  if (values.json) process.stdout.write(JSON.stringify(a, null, 1) + "\n");
  else {
    process.stdout.write(accuracyLine(a) + "\n");
    for (const [l, x] of Object.entries(a.by_layout).sort()) process.stdout.write(`  ${l.padEnd(18)} cells ${x.cells} exact ${x.exact} ambiguous ${x.ambiguous} explained ${x.explained} wrong ${x.wrong}\n`);
    if (a.wrong_examples.length) process.stdout.write("wrong cells (parser bugs):\n" + a.wrong_examples.map((s) => "  " + s).join("\n") + "\n");
    if (a.missing_examples.length) process.stdout.write("reports not found as records:\n" + a.missing_examples.map((s) => "  " + s).join("\n") + "\n");
    if (a.false_flag_examples.length) process.stdout.write("clean reports flagged:\n" + a.false_flag_examples.map((s) => "  " + s).join("\n") + "\n");
  }
}
