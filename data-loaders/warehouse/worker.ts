/**
 * A parse worker: `serve(parseFile)` reads and parses the files it is sent (by path), one at a
 * time, in order. Two entries start it: worker-entry.ts, with the default parser built in (what
 * bundle.ts bundles), and worker-boot.mjs, which loads the parser named in workerData.parserUrl
 * through tsx. A throw becomes a "rejected" result. A good
 * result is appended, serialized with v8.serialize, to this worker's cache pack (workerData.packFile)
 * and its place in the pack is sent back with the result. The result travels as those same bytes, so
 * a fresh result and a cached one are read the same way (v8.deserialize: about 1.7 times faster than
 * decoding and parsing the same result as JSON, measured on 10,000 cached results).
 */
import { closeSync, openSync, readFileSync, writeSync } from "node:fs";
import { serialize } from "node:v8";
import { parentPort, workerData } from "node:worker_threads";
import type { ParseResult } from "../report.ts";
import { errorText, nonJsonValue, normalizeResult, rejectedResult, resultProblem } from "./results.ts";
import { mineReport } from "../narrative/mine.ts";

/** `abs`: where to read the file (a Buffer path arrives as a Uint8Array, which fs accepts too). */
export interface WorkerTask { id: number; path: string; abs: string | Uint8Array; size: number; sha256: string; cache: boolean }
export type WorkerReply =
  | { type: "ready" }
  | { type: "done"; id: number; packed: Uint8Array; unreadable: boolean; parseMs: number; idleMs: number; cached: [offset: number, length: number] | null };

export type ParseFn = (path: string, bytes: Uint8Array, sha256?: string) => Promise<ParseResult> | ParseResult;

/** Start answering the pool's tasks with this parser (once per worker). */
export function serve(parser: ParseFn): void {
  parseFile = parser;
  port.on("message", (msg: WorkerTask) => {
    queue.push(msg);
    if (!running) void drain();
  });
  port.postMessage({ type: "ready" } satisfies WorkerReply);
}

/** serve() with the parseFile export of a loaded module, or a throw naming the module. */
export function serveModule(mod: { parseFile?: unknown }, url: string): void {
  if (typeof mod.parseFile !== "function") throw new Error(`${url} exports no parseFile function`);
  serve(mod.parseFile as ParseFn);
}

const port = parentPort!;
let parseFile: ParseFn;
const packFile: string | null = workerData.packFile ?? null;
// shared with the pool: the id of the file being parsed (0: none) and since when (see pool.ts)
const nowId = new Int32Array(workerData.state as SharedArrayBuffer, 0, 1);
const since = new Float64Array(workerData.state as SharedArrayBuffer, 8, 1);

let packFd = -1;
let packOffset = 0;
let packBroken = false;

/** Append the serialized result to the pack; its [offset, length] in bytes, or null when it cannot be written. */
function cache(bytes: Uint8Array): [number, number] | null {
  if (!packFile || packBroken) return null;
  try {
    if (packFd < 0) packFd = openSync(packFile, "a");
    const written = writeSync(packFd, bytes);
    if (written !== bytes.length) { packBroken = true; return null; }
    const at: [number, number] = [packOffset, bytes.length];
    packOffset += bytes.length;
    return at;
  } catch {
    packBroken = true; // a cache that cannot be written only costs time
    if (packFd >= 0) { try { closeSync(packFd); } catch { /* gone */ } }
    return null;
  }
}

// files are parsed strictly one after another, in the order they came (the pool relies on it to
// know which file a crash or a timeout belongs to), even when parseFile awaits
const queue: WorkerTask[] = [];
let running = false;
let idleSince = -1; // when the last result was posted (-1: before the first task, or work queued)

async function drain(): Promise<void> {
  running = true;
  while (queue.length > 0) await handle(queue.shift()!);
  running = false;
}

async function handle(task: WorkerTask): Promise<void> {
  let result: ParseResult;
  let good = false; // a result worth caching
  let unreadable = false;
  const t0 = performance.now();
  const idleMs = idleSince < 0 ? 0 : t0 - idleSince;
  since[0] = Date.now();
  Atomics.store(nowId, 0, task.id);
  let bytes: Uint8Array | null = null;
  try {
    bytes = readFileSync(typeof task.abs === "string" ? task.abs : Buffer.from(task.abs)) as unknown as Uint8Array;
  } catch (e) {
    unreadable = true;
    result = rejectedResult(task.path, task.sha256, task.size, `cannot read: ${errorText(e)}`);
  }
  if (bytes) {
    try {
      const raw = await parseFile(task.path, bytes, task.sha256 || undefined);
      const problem = resultProblem(raw);
      if (problem) {
        result = rejectedResult(task.path, task.sha256, bytes.byteLength, problem);
      } else {
        result = normalizeResult(raw, task.path, task.sha256, bytes.byteLength);
        good = true;
        // Mine the narrative here, in parallel with the other worker, and cache it with the parse;
        // if it fails, the main thread mines again and records the failure as a finding.
        try { result.narrative = mineReport(result); } catch { /* mined again, and reported, by narrative.ts */ }
      }
    } catch (e) {
      result = rejectedResult(task.path, task.sha256, bytes.byteLength, `parser error: ${errorText(e)}`);
    }
  }
  Atomics.store(nowId, 0, 0);
  const parseMs = performance.now() - t0;
  let packed: Uint8Array;
  const odd = good ? nonJsonValue(result!) : null;
  try {
    if (odd) throw new Error(`${odd} is not plain JSON data`);
    packed = serialize(result!) as unknown as Uint8Array;
  } catch (e) { // e.g. the parser put a BigInt, a Date or a function in its result
    good = false;
    packed = serialize(rejectedResult(task.path, task.sha256, task.size, `parser result cannot be sent: ${errorText(e)}`)) as unknown as Uint8Array;
  }
  const cached = good && task.cache ? cache(packed) : null;
  port.postMessage({ type: "done", id: task.id, packed, unreadable, parseMs, idleMs, cached } satisfies WorkerReply);
  idleSince = queue.length > 0 ? -1 : performance.now();
}
