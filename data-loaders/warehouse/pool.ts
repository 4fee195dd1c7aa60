/**
 * Parse files in parallel on worker threads.
 *
 * - `jobs` workers (default: the number of cores). With the default parser (`bundled`), workers
 *   start from one bundled file (bundle.ts). Otherwise, and whenever the bundle cannot be built or
 *   a bundled worker fails to start, they start through worker-boot.mjs, which registers tsx in
 *   the thread: on node 20 a Worker created on a .ts URL fails with "Unknown file extension .ts"
 *   even when the parent runs under tsx, and `execArgv: ["--import", "tsx"]` fails the same way;
 *   `register()` from tsx/esm/api works.
 * - Each worker has several files in flight (it parses them one after another): it never waits
 *   for the main thread between two files, which matters on 2 cores where the main thread has to
 *   share a core with the workers and may answer only after a time slice. By default as many
 *   files as take ~30 ms at the average parse time so far (3 to 32): with 3 text reports of
 *   ~2 ms each, the workers of a 2,000-file run sat idle 0.5 s in gaps of 2 to 40 ms.
 * - One bad file never stops the run: a parser throw comes back as a "rejected" result (from the
 *   worker); a worker that dies (uncaught error, out of memory, process.exit) or runs past the
 *   time limit on a file is terminated and replaced; only the file it was on (the worker marks it
 *   in shared memory) is rejected, with a reason naming what happened ("worker crashed: ...",
 *   "timeout: ..."); the other files sent to it go back to the queue.
 * - A worker that fails before it is ready (parser module missing or broken) is fatal for the
 *   whole pool: every file would fail the same way.
 * - A worker reads its files itself (the main thread only sends paths) and sends each result back
 *   as the bytes it caches (v8.serialize): one copy of a byte array, no field-by-field cloning.
 * - Worker stdout/stderr go to this process's stderr, so stray parser logging cannot corrupt the
 *   JSON or the summary printed on stdout.
 */
import { availableParallelism } from "node:os";
import { deserialize } from "node:v8";
import { Worker } from "node:worker_threads";
import type { ParseResult } from "../report.ts";
import { workerBundle } from "./bundle.ts";
import { errorText, rejectedResult } from "./results.ts";
import type { WorkerReply, WorkerTask } from "./worker.ts";

export interface PoolTask {
  path: string;
  abs: string | Buffer;
  sha256: string;
  size: number;
  /** Cache key of the file's result, or null for no caching. */
  cacheKey: string | null;
}

export interface PoolOptions {
  /** URL (file:) of a module exporting parseFile(path, bytes). */
  parserUrl: string;
  /** parserUrl is the default parser: start workers from the bundle of worker-entry.ts. */
  bundled?: boolean;
  /** With `bundled`: start from this file instead of bundle.ts's (tests of the fallback). */
  bundleUrl?: string;
  jobs?: number;
  /** Per-file time limit in ms (default 20 s). */
  timeoutMs?: number;
  /** Heap limit of a worker in MB (default 2048): a runaway file dies alone. */
  memoryMb?: number;
  /** Files in flight per worker (default: adaptive, see above). */
  depth?: number;
  /** A new cache pack file for a worker to append its results to (none: no caching). */
  newPack?: () => string;
  /** Told where a worker cached the result of a task with a cacheKey. */
  onCached?: (key: string, pack: string, offset: number, length: number) => void;
}

interface Pending { id: number; task: PoolTask; resolve: (r: ParseResult) => void; reject: (e: Error) => void; crashes: number }

interface Slot {
  worker: Worker | null;
  ready: boolean;
  startTimer: NodeJS.Timeout | null;
  pack: string | null;
  /** Files sent to the worker, in the order it parses them. */
  inflight: Pending[];
  /** Shared with the worker: [0] id of the file it is parsing now (0: none); as Float64 at byte 8,
   * when it started (Date.now()). Tells which file a crash or a timeout belongs to without
   * depending on the order in which messages and the crash arrive. */
  now: Int32Array;
  since: Float64Array;
}

