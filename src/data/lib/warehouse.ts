// Shared helper for data loaders (src/data/*.ts): run SQL over the Parquet warehouse with
// @duckdb/node-api at build time and write the result to stdout (Arrow IPC stream, JSON or a tar archive).
// Pages then read it with `arrowTable(FileAttachment("data/x.arrow"))` (src/components/data.js),
// `FileAttachment("data/x.json").json()`, or a member of an archive (`FileAttachment("../data/agency/<archive>/<shard>.json")`
// is extracted by Framework from the output of `data/agency/[archive].tar.ts`).
//
// Every warehouse table is a view of the same name in the loader's connection (`FROM reports`), plus
// `records`: the reports of record (is_record), one row per report, with the agency key and id that
// every page uses (AGENCY_KEY / AGENCY_ID below; the agency shards use the same id).
//
// Column types of writeArrow: BOOLEAN, integers up to 32 bits (→ Int32), BIGINT/HUGEINT/UINTEGER/UBIGINT
// (→ Float64 when every value is a safe integer: count(*) works as is), FLOAT/DOUBLE/DECIMAL (→ Float64),
// VARCHAR/ENUM (→ Utf8), DATE (→ DateDay), TIMESTAMP (→ TimestampMillisecond). Cast anything else in SQL
// (e.g. `to_json(list_col)::VARCHAR`); other types throw so that a loader never writes surprising data.

import {DuckDBInstance, DuckDBTypeId, type DuckDBConnection} from "@duckdb/node-api";
import {Bool, DateDay, Dictionary, Float64, Int32, Table, TimestampMillisecond, Utf8, tableToIPC, vectorFromArray} from "apache-arrow";
import type {DataType, Vector} from "apache-arrow";
import {existsSync} from "node:fs";
import {dirname, join, resolve} from "node:path";
import {fileURLToPath} from "node:url";

/** Absolute path of the warehouse folder (repo root /warehouse; GID_WAREHOUSE overrides it). */
export const WAREHOUSE = process.env.GID_WAREHOUSE
  ? resolve(process.env.GID_WAREHOUSE)
  : resolve(dirname(fileURLToPath(import.meta.url)), "../../../warehouse");

/** The warehouse tables (file names without .parquet), in the order the About page lists them. */
export const TABLES = ["reports", "files", "table2_cells", "table3_cells", "table4_cells", "findings", "sections", "labels", "data_dictionary", "disclosure_volumes", "problem_items", "fees", "stated_numbers", "narrative_checks", "recycled_pairs"] as const;

/**
 * The agency an annual report belongs to, stable across years: the parser's normalized name
 * (printed name when the parser found none). Reports with no agency at all share one key.
 */
export const AGENCY_KEY = `coalesce(nullif(trim(agency_normalized), ''), nullif(trim(agency), ''), '(未识别机关 unidentified agency)')`;
/** URL id of an agency page (/agency/<id>): the first 12 hex digits of SHA-256 of AGENCY_KEY (UTF-8). */
export const AGENCY_ID = `left(sha256(${AGENCY_KEY}), 12)`;

/** SQL source for a warehouse table: `FROM ${parquet("reports")}`. Throws if the file is missing. */
export function parquet(table: string): string {
  const path = parquetPath(table);
  if (!existsSync(path)) throw new Error(`${path} is missing: run \`npm run warehouse\` first`);
  return `read_parquet('${path.replaceAll("'", "''")}')`;
}

export function parquetPath(table: string): string {
  return join(WAREHOUSE, `${table}.parquet`);
}

let connectionPromise: Promise<DuckDBConnection> | undefined;

/** One in-memory DuckDB per loader process, with a view per warehouse table and the `records` view. */
export function connection(): Promise<DuckDBConnection> {
  return (connectionPromise ??= (async () => {
    const instance = await DuckDBInstance.create(":memory:");
    const c = await instance.connect();
    for (const table of TABLES) await c.run(`CREATE VIEW ${table} AS SELECT * FROM ${parquet(table)}`);
    await c.run(`
      CREATE VIEW records AS
      SELECT ${AGENCY_ID} AS agency_id, ${AGENCY_KEY} AS agency_key, *
      FROM reports WHERE is_record`);
    return c;
  })());
}

/** Runs a query and returns plain rows (bigint → number, Date → "yyyy-mm-dd"), for JSON outputs. */
export async function queryRows<T = Record<string, unknown>>(sql: string): Promise<T[]> {
  const reader = await (await connection()).runAndReadAll(sql);
  const names = reader.columnNames();
  const columns = reader.getColumnsJS();
  const n = columns[0]?.length ?? 0;
  const rows: T[] = [];
  for (let i = 0; i < n; i++) {
    const row: Record<string, unknown> = {};
    names.forEach((name, j) => (row[name] = plain(columns[j][i])));
    rows.push(row as T);
  }
  return rows;
}

