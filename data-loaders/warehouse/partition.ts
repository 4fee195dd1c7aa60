/**
 * The hive-partitioned copy of the warehouse: <out>/by_year/<table>/year=YYYY/part-0.parquet for
 * reports, table2_cells, table3_cells, table4_cells, findings and sections, with the same rows in
 * the same order as the flat files (which the dashboard reads), minus the year column, which is in
 * the folder name. Cell tables, findings and sections take the year of their report (reports.year);
 * rows with no year go to year=__HIVE_DEFAULT_PARTITION__, DuckDB's name for NULL.
 * DuckDB, Spark, Trino or a cloud warehouse read the folders in place, e.g.
 *   duckdb -c "SELECT year, count(*) FROM read_parquet('warehouse/by_year/reports/*\/*.parquet', hive_partitioning = true) GROUP BY year"
 * write.ts copies the files from the same stored tables as the flat files (store.ts), into a temporary
 * folder that swapInPartitions renames into place, so readers never see half of it.
 */
import { existsSync, readdirSync, renameSync, rmSync, statSync } from "node:fs";
import { join } from "node:path";

export const PARTITION_DIR = "by_year";
export const PARTITIONED_TABLES = ["reports", "table2_cells", "table3_cells", "table4_cells", "findings", "sections"] as const;

/** The hive folder of a year (NULL: DuckDB's default partition name). */
export function partitionFolder(year: number | null): string {
  return `year=${year === null ? "__HIVE_DEFAULT_PARTITION__" : year}`;
}

/** Replace <out>/by_year with the folder `built`; returns relative file name -> size of its files. */
export function swapInPartitions(out: string, built: string): Record<string, number> {
  const final = join(out, PARTITION_DIR);
  const old = `${final}.old-${process.pid}`;
  if (existsSync(final)) renameSync(final, old);
  renameSync(built, final);
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
