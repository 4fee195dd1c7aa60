/**
 * What a file is: magic bytes first, the file name's extension second.
 *   PK zip holding word/document.xml → docx; %PDF → pdf; OLE2 (D0CF11E0) or RTF → doc;
 *   text that looks like HTML → html; other readable text → txt (even named .doc). Binary junk (NUL bytes, many control bytes) is "unknown"
 *   whatever its extension says, unless the extension names a binary format (its extractor then
 *   says what is wrong with it). Empty files are "unknown".
 */
import type { SourceType } from "../document.ts";
import { byteHead } from "./encoding.ts";

const SAMPLE = 8192;

const EXTENSIONS: Record<string, SourceType> = {
  txt: "txt", text: "txt", md: "txt", markdown: "txt",
  html: "html", htm: "html", shtml: "html", xhtml: "html", jsp: "html", asp: "html", aspx: "html", php: "html",
  docx: "docx", doc: "doc", wps: "doc", pdf: "pdf",
};

export function extensionType(path: string): SourceType | null {
  const m = /\.([A-Za-z0-9]+)$/.exec(path);
  return m ? EXTENSIONS[m[1].toLowerCase()] ?? null : null;
}

function startsWith(bytes: Uint8Array, sig: number[], at = 0): boolean {
  if (bytes.length < at + sig.length) return false;
  for (let i = 0; i < sig.length; i++) if (bytes[at + i] !== sig[i]) return false;
  return true;
}

/** Index of an ASCII string in the bytes, or -1. */
export function indexOfAscii(bytes: Uint8Array, s: string, from = 0, to = bytes.length): number {
  const first = s.charCodeAt(0);
  const end = Math.min(to, bytes.length) - s.length;
  outer: for (let i = bytes.indexOf(first, from); i >= 0 && i <= end; i = bytes.indexOf(first, i + 1)) {
    for (let j = 1; j < s.length; j++) if (bytes[i + j] !== s.charCodeAt(j)) continue outer;
    return i;
  }
  return -1;
}

/** UTF-16 text has NULs by nature; a BOM says it is text. */
function utf16Bom(bytes: Uint8Array): boolean {
  return startsWith(bytes, [0xff, 0xfe]) || startsWith(bytes, [0xfe, 0xff]);
}

/** 1 for the control bytes looksBinary counts: below 0x20 but tab, LF, FF, CR and ESC; and DEL. */
const CONTROL = (() => {
  const t = new Uint8Array(256);
  for (let b = 0; b < 0x20; b++) t[b] = 1;
  for (const b of [0x09, 0x0a, 0x0c, 0x0d, 0x1b]) t[b] = 0;
  t[0x7f] = 1;
  return t;
})();

/** NUL bytes, or more than 5% control bytes (other than tab/LF/CR/FF/ESC) in the first 8 KB.
 * A table lookup, not a chain of comparisons: a comparison that the first files never reach sent
 * V8's optimised loop back to the interpreter again and again (59 times in 1,000 pages). */
export function looksBinary(bytes: Uint8Array): boolean {
  if (utf16Bom(bytes)) return false;
  const n = Math.min(bytes.length, SAMPLE);
  let control = 0;
  for (let i = 0; i < n; i++) {
    const b = bytes[i];
    if (b === 0) return true;
    control += CONTROL[b];
  }
  return control > n * 0.05;
}

const HTML_TAG = /<(?:!doctype\s+html|html|head|body|meta|title|table|div|p|span|font|center|style|script|link|base)[\s>/]/iy;
const HTML_ANYWHERE = /<(?:html|body)[\s>]|<!doctype\s+html/i;

/** Where the first markup starts, past whitespace, an XML declaration and comments. */
function markupStart(head: string): number {
  let i = 0;
  for (;;) {
    while (i < head.length && /\s/.test(head[i])) i++;
    const close = head.startsWith("<?xml", i) ? "?>" : head.startsWith("<!--", i) ? "-->" : null;
    if (!close) return i;
    const end = head.indexOf(close, i);
    if (end < 0) return i;
    i = end + close.length;
  }
}

/** Text whose start is markup, or whose first 8 KB contain <html>/<body>/<!doctype html>. */
export function looksHtml(bytes: Uint8Array): boolean {
  let head = byteHead(bytes, SAMPLE);
  if (startsWith(bytes, [0xef, 0xbb, 0xbf])) head = head.slice(3);
  else if (utf16Bom(bytes)) head = new TextDecoder(bytes[0] === 0xff ? "utf-16le" : "utf-16be").decode(bytes.subarray(0, SAMPLE));
  HTML_TAG.lastIndex = markupStart(head);
  return HTML_TAG.test(head) || HTML_ANYWHERE.test(head);
}

export function detectType(path: string, bytes: Uint8Array): SourceType | "unknown" {
  if (bytes.length === 0) return "unknown";
  const ext = extensionType(path);
  if (startsWith(bytes, [0x50, 0x4b, 0x03, 0x04]) || startsWith(bytes, [0x50, 0x4b, 0x05, 0x06])) {
    if (indexOfAscii(bytes, "word/document.xml") >= 0 || ext === "docx") return "docx";
    return "unknown"; // another zip (xlsx, odt, an archive)
  }
  if (indexOfAscii(bytes, "%PDF-", 0, 1024) >= 0) return "pdf";
  if (startsWith(bytes, [0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1])) return "doc";
  if (indexOfAscii(bytes, "{\\rtf", 0, 16) === 0) return "doc"; // Word's RTF, often saved as .doc
  if (looksBinary(bytes)) return ext === "docx" || ext === "doc" || ext === "pdf" ? ext : "unknown";
  if (looksHtml(bytes)) return "html";
  return ext === "html" ? "html" : "txt"; // readable text: the content wins over a .doc/.pdf name
}
