/**
 * A zip's central directory read without inflating anything: entry names and declared sizes,
 * enough to refuse truncated archives and zip bombs before a real unzipper touches them.
 */
import { inflateRawSync } from "node:zlib";

export interface ZipEntry { name: string; compressed: number; uncompressed: number; offset: number }
export type ZipDirectory =
  | { ok: true; entries: ZipEntry[] }
  | { ok: false; problem: "truncated" | "corrupt"; message: string };

const EOCD = 0x06054b50, EOCD64 = 0x06064b50, LOCATOR64 = 0x07064b50, CENTRAL = 0x02014b50, LOCAL = 0x04034b50;
const MAX32 = 0xffffffff;
const MAX_ENTRIES = 100_000;

function u16(b: Uint8Array, i: number): number {
  return b[i] | (b[i + 1] << 8);
}
function u32(b: Uint8Array, i: number): number {
  return (b[i] | (b[i + 1] << 8) | (b[i + 2] << 16)) + b[i + 3] * 0x1000000;
}
function u64(b: Uint8Array, i: number): number {
  return u32(b, i) + u32(b, i + 4) * 0x100000000; // exact below 2^53, which is all that matters here
}

function findEocd(b: Uint8Array): number {
  const last = b.length - 22;
  const first = Math.max(0, last - 0xffff);
  for (let i = last; i >= first; i--) if (b[i] === 0x50 && u32(b, i) === EOCD) return i;
  return -1;
}

/** Zip64 extra field (0x0001): the 64-bit values for the 32-bit fields that are 0xFFFFFFFF. */
function zip64Extra(b: Uint8Array, start: number, end: number, e: ZipEntry): void {
  for (let i = start; i + 4 <= end; ) {
    const id = u16(b, i), size = u16(b, i + 2);
    if (id === 0x0001) {
      let j = i + 4;
      if (e.uncompressed === MAX32 && j + 8 <= i + 4 + size) (e.uncompressed = u64(b, j)), (j += 8);
      if (e.compressed === MAX32 && j + 8 <= i + 4 + size) (e.compressed = u64(b, j)), (j += 8);
      if (e.offset === MAX32 && j + 8 <= i + 4 + size) e.offset = u64(b, j);
      return;
    }
    i += 4 + size;
  }
}

export function readZipDirectory(b: Uint8Array): ZipDirectory {
  const eocd = findEocd(b);
  if (eocd < 0) return { ok: false, problem: "truncated", message: "no end-of-central-directory record: the zip is cut short" };
  let count = u16(b, eocd + 10), size = u32(b, eocd + 12), offset = u32(b, eocd + 16);
  if (count === 0xffff || size === MAX32 || offset === MAX32) {
    const loc = eocd - 20;
    if (loc < 0 || u32(b, loc) !== LOCATOR64) return { ok: false, problem: "corrupt", message: "zip64 sizes without a zip64 locator" };
    const rec = u64(b, loc + 8);
    if (rec + 56 > b.length || u32(b, rec) !== EOCD64) return { ok: false, problem: "truncated", message: "zip64 end record missing" };
    count = u64(b, rec + 32);
    size = u64(b, rec + 40);
    offset = u64(b, rec + 48);
  }
  if (count > MAX_ENTRIES) return { ok: false, problem: "corrupt", message: `${count} zip entries` };
  if (offset + size > b.length) return { ok: false, problem: "truncated", message: "the central directory lies beyond the end of the file" };
  const entries: ZipEntry[] = [];
  let p = offset;
  for (let k = 0; k < count; k++) {
    if (p + 46 > b.length || u32(b, p) !== CENTRAL) return { ok: false, problem: "corrupt", message: `central directory entry ${k} is damaged` };
    const nameLen = u16(b, p + 28), extraLen = u16(b, p + 30), commentLen = u16(b, p + 32);
    const e: ZipEntry = {
      name: new TextDecoder().decode(b.subarray(p + 46, p + 46 + nameLen)),
      compressed: u32(b, p + 20),
      uncompressed: u32(b, p + 24),
      offset: u32(b, p + 42),
    };
    zip64Extra(b, p + 46 + nameLen, p + 46 + nameLen + extraLen, e);
    if (e.offset + 30 > b.length || u32(b, e.offset) !== LOCAL) {
      return { ok: false, problem: e.offset + 30 > b.length ? "truncated" : "corrupt", message: `the data of "${e.name}" is missing` };
    }
    if (e.offset + 30 + e.compressed > b.length) return { ok: false, problem: "truncated", message: `"${e.name}" runs past the end of the file` };
    entries.push(e);
    p += 46 + nameLen + extraLen + commentLen;
  }
  return { ok: true, entries };
}

/**
 * Whether an entry really inflates to no more than `limit` bytes (a zip may lie about its sizes
 * in the directory). Inflation stops at limit + 1 bytes, so checking costs at most that.
 */
export function inflatesWithin(b: Uint8Array, e: ZipEntry, limit: number): boolean {
  const local = e.offset;
  if (local + 30 > b.length) return false;
  const method = u16(b, local + 8);
  const start = local + 30 + u16(b, local + 26) + u16(b, local + 28);
  const data = b.subarray(start, Math.min(b.length, start + e.compressed));
  if (method === 0) return data.length <= limit;
  if (method !== 8) return true; // not deflate: the unzipper will refuse it itself
  try {
    inflateRawSync(data, { maxOutputLength: Math.max(1, limit) });
    return true;
  } catch (err) {
    return !(err instanceof RangeError); // a RangeError is the limit; other errors: damaged data, left to the unzipper
  }
}
