/**
 * Write the warehouse: one Parquet file per table (zstd), the hive-partitioned copy by report year
 * (partition.ts) and DATA_DICTIONARY.md.
 *
 * Rows go into an in-memory DuckDB through the Appender (no per-row SQL); each table is then copied
 * out with COPY ... (FORMAT parquet, COMPRESSION zstd), once whole and, for the partitioned tables,
 * once per year from the same staged rows (one plain COPY per year file). Rows arrive already sorted
 * (records.ts) and every COPY keeps that order (preserve_insertion_order), so the bytes are the same
 * from run to run: a plain COPY writes the same row groups on 1 or 2 threads (measured on the 16.7 M
 * table-3 cells of 100,000 reports; DuckDB's PARTITION_BY writer does not, hence one COPY per year).
 * Everything is written into a temporary folder inside the output folder first and then renamed
 * into place, so readers never see half a warehouse file.
 */
import { mkdirSync, readdirSync, renameSync, rmSync, statSync, writeFileSync } from "node:fs";
import { join, resolve } from "node:path";
import { DuckDBDataChunk, DuckDBInstance, DOUBLE, INTEGER, dateValue, type DuckDBAppender, type DuckDBConnection } from "@duckdb/node-api";
import type { CodedTable, Dict, Row, Rows } from "./records.ts";
import { TABLES, tableDef, type ColType, type TableDef } from "./tables.ts";
import { labelRows } from "./labels.ts";
import { PARTITION_DIR, PARTITIONED_TABLES, partitionFolder, swapInPartitions } from "./partition.ts";

export const DICTIONARY_FILE = "DATA_DICTIONARY.md";

/**
 * DuckDB's memory while writing: beyond this it spills to a temporary folder inside the output folder.
 * Without a limit DuckDB may take 80% of RAM; at 100,000 reports the run peaked at 6 GB, most of it
 * DuckDB's while it copied the cell tables out.
 */
export const DUCKDB_MEMORY_LIMIT = "1GB";

/** Threads of the writers' DuckDB: both cores (the parse workers are done when the writer runs). */
export const DUCKDB_THREADS = "2";

/** Options of the DuckDB instances of the writers: bounded memory, spilling into `spillDir`. */
export function duckdbOptions(spillDir: string): Record<string, string> {
  return { threads: DUCKDB_THREADS, memory_limit: DUCKDB_MEMORY_LIMIT, temp_directory: spillDir };
}

type Put = (a: DuckDBAppender, v: unknown) => void;

const PUT: Record<ColType, Put> = {
  VARCHAR: (a, v) => (v === null || v === undefined ? a.appendNull() : a.appendVarchar(typeof v === "string" ? v : String(v))),
  INTEGER: (a, v) => (v === null || v === undefined ? a.appendNull() : a.appendInteger(v as number)),
  BIGINT: (a, v) => (v === null || v === undefined ? a.appendNull() : a.appendBigInt(BigInt(v as number))),
  DOUBLE: (a, v) => (v === null || v === undefined ? a.appendNull() : a.appendDouble(v as number)),
  BOOLEAN: (a, v) => (v === null || v === undefined ? a.appendNull() : a.appendBoolean(v as boolean)),
  DATE: (a, v) => (v === null || v === undefined ? a.appendNull() : a.appendDate(dateValue(v as number))),
};

function ident(name: string): string {
  return `"${name.replace(/"/g, '""')}"`;
}

function sqlString(s: string): string {
  return `'${s.replace(/'/g, "''")}'`;
}

/** Rows into the staging table; `yearOf` (partitioned tables without a year column) fills the last
 * staging column, __year, with the year of the row's report. */
function appendAll(app: DuckDBAppender, def: TableDef, rows: Row[], yearOf?: (row: Row) => number | null): void {
  const puts = def.columns.map((c) => PUT[c.type]);
  const n = puts.length;
  for (const row of rows) {
    if (row.length !== n) throw new Error(`${def.name}: a row has ${row.length} values for ${n} columns`);
    for (let i = 0; i < n; i++) puts[i](app, row[i]);
    if (yearOf) PUT.INTEGER(app, yearOf(row));
    app.endRow();
  }
}

