/**
 * Write the warehouse: one Parquet file per table (zstd) plus DATA_DICTIONARY.md.
 *
 * Rows go into an in-memory DuckDB through the Appender (no per-row SQL), then each table is
 * copied out with COPY ... (FORMAT parquet, COMPRESSION zstd). Rows arrive already sorted
 * (records.ts) and DuckDB runs on one thread, so the bytes are the same from run to run.
 * Everything is written into a temporary folder inside the output folder first and then renamed
 * into place, so readers never see half a warehouse file.
 */
import { mkdirSync, readdirSync, renameSync, rmSync, statSync, writeFileSync } from "node:fs";
import { join, resolve } from "node:path";
import { DuckDBDataChunk, DuckDBInstance, DOUBLE, INTEGER, dateValue, type DuckDBAppender, type DuckDBConnection } from "@duckdb/node-api";
import type { CodedTable, Dict, Row, Rows } from "./records.ts";
import { TABLES, type ColType, type TableDef } from "./tables.ts";
import { labelRows } from "./labels.ts";

export const DICTIONARY_FILE = "DATA_DICTIONARY.md";

/**
 * DuckDB's memory while writing: beyond this it spills to a temporary folder inside the output folder.
 * Without a limit DuckDB may take 80% of RAM; at 100,000 reports the run peaked at 6 GB, most of it
 * DuckDB's while it copied the cell tables out.
 */
export const DUCKDB_MEMORY_LIMIT = "1GB";

/** Options of the DuckDB instances of the writers: one thread (deterministic bytes), bounded memory. */
export function duckdbOptions(spillDir: string): Record<string, string> {
  return { threads: "1", memory_limit: DUCKDB_MEMORY_LIMIT, temp_directory: spillDir };
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

function appendAll(app: DuckDBAppender, def: TableDef, rows: Row[]): void {
  const puts = def.columns.map((c) => PUT[c.type]);
  const n = puts.length;
  for (const row of rows) {
    if (row.length !== n) throw new Error(`${def.name}: a row has ${row.length} values for ${n} columns`);
    for (let i = 0; i < n; i++) puts[i](app, row[i]);
    app.endRow();
  }
}

const CHUNK = 2048; // DuckDB's vector size: rows per appended chunk

/** A coded table goes into a staging table of numbers, chunk by chunk, column by column. */
function appendCoded(app: DuckDBAppender, def: TableDef, t: CodedTable): void {
  const types = def.columns.map((c) => (c.type === "DOUBLE" ? DOUBLE : INTEGER));
  if (t.columns.length !== types.length) throw new Error(`${def.name}: ${t.columns.length} columns for ${types.length}`);
  for (let s = 0; s < t.length; s += CHUNK) {
    const e = Math.min(t.length, s + CHUNK);
    const chunk = DuckDBDataChunk.create(types, e - s);
    chunk.setColumns(t.columns.map((col) => col.slice(s, e)));
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
function decodeSelect(def: TableDef, stage: string): string {
  const sel = def.columns.map((c) => (c.type === "VARCHAR" ? `__d.l[t.${ident(c.name)} + 1] AS ${ident(c.name)}` : `t.${ident(c.name)}`));
  return `SELECT ${sel.join(", ")} FROM ${ident(stage)} t, (SELECT list(s ORDER BY i) AS l FROM __dict) __d`;
}

export interface WriteTimings { append: number; copy: number }

/** Write every table of `rows` into outDir; returns file name -> size of what was written.
 * Consumes `rows`: each table's rows are dropped once DuckDB holds them. */
export async function writeWarehouse(outDir: string, rows: Rows, timings?: WriteTimings): Promise<Record<string, number>> {
  const out = resolve(outDir);
  mkdirSync(out, { recursive: true });
  const tmp = join(out, `.tmp-${process.pid}-${Date.now().toString(36)}`);
  mkdirSync(tmp, { recursive: true });
  const instance = await DuckDBInstance.create(":memory:", duckdbOptions(join(tmp, ".spill")));
  const conn = await instance.connect();
  const written: string[] = [];
  try {
    let dictDone = false;
    for (const def of TABLES) {
      const data = rows[def.name as keyof Rows];
      if (!data) throw new Error(`no rows for table ${def.name}`);
      const isCoded = !Array.isArray(data);
      const colType = (c: { type: ColType }) => (isCoded && c.type === "VARCHAR" ? "INTEGER" : c.type);
      const cols = def.columns.map((c) => `${ident(c.name)} ${colType(c)}`).join(", ");
      await conn.run(`CREATE TABLE ${ident(def.name)} (${cols})`);
      let t = performance.now();
      if (isCoded && !dictDone) { await writeDict(conn, (data as CodedTable).dict); dictDone = true; }
      const app = await conn.createAppender(def.name);
      if (isCoded) appendCoded(app, def, data as CodedTable); else appendAll(app, def, data as Row[]);
      app.closeSync();
      (rows as unknown as Record<string, unknown>)[def.name] = []; // consumed: DuckDB holds the table now
      if (timings) timings.append += performance.now() - t;
      if (process.env.WAREHOUSE_DEBUG_TIMINGS) process.stderr.write(`append ${def.name} ${(performance.now() - t).toFixed(0)} ms\n`);
      t = performance.now();
      const file = `${def.name}.parquet`;
      const source = isCoded ? `(${decodeSelect(def, def.name)})` : ident(def.name);
      await conn.run(`COPY ${source} TO ${sqlString(join(tmp, file))} (FORMAT parquet, COMPRESSION zstd)`);
      await conn.run(`DROP TABLE ${ident(def.name)}`);
      if (timings) timings.copy += performance.now() - t;
      if (process.env.WAREHOUSE_DEBUG_TIMINGS) process.stderr.write(`copy ${def.name} ${(performance.now() - t).toFixed(0)} ms\n`);
      written.push(file);
    }
    writeFileSync(join(tmp, DICTIONARY_FILE), dictionaryMarkdown());
    written.push(DICTIONARY_FILE);
    const sizes: Record<string, number> = {};
    for (const f of written) {
      renameSync(join(tmp, f), join(out, f));
      sizes[f] = statSync(join(out, f)).size;
    }
    return sizes;
  } finally {
    conn.closeSync();
    instance.closeSync();
    rmSync(tmp, { recursive: true, force: true });
  }
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
