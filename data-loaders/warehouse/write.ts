/**
 * Write the warehouse: the rows a run built (records.ts) go into the store (store.ts), replacing the
 * stored rows of the files the run recomputed, and every table is then copied from the store to one
 * Parquet file (zstd), the partitioned tables once more per report year (partition.ts), plus
 * DATA_DICTIONARY.md.
 *
 * Rows go into temporary staging tables through the Appender (no per-row SQL; the cell tables as
 * integer codes, decoded on the way into the store), and from there into the store in the same
 * transaction that deletes the rows they replace. Each COPY ... (FORMAT parquet, COMPRESSION zstd)
 * reads a stored table in its stored order (preserve_insertion_order), so the same store gives the
 * same bytes: a plain COPY writes the same row groups on 1 or 2 threads (measured on the 16.7 M
 * table-3 cells of 100,000 reports; DuckDB's PARTITION_BY writer does not, hence one COPY per year).
 * Everything is written into a temporary folder inside the output folder first and then renamed
 * into place, so readers never see half a warehouse file.
 */
import { mkdirSync, readdirSync, renameSync, rmSync, statSync, writeFileSync } from "node:fs";
import { join, resolve } from "node:path";
import { DuckDBDataChunk, DOUBLE, INTEGER, dateValue, type DuckDBAppender, type DuckDBConnection } from "@duckdb/node-api";
import type { CodedTable, Dict, Row, Rows } from "./records.ts";
import { columnsOf, TABLES, tableDef, type ColType, type TableDef } from "./tables.ts";
import { labelRows } from "./labels.ts";
import { PARTITION_DIR, partitionFolder, swapInPartitions } from "./partition.ts";
import { ident, isPartitioned, sqlString, storesYear, type Store } from "./store.ts";

export const DICTIONARY_FILE = "DATA_DICTIONARY.md";

type Put = (a: DuckDBAppender, v: unknown) => void;

const PUT: Record<ColType, Put> = {
  VARCHAR: (a, v) => (v === null || v === undefined ? a.appendNull() : a.appendVarchar(typeof v === "string" ? v : String(v))),
  INTEGER: (a, v) => (v === null || v === undefined ? a.appendNull() : a.appendInteger(v as number)),
  BIGINT: (a, v) => (v === null || v === undefined ? a.appendNull() : a.appendBigInt(BigInt(v as number))),
  DOUBLE: (a, v) => (v === null || v === undefined ? a.appendNull() : a.appendDouble(v as number)),
  BOOLEAN: (a, v) => (v === null || v === undefined ? a.appendNull() : a.appendBoolean(v as boolean)),
  DATE: (a, v) => (v === null || v === undefined ? a.appendNull() : a.appendDate(dateValue(v as number))),
};

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
  await conn.run(`CREATE OR REPLACE TEMP TABLE __dict (i INTEGER, s VARCHAR)`);
  const app = await conn.createAppender("__dict", "main", "temp");
  dict.list.forEach((s, i) => { app.appendInteger(i); app.appendVarchar(s); app.endRow(); });
  app.closeSync();
}

/** SELECT decoding a coded staging table back to strings (a list lookup per value); `extra` names
 * staging columns taken as they are. */
function decodeSelect(def: TableDef, stage: string, extra: string[]): string {
  const sel = def.columns.map((c) => (c.type === "VARCHAR" ? `__d.l[t.${ident(c.name)} + 1]` : `t.${ident(c.name)}`));
  return `SELECT ${[...sel, ...extra.map((c) => `t.${c}`)].join(", ")} FROM ${ident(stage)} t, (SELECT list(s ORDER BY i) AS l FROM __dict) __d`;
}

/** How a stored table names its rows' report year: its own year column (reports), or __year. */
interface YearOf { expr: string; exclude: string }

function yearOf(def: TableDef): YearOf {
  if (def.columns.some((c) => c.name === "year")) return { expr: `year`, exclude: "year" };
  return { expr: `__year`, exclude: "__year" };
}

