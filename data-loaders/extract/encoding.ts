import { Buffer, isAscii, isUtf8, transcode } from "node:buffer";
import { finding, type Finding } from "../document.ts";

/**
 * Bytes to text: a byte-order mark wins; then strict UTF-8; then the charset an HTML page
 * declares (<meta charset=gbk>, <meta http-equiv content="text/html; charset=gb2312">); then
 * GB18030 (a superset of GBK and GB2312). Line endings are normalised to "\n".
 */

export type Encoding = "utf-8" | "utf-16le" | "utf-16be" | "gb18030" | string;

export interface Decoded {
  text: string;
  encoding: Encoding;
  /** U+FFFD characters the decoder had to insert (0 when the bytes were valid). */
  replacements: number;
  /** The charset an HTML page declares, if any (lower case). */
  declared: string | null;
}

const GB_FAMILY = new Set(["gbk", "gb2312", "gb18030", "x-gbk", "cp936", "euc-cn", "csgb2312", "chinese", "iso-ir-58", "windows-936"]);
const CHARSET = /<meta[^>]{0,400}?charset\s*=\s*["']?\s*([A-Za-z0-9_\-:.]+)/i;

const asBuffer = (bytes: Uint8Array): Buffer => Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);

/**
 * The first `n` bytes as one character per byte, for ASCII pattern tests on text of any
 * encoding. Buffer's latin1 is a copy where TextDecoder("latin1") (really windows-1252) costs a
 * converter per call; the two differ only on bytes 0x80–0x9F, which both map to characters that
 * are neither ASCII nor whitespace, so a pattern of ASCII and \s matches the same either way.
 */
export function byteHead(bytes: Uint8Array, n: number): string {
  return asBuffer(bytes).toString("latin1", 0, Math.min(n, bytes.length));
}

/**
 * Bytes known to be valid UTF-8 to text. V8's UTF-8 decoder (Buffer#toString) takes about 6 ns a
 * byte; ICU's transcode to UTF-16 then a UTF-16 copy takes a third of that, and is exact on valid
 * input. Pure ASCII is a plain copy.
 */
export function validUtf8Text(bytes: Uint8Array): string {
  if (isAscii(bytes)) return asBuffer(bytes).toString("latin1");
  return transcode(bytes, "utf8", "ucs2").toString("ucs2");
}

/** The charset declared in the first 4 KB of an HTML page, lower case, or null. */
export function declaredCharset(bytes: Uint8Array): string | null {
  const head = byteHead(bytes, 4096);
  const m = CHARSET.exec(head);
  return m ? m[1].toLowerCase() : null;
}

function bom(bytes: Uint8Array): { encoding: Encoding; skip: number } | null {
  if (bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf) return { encoding: "utf-8", skip: 3 };
  if (bytes[0] === 0xff && bytes[1] === 0xfe) return { encoding: "utf-16le", skip: 2 };
  if (bytes[0] === 0xfe && bytes[1] === 0xff) return { encoding: "utf-16be", skip: 2 };
  return null;
}

function countReplacements(text: string): number {
  let n = 0;
  for (let i = text.indexOf("\uFFFD"); i >= 0; i = text.indexOf("\uFFFD", i + 1)) n++;
  return n;
}

function tryFatal(encoding: string, bytes: Uint8Array): string | null {
  try {
    return new TextDecoder(encoding, { fatal: true }).decode(bytes);
  } catch {
    return null;
  }
}

function decoderFor(label: string): string | null {
  if (GB_FAMILY.has(label)) return "gb18030";
  try {
    return new TextDecoder(label).encoding;
  } catch {
    return null;
  }
}

/** Normalise CRLF and lone CR to "\n". */
export function normalizeNewlines(s: string): string {
  return s.indexOf("\r") < 0 ? s : s.replace(/\r\n?/g, "\n");
}

/** Whether decodeText reads the bytes as UTF-8 with nothing replaced: no byte-order mark, and valid. */
export function isPlainUtf8(bytes: Uint8Array): boolean {
  return !bom(bytes) && isUtf8(bytes);
}

/** decodeText's text for bytes that are isPlainUtf8. */
export function plainUtf8Text(bytes: Uint8Array): string {
  return normalizeNewlines(validUtf8Text(bytes));
}

export function decodeText(bytes: Uint8Array): Decoded {
  const declared = declaredCharset(bytes);
  const b = bom(bytes);
  if (b) {
    const raw = new TextDecoder(b.encoding).decode(bytes.subarray(b.skip));
    return { text: normalizeNewlines(raw), encoding: b.encoding, replacements: countReplacements(raw), declared };
  }
  if (isUtf8(bytes)) {
    return { text: plainUtf8Text(bytes), encoding: "utf-8", replacements: 0, declared };
  }
  // Not UTF-8: the page's own declaration, else the Chinese legacy default.
  const label = (declared && decoderFor(declared)) || "gb18030";
  const enc = label === "utf-8" ? "gb18030" : label; // declared UTF-8 but invalid: it is not UTF-8
  const strict = tryFatal(enc, bytes);
  if (strict !== null) return { text: normalizeNewlines(strict), encoding: enc, replacements: 0, declared };
  // Invalid in every candidate: take the candidate that needs the fewest replacements.
  const candidates = [...new Set([enc, "gb18030", "utf-8"])].map((e) => {
    const raw = new TextDecoder(e).decode(bytes);
    return { e, raw, n: countReplacements(raw) };
  });
  candidates.sort((x, y) => x.n - y.n);
  const best = candidates[0];
  return { text: normalizeNewlines(best.raw), encoding: best.e, replacements: best.n, declared };
}

/**
 * What the decoding did to the text: nothing (null), a few replaced characters (warning), or so
 * many that the text cannot be trusted (error "undecodable_text", more than 1 in 50 characters).
 */
export function decodeFinding(d: Decoded): Finding | null {
  if (d.replacements === 0) return null;
  const share = d.replacements / Math.max(1, d.text.length);
  if (share > 0.02) return finding("undecodable_text", "error", `text is not valid UTF-8 nor ${d.encoding}: ${d.replacements} undecodable characters`);
  return finding("decode_replacements", "warning", `${d.replacements} undecodable byte sequence(s) replaced with U+FFFD (decoded as ${d.encoding})`);
}
