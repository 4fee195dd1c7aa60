// Data loader → src/data/sql-default.json: the SQL page's default query and its answer, computed when the
// site is built, so that the page draws its result and chart at once while DuckDB-wasm loads (about 2-4 s:
// a 35 MB .wasm to compile, then the attach of warehouse.duckdb). The page says that it shows this
// build-time answer, replaces it with DuckDB-wasm's own answer as soon as the database is open, and checks
// that the two are equal (a difference is shown on the page and logged as a console error, which fails
// test/browser/site.test.ts; that test also compares them itself).
//
// The default query reads only the database's catalogue: one row per table of warehouse.duckdb with its
// row count (`estimated_size`, exact for tables that were only ever inserted into) and its number of
// columns. warehouse.duckdb.ts copies every table of TABLES from its Parquet file with the same columns and
// rows, so the same figures come from the Parquet files: count(*) and the columns DESCRIBE lists.
import {parquet, queryRows, TABLES, writeJSON} from "./lib/warehouse.ts";

const SQL = `-- Reads only the database's catalogue: the page's default query.
SELECT table_name AS "table", estimated_size AS "rows", column_count AS "columns"
FROM duckdb_tables()
WHERE database_name = 'warehouse'
ORDER BY estimated_size DESC, table_name`;

const tables: {table: string; rows: number; columns: number}[] = [];
for (const table of TABLES) {
  const [{rows}] = await queryRows<{rows: number}>(`SELECT count(*)::DOUBLE AS rows FROM ${parquet(table)}`);
  const [{columns}] = await queryRows<{columns: number}>(`SELECT count(*)::DOUBLE AS columns FROM (DESCRIBE SELECT * FROM ${parquet(table)})`);
  tables.push({table, rows, columns});
}
// ORDER BY estimated_size DESC, table_name (DuckDB compares VARCHAR byte-wise: so does < on these ASCII names).
tables.sort((a, b) => b.rows - a.rows || (a.table < b.table ? -1 : a.table > b.table ? 1 : 0));

await writeJSON({
  sql: SQL,
  // As DuckDB-wasm types them on the page (Arrow type ids: 5 Utf8; 3 Float, BIGINT read as DOUBLE).
  fields: [{name: "table", type: {typeId: 5}}, {name: "rows", type: {typeId: 3}}, {name: "columns", type: {typeId: 3}}],
  rows: tables
});