/** report_id -> report year, from the reports rows. */
function reportYears(reports: Row[]): Map<string, number | null> {
  const c = columnsOf("reports");
  const m = new Map<string, number | null>();
  for (const r of reports) m.set(r[c.report_id] as string, (r[c.year] as number | null) ?? null);
  return m;
}

/** Milliseconds updating the store (staging, deleting, inserting), and copying it out (flat and by
 * year files; the recycled search that runs meanwhile included). */
export interface WriteTimings { append: number; copy: number }

/** The stored rows a run replaces: those of the files it recomputed (their paths and report ids). */
export interface StoreChange { gonePaths: string[]; goneReportIds: string[] }

/** Computed from the store, not from the run's rows: every record of the corpus takes part. */
const RECYCLED = "recycled_pairs";

export interface WriteHooks {
  /** The rows of recycled_pairs (findRecycled over every record); runs on this thread while DuckDB
   * copies the other tables out. Without it recycled_pairs is left empty. */
  recycled?: () => Row[];
}

/** Adds `data` (one table's rows of this run) to the stored table, inside the caller's transaction:
 * plain rows through the Appender straight into it, coded cells into a staging table first and
 * decoded from there. */
async function insertRows(conn: DuckDBConnection, def: TableDef, data: Row[] | CodedTable, years: Map<string, number | null>): Promise<void> {
  const withYear = storesYear(def);
  if (Array.isArray(data)) {
    const rid = def.columns.findIndex((c) => c.name === "report_id");
    const app = await conn.createAppender(def.name);
    appendAll(app, def, data, withYear ? (r) => (r[rid] === null ? null : years.get(r[rid] as string) ?? null) : undefined);
    app.closeSync();
    return;
  }
  const stage = `__stage_${def.name}`;
  const cols = def.columns.map((c) => `${ident(c.name)} ${c.type === "VARCHAR" ? "INTEGER" : c.type}`);
  if (withYear) cols.push(`__year INTEGER`);
  await conn.run(`CREATE OR REPLACE TEMP TABLE ${ident(stage)} (${cols.join(", ")})`);
  const app = await conn.createAppender(stage, "main", "temp");
  appendCoded(app, def, data, withYear ? data.dict.list.map((s) => years.get(s) ?? null) : undefined);
  app.closeSync();
  await conn.run(`INSERT INTO ${ident(def.name)} ${decodeSelect(def, stage, withYear ? ["__year"] : [])}`);
  await conn.run(`DROP TABLE ${ident(stage)}`);
}

/** One transaction: the stored rows of `change` go, this run's rows (every table but recycled_pairs) come in. */
async function updateStore(store: Store, rows: Rows, change: StoreChange): Promise<void> {
  const conn = store.conn;
  const years = reportYears(rows.reports);
  await conn.run(`BEGIN TRANSACTION`);
  try {
    await store.newGeneration();
    await store.forget(change.gonePaths, change.goneReportIds);
    let dictDone = false;
    for (const def of TABLES) {
      if (def.name === RECYCLED) continue;
      const data = rows[def.name as keyof Rows];
      if (!data) throw new Error(`no rows for table ${def.name}`);
      const t = performance.now();
      if (!Array.isArray(data) && !dictDone) { await writeDict(conn, data.dict); dictDone = true; }
      await insertRows(conn, def, data, years);
      if (process.env.WAREHOUSE_DEBUG_TIMINGS) process.stderr.write(`store ${def.name} ${(performance.now() - t).toFixed(0)} ms\n`);
      (rows as unknown as Record<string, unknown>)[def.name] = []; // consumed: the store holds the table now
    }
    const t = performance.now();
    await conn.run(`COMMIT`);
    if (process.env.WAREHOUSE_DEBUG_TIMINGS) process.stderr.write(`store commit ${(performance.now() - t).toFixed(0)} ms\n`);
  } catch (e) {
    await conn.run(`ROLLBACK`).catch(() => undefined);
    throw e;
  }
}

interface Copy { sql: string; file: string }

/** The COPY statements of one stored table: the flat file and, when partitioned, one per year. */
async function copiesOf(conn: DuckDBConnection, def: TableDef): Promise<Copy[]> {
  const hidden = storesYear(def) ? " EXCLUDE (__year)" : "";
  const copies: Copy[] = [{ sql: `SELECT *${hidden} FROM ${ident(def.name)}`, file: `${def.name}.parquet` }];
  if (isPartitioned(def)) copies.push(...(await copiesByYear(conn, def, yearOf(def))));
  return copies;
}

