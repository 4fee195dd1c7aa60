/**
 * The warehouse run: raw folder -> ParseResults (cache or parse pool) -> dedupe -> rows -> Parquet.
 *
 * A no-change re-run reads the folder listing, finds every (size, mtime) in the manifest, computes
 * the input fingerprint and finds it equal to the one of the last write: it then returns the
 * stored summary without hashing, parsing, loading DuckDB or writing anything.
 */
import { existsSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import type { ParseResult } from "../report.ts";
import { incrementalPlan } from "./affected.ts";
import { codeVersion, inputFingerprint, outputsIntact, parserCacheVersion, ParseCache, readState, sha256Hex, STORE_FILE, writeState, type ManifestEntry, type StateSummary } from "./cache.ts";
import { ParsePool, defaultJobs } from "./pool.ts";
import { silentProgress, type Progress } from "./progress.ts";
import { errorText, normalizeResult, rejectedResult, summarize } from "./results.ts";
import { extensionOf, scanRaw, type RawFile } from "./scan.ts";
import { inShard, writeShard, type Shard } from "./shard.ts";
import type { Store } from "./store.ts";
import type { StoreChange } from "./write.ts";

export const DEFAULT_PARSER_URL = new URL("../parse-file.ts", import.meta.url).href;

export interface RunOptions {
  raw: string;
  out: string;
  /** Parse cache folder (default .cache/parse). */
  cacheDir?: string;
  jobs?: number;
  /** Module exporting parseFile (default data-loaders/parse-file.ts). */
  parserUrl?: string;
  /** Cache namespace (default PARSER_VERSION + hash of the parser's sources). */
  parserVersion?: string;
  timeoutMs?: number;
  progress?: Progress;
  /** Rewrite the warehouse even when nothing changed. */
  force?: boolean;
  /** Parse only the files of this shard and write a shard folder of results to `out` (see shard.ts). */
  shard?: Shard;
  /** Files larger than this are rejected unread (default MAX_FILE_BYTES): bounds a worker's memory. */
  maxFileBytes?: number;
}

/** When more than this share of the files is to be recomputed, the store starts afresh instead:
 * deleting nearly every row costs more than writing them all, and a fresh store has the canonical row order. */
const REBUILD_SHARE = 0.5;

/** Files per worker handed out before the writer loads (see prefetch in pool.ts): about 0.5 s of
 * text reports, more of the other formats. */
const PREFETCH = 256;

/** No annual report comes near this; a larger file is a mistake or an attack, not a report. */
export const MAX_FILE_BYTES = 100 * 1024 * 1024;

export interface RunReport {
  summary: StateSummary;
  /** True when the output was up to date and nothing was written. */
  skipped: boolean;
  /** Files hashed this run (the others were known from the manifest). */
  hashed: number;
  /** Files parsed this run (cache misses). */
  parsed: number;
  /** Files whose result was read from the parse cache. */
  cached: number;
  /** Files whose rows were built this run (the others were kept in the store: see affected.ts). */
  recomputed: number;
  outputs: Record<string, number>;
  /** Milliseconds per phase (worker_* are summed over the workers). */
  timings: Record<string, number>;
  pool: ParsePool["stats"] | null;
}

/** A failure of the run itself (not of one file): the message names the folder or file. */
export class RunError extends Error {}

export async function runWarehouse(opts: RunOptions): Promise<RunReport> {
  const run = new Run(opts);
  try {
    return await run.go();
  } finally {
    await run.pool?.close();
    run.store?.close();
  }
}

class Run {
  readonly opts: RunOptions;
  readonly progress: Progress;
  readonly timings: Record<string, number> = {};
  readonly parserVersion: string;
  readonly parserUrl: string;
  pool: ParsePool | null = null;
  /** The warehouse's store (store.ts), open from the moment the writer is loaded. */
  store: Store | null = null;
  /** Indices of the files to recompute, when the store is kept (else every file). */
  private recompute: Set<number> | null = null;
  /** The stored rows they replace. */
  private change: StoreChange = { gonePaths: [], goneReportIds: [] };
  private t = performance.now();
  private files: RawFile[] = [];
  private shas: string[] = [];
  private cache!: ParseCache;

  constructor(opts: RunOptions) {
    this.opts = opts;
    this.progress = opts.progress ?? silentProgress;
    this.parserVersion = opts.parserVersion ?? parserCacheVersion();
    this.parserUrl = opts.parserUrl ?? DEFAULT_PARSER_URL;
  }

  private lap(name: string): void {
    const now = performance.now();
    this.timings[name] = (this.timings[name] ?? 0) + (now - this.t);
    this.t = now;
  }

  private newPool(): ParsePool {
    return new ParsePool({
      parserUrl: this.parserUrl, bundled: this.parserUrl === DEFAULT_PARSER_URL, jobs: this.opts.jobs ?? defaultJobs(), timeoutMs: this.opts.timeoutMs,
      newPack: () => this.cache.newPack(),
      onCached: (key, pack, offset, length) => this.cache.add(key, pack, offset, length),
    });
  }

  /** The stored summary when the output is current for the files and hashes known now. */
  private upToDate(): StateSummary | null {
    if (this.opts.force) return null;
    const state = readState(this.opts.out);
    if (!state || state.fingerprint !== this.fingerprint() || !outputsIntact(this.opts.out, state)) return null;
    return state.summary;
  }

  private fingerprint(): string {
    const shard = this.opts.shard ? ` shard ${this.opts.shard.k}/${this.opts.shard.n}` : "";
    return inputFingerprint(this.files.map((f, i) => ({ path: f.path, sha256: this.shas[i] })), this.parserVersion + shard);
  }

  private saveManifest(): void {
    const entries: [string, ManifestEntry][] = [];
    this.files.forEach((f, i) => { if (this.shas[i]) entries.push([f.path, { size: f.size, mtimeMs: f.mtimeMs, sha256: this.shas[i] }]); });
    try {
      this.cache.saveManifest(entries);
    } catch (e) {
      this.progress.note(`warning: cannot save the cache manifest ${this.cache.manifestFile}: ${errorText(e)}`);
    }
  }

  private saveCache(): void {
    try {
      this.cache.save();
    } catch (e) {
      this.progress.note(`warning: cannot save the parse cache index ${this.cache.indexFile}: ${errorText(e)}`);
    }
  }

  private skipped(summary: StateSummary, hashed: number): RunReport {
    return { summary, skipped: true, hashed, parsed: 0, cached: 0, recomputed: 0, outputs: readState(this.opts.out)?.outputs ?? {}, timings: this.timings, pool: null };
  }

  async go(): Promise<RunReport> {
    const { opts, progress } = this;
    // ---------------------------------------------------------------- list, and hashes from the manifest
    try {
      this.files = scanRaw(opts.raw);
    } catch (e) {
      throw new RunError(`cannot read the raw folder ${opts.raw}: ${errorText(e)}`);
    }
    if (opts.shard) this.files = this.files.filter((f) => inShard(f.path, opts.shard!));
    const files = this.files;
    this.cache = new ParseCache(opts.cacheDir ?? ".cache/parse", opts.raw, this.parserVersion);
    const cache = this.cache;
    const manifest = cache.loadManifest();
    const shas = (this.shas = new Array<string>(files.length).fill(""));
    const toHash: number[] = [];
    files.forEach((f, i) => {
      const e = manifest.get(f.path);
      if (e && e.size === f.size && e.mtimeMs === f.mtimeMs) shas[i] = e.sha256;
      else toHash.push(i);
    });
    this.lap("scan");
    if (toHash.length === 0) {
      const s = this.upToDate();
      if (s) return this.skipped(s, 0);
    }

    // ---------------------------------------------------------------- hash, and parse the misses at once
    // Files to hash are likely new or changed: the workers start now and load the parser while
    // DuckDB loads here; each file whose result is not in the cache goes to them as soon as its
    // hash is known. (Should the output turn out up to date after all, that work is dropped.)
    const parserMissing = this.parserUrl.startsWith("file:") && !existsSync(fileURLToPath(this.parserUrl));
    if (toHash.length > 0 && !parserMissing) {
      this.pool = this.newPool();
      this.pool.warm(toHash.length);
    }

    const results: ParseResult[] = new Array(files.length);
    const misses: number[] = [];
    const hits: number[] = [];
    const unreadable = new Map<number, string>();
    const pending: Promise<void>[] = [];
    // a fatal pool error rejects every promise at once: handled by Promise.all below, not "unhandled"
    const track = (p: Promise<void>) => { p.catch(() => undefined); pending.push(p); };
    let parsedDone = 0;
    const submit = (i: number) => {
      const f = files[i];
      this.pool ??= this.newPool();
      track(this.pool.submit({ path: f.path, abs: f.abs, sha256: shas[i], size: f.size, cacheKey: ParseCache.key(shas[i], extensionOf(f.path)) }).then((r) => {
        results[i] = r;
        progress.tick(++parsedDone);
      }));
    };
    const classify = (i: number) => {
      if (cache.has(ParseCache.key(shas[i], extensionOf(files[i].path)))) {
        hits.push(i);
      } else {
        misses.push(i);
        if (!parserMissing) submit(i);
      }
    };
    const hashing = new Set(toHash);
    for (let i = 0; i < files.length; i++) if (!hashing.has(i)) classify(i);
    let lastYield = performance.now();
    for (const i of toHash) {
      if (this.pool && performance.now() - lastYield > 5) { // let the workers' messages in
        await new Promise((res) => setImmediate(res));
        lastYield = performance.now();
      }
      const max = this.opts.maxFileBytes ?? MAX_FILE_BYTES;
      if (files[i].size > max) {
        unreadable.set(i, `file too large: ${files[i].size} bytes, the limit is ${max}; not read`);
        results[i] = rejectedResult(files[i].path, "", files[i].size, unreadable.get(i)!);
        continue;
      }
      try {
        shas[i] = sha256Hex(readFileSync(files[i].abs) as unknown as Uint8Array);
      } catch (e) {
        unreadable.set(i, `cannot read: ${errorText(e)}`);
        results[i] = rejectedResult(files[i].path, "", files[i].size, unreadable.get(i)!);
        continue;
      }
      classify(i);
    }
    this.lap("hash");
    if (toHash.length > 0) {
      const s = this.upToDate();
      if (s) {
        this.saveManifest();
        return this.skipped(s, toHash.length);
      }
    }
    if (misses.length > 0 && parserMissing) throw new RunError(`the parser ${fileURLToPath(this.parserUrl)} does not exist`);
    // Load DuckDB and the writer now (~0.3 s in which this thread answers no worker), having
    // handed the workers enough files to keep busy meanwhile. A shard run writes no warehouse.
    if (this.pool) {
      await this.pool.whenReady();
      this.pool.prefetch(PREFETCH);
    }
    const buildModule = opts.shard ? null : import("./build.ts");
    await buildModule?.catch(() => undefined);
    this.lap("load_writer");
    progress.note(`${files.length} files: ${hits.length} from the parse cache, ${misses.length} to parse${unreadable.size ? `, ${unreadable.size} unreadable` : ""}`);
    progress.start(misses.length, "parsed");
    progress.tick(parsedDone);

    // What the store already holds: a stored file with the same content needs no result unless its
    // group is recomputed (found once the new files' results are in).
    const build = buildModule ? await buildModule : null;
    const openStore = async (fresh: boolean) => {
      try {
        return await build!.openStore(opts.out, codeVersion(this.parserVersion), fresh);
      } catch (e) {
        throw new RunError(`cannot open the warehouse's store ${join(opts.out, STORE_FILE)} (is another run writing this warehouse?): ${errorText(e)}`);
      }
    };
    if (build) this.store = await openStore(!!opts.force);
    // the stored files, and the records' statements for the recycled search, read while the workers parse
    const snapshot = this.store?.reused ? await this.store.snapshot() : { files: [], records: [] };
    const stored = snapshot.files;
    const storedSha = new Map(stored.map((f) => [f.path, f.sha256]));
    const known = (i: number) => shas[i] !== "" && storedSha.get(files[i].path) === shas[i];
    this.lap("load_store");

    // cache hits are read while the workers parse, yielding now and then so their replies are handled
    let n = 0;
    let cached = 0;
    const load = async (indices: number[]) => {
      for (const i of indices) {
        const f = files[i];
        const r = cache.read(ParseCache.key(shas[i], extensionOf(f.path)));
        if (r) {
          results[i] = normalizeResult(r, f.path, shas[i], f.size);
          cached++;
        } else { // unreadable cache entry: parse the file after all
          misses.push(i);
          submit(i);
        }
        if (this.pool && ++n % 16 === 0) await new Promise((res) => setImmediate(res));
      }
    };
    await load(hits.filter((i) => !known(i)));
    this.lap("load_cache");
    const settle = async () => {
      try {
        await Promise.all(pending);
      } catch (e) {
        throw new RunError(errorText(e));
      }
    };
    try {
      await settle();
      if (this.store?.reused) {
        const plan = incrementalPlan(files, shas, results, stored);
        if (plan.affected.size > REBUILD_SHARE * files.length) { // cheaper to start the store afresh
          this.store.close();
          this.store = await openStore(true);
        } else {
          this.change = plan.change;
          this.recompute = plan.affected;
          await load(hits.filter((i) => known(i) && plan.affected.has(i)));
          await settle();
        }
        this.lap("load_affected");
      }
      if (!this.recompute) await load(hits.filter((i) => known(i)));
      await settle();
    } finally {
      progress.end();
    }
    if (this.pool) {
      if (this.pool.bundleProblem) progress.note(`note: ${this.pool.bundleProblem}; the workers ran through tsx (slower, same results)`);
      this.timings.worker_bundled = this.pool.bundled ? 1 : 0;
      this.timings.worker_parse = this.pool.stats.parseMs;
      this.timings.worker_idle = this.pool.stats.idleMs;
    }
    const poolStats = this.pool?.stats ?? null;
    await this.pool?.close();
    this.pool = null;
    this.saveCache(); // now: a failed write below must not cost the parse
    this.lap("parse_wait");

    // ---------------------------------------------------------------- shard: the results only
    if (opts.shard) {
      let outputs: Record<string, number>;
      try {
        outputs = writeShard(opts.out, results, opts.shard, this.parserVersion);
      } catch (e) {
        throw new RunError(`cannot write the shard to ${opts.out}: ${errorText(e)}`);
      }
      this.lap("write");
      const summary = summarize(results);
      writeState(opts.out, { fingerprint: this.fingerprint(), outputs, summary });
      this.saveManifest();
      return { summary, skipped: false, hashed: toHash.length, parsed: misses.length, cached, recomputed: files.length, outputs, timings: this.timings, pool: poolStats };
    }

    // ---------------------------------------------------------------- dedupe, rows, write
    const recompute = this.recompute;
    const subset = recompute ? results.filter((_, i) => recompute.has(i)) : results;
    const recomputed = subset.length;
    if (recompute) progress.note(`${recomputed} files recomputed (new or changed, and the files of their agencies); ${files.length - subset.length} kept as stored`);
    const { summary, outputs } = await build!.buildWarehouse(subset, opts.out, this.store!, this.change, {
      lap: (phase) => this.lap(phase), timings: this.timings, note: (m) => progress.note(m),
      writeError: (e) => new RunError(`cannot write the warehouse to ${opts.out}: ${errorText(e)}`),
      stored: recompute ? snapshot : undefined,
    });

    writeState(opts.out, { fingerprint: this.fingerprint(), outputs, summary });
    this.saveManifest();
    this.lap("state");
    return { summary, skipped: false, hashed: toHash.length, parsed: misses.length, cached, recomputed, outputs, timings: this.timings, pool: poolStats };
  }
}
