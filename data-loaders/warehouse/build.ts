/**
 * Parse results -> the warehouse: what the run (run.ts) and the shard merge (shard.ts) both do once
 * the files to recompute have their ParseResults. Dedupe (report of record, copies), cross-year
 * continuity, the narrative of the records and the rows of every table, for those files; then the
 * store (store.ts) takes their rows in place of their old ones and every Parquet file is written
 * from it. The recycled statements are found across every record of the warehouse (the stored ones
 * the run kept, and its own) while DuckDB copies the other tables out (write.ts).
 */
import { mkdirSync } from "node:fs";
import { join } from "node:path";
import type { ParseResult } from "../report.ts";
import type { StateSummary } from "./cache.ts";
import { continuity } from "./continuity.ts";
import { dedupe } from "./dedupe.ts";
import { mergeRecords, mineIntoDedupe, recycledPairs, recycleRecords } from "./narrative.ts";
import { buildRows, type Rows } from "./records.ts";
import { summarize } from "./results.ts";
import { comparePaths } from "./scan.ts";
import { Store, type StoredFile, type StoreSnapshot } from "./store.ts";
import { columnsOf } from "./tables.ts";
import { cleanStaleTemps, writeWarehouse, type StoreChange } from "./write.ts";

export interface BuildOptions {
  /** Called at the end of each phase: "records" (twice: dedupe, then rows), "narrative", "write". */
  lap?: (phase: string) => void;
  /** Filled with narrative_mine, narrative_recycled, write_append and write_copy (ms). */
  timings?: Record<string, number>;
  /** Messages about the corpus as a whole (recycled statements capped). */
  note?: (message: string) => void;
  /** The error to throw when writing fails (default: the writer's own). */
  writeError?: (e: unknown) => Error;
  /** The store's files and records as read before this run changed it (Store.snapshot); none for a new store. */
  stored?: StoreSnapshot;
}

/** The files of this run's rows, as the store will list them. */
function filesOfRows(rows: Rows): StoredFile[] {
  const f = columnsOf("files"), r = columnsOf("reports");
  const agency = new Map(rows.reports.map((x) => [x[r.path] as string, (x[r.agency_normalized] as string | null) ?? null]));
  return rows.files.map((x) => ({
    path: x[f.path] as string, sha256: (x[f.sha256] as string | null) ?? "", agency: agency.get(x[f.path] as string) ?? null,
    report_id: (x[f.report_id] as string | null) ?? null, status: x[f.status] as string, reason: (x[f.reason] as string | null) ?? null,
  }));
}

/** The store of the warehouse in outDir, for the code of `version` (codeVersion in cache.ts); empty
 * when `fresh`. DuckDB spills into <outDir>/.store.spill when its memory limit is reached. */
export async function openStore(outDir: string, version: string, fresh: boolean): Promise<Store> {
  mkdirSync(outDir, { recursive: true });
  return Store.open(outDir, version, fresh, join(outDir, ".store.spill"));
}

/**
 * `results`: every file of the groups to recompute (all files when the store is new), in path
 * order; consumed (buildRows releases each). `change`: the stored rows they replace. Returns the
 * summary of every file of the warehouse and file name -> size of what was written.
 */
export async function buildWarehouse(results: ParseResult[], outDir: string, store: Store, change: StoreChange, opts: BuildOptions = {}): Promise<{ summary: StateSummary; outputs: Record<string, number> }> {
  const lap = opts.lap ?? (() => undefined);
  const timings = opts.timings ?? {};
  const d = dedupe(results);
  continuity(results, d).forEach((f, i) => d.extra[i].push(...f));
  lap("records");
  const mined = mineIntoDedupe(results, d); // its findings join the report's
  timings.narrative_mine = mined.timings.mine;
  lap("narrative");
  const rows = buildRows(results, d, mined.rows);
  const records = mergeRecords(opts.stored?.records ?? [], new Set(change.goneReportIds), recycleRecords(rows.reports, rows.problem_items));
  const gone = new Set(change.gonePaths);
  const files = [...(opts.stored?.files ?? []).filter((x) => !gone.has(x.path)), ...filesOfRows(rows)];
  lap("records");
  cleanStaleTemps(outDir);
  const wt = { append: 0, copy: 0 };
  const corpus: string[] = [];
  let outputs: Record<string, number>;
  try {
    outputs = await writeWarehouse(outDir, store, rows, change, wt, {
      recycled: () => {
        const t = performance.now();
        const found = recycledPairs(records);
        corpus.push(...found.corpus.map((f) => f.message));
        timings.narrative_recycled = performance.now() - t;
        return found.rows;
      },
    });
  } catch (e) {
    throw opts.writeError ? opts.writeError(e) : e;
  }
  store.saveSnapshot({ files, records });
  for (const m of corpus) opts.note?.(`recycled statements: ${m}`);
  lap("write");
  timings.write_append = wt.append;
  timings.write_copy = wt.copy;
  // the summary of every file of the warehouse, kept and recomputed, in path order
  const summary = summarize(files.map((x) => ({ file: x.path, status: x.status, reason: x.reason })).sort((a, b) => comparePaths(a.file, b.file)));
  return { summary, outputs };
}
