/**
 * npm run warehouse -- [--raw reports-raw] [--out warehouse] [--strict] [--jobs N]
 *                      [--cache .cache/parse] [--timeout 20] [--force] [--parser MODULE] [--timings]
 *                      [--shard K/N]                        parse only slice K of N, write a shard folder to --out
 * npm run warehouse -- --merge SHARD_DIR... --out DIR       merge shard folders into the warehouse
 *
 * Parses every file of the raw folder (cached by content), writes the Parquet warehouse and
 * prints a summary. Exit code: 0; 1 with --strict when a file is not "parsed" or "pre2019";
 * 2 when the run itself fails (message names the folder or file).
 */
import { parseArgs } from "node:util";
import { resolve } from "node:path";
import { pathToFileURL } from "node:url";
import { runWarehouse, RunError } from "../warehouse/run.ts";
import { StderrProgress } from "../warehouse/progress.ts";
import { errorText } from "../warehouse/results.ts";
import { mergeShards, parseShard, type Shard } from "../warehouse/shard.ts";

const MAX_LINES = 50;

const trimSlash = (s: string) => s.replace(/\/+$/, "") || s;

const USAGE = `usage: npm run warehouse -- [--raw DIR] [--out DIR] [--strict] [--jobs N] [--cache DIR] [--timeout SECONDS] [--force] [--parser MODULE] [--timings] [--shard K/N]
       npm run warehouse -- --merge SHARD_DIR... --out DIR`;

async function main(): Promise<number> {
  let args;
  let positionals: string[] = [];
  try {
    args = parseArgs({
      options: {
        raw: { type: "string", default: "reports-raw" },
        out: { type: "string", default: "warehouse" },
        strict: { type: "boolean", default: false },
        jobs: { type: "string" },
        cache: { type: "string", default: ".cache/parse" },
        timeout: { type: "string", default: "20" },
        force: { type: "boolean", default: false },
        parser: { type: "string" },
        timings: { type: "boolean", default: false },
        shard: { type: "string" },
        merge: { type: "boolean", default: false },
        help: { type: "boolean", short: "h", default: false },
      },
      allowPositionals: true,
    });
    if (args.positionals.length > 0 && !args.values.merge) throw new Error(`unexpected argument ${args.positionals[0]}`);
    positionals = args.positionals;
    args = args.values;
  } catch (e) {
    process.stderr.write(`warehouse: ${errorText(e)}\n${USAGE}\n`);
    return 2;
  }
  if (args.help) { process.stdout.write(USAGE + "\n"); return 0; }
  const jobs = args.jobs === undefined ? undefined : Number(args.jobs);
  const timeout = Number(args.timeout);
  if (jobs !== undefined && !(Number.isInteger(jobs) && jobs >= 1)) { process.stderr.write(`warehouse: --jobs wants a whole number >= 1, not ${args.jobs}\n`); return 2; }
  if (!(timeout > 0)) { process.stderr.write(`warehouse: --timeout wants seconds > 0, not ${args.timeout}\n`); return 2; }

  if (args.merge) return merge(positionals, args.out!);
  let shard: Shard | undefined;
  try { shard = args.shard === undefined ? undefined : parseShard(args.shard); } catch (e) { process.stderr.write(`warehouse: ${errorText(e)}\n`); return 2; }

  const t0 = performance.now();
  let report;
  try {
    report = await runWarehouse({
      raw: args.raw!, out: args.out!, cacheDir: args.cache!, jobs, timeoutMs: timeout * 1000, force: args.force,
      parserUrl: args.parser ? pathToFileURL(resolve(args.parser)).href : undefined,
      progress: new StderrProgress(), shard,
    });
  } catch (e) {
    process.stderr.write(`warehouse: ${e instanceof RunError ? e.message : (e as Error)?.stack ?? String(e)}\n`);
    return 2;
  }
  if (args.timings) {
    const ms = Object.fromEntries(Object.entries(report.timings).map(([k, v]) => [k, Math.round(v)]));
    const cpu = process.cpuUsage(); // all threads of the process
    process.stderr.write(`timings ${JSON.stringify({ since_process_start: Math.round(performance.now()), total: Math.round(performance.now() - t0), cpu_user: Math.round(cpu.user / 1000), cpu_system: Math.round(cpu.system / 1000), ...ms, hashed: report.hashed, parsed: report.parsed, cached: report.cached, skipped: report.skipped })}\n`);
  }
  const { summary: s } = report;
  const c = s.counts;
  const secs = ((performance.now() - t0) / 1000).toFixed(1);
  const L: string[] = [];
  L.push(`files seen: ${s.seen}   parsed: ${c.parsed ?? 0}   flagged: ${c.flagged ?? 0}   pre2019: ${c.pre2019 ?? 0}   not_report: ${c.not_report ?? 0}   rejected: ${c.rejected ?? 0}`);
  L.push(report.skipped
    ? `${trimSlash(args.out!)}/ is up to date (nothing changed since the last run): nothing written (${secs} s)`
    : `wrote ${trimSlash(args.out!)}/ in ${secs} s: ${report.parsed} parsed, ${report.cached} from the cache; ${report.recomputed === s.seen ? "every file's rows built" : `rows built for ${report.recomputed} files, kept for ${s.seen - report.recomputed}`}`);
  if (s.notClean.length > 0) {
    L.push(`not parsed cleanly (${s.notClean.length}):`);
    for (const [path, status, reason] of s.notClean.slice(0, MAX_LINES)) L.push(`  ${status.padEnd(10)} ${path}: ${reason ?? "(no reason given)"}`);
    if (s.notClean.length > MAX_LINES) L.push(`  ... and ${s.notClean.length - MAX_LINES} more, see ${trimSlash(args.out!)}/files.parquet`);
  }
  process.stdout.write(L.join("\n") + "\n");
  if (args.strict) {
    const bad = s.seen - (c.parsed ?? 0) - (c.pre2019 ?? 0);
    if (bad > 0) {
      process.stderr.write(`warehouse: --strict: ${bad} file(s) not parsed or pre2019\n`);
      return 1;
    }
  }
  return 0;
}

async function merge(dirs: string[], out: string): Promise<number> {
  const t0 = performance.now();
  try {
    const r = await mergeShards(dirs, out);
    const c = r.summary.counts;
    process.stdout.write(`files seen: ${r.summary.seen}   parsed: ${c.parsed ?? 0}   flagged: ${c.flagged ?? 0}   pre2019: ${c.pre2019 ?? 0}   not_report: ${c.not_report ?? 0}   rejected: ${c.rejected ?? 0}\n` +
      `merged ${r.shards} shard(s) into ${trimSlash(out)}/ in ${((performance.now() - t0) / 1000).toFixed(1)} s\n`);
    return 0;
  } catch (e) {
    process.stderr.write(`warehouse: --merge: ${errorText(e)}\n`);
    return 2;
  }
}

process.exitCode = await main();