const CHUNK = 2048; // DuckDB's vector size: rows per appended chunk

/** A coded table goes into a staging table of numbers, chunk by chunk, column by column; `yearOfCode`
 * (partitioned tables) fills the last staging column, __year, from the report_id codes (column 0). */
function appendCoded(app: DuckDBAppender, def: TableDef, t: CodedTable, yearOfCode?: (number | null)[]): void {
  const types = def.columns.map((c) => (c.type === "DOUBLE" ? DOUBLE : INTEGER));
  if (t.columns.length !== types.length) throw new Error(`${def.name}: ${t.columns.length} columns for ${types.length}`);
  if (yearOfCode && def.columns[0].name !== "report_id") throw new Error(`${def.name}: report_id is not its first column`);
  if (yearOfCode) types.push(INTEGER);
  for (let s = 0; s < t.length; s += CHUNK) {
    const e = Math.min(t.length, s + CHUNK);
    const chunk = DuckDBDataChunk.create(types, e - s);
    const cols = t.columns.map((col) => col.slice(s, e));
    if (yearOfCode) cols.push(cols[0].map((code) => (code === null ? null : yearOfCode[code] ?? null)));
    chunk.setColumns(cols);
    app.appendDataChunk(chunk);
  }
}

async function writeDict(conn: DuckDBConnection, dict: Dict): Promise<void> {
  await conn.run(`CREATE TABLE __dict (i INTEGER, s VARCHAR)`);
  const app = await conn.createAppender("__dict");
  dict.list.forEach((s, i) => { app.appendInteger(i); app.appendVarchar(s); app.endRow(); });
  app.closeSync();
}

/** SELECT decoding a coded staging table back to strings (a list lookup per value; a plain
 * projection of one table keeps insertion order, which is the final order). */
function decodeSelect(def: TableDef, stage: string, where = ""): string {
  const sel = def.columns.map((c) => (c.type === "VARCHAR" ? `__d.l[t.${ident(c.name)} + 1] AS ${ident(c.name)}` : `t.${ident(c.name)}`));
  return `SELECT ${sel.join(", ")} FROM ${ident(stage)} t, (SELECT list(s ORDER BY i) AS l FROM __dict) __d${where}`;
}

/** How a staged table names its rows' report year: its own year column (reports), or the staging
 * column __year that the writer adds (the year of the row's report). */
interface YearOf { expr: string; exclude: string }

function yearOf(def: TableDef): YearOf {
  if (def.columns.some((c) => c.name === "year")) return { expr: `t.year`, exclude: "year" };
  return { expr: `t.__year`, exclude: "__year" };
}

/** report_id -> report year, from the reports rows. */
function reportYears(reports: Row[]): Map<string, number | null> {
  const cols = tableDef("reports").columns.map((c) => c.name);
  const id = cols.indexOf("report_id"), year = cols.indexOf("year");
  const m = new Map<string, number | null>();
  for (const r of reports) m.set(r[id] as string, (r[year] as number | null) ?? null);
  return m;
}

/** Milliseconds appending rows, and copying them out (flat and by year files; the whileCopying hook included). */
export interface WriteTimings { append: number; copy: number }

/**
 * `whileCopying` runs while DuckDB writes this table's files. Not table3_cells, whose copies take
 * longest: at 100,000 reports the run then peaked at 4.5 GB (the recycled-statement search on top of
 * the rows not yet written), against 3.35 GB with sections, the last large table.
 */
const OVERLAP_TABLE = "sections";

export interface WriteHooks {
  /** Synchronous work to do while DuckDB writes OVERLAP_TABLE's files on its own threads (the warehouse
   * run finds the recycled statements then). Runs once, before any table after it in TABLES is read
   * from `rows` (recycled_pairs is one). */
  whileCopying?: () => void;
}

/** Write every table of `rows` into outDir, and the partitioned tables into outDir/by_year; returns
 * file name (relative to outDir) -> size of what was written.
 * Consumes `rows`: each table's rows are dropped once DuckDB holds them. */
