/**
 * Parse results -> the warehouse: what the run (run.ts) and the shard merge (shard.ts) both do once
 * every file has its ParseResult. Dedupe (report of record, copies), cross-year continuity, the
 * narrative of the records, the rows of every table, and one DuckDB write of the flat and by_year
 * Parquet files. The recycled statements across all records are found while DuckDB copies the
 * sections table out (write.ts, whileCopying).
 */
import type { ParseResult } from "../report.ts";
import type { StateSummary } from "./cache.ts";
import { continuity } from "./continuity.ts";
import { dedupe } from "./dedupe.ts";
import { mineIntoDedupe } from "./narrative.ts";
import { buildRows } from "./records.ts";
import { summarize } from "./results.ts";
import { cleanStaleTemps, writeWarehouse } from "./write.ts";

export interface BuildOptions {
  /** Called at the end of each phase: "records" (twice: dedupe, then rows), "narrative", "write". */
  lap?: (phase: string) => void;
  /** Filled with narrative_mine, narrative_recycled, write_append and write_copy (ms). */
  timings?: Record<string, number>;
  /** Messages about the corpus as a whole (recycled statements capped). */
  note?: (message: string) => void;
  /** The error to throw when writing fails (default: the writer's own). */
  writeError?: (e: unknown) => Error;
}

/** `results` in path order; consumes them (buildRows releases each). Returns the summary of the
 * results and file name -> size of what was written. */
export async function buildWarehouse(results: ParseResult[], outDir: string, opts: BuildOptions = {}): Promise<{ summary: StateSummary; outputs: Record<string, number> }> {
  const lap = opts.lap ?? (() => undefined);
  const timings = opts.timings ?? {};
  const d = dedupe(results);
  continuity(results, d).forEach((f, i) => d.extra[i].push(...f));
  lap("records");
  // narrative mining of the records (fast enough here: see narrative.ts), its findings with the report's
  const mined = mineIntoDedupe(results, d, { deferRecycled: true });
  timings.narrative_mine = mined.timings.mine;
  lap("narrative");
  const summary = summarize(results); // buildRows consumes the results
  const rows = buildRows(results, d, mined.rows);
  lap("records");
  cleanStaleTemps(outDir);
  const wt = { append: 0, copy: 0 };
  let outputs: Record<string, number>;
  try {
    outputs = await writeWarehouse(outDir, rows, wt, { whileCopying: () => { mined.findRecycled(); rows.recycled_pairs = mined.rows.recycled_pairs; } });
  } catch (e) {
    throw opts.writeError ? opts.writeError(e) : e;
  }
  for (const f of mined.corpus) opts.note?.(`recycled statements: ${f.message}`);
  timings.narrative_recycled = mined.timings.recycled;
  lap("write");
  timings.write_append = wt.append;
  timings.write_copy = wt.copy;
  return { summary, outputs };
}