function plain(v: unknown): unknown {
  if (v == null) return null;
  if (typeof v === "bigint") {
    const n = Number(v);
    if (!Number.isSafeInteger(n)) throw new Error(`${v} is not a safe integer: cast it in SQL`);
    return n;
  }
  if (v instanceof Date) return v.toISOString().slice(0, 10);
  if (Array.isArray(v)) return v.map(plain);
  if (typeof v === "object" && (v as any).constructor === Object) {
    return Object.fromEntries(Object.entries(v as object).map(([k, x]) => [k, plain(x)]));
  }
  return v;
}

/** Runs a query (DuckDB SQL) and returns its result as Arrow IPC stream bytes. */
export async function queryArrow(sql: string): Promise<Uint8Array> {
  const reader = await (await connection()).runAndReadAll(sql);
  const names = reader.columnNames();
  const types = reader.columnTypes();
  const columns = reader.getColumnsJS();
  const vectors: Record<string, Vector> = {};
  names.forEach((name, i) => (vectors[name] = toVector(name, types[i].typeId, columns[i] ?? [])));
  // Stream format, with its end-of-stream marker: the only form DuckDB-wasm accepts.
  return tableToIPC(new Table(vectors), "stream");
}

/** Runs a query and writes the Arrow IPC stream to stdout: the whole body of a typical loader. */
export async function writeArrow(sql: string): Promise<void> {
  await writeStdout(await queryArrow(sql));
}

/** Writes a value as JSON to stdout. */
export async function writeJSON(value: unknown): Promise<void> {
  await writeStdout(new TextEncoder().encode(JSON.stringify(value)));
}

export function writeStdout(bytes: Uint8Array): Promise<void> {
  return new Promise<void>((resolve, reject) => process.stdout.write(bytes, (error) => (error ? reject(error) : resolve())));
}

/**
 * A tar archive (POSIX ustar, deterministic: mtime 0) of the given files. Framework extracts the
 * members pages reference: `data/x.tar.ts` writing member `a.json` serves `data/x/a.json`.
 */
export function tar(files: {name: string; data: Uint8Array | string}[]): Uint8Array {
  const blocks: Uint8Array[] = [];
  const encoder = new TextEncoder();
  for (const file of files) {
    const data = typeof file.data === "string" ? encoder.encode(file.data) : file.data;
    const name = encoder.encode(file.name);
    if (name.length > 100) throw new Error(`tar: name too long: ${file.name}`);
    const header = new Uint8Array(512);
    const put = (offset: number, text: string) => header.set(encoder.encode(text), offset);
    header.set(name, 0);
    put(100, "0000644\0");
    put(108, "0000000\0");
    put(116, "0000000\0");
    put(124, data.length.toString(8).padStart(11, "0") + "\0");
    put(136, "00000000000\0");
    put(148, "        ");
    put(156, "0");
    put(257, "ustar\0");
    put(263, "00");
    let sum = 0;
    for (const b of header) sum += b;
    put(148, sum.toString(8).padStart(6, "0") + "\0 ");
    blocks.push(header, data);
    const pad = (512 - (data.length % 512)) % 512;
    if (pad) blocks.push(new Uint8Array(pad));
  }
  blocks.push(new Uint8Array(1024));
  const out = new Uint8Array(blocks.reduce((n, b) => n + b.length, 0));
  let offset = 0;
  for (const b of blocks) out.set(b, offset), (offset += b.length);
  return out;
}

/** SQL string literal. */
export function literal(value: string): string {
  return `'${value.replaceAll("'", "''")}'`;
}

function toVector(name: string, typeId: DuckDBTypeId, values: unknown[]): Vector {
  const T = DuckDBTypeId;
  const as = <D extends DataType>(type: D, map: (v: any) => unknown = (v) => v) =>
    vectorFromArray(values.map((v) => (v == null ? null : map(v))), type);
  switch (typeId) {
    case T.BOOLEAN:
      return as(new Bool());
    case T.TINYINT: case T.SMALLINT: case T.INTEGER: case T.UTINYINT: case T.USMALLINT:
      return as(new Int32(), Number);
    case T.BIGINT: case T.HUGEINT: case T.UINTEGER: case T.UBIGINT: case T.UHUGEINT:
      return as(new Float64(), (v) => {
        const n = Number(v);
        if (!Number.isSafeInteger(n)) throw new Error(`column ${name}: ${v} is not a safe integer: cast it in SQL`);
        return n;
      });
    case T.FLOAT: case T.DOUBLE: case T.DECIMAL:
      return as(new Float64(), Number);
    case T.VARCHAR: case T.ENUM: {
      // Repetitive strings (keys, agency names, codes) are dictionary-encoded: much smaller files.
      const distinct = new Set(values).size;
      return distinct * 2 < values.length ? as(new Dictionary(new Utf8(), new Int32()), String) : as(new Utf8(), String);
    }
    case T.DATE:
      return as(new DateDay(), (v: Date) => v);
    case T.TIMESTAMP: case T.TIMESTAMP_MS: case T.TIMESTAMP_S: case T.TIMESTAMP_TZ:
      return as(new TimestampMillisecond(), (v: Date) => v.getTime());
    case T.SQLNULL:
      return as(new Utf8());
    default:
      throw new Error(`column ${name}: DuckDB type ${T[typeId]} is not supported by writeArrow: cast it in SQL`);
  }
}