export async function writeWarehouse(outDir: string, rows: Rows, timings?: WriteTimings, hooks: WriteHooks = {}): Promise<Record<string, number>> {
  const out = resolve(outDir);
  mkdirSync(out, { recursive: true });
  const tmp = join(out, `.tmp-${process.pid}-${Date.now().toString(36)}`);
  mkdirSync(tmp, { recursive: true });
  const instance = await DuckDBInstance.create(":memory:", duckdbOptions(join(tmp, ".spill")));
  const conn = await instance.connect();
  const written: string[] = [];
  const years = reportYears(rows.reports);
  const partitioned = new Set<string>(PARTITIONED_TABLES);
  try {
    let dictDone = false;
    for (const def of TABLES) {
      const data = rows[def.name as keyof Rows];
      if (!data) throw new Error(`no rows for table ${def.name}`);
      const isCoded = !Array.isArray(data);
      const byYear = partitioned.has(def.name) ? yearOf(def) : null;
      const stagedYear = byYear?.exclude === "__year"; // a staging column the files do not get
      const colType = (c: { type: ColType }) => (isCoded && c.type === "VARCHAR" ? "INTEGER" : c.type);
      const cols = def.columns.map((c) => `${ident(c.name)} ${colType(c)}`);
      if (stagedYear) cols.push(`__year INTEGER`);
      await conn.run(`CREATE TABLE ${ident(def.name)} (${cols.join(", ")})`);
      let t = performance.now();
      if (isCoded && !dictDone) { await writeDict(conn, (data as CodedTable).dict); dictDone = true; }
      const app = await conn.createAppender(def.name);
      if (isCoded) {
        const dict = (data as CodedTable).dict;
        appendCoded(app, def, data as CodedTable, byYear ? dict.list.map((s) => years.get(s) ?? null) : undefined);
      }
      else {
        const rid = def.columns.findIndex((c) => c.name === "report_id");
        appendAll(app, def, data as Row[], stagedYear ? (r) => (r[rid] === null ? null : years.get(r[rid] as string) ?? null) : undefined);
      }
      app.closeSync();
      (rows as unknown as Record<string, unknown>)[def.name] = []; // consumed: DuckDB holds the table now
      if (timings) timings.append += performance.now() - t;
      if (process.env.WAREHOUSE_DEBUG_TIMINGS) process.stderr.write(`append ${def.name} ${(performance.now() - t).toFixed(0)} ms\n`);
      t = performance.now();
      const select = (where = "") => isCoded
        ? decodeSelect(def, def.name, where)
        : `SELECT * ${stagedYear ? "EXCLUDE (__year) " : ""}FROM ${ident(def.name)} t${where}`;
      const file = `${def.name}.parquet`;
      const copies: Copy[] = [{ sql: select(), file }];
      if (byYear) copies.push(...(await copiesByYear(conn, def, byYear, select)));
      for (const c of copies) mkdirSync(join(tmp, c.file, ".."), { recursive: true });
      const copy = (c: Copy, on: DuckDBConnection) => on.run(`COPY (${c.sql}) TO ${sqlString(join(tmp, c.file))} (FORMAT parquet, COMPRESSION zstd)`);
      // every copy on a connection of its own, all running at once on DuckDB's threads (each COPY
      // writes its own file in its own row order: the bytes do not depend on the others); the
      // hook, if it is this table's turn, runs on this thread meanwhile
      const conns = copies.length > 1 ? await Promise.all(copies.map(() => instance.connect())) : [conn];
      const running = copies.map((c, i) => copy(c, conns[i]));
      running.forEach((p) => p.catch(() => undefined)); // awaited below
      try {
        if (def.name === OVERLAP_TABLE) hooks.whileCopying?.();
      } finally {
        await Promise.all(running).finally(() => { for (const c of conns) if (c !== conn) c.closeSync(); });
      }
      written.push(...copies.map((c) => c.file));
      if (timings) timings.copy += performance.now() - t;
      await conn.run(`DROP TABLE ${ident(def.name)}`);
      if (process.env.WAREHOUSE_DEBUG_TIMINGS) process.stderr.write(`copy ${def.name} ${(performance.now() - t).toFixed(0)} ms\n`);
    }
    writeFileSync(join(tmp, DICTIONARY_FILE), dictionaryMarkdown());
    written.push(DICTIONARY_FILE);
    const sizes: Record<string, number> = {};
    for (const f of written) {
      if (f.startsWith(`${PARTITION_DIR}/`)) continue;
      renameSync(join(tmp, f), join(out, f));
      sizes[f] = statSync(join(out, f)).size;
    }
    Object.assign(sizes, swapInPartitions(out, join(tmp, PARTITION_DIR)));
    return sizes;
  } finally {
    conn.closeSync();
    instance.closeSync();
    rmSync(tmp, { recursive: true, force: true });
  }
}

