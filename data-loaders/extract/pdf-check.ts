/**
 * A PDF's bytes checked before pdf.js reads them. pdf.js repairs what it can without a word
 * (a damaged font or content stream loses glyphs, a truncated file loses pages), so damage is
 * looked for here, where it can be reported:
 *   - every FlateDecode stream must inflate without a zlib error (garbage in the middle of a
 *     file lands in a stream: fonts and page contents are most of its bytes);
 *   - every stream must end ("endstream"): a cut file ends inside one;
 *   - no stream may inflate past MAX_STREAM bytes (a decompression bomb).
 * Encrypted streams cannot be inflated before they are decrypted: they are not checked.
 * The end-of-file marker and the cross-reference offset are only noted when wrong: pdf.js reads
 * such files by scanning their objects, and the streams' check says whether anything was lost.
 */
import { constants, inflateSync } from "node:zlib";
import { Buffer } from "node:buffer";
import { finding, type Finding } from "../document.ts";

export const MAX_STREAM = 64 * 1024 * 1024; // bytes one stream may inflate to
const MAX_TOTAL = 512 * 1024 * 1024; // bytes all streams may inflate to
const MAX_STREAMS = 200_000;

export interface PdfCheck { error: Finding | null; notes: Finding[]; encrypted: boolean; images: boolean }

function streamData(s: string, bytes: Uint8Array, dataStart: number, end: number, dict: string): Uint8Array {
  const len = /\/Length\s+(\d+)(?!\s+\d+\s+R)/.exec(dict);
  if (len) {
    const n = Number(len[1]);
    const after = dataStart + n;
    if (after <= end && /^\s*$/.test(s.slice(after, end))) return bytes.subarray(dataStart, after);
  }
  let stop = end;
  if (s[stop - 1] === "\n") stop--;
  if (s[stop - 1] === "\r") stop--;
  return bytes.subarray(dataStart, Math.max(dataStart, stop));
}

export function checkPdf(bytes: Uint8Array): PdfCheck {
  const s = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).toString("latin1");
  const notes: Finding[] = [];
  const encrypted = /\/Encrypt\s/.test(s.slice(Math.max(0, s.lastIndexOf("trailer") - 10))) || /\/Encrypt\s+\d+\s+\d+\s+R/.test(s);
  const images = /\/Subtype\s*\/Image\b/.test(s);
  const tail = s.slice(-2048);
  if (!tail.includes("%%EOF")) notes.push(finding("pdf_repaired", "info", "the file has no end-of-file marker (%%EOF) near its end; it was read by scanning its objects"));
  else {
    const sx = /startxref\s+(\d+)/.exec(tail);
    const at = sx ? Number(sx[1]) : -1;
    if (at < 0 || !/^(?:xref|\d+\s+\d+\s+obj)/.test(s.slice(at, at + 40))) {
      notes.push(finding("pdf_repaired", "info", "the cross-reference offset is wrong; the file was read by scanning its objects"));
    }
  }
  const re = /stream\r?\n/g;
  let total = 0, count = 0;
  for (let m = re.exec(s); m; m = re.exec(s)) {
    if (s.startsWith("end", m.index - 3)) continue;
    const dataStart = m.index + m[0].length;
    const end = s.indexOf("endstream", dataStart);
    const objStart = s.lastIndexOf(" obj", m.index);
    const dict = s.slice(Math.max(objStart, m.index - 4096), m.index);
    if (!dict.includes(">>")) continue; // the word "stream" inside something else
    if (end < 0) {
      return { error: finding("corrupt_pdf", "error", "the PDF is truncated: its last stream never ends (the download was cut)"), notes, encrypted, images };
    }
    re.lastIndex = end + 9;
    if (encrypted || ++count > MAX_STREAMS) continue;
    const filter = /\/Filter\s*(\[\s*)?\/(\w+)/.exec(dict);
    if (!filter || (filter[2] !== "FlateDecode" && filter[2] !== "Fl")) continue;
    const data = streamData(s, bytes, dataStart, end, dict);
    if (!data.length) continue;
    try {
      const out = inflateSync(data, { maxOutputLength: MAX_STREAM, finishFlush: constants.Z_SYNC_FLUSH });
      total += out.length;
    } catch (e) {
      const err = e as NodeJS.ErrnoException;
      const obj = /(\d+)\s+\d+\s*$/.exec(s.slice(Math.max(0, objStart - 20), objStart))?.[1];
      if (err.code === "ERR_BUFFER_TOO_LARGE") {
        return { error: finding("pdf_too_large", "error", `a stream of the PDF inflates beyond ${MAX_STREAM / 1048576} MB: a decompression bomb`), notes, encrypted, images };
      }
      return {
        error: finding("corrupt_pdf", "error", `the PDF is damaged: stream${obj ? ` of object ${obj}` : ""} at byte ${dataStart} does not decompress (${err.message}); its text cannot be trusted`),
        notes, encrypted, images,
      };
    }
    if (total > MAX_TOTAL) {
      return { error: finding("pdf_too_large", "error", `the PDF's streams inflate beyond ${MAX_TOTAL / 1048576} MB`), notes, encrypted, images };
    }
  }
  return { error: null, notes, encrypted, images };
}
