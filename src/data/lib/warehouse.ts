// Shared helper for data loaders (src/data/*.arrow.ts): run SQL over the Parquet warehouse with
// @duckdb/node-api at build time and write the result to stdout as an Arrow IPC stream.
// Pages then read it with `FileAttachment("data/x.arrow").arrow()` or `sql:` front matter (DuckDB-wasm).
//
// Column types: BOOLEAN, integers up to 32 bits (→ Int32), BIGINT/HUGEINT/UINTEGER/UBIGINT
// (→ Float64 when every value is a safe integer: count(*) works as is), FLOAT/DOUBLE/DECIMAL (→ Float64),
// VARCHAR/ENUM (→ Utf8), DATE (→ DateDay), TIMESTAMP (→ TimestampMillisecond). Cast anything else in SQL
// (e.g. `to_json(list_col)::VARCHAR`); other types throw so that a loader never writes surprising data.

import {DuckDBInstance, DuckDBTypeId} from "@duckdb/node-api";
import {Bool, DateDay, Float64, Int32, Table, TimestampMillisecond, Utf8, tableToIPC, vectorFromArray} from "apache-arrow";
import type {DataType, Vector} from "apache-arrow";
import {existsSync} from "node:fs";
import {dirname, join, resolve} from "node:path";
import {fileURLToPath} from "node:url";

/** Absolute path of the warehouse folder (repo root /warehouse). */
export const WAREHOUSE = resolve(dirname(fileURLToPath(import.meta.url)), "../../../warehouse");

/** SQL source for a warehouse table: `FROM ${parquet("reports")}`. Throws if the file is missing. */
export function parquet(table: string): string {
  const path = join(WAREHOUSE, `${table}.parquet`);
  if (!existsSync(path)) throw new Error(`${path} is missing: run \`npm run warehouse\` first`);
  return `read_parquet('${path.replaceAll("'", "''")}')`;
}

/** Runs a query (DuckDB SQL) and returns its result as Arrow IPC stream bytes. */
export async function queryArrow(sql: string): Promise<Uint8Array> {
  const instance = await DuckDBInstance.create(":memory:");
  const connection = await instance.connect();
  try {
    const reader = await connection.runAndReadAll(sql);
    const names = reader.columnNames();
    const types = reader.columnTypes();
    const columns = reader.getColumnsJS();
    const vectors: Record<string, Vector> = {};
    names.forEach((name, i) => (vectors[name] = toVector(name, types[i].typeId, columns[i] ?? [])));
    // Stream format, with its end-of-stream marker: the only form DuckDB-wasm (`sql:` front matter) accepts.
    return tableToIPC(new Table(vectors), "stream");
  } finally {
    connection.closeSync();
    instance.closeSync();
  }
}

/** Runs a query and writes the Arrow IPC stream to stdout: the whole body of a typical loader. */
export async function writeArrow(sql: string): Promise<void> {
  const bytes = await queryArrow(sql);
  await new Promise<void>((resolve, reject) => process.stdout.write(bytes, (error) => (error ? reject(error) : resolve())));
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
    case T.VARCHAR: case T.ENUM:
      return as(new Utf8(), String);
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