const STARTUP_MS = 120_000;
const BOOT = new URL("./worker-boot.mjs", import.meta.url);

export function defaultJobs(): number {
  return Math.max(1, availableParallelism());
}

export class ParsePool {
  readonly jobs: number;
  readonly timeoutMs: number;
  /** Fixed files in flight per worker, or null: adaptive (see depth()). */
  private readonly fixedDepth: number | null;
  private readonly opts: PoolOptions;
  private readonly slots: Slot[] = [];
  private readonly queue: Pending[] = [];
  private fatal: Error | null = null;
  private closed = false;
  private nextId = 1;
  private watch: NodeJS.Timeout | null = null;
  /** Counters for tests and timings (parseMs, idleMs: summed over the workers). */
  readonly stats = { parsed: 0, threw: 0, crashed: 0, timedOut: 0, unreadable: 0, restarts: 0, parseMs: 0, idleMs: 0 };
  /** Where the workers start: the bundle's URL or BOOT. */
  private entry: URL = BOOT;
  /** Why the workers do not start from the bundle (null: they do, or were not asked to). */
  bundleProblem: string | null = null;

  constructor(opts: PoolOptions) {
    this.opts = opts;
    this.jobs = Math.max(1, Math.floor(opts.jobs ?? defaultJobs()));
    this.timeoutMs = opts.timeoutMs ?? 20_000;
    this.fixedDepth = opts.depth === undefined ? null : Math.max(1, Math.floor(opts.depth));
    if (opts.bundled) {
      const b = opts.bundleUrl ? { url: opts.bundleUrl } : workerBundle();
      if ("url" in b) this.entry = new URL(b.url);
      else this.bundleProblem = `cannot bundle the parse worker: ${b.error}`;
    }
  }

  /** Files in flight per worker now: ~30 ms of work at the average parse time so far, 3 to 32. */
  depth(): number {
    if (this.fixedDepth !== null) return this.fixedDepth;
    const avg = this.stats.parsed > 0 ? this.stats.parseMs / this.stats.parsed : 10;
    return Math.max(3, Math.min(32, Math.ceil(30 / Math.max(avg, 0.1))));
  }

  /** Files sent to each worker and not answered yet. */
  inFlight(): number[] {
    return this.slots.map((s) => s.inflight.length);
  }

  /** True when the workers start from the bundle. */
  get bundled(): boolean {
    return this.entry !== BOOT;
  }

  /** Parse one file; never rejects except when the pool itself cannot work (fatal). */
  submit(task: PoolTask): Promise<ParseResult> {
    if (this.fatal) return Promise.reject(this.fatal);
    if (this.closed) return Promise.reject(new Error("parse pool is closed"));
    return new Promise<ParseResult>((resolve, reject) => {
      this.queue.push({ id: this.nextId++, task, resolve, reject, crashes: 0 });
      this.ensureWorkers();
      this.pump();
    });
  }

  /** Start the workers now (they take a moment to load the parser), before any file is submitted. */
  warm(n = this.jobs): void {
    while (this.slots.length < Math.min(n, this.jobs) && !this.closed && !this.fatal) this.addSlot();
  }

  /** Resolves when every started worker is ready (or the pool has failed or closed). */
  async whenReady(): Promise<void> {
    while (!this.closed && !this.fatal && this.slots.some((s) => s.worker && !s.ready)) await new Promise((r) => setTimeout(r, 5));
  }

  /**
   * Hand each ready worker up to `perWorker` queued files at once, shared evenly, before the main
   * thread blocks for a while (loading DuckDB): with only `depth()` files each, the workers would sit
   * idle until it answers again. Later files go out `depth()` at a time again.
   */
  prefetch(perWorker: number): void {
    const ready = this.slots.filter((s) => s.worker && s.ready);
    if (ready.length === 0) return;
    const share = Math.min(perWorker, Math.ceil((this.queue.length + ready.reduce((n, s) => n + s.inflight.length, 0)) / ready.length));
    for (const slot of ready) while (slot.inflight.length < share && this.queue.length > 0) this.send(slot, this.queue.shift()!);
  }