/** Starts copies at once, each on a connection of its own (each COPY writes its own file in its own
 * row order: the bytes do not depend on the others). Resolves once they run, with `done`, which
 * resolves when all are written: this thread is free for other work meanwhile. */
async function startCopies(store: Store, copies: Copy[], tmp: string): Promise<{ done: Promise<void> }> {
  for (const c of copies) mkdirSync(join(tmp, c.file, ".."), { recursive: true });
  const conns = await Promise.all(copies.map(() => store.instance.connect()));
  const running = copies.map((c, i) => conns[i].run(`COPY (${c.sql}) TO ${sqlString(join(tmp, c.file))} (FORMAT parquet, COMPRESSION zstd)`));
  const done = Promise.all(running).then(() => undefined).finally(() => { for (const c of conns) c.closeSync(); });
  done.catch(() => undefined); // the caller awaits it
  return { done };
}

/** Put this run's rows into the store in place of `change`'s, then write every table of the store
 * into outDir (and the partitioned ones into outDir/by_year); returns file name (relative to outDir)
 * -> size of what was written. Consumes `rows`: each table's rows are dropped once the store holds them. */
export async function writeWarehouse(outDir: string, store: Store, rows: Rows, change: StoreChange, timings?: WriteTimings, hooks: WriteHooks = {}): Promise<Record<string, number>> {
  const out = resolve(outDir);
  mkdirSync(out, { recursive: true });
  const tmp = join(out, `.tmp-${process.pid}-${Date.now().toString(36)}`);
  mkdirSync(tmp, { recursive: true });
  try {
    let t = performance.now();
    await updateStore(store, rows, change);
    if (timings) timings.append += performance.now() - t;
    t = performance.now();
    // every table but recycled_pairs is written by DuckDB's threads while this one reads the records'
    // statements and finds the recycled ones
    const copies: Copy[] = [];
    for (const def of TABLES) if (def.name !== RECYCLED) copies.push(...(await copiesOf(store.conn, def)));
    const copying = await startCopies(store, copies, tmp);
    let recycled: Row[] = [];
    try {
      if (hooks.recycled) recycled = hooks.recycled();
    } finally {
      await copying.done;
    }
    await store.conn.run(`BEGIN TRANSACTION`);
    await insertRows(store.conn, tableDef(RECYCLED), recycled, new Map());
    await store.conn.run(`COMMIT`);
    const recycledCopies = await copiesOf(store.conn, tableDef(RECYCLED));
    await (await startCopies(store, recycledCopies, tmp)).done;
    if (timings) timings.copy += performance.now() - t;
    const written = [...copies, ...recycledCopies].map((c) => c.file);
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
    rmSync(tmp, { recursive: true, force: true });
  }
}

/** One COPY per report year (rows of no year: the hive default partition), in the stored order,
 * without the year column (it is in the folder name). */
async function copiesByYear(conn: DuckDBConnection, def: TableDef, y: YearOf): Promise<Copy[]> {
  const present = (await conn.runAndReadAll(`SELECT DISTINCT ${y.expr} AS y FROM ${ident(def.name)} ORDER BY y NULLS LAST`)).getRows().map(([v]) => (v === null ? null : Number(v)));
  return present.map((year) => ({
    sql: `SELECT * EXCLUDE (${y.exclude}) FROM ${ident(def.name)} WHERE ${year === null ? `${y.expr} IS NULL` : `${y.expr} = ${year}`}`,
    file: `${PARTITION_DIR}/${def.name}/${partitionFolder(year)}/part-0.parquet`,
  }));
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
  L.push("- Keys are English; join `labels` for the Chinese and English labels (see the kinds below).");
  L.push("- Row order is not a key: a run from nothing writes files, reports and findings by path and the cell tables and sections by year and report_id; an incremental run adds the rows it recomputed after the rows it kept. Use ORDER BY.", "");
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