interface Copy { sql: string; file: string }

/** One COPY per report year (rows of no year: the hive default partition), in the flat file's row
 * order, without the year column (it is in the folder name). */
async function copiesByYear(conn: DuckDBConnection, def: TableDef, y: YearOf, select: (where?: string) => string): Promise<Copy[]> {
  const present = (await conn.runAndReadAll(`SELECT DISTINCT ${y.expr} AS y FROM ${ident(def.name)} t ORDER BY y NULLS LAST`)).getRows().map(([v]) => (v === null ? null : Number(v)));
  return present.map((year) => {
    const where = ` WHERE ${year === null ? `${y.expr} IS NULL` : `${y.expr} = ${year}`}`;
    return {
      sql: y.exclude === "year" ? `SELECT * EXCLUDE (year) FROM (${select(where)})` : select(where),
      file: `${PARTITION_DIR}/${def.name}/${partitionFolder(year)}/part-0.parquet`,
    };
  });
}

/** Remove temporary folders a killed run may have left behind. */
export function cleanStaleTemps(outDir: string): void {
  let names: string[];
  try { names = readdirSync(outDir); } catch { return; }
  for (const n of names) if (n.startsWith(".tmp-")) rmSync(join(outDir, n), { recursive: true, force: true });
}

function md(s: string | null): string {
  return (s ?? "").replace(/\|/g, "\\|").replace(/\n/g, " ");
}

export function dictionaryMarkdown(): string {
  const L: string[] = [];
  L.push("# Data dictionary of the warehouse", "");
  L.push("Generated by `npm run warehouse` (data-loaders/warehouse/tables.ts); do not edit. Chinese labels come from data-loaders/format/schema.json.", "");
  L.push("Reading the tables:", "");
  L.push("- Several files can be one report (an .html page and its .txt copy). `reports.is_record` marks the one report of record; the cell tables and `sections` hold records only, so sums over them count each report once. Copies are compared with their record in `findings` (codes duplicate_disagrees, duplicate_less_complete).");
  L.push("- A blank or unreadable cell is NULL, never 0. Pre-2019 reports (status pre2019) have no cells at all.");
  L.push("- `column` is a reserved word in SQL: write `\"column\"` or `t.column`.");
  L.push("- Keys are English; join `labels` for the Chinese and English labels (see the kinds below).", "");
  for (const t of TABLES) {
    L.push(`## ${t.name}`, "", t.meaning, "", "| column | type | meaning | label_zh |", "|---|---|---|---|");
    for (const c of t.columns) L.push(`| ${c.name} | ${c.type} | ${md(c.meaning)} | ${md(c.label_zh ? c.label_zh() : null)} |`);
    L.push("");
  }
  L.push("## Keys and labels (labels.parquet)", "");
  const kinds = [...new Set(labelRows().map((l) => l.kind))];
  for (const k of kinds) {
    L.push(`### ${k}`, "", "| key | parent | zh | en |", "|---|---|---|---|");
    for (const l of labelRows().filter((x) => x.kind === k)) L.push(`| ${md(l.key)} | ${md(l.parent)} | ${md(l.zh_full)} | ${md(l.en)} |`);
    L.push("");
  }
  return L.join("\n");
}
