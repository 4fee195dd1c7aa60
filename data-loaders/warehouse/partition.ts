/**
 * The hive-partitioned copy of the warehouse: <out>/by_year/<table>/year=YYYY/part-0.parquet for
 * reports, table2_cells, table3_cells, table4_cells, findings and sections, written by DuckDB from
 * the flat files just written (which stay as they are: the dashboard reads them). Cell tables,
 * findings and sections take the year of their report (reports.year; year=NULL for none).
 * DuckDB, Spark, Trino or a cloud warehouse read the folders in place, e.g.
 *   duckdb -c "SELECT year, count(*) FROM read_parquet('warehouse/by_year/reports/*\/*.parquet', hive_partitioning = true) GROUP BY year"
 * Written into a temporary folder and renamed into place, so readers never see half of it.
 */
import { existsSync, mkdirSync, readdirSync, renameSync, rmSync, statSync } from "node:fs";
import { join, resolve } from "node:path";
import { DuckDBInstance } from "@duckdb/node-api";
import { duckdbOptions } from "./write.ts";

export const PARTITION_DIR = "by_year";
export const PARTITIONED_TABLES = ["reports", "table2_cells", "table3_cells", "table4_cells", "findings", "sections"] as const;

const lit = (s: string) => `'${s.replace(/'/g, "''")}'`;

/** Write <out>/by_year from <out>/*.parquet; returns relative file name -> size. */
export async function writePartitioned(outDir: string): Promise<Record<string, number>> {
  const out = resolve(outDir);
  const tmp = join(out, `.tmp-by-year-${process.pid}-${Date.now().toString(36)}`);
  mkdirSync(tmp, { recursive: true });
  const instance = await DuckDBInstance.create(":memory:", duckdbOptions(join(out, `.tmp-spill-${process.pid}`)));
  const conn = await instance.connect();
  try {
    const years = `(SELECT report_id AS __rid, year FROM read_parquet(${lit(join(out, "reports.parquet"))}))`;
    for (const t of PARTITIONED_TABLES) {
      const src = `read_parquet(${lit(join(out, `${t}.parquet`))})`;
      // numbered rows, ordered back after the join: every partition keeps the flat file's row order
      if (t === "reports") await conn.run(`CREATE TABLE __t AS SELECT * FROM ${src}`);
      else {
        await conn.run(`CREATE TABLE __t AS SELECT s.*, y.year FROM (SELECT *, row_number() OVER () AS __n FROM ${src}) s LEFT JOIN ${years} y ON s.report_id = y.__rid ORDER BY s.__n`);
        await conn.run(`ALTER TABLE __t DROP COLUMN __n`);
      }
      await conn.run(`COPY __t TO ${lit(join(tmp, t))} (FORMAT parquet, PARTITION_BY (year), COMPRESSION zstd, FILENAME_PATTERN 'part-{i}')`);
      await conn.run(`DROP TABLE __t`);
    }
  } finally {
    conn.closeSync();
    instance.closeSync();
    rmSync(join(out, `.tmp-spill-${process.pid}`), { recursive: true, force: true });
  }
  const final = join(out, PARTITION_DIR);
  const old = `${final}.old-${process.pid}`;
  if (existsSync(final)) renameSync(final, old);
  renameSync(tmp, final);
  rmSync(old, { recursive: true, force: true });
  const sizes: Record<string, number> = {};
  const walk = (dir: string, rel: string) => {
    for (const e of readdirSync(dir, { withFileTypes: true }).sort((a, b) => (a.name < b.name ? -1 : 1))) {
      const r = `${rel}/${e.name}`;
      if (e.isDirectory()) walk(join(dir, e.name), r);
      else sizes[r] = statSync(join(dir, e.name)).size;
    }
  };
  walk(final, PARTITION_DIR);
  return sizes;
}
