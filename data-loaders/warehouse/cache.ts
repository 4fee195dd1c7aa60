/**
 * The parse cache and the bookkeeping that lets a no-change re-run do almost nothing.
 *
 * Layout under the cache folder (default `.cache/parse/`):
 *   <version>/packs/*.v8           ParseResults, each serialized by v8.serialize, appended by the workers
 *   <version>/index.v8.json        "<sha256>.<ext>" -> [pack, byte offset, byte length]
 *   manifest-<hash of raw folder>.json   path -> [size, mtimeMs, sha256]
 *
 * The key is the content hash plus the file extension (the parser may use the extension to pick
 * the reader), plus the version through the folder: PARSER_VERSION and a hash of the parser's
 * source files (see version.ts). Same bytes at another path reuse the entry
 * (`file` is rewritten on load). Results from a thrown, crashed or timed-out parse are not cached.
 * Why packs and not a file per result: on this machine's disk, creating 2,000 small files costs
 * ~1.5 s of system time, appending to 2 files almost nothing. A pack line the index does not
 * point to (a run killed before saving its index) is simply never read; a pack nothing points to
 * is deleted when the index is saved. Delete the folder to reclaim the space of old versions.
 *
 * The manifest spares hashing: a file whose size and mtime equal the manifest's is taken to have
 * the recorded sha256 (as git and make do). Entries whose mtime is within 2 s of the manifest's
 * own writing are not trusted (a file changed twice in the same instant keeps its mtime).
 *
 * The warehouse state (`<out>/.warehouse-state.json`) records the fingerprint of the inputs of the
 * last write (parse cache version, WAREHOUSE_VERSION + hash of warehouse/, schema, the sorted
 * (path, sha256) list), the
 * sizes of the files written, and the summary; equal fingerprint + files in place = skip writing.
 */
