/**
 * Scale-out of the warehouse run over N machines (or N processes):
 *
 *   machine K of N:  npm run warehouse -- --raw RAW --shard K/N --out shard-K     (parse a slice)
 *   one machine:     npm run warehouse -- --merge shard-0 shard-1 ... --out warehouse
 *
 * A file belongs to shard K when the first 8 hex digits of SHA-256 of its path (relative to the
 * raw folder), as a number, mod N == K: every machine decides without reading any file, and a
 * file keeps its shard when others are added. A shard folder holds `results.jsonl` (one
 * ParseResult per line, path order) and `shard.json` (K, N, parser version, counts). Each shard
 * run has its own parse cache and no-change skip, like a full run.
 *
 * The merge checks that the shards are 0..N-1 of one N with one parser version, reads their
 * results, sorts them by path and runs what a single run runs after parsing: dedupe (an .html and
 * its .txt may sit in different shards, so copies are found only here), continuity, rows, and
 * one DuckDB write of the flat and hive-partitioned Parquet files. The output is the same
 * warehouse a single run over the whole folder writes (test/scale/shard.test.ts).
 */
import { closeSync, mkdirSync, openSync, readFileSync, renameSync, unlinkSync, writeSync } from "node:fs";
import { join, resolve } from "node:path";
import type { ParseResult } from "../report.ts";
import { codeVersion, inputFingerprint, sha256Hex, writeAtomic, writeState, type StateSummary } from "./cache.ts";
import { normalizeResult } from "./results.ts";
import { comparePaths } from "./scan.ts";

export interface Shard { k: number; n: number }
export const SHARD_RESULTS = "results.jsonl";
export const SHARD_META = "shard.json";

/** "K/N" -> {k, n}; throws with a message naming the problem. */
export function parseShard(s: string): Shard {
  const m = /^(\d+)\/(\d+)$/.exec(s.trim());
  if (!m) throw new Error(`--shard wants K/N (e.g. 0/4), not ${s}`);
  const k = Number(m[1]), n = Number(m[2]);
  if (!(n >= 1 && k < n)) throw new Error(`--shard ${s}: K must be 0..N-1 and N >= 1`);
  return { k, n };
}

export function shardOf(path: string, n: number): number {
  return parseInt(sha256Hex(path).slice(0, 8), 16) % n;
}

export function inShard(path: string, shard: Shard): boolean {
  return shardOf(path, shard.n) === shard.k;
}

interface ShardMeta { k: number; n: number; parser_version: string; files: number; written: string }

/** Write a shard folder; returns file name -> size (for the warehouse state). */
export function writeShard(outDir: string, results: ParseResult[], shard: Shard, parserVersion: string): Record<string, number> {
  const out = resolve(outDir);
  mkdirSync(out, { recursive: true });
  const file = join(out, SHARD_RESULTS);
  const tmp = `${file}.${process.pid}.tmp`;
  const fd = openSync(tmp, "w");
  let size = 0;
  try {
    let buf: string[] = [];
    let len = 0;
    const flush = () => { if (buf.length) { const b = Buffer.from(buf.join(""), "utf8"); writeSync(fd, b as unknown as Uint8Array); size += b.length; buf = []; len = 0; } };
    for (const r of results) {
      const line = JSON.stringify(r) + "\n";
      buf.push(line); len += line.length;
      if (len > 1 << 20) flush();
    }
    flush();
  } catch (e) {
    closeSync(fd);
    try { unlinkSync(tmp); } catch { /* gone */ }
    throw e;
  }
  closeSync(fd);
  renameSync(tmp, file);
  const meta: ShardMeta = { k: shard.k, n: shard.n, parser_version: parserVersion, files: results.length, written: new Date().toISOString() };
  const metaText = JSON.stringify(meta, null, 1);
  writeAtomic(join(out, SHARD_META), metaText);
  return { [SHARD_RESULTS]: size, [SHARD_META]: Buffer.byteLength(metaText) };
}

export interface MergeReport { summary: StateSummary; outputs: Record<string, number>; timings: Record<string, number>; shards: number; files: number }

/** Merge shard folders into the warehouse at outDir. */
export async function mergeShards(shardDirs: string[], outDir: string): Promise<MergeReport> {
  const timings: Record<string, number> = {};
  let t = performance.now();
  const lap = (k: string) => { const now = performance.now(); timings[k] = (timings[k] ?? 0) + (now - t); t = now; };
  if (shardDirs.length === 0) throw new Error("--merge wants at least one shard folder");
  const metas = shardDirs.map((d) => {
    try { return { dir: d, meta: JSON.parse(readFileSync(join(d, SHARD_META), "utf8")) as ShardMeta }; }
    catch (e) { throw new Error(`${d} is not a shard folder (no readable ${SHARD_META}): ${(e as Error).message}`); }
  });
  const n = metas[0].meta.n;
  const version = metas[0].meta.parser_version;
  const seen = new Set<number>();
  for (const { dir, meta } of metas) {
    if (meta.n !== n) throw new Error(`${dir} is shard ${meta.k}/${meta.n}, the others are of ${n}`);
    if (meta.parser_version !== version) throw new Error(`${dir} was parsed with parser ${meta.parser_version}, ${metas[0].dir} with ${version}`);
    if (seen.has(meta.k)) throw new Error(`shard ${meta.k}/${n} is given twice (${dir})`);
    seen.add(meta.k);
  }
  const missing = Array.from({ length: n }, (_, k) => k).filter((k) => !seen.has(k));
  if (missing.length) throw new Error(`shards ${missing.map((k) => `${k}/${n}`).join(", ")} are missing`);

  const results: ParseResult[] = [];
  for (const { dir } of metas) {
    const text = readFileSync(join(dir, SHARD_RESULTS), "utf8");
    let start = 0;
    while (start < text.length) {
      let end = text.indexOf("\n", start);
      if (end < 0) end = text.length;
      if (end > start) {
        const r = JSON.parse(text.slice(start, end)) as ParseResult;
        results.push(normalizeResult(r, r.file, r.sha256, r.size));
      }
      start = end + 1;
    }
  }
  results.sort((a, b) => comparePaths(a.file, b.file));
  for (let i = 1; i < results.length; i++) if (results[i].file === results[i - 1].file) throw new Error(`${results[i].file} is in two shards`);
  lap("read_shards");

  const { buildWarehouse, openStore } = await import("./build.ts");
  // buildWarehouse consumes the results: take what is needed of them first
  const fingerprint = inputFingerprint(results.map((r) => ({ path: r.file, sha256: r.sha256 })), version);
  const files = results.length;
  const store = await openStore(outDir, codeVersion(version), true);
  let built;
  try {
    built = await buildWarehouse(results, outDir, store, { gonePaths: [], goneReportIds: [] }, { lap, timings });
  } finally {
    store.close();
  }
  const { summary, outputs } = built;
  writeState(outDir, { fingerprint, outputs, summary });
  return { summary, outputs, timings, shards: n, files };
}
