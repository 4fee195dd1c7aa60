// Data loader → src/data/warehouse.duckdb: every warehouse table in one DuckDB database file, for the SQL
// page (src/sql.md) and the About page's on-demand CSV downloads. The browser attaches it read-only over
// HTTP: DuckDB-wasm reads the catalogue, then only the blocks a query needs, with range requests (it
// cannot read Parquet offline: see ../shared/notes/stack.md).
//
// - Written by @duckdb/node-api with STORAGE_VERSION v1.1.0, the storage format DuckDB-wasm 1.29.0 (DuckDB
//   1.1) reads; a file written in a newer format would not attach in the browser.
// - The key columns of the cell tables (row, column, subtable, format, unit: a few hundred distinct strings)
//   are ENUMs, i.e. one byte per cell: measured on 10,000 reports in Chromium, the group-by over table3_cells
//   by (row, column) took 0.1 s in DuckDB-wasm against 0.5 s with VARCHAR keys. They compare, join and print
//   as strings (`c.row = 'granted'`, `JOIN labels l ON l.key = c.row`); CAST(… AS VARCHAR) where a string
//   function needs one. Every other column has the Parquet file's type.
// - Tables are copied with CREATE TABLE … AS SELECT (same columns and order as the Parquet files), in the
//   warehouse's order: the cell tables come sorted by report, so report_id repeats in runs and compresses to
//   a small dictionary per segment. Measured on a 10,000-report warehouse (1.65 M cells in table3_cells):
//   that table takes 5.8 MB in this order, 15.0 MB sorted by (row, column, report_id) (report_id, 16 hex
//   characters, then changes on every row and dominates), and sorting costs time. Strings are FSST- or
//   dictionary-compressed (storage v1.1.0 has no zstd), so the file is several times the Parquet size;
//   pages read only the blocks they query.
// - The cell tables are written a column at a time, so that each column's blocks are contiguous and in row
//   order in the file. DuckDB otherwise writes a table row group by row group (122,880 rows), each row
//   group's columns side by side, and with several threads the row groups in any order. DuckDB-wasm reads
//   an HTTP file with one read-ahead per column scanned, growing 16 KB → 64 KB → 256 KB → 1 MB → 4 MB → 16 MB
//   while that column's reads are sequential and starting over after a jump; with interleaved columns the
//   group-by over table3_cells (row, column, value) read the whole table, report_id included, partly several
//   times: 98 MB in 30 range requests at 100,000 reports (16.7 M cells). Column by column it reads 64 MB
//   (the three columns are 28 MB; the rest is each read-ahead's last 16 MB step running past its column's
//   end) and answers cold in 1.7 s instead of 2.3 s (BENCHMARKS.md). How: rows of NULLs (a NULL column takes
//   no block), then one UPDATE … FROM per column by row number with a CHECKPOINT after each, on one thread.
//   Values, types and row order are the Parquet file's (test/browser/site.test.ts compares every table of
//   the built file with its Parquet file row by row; scripts/bench-site.ts checks the group-by's answer).
import {DuckDBInstance} from "@duckdb/node-api";
import {createReadStream} from "node:fs";
import {mkdtemp, rm} from "node:fs/promises";
import {tmpdir} from "node:os";
import {join} from "node:path";
import {literal, parquet, parquetPath, TABLES} from "./lib/warehouse.ts";

/** Key columns of the cell tables stored as ENUM (VARCHAR in the Parquet files). */
const ENUM_COLUMNS = ["subtable", "row", "column", "format", "unit"];

const temp = await mkdtemp(join(tmpdir(), "gid-duckdb-"));
try {
  const file = join(temp, "warehouse.duckdb");
  const instance = await DuckDBInstance.create(":memory:");
  const c = await instance.connect();
  // One thread: DuckDB then writes a table's row groups in order, so each column's blocks follow the row
  // order in the file (with several threads they come out shuffled and a scan jumps back and forth: each
  // jump restarts DuckDB-wasm's read-ahead, which then re-reads overlapping ranges).
  await c.run(`SET threads = 1`);
  await c.run(`ATTACH ${literal(file)} AS out (STORAGE_VERSION 'v1.1.0')`);
  for (const table of TABLES) {
    const source = parquet(table);
    const columns = (await c.runAndReadAll(`SELECT column_name, column_type FROM (DESCRIBE SELECT * FROM ${source})`)).getRows() as [string, string][];
    const select: string[] = [];
    for (const [name, type] of columns) {
      const values = ENUM_COLUMNS.includes(name) && table.endsWith("_cells") && type === "VARCHAR"
        ? (await c.runAndReadAll(`SELECT DISTINCT "${name}" FROM ${source} WHERE "${name}" IS NOT NULL ORDER BY 1`)).getRows().map(([v]) => String(v))
        : [];
      select.push(values.length ? `"${name}"::ENUM(${values.map(literal).join(", ")}) AS "${name}"` : `"${name}"`);
    }
    if (!table.endsWith("_cells")) {
      await c.run(`CREATE TABLE out.${table} AS SELECT ${select.join(", ")} FROM ${source}`);
      continue;
    }
    // A column at a time (see the header): as many rows of NULLs as the Parquet file has (a NULL column takes
    // no block), then each column set from the row of the same number, with a checkpoint after each column
    // so that its blocks are written together and in row order.
    await c.run(`CREATE TEMP TABLE src AS SELECT file_row_number AS rn, ${select.join(", ")} FROM read_parquet(${literal(parquetPath(table))}, file_row_number = true)`);
    await c.run(`CREATE TABLE out.${table} AS SELECT * EXCLUDE (rn) FROM src LIMIT 0`);
    await c.run(`INSERT INTO out.${table} ("${columns[0][0]}") SELECT NULL FROM src`);
    await c.run(`CHECKPOINT out`);
    for (const column of columns.map(([name]) => `"${name}"`)) {
      await c.run(`UPDATE out.${table} SET ${column} = src.${column} FROM src WHERE ${table}.rowid = src.rn`);
      await c.run(`CHECKPOINT out`);
    }
    await c.run(`DROP TABLE src`);
  }
  await c.run(`DETACH out`);
  c.closeSync();
  instance.closeSync();
  await new Promise<void>((ok, fail) => createReadStream(file).on("error", fail).on("end", ok).pipe(process.stdout, {end: false}));
} finally {
  await rm(temp, {recursive: true, force: true});
}