  /** Stop the workers (their cache writes are synchronous: nothing to wait for). */
  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    if (this.watch) clearInterval(this.watch);
    this.watch = null;
    const ws = this.slots.map((s) => s.worker).filter((w): w is Worker => w !== null);
    for (const s of this.slots) {
      if (s.startTimer) clearTimeout(s.startTimer);
      s.worker = null;
    }
    await Promise.all(ws.map((w) => w.terminate()));
  }

  private addSlot(): void {
    const shared = new SharedArrayBuffer(16);
    const slot: Slot = { worker: null, ready: false, startTimer: null, pack: null, inflight: [], now: new Int32Array(shared, 0, 1), since: new Float64Array(shared, 8, 1) };
    this.slots.push(slot);
    this.spawn(slot);
  }

  private ensureWorkers(): void {
    if (this.closed || this.fatal) return;
    const busy = this.slots.reduce((n, s) => n + s.inflight.length, 0);
    const want = Math.min(this.jobs, Math.ceil((busy + this.queue.length) / this.depth()));
    while (this.slots.length < want) this.addSlot();
  }

  private spawn(slot: Slot): void {
    slot.pack = this.opts.newPack ? this.opts.newPack() : null; // a fresh pack per worker: one writer per file
    const w = new Worker(this.entry, {
      workerData: { parserUrl: this.opts.parserUrl, packFile: slot.pack, state: slot.now.buffer },
      resourceLimits: { maxOldGenerationSizeMb: this.opts.memoryMb ?? 2048 },
      // a bundled worker needs no loader: not the parent's `--import tsx`, which costs each worker
      // ~0.4 s and a loader thread (worker-boot.mjs needs it: tsx's register() alone loads a .ts
      // module outside a "type": "module" package as CommonJS)
      ...(this.bundled ? { execArgv: [] } : {}),
      stdout: true,
      stderr: true,
    });
    w.stdout.on("data", (d: Uint8Array) => process.stderr.write(d));
    w.stderr.on("data", (d: Uint8Array) => process.stderr.write(d));
    slot.worker = w;
    slot.ready = false;
    Atomics.store(slot.now, 0, 0);
    slot.startTimer = setTimeout(() => {
      if (slot.worker === w && !slot.ready) this.fail(new Error(`a parse worker for ${this.opts.parserUrl} did not start within ${STARTUP_MS / 1000} s`));
    }, STARTUP_MS);
    w.on("message", (m: WorkerReply) => {
      if (slot.worker !== w) return;
      if (m.type === "ready") {
        slot.ready = true;
        if (slot.startTimer) clearTimeout(slot.startTimer);
      } else if (m.type === "done") {
        const k = slot.inflight.findIndex((p) => p.id === m.id);
        if (k >= 0) {
          const [p] = slot.inflight.splice(k, 1);
          const result = deserialize(m.packed) as ParseResult;
          if (m.unreadable) this.stats.unreadable++;
          if (result.status === "rejected" && result.reason?.startsWith("parser error:")) this.stats.threw++;
          this.stats.parsed++;
          this.stats.parseMs += m.parseMs;
          this.stats.idleMs += m.idleMs;
          if (m.cached && p.task.cacheKey && slot.pack && this.opts.onCached) this.opts.onCached(p.task.cacheKey, slot.pack, m.cached[0], m.cached[1]);
          p.resolve(result);
        }
      }
      this.pump();
    });
    w.on("error", (e: Error) => {
      if (slot.worker !== w) return;
      if (!slot.ready && this.bundled) return this.unbundle(slot, w, errorText(e));
      if (!slot.ready) {
        this.fail(new Error(`cannot start a parse worker for ${this.opts.parserUrl}: ${errorText(e)}`));
        return;
      }
      this.lose(slot, w, `worker crashed: ${errorText(e)}`);
    });
    w.on("exit", (code) => {
      if (slot.worker !== w) return;
      if (!slot.ready && this.bundled) return this.unbundle(slot, w, `exited with code ${code}`);
      if (!slot.ready) {
        this.fail(new Error(`a parse worker for ${this.opts.parserUrl} exited with code ${code} before it was ready`));
        return;
      }
      this.lose(slot, w, `worker exited with code ${code}`);
    });
  }

  /** A bundled worker failed to start: start this one, and all later ones, through tsx. */
  private unbundle(slot: Slot, w: Worker, why: string): void {
    this.bundleProblem = `a bundled parse worker failed to start (${why})`;
    this.entry = BOOT;
    if (slot.startTimer) clearTimeout(slot.startTimer);
    slot.worker = null;
    void w.terminate().catch(() => undefined);
    if (!this.closed && !this.fatal) this.spawn(slot);
  }

  /** Check the time limit of the file each worker is on, 4 times a second while work is out. */
  private ensureWatch(): void {
    if (this.watch || this.closed) return;
    this.watch = setInterval(() => {
      let busy = false;
      for (const slot of [...this.slots]) {
        if (slot.inflight.length > 0) busy = true;
        const id = Atomics.load(slot.now, 0);
        const w = slot.worker;
        if (!w || id === 0 || Date.now() - slot.since[0] <= this.timeoutMs) continue;
        this.lose(slot, w, `timeout: parsing took longer than ${+(this.timeoutMs / 1000).toFixed(1)} s`, true);
        this.pump();
      }
      if (!busy && this.queue.length === 0 && this.watch) { clearInterval(this.watch); this.watch = null; }
    }, Math.min(250, Math.max(10, this.timeoutMs / 4)));
  }

  /** The slot's worker is gone (crash, exit, timeout): reject the file it was on (read from the
   * shared state), put the other files sent to it back in the queue, start a new worker. A file
   * whose worker died twice while no file was marked current is rejected too (a parser that
   * breaks its worker after returning). */
  private lose(slot: Slot, w: Worker, reason: string, timedOut = false): void {
    const current = Atomics.load(slot.now, 0);
    slot.worker = null;
    slot.ready = false;
    void w.terminate().catch(() => undefined);
    const sent = slot.inflight.splice(0);
    let culprit = sent.find((p) => p.id === current) ?? null;
    if (!culprit && sent.length > 0 && ++sent[0].crashes >= 2) culprit = sent[0];
    this.queue.unshift(...sent.filter((p) => p !== culprit));
    if (culprit) {
      if (timedOut) this.stats.timedOut++; else this.stats.crashed++;
      this.stats.parsed++;
      culprit.resolve(rejectedResult(culprit.task.path, culprit.task.sha256, culprit.task.size, reason));
    }
    if (this.closed || this.fatal) return;
    if (this.queue.length > 0) {
      this.stats.restarts++;
      this.spawn(slot);
    } else {
      this.slots.splice(this.slots.indexOf(slot), 1); // spawned again on demand
    }
  }

  private fail(e: Error): void {
    if (this.fatal) return;
    this.fatal = e;
    const pending = [...this.queue.splice(0), ...this.slots.flatMap((s) => s.inflight.splice(0))];
    for (const p of pending) p.reject(e);
    void this.close();
  }

  private pump(): void {
    const depth = this.depth();
    for (const slot of this.slots) {
      while (slot.worker && slot.ready && slot.inflight.length < depth && this.queue.length > 0) {
        this.send(slot, this.queue.shift()!);
      }
    }
    this.ensureWorkers();
  }

  private send(slot: Slot, p: Pending): void {
    slot.inflight.push(p);
    this.ensureWatch();
    // the worker reads the file itself: no copy of its bytes through the message port
    const msg: WorkerTask = { id: p.id, path: p.task.path, abs: p.task.abs as string | Uint8Array, size: p.task.size, sha256: p.task.sha256, cache: p.task.cacheKey !== null };
    slot.worker!.postMessage(msg);
  }
}
