/**
 * One part of a docx package unzipped with node:zlib, and nothing else: the bytes of a zip entry
 * (stored or deflated) found through the central directory of zip.ts, inflated at most to the
 * size the directory declares. An entry that inflates beyond that size is reported as a bomb,
 * so reading a part is also its zip-bomb check (the part is inflated once, and the bytes reused).
 */
import { Buffer } from "node:buffer";
import { inflateRawSync } from "node:zlib";
import type { ZipEntry } from "./zip.ts";

export type Part =
  | { ok: true; data: Uint8Array }
  | { ok: false; problem: "bomb" | "unreadable"; message: string };

const LOCAL = 0x04034b50;

function u16(b: Uint8Array, i: number): number {
  return b[i] | (b[i + 1] << 8);
}
function u32(b: Uint8Array, i: number): number {
  return (b[i] | (b[i + 1] << 8) | (b[i + 2] << 16)) + b[i + 3] * 0x1000000;
}

/** The bytes of `e`, inflated to no more than its declared uncompressed size. */
export function readPart(b: Uint8Array, e: ZipEntry): Part {
  const local = e.offset;
  if (local + 30 > b.length || u32(b, local) !== LOCAL) return { ok: false, problem: "unreadable", message: `no local header for "${e.name}"` };
  const method = u16(b, local + 8);
  const start = local + 30 + u16(b, local + 26) + u16(b, local + 28);
  if (start + e.compressed > b.length) return { ok: false, problem: "unreadable", message: `"${e.name}" runs past the end of the file` };
  const data = b.subarray(start, start + e.compressed);
  if (method === 0) {
    if (data.length > e.uncompressed) return { ok: false, problem: "bomb", message: `"${e.name}" is larger than its directory declares` };
    return { ok: true, data };
  }
  if (method !== 8) return { ok: false, problem: "unreadable", message: `"${e.name}" uses zip method ${method}` };
  try {
    const out = inflateRawSync(data, { maxOutputLength: Math.max(1, e.uncompressed) });
    return { ok: true, data: new Uint8Array(out.buffer, out.byteOffset, out.byteLength) };
  } catch (err) {
    if (err instanceof RangeError) return { ok: false, problem: "bomb", message: `"${e.name}" inflates beyond the ${e.uncompressed} bytes its directory declares: a zip bomb` };
    return { ok: false, problem: "unreadable", message: `"${e.name}" does not inflate: ${(err as Error).message}` };
  }
}

/** A part as text: UTF-8 decoded as JSZip does in node (Buffer), a leading BOM dropped as mammoth does. */
export function partText(data: Uint8Array): string {
  const s = Buffer.from(data.buffer, data.byteOffset, data.byteLength).toString("utf8");
  return s.charCodeAt(0) === 0xfeff ? s.slice(1) : s;
}