import { createHash } from "node:crypto";
import { closeSync, mkdirSync, openSync, readdirSync, readFileSync, readSync, renameSync, statSync, unlinkSync, writeFileSync } from "node:fs";
import { basename, dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { deserialize } from "node:v8";
import type { ParseResult } from "../report.ts";
import { PARSER_VERSION, WAREHOUSE_VERSION } from "./version.ts";

export interface ManifestEntry { size: number; mtimeMs: number; sha256: string }

const RACY_MS = 2000;

export function sha256Hex(data: Uint8Array | string): string {
  return createHash("sha256").update(data).digest("hex");
}

/** Write a file so that readers never see half of it. */
export function writeAtomic(path: string, data: string | Uint8Array): void {
  mkdirSync(dirname(path), { recursive: true });
  const tmp = `${path}.${process.pid}.${Math.random().toString(36).slice(2, 8)}.tmp`;
  try {
    writeFileSync(tmp, data);
    renameSync(tmp, path);
  } catch (e) {
    try { unlinkSync(tmp); } catch { /* nothing to remove */ }
    throw e;
  }
}

function safeSegment(s: string, max = 40): string {
  const clean = s.replace(/[^A-Za-z0-9._-]/g, "_").slice(0, max);
  return clean || "_";
}

/** The index of a cache version folder. Its name changed with the packs' encoding (from JSON lines,
 * index.json, to v8.serialize): an index of the old encoding is never read. */
export const INDEX_FILE = "index.v8.json";
const PACK_EXT = ".v8";
/** Packs of the old encoding: deleted with the other packs the index does not point to. */
const OLD_PACK_EXT = ".jsonl";

/** Where one cached result lives: pack file name, byte offset, byte length. */
export type CacheLoc = [pack: string, offset: number, length: number];

export class ParseCache {
  readonly dir: string;
  readonly versionDir: string;
  readonly packDir: string;
  readonly indexFile: string;
  readonly manifestFile: string;
  private index: Map<string, CacheLoc> | null = null;
  private dirty = false;
  private readonly fds = new Map<string, number>();
  private packSeq = 0;

  constructor(cacheDir: string, rawRoot: string, parserVersion: string = parserCacheVersion()) {
    this.dir = resolve(cacheDir);
    this.versionDir = join(this.dir, safeSegment(parserVersion, 80));
    this.packDir = join(this.versionDir, "packs");
    this.indexFile = join(this.versionDir, INDEX_FILE);
    this.manifestFile = join(this.dir, `manifest-${sha256Hex(resolve(rawRoot)).slice(0, 16)}.json`);
  }

  /** Cache key of a content and file extension. */
  static key(sha256: string, ext: string): string {
    const e = /^[a-z0-9]{1,12}$/.test(ext) ? ext : ext ? "x" + sha256Hex(ext).slice(0, 8) : "noext";
    return `${sha256}.${e}`;
  }

  private loadIndex(): Map<string, CacheLoc> {
    if (this.index) return this.index;
    this.index = new Map();
    try {
      const data = JSON.parse(readFileSync(this.indexFile, "utf8")) as { packs: string[]; entries: Record<string, [number, number, number]> };
      for (const [k, [p, off, len]] of Object.entries(data.entries)) {
        const pack = data.packs[p];
        if (typeof pack === "string") this.index.set(k, [pack, off, len]);
      }
    } catch { /* no index yet, or unreadable: an empty cache */ }
    return this.index;
  }

  has(key: string): boolean {
    return this.loadIndex().has(key);
  }

  /** The cached result, or null when absent or unreadable (then it is parsed again). */
  read(key: string): ParseResult | null {
    const loc = this.loadIndex().get(key);
    if (!loc) return null;
    try {
      const [pack, offset, length] = loc;
      let fd = this.fds.get(pack);
      if (fd === undefined) { fd = openSync(join(this.packDir, pack), "r"); this.fds.set(pack, fd); }
      const buf = Buffer.allocUnsafe(length);
      if (readSync(fd, buf as unknown as Uint8Array, 0, length, offset) !== length) return null;
      const r = deserialize(buf as unknown as Uint8Array) as ParseResult;
      return r && typeof r === "object" && typeof r.status === "string" ? r : null;
    } catch {
      return null;
    }
  }

  /** A new pack file name for one writer (a worker appends its results to it). */
  newPack(): string {
    mkdirSync(this.packDir, { recursive: true });
    return join(this.packDir, `${Date.now().toString(36)}-${process.pid}-${++this.packSeq}${PACK_EXT}`);
  }

  /** Record that a writer stored the result of `key` in `packPath` at offset/length. */
  add(key: string, packPath: string, offset: number, length: number): void {
    this.loadIndex().set(key, [basename(packPath), offset, length]);
    this.dirty = true;
  }

  /** Write the index (when it changed) and drop pack files it no longer refers to. */
  save(): void {
    for (const fd of this.fds.values()) { try { closeSync(fd); } catch { /* already closed */ } }
    this.fds.clear();
    if (!this.dirty || !this.index) return;
    const packs: string[] = [];
    const packNo = new Map<string, number>();
    const entries: Record<string, [number, number, number]> = {};
    for (const [k, [pack, off, len]] of this.index) {
      let n = packNo.get(pack);
      if (n === undefined) { n = packs.length; packs.push(pack); packNo.set(pack, n); }
      entries[k] = [n, off, len];
    }
    writeAtomic(this.indexFile, JSON.stringify({ packs, entries }));
    this.dirty = false;
    try {
      for (const f of readdirSync(this.packDir)) if ((f.endsWith(PACK_EXT) || f.endsWith(OLD_PACK_EXT)) && !packNo.has(f)) unlinkSync(join(this.packDir, f));
    } catch { /* nothing to clean */ }
  }

  /** path -> entry; entries too close to the previous manifest's writing are left out. */
  loadManifest(): Map<string, ManifestEntry> {
    const map = new Map<string, ManifestEntry>();
    let data: { written?: number; entries?: Record<string, [number, number, string]> };
    try {
      data = JSON.parse(readFileSync(this.manifestFile, "utf8"));
    } catch {
      return map;
    }
    const written = typeof data.written === "number" ? data.written : 0;
    for (const [path, e] of Object.entries(data.entries ?? {})) {
      if (!Array.isArray(e) || e.length !== 3) continue;
      const [size, mtimeMs, sha256] = e;
      if (mtimeMs > written - RACY_MS) continue;
      map.set(path, { size, mtimeMs, sha256 });
    }
    return map;
  }

  saveManifest(entries: Iterable<[string, ManifestEntry]>): void {
    const obj: Record<string, [number, number, string]> = {};
    for (const [path, e] of entries) obj[path] = [e.size, e.mtimeMs, e.sha256];
    writeAtomic(this.manifestFile, JSON.stringify({ written: Date.now(), entries: obj }));
  }
}

// ---------------------------------------------------------------- warehouse state

export interface StateSummary {
  seen: number;
  counts: Record<string, number>;
  /** Files not parsed cleanly: [path, status, reason]. */
  notClean: [string, string, string | null][];
}

export interface WarehouseState {
  fingerprint: string;
  outputs: Record<string, number>; // file name in the out folder -> size in bytes
  summary: StateSummary;
}

export const STATE_FILE = ".warehouse-state.json";
/** The warehouse's DuckDB database beside the Parquet files (store.ts). */
export const STORE_FILE = ".store.duckdb";

const DATA_LOADERS = fileURLToPath(new URL("../", import.meta.url));
const memo = new Map<string, string>();

/** SHA-256 over the source files (.ts .mts .js .mjs .json) under data-loaders/, in path order:
 * `only` limits it to those top-level folders, `skip` leaves those out. A few ms for ~50 files. */
export function sourceHash(opts: { only?: string[]; skip?: string[] }): string {
  const key = JSON.stringify(opts);
  const known = memo.get(key);
  if (known) return known;
  const files: string[] = [];
  const walk = (dir: string, rel: string) => {
    for (const e of readdirSync(dir, { withFileTypes: true })) {
      if (e.name.startsWith(".")) continue;
      const r = rel ? `${rel}/${e.name}` : e.name;
      if (e.isDirectory()) {
        if (!rel && opts.only && !opts.only.includes(e.name)) continue;
        if (!rel && opts.skip?.includes(e.name)) continue;
        walk(join(dir, e.name), r);
      } else if (/\.(m?ts|m?js|json)$/.test(e.name) && !(!rel && opts.only)) {
        files.push(r);
      }
    }
  };
  walk(DATA_LOADERS, "");
  files.sort();
  const h = createHash("sha256");
  for (const f of files) h.update(`${f}\n`).update(readFileSync(join(DATA_LOADERS, f)) as unknown as Uint8Array);
  const hex = h.digest("hex");
  memo.set(key, hex);
  return hex;
}

/** The parse cache's version: PARSER_VERSION plus a hash of the parser's source files. */
export function parserCacheVersion(): string {
  return `${PARSER_VERSION}-${sourceHash({ skip: ["warehouse", "cli"] }).slice(0, 12)}`;
}

/** The version of the code that turns files into the warehouse: parser, warehouse and schema. The
 * store (store.ts) is kept only for the version it was written with. */
export function codeVersion(parserVersion = parserCacheVersion()): string {
  return `parser ${parserVersion}\nwarehouse ${WAREHOUSE_VERSION} ${sourceHash({ only: ["warehouse"] })}\nschema ${sourceHash({ only: ["format"] })}\n`;
}

/** Fingerprint of everything the warehouse output depends on. `files` must be in path order. */
export function inputFingerprint(files: { path: string; sha256: string }[], parserVersion = parserCacheVersion()): string {
  const h = createHash("sha256");
  h.update(codeVersion(parserVersion));
  for (const f of files) h.update(`${f.sha256}\t${f.path}\n`);
  return h.digest("hex");
}

export function readState(outDir: string): WarehouseState | null {
  try {
    const s = JSON.parse(readFileSync(join(outDir, STATE_FILE), "utf8")) as WarehouseState;
    return s && typeof s.fingerprint === "string" && s.outputs && s.summary ? s : null;
  } catch {
    return null;
  }
}

/** True when every output of the state is in place with the size it was written with. */
export function outputsIntact(outDir: string, state: WarehouseState): boolean {
  const names = Object.keys(state.outputs);
  if (names.length === 0) return false;
  for (const name of names) {
    try {
      if (statSync(join(outDir, name)).size !== state.outputs[name]) return false;
    } catch {
      return false;
    }
  }
  return true;
}

export function writeState(outDir: string, state: WarehouseState): void {
  writeAtomic(join(outDir, STATE_FILE), JSON.stringify(state));
}
