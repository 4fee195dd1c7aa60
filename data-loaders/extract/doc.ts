/**
 * Word 97–2003 binary .doc to delimited text, with word-extractor's OLE and piece-table reader.
 *
 * word-extractor's own text turns both a cell's end and a row's end into "\t", and misses the
 * row ends of rows whose paragraph properties carry a table definition (it walks the sprms with
 * the wrong operand size for sprmTDefTable), so its text cannot tell rows apart. Here its reader
 * is reused, but the paragraph properties are walked again to mark, in the raw text:
 *   - a table row's end (sprmPFTtp, or sprmPFInnerTtp for a nested table): a row mark;
 *   - a paragraph break inside a table cell (sprmPFInTable): a space within the cell.
 * Then cell marks (U+0007) end cells, fields keep their result text, and every other paragraph
 * is a line. A .doc without table marks (tables typed with tabs or spaces) goes down the txt
 * path: extractTxt's layout detection and conversion on its lines.
 * What cannot be read is an error finding with empty text: corrupt_doc (truncated, not a Word
 * document, encrypted), doc_too_large; RTF saved as .doc is not read yet (rtf_not_read).
 */
import { Buffer } from "node:buffer";
import { createRequire } from "node:module";
import { CELL, ROW, finding, type Finding, type Result, type SourceDocument } from "../document.ts";
import { unreadable } from "./failure.ts";
import { metaFromText } from "./meta.ts";
import { cellText, collapse } from "./text.ts";
import { detectTxtLayout, toDelimited } from "./txt.ts";

export const MAX_DOC_BYTES = 100 * 1024 * 1024;

const require = createRequire(import.meta.url);

interface Piece { startCp: number; endCp: number; startFilePos: number; endFilePos: number; size: number; bpc: number; text: string }
interface OleExtractor {
  _pieces: Piece[];
  _boundaries: { ccpText: number };
  extract(reader: unknown): Promise<unknown>;
  extractWordDocument(document: unknown, buffer: Buffer): Promise<unknown>;
  documentStream(document: unknown, name: string): Promise<unknown>;
  streamBuffer(stream: unknown): Promise<Buffer>;
}
type OleClass = new () => OleExtractor;

const TTP_MARK = "\u001E";
const IN_CELL_BREAK = "\u0001";

function pieceAt(pieces: Piece[], filePos: number): Piece | undefined {
  return pieces.find((p) => filePos >= p.startFilePos && filePos < p.endFilePos);
}

/** Replace the character at a file position, when it is one of `from`. */
function replaceAt(pieces: Piece[], filePos: number, from: string, to: string): void {
  const p = pieceAt(pieces, filePos);
  if (!p) return;
  const i = Math.floor((filePos - p.startFilePos) / p.bpc);
  if (i < p.text.length && from.includes(p.text[i])) p.text = p.text.slice(0, i) + to + p.text.slice(i + 1);
}

/** The sprms of a grpprl as [sprm, operand's first byte, operand's offset]; operand sizes after MS-DOC 2.2.5.1. */
function sprms(buf: Buffer, offset: number): [number, number, number][] {
  const out: [number, number, number][] = [];
  while (offset + 2 <= buf.length) {
    const sprm = buf.readUInt16LE(offset);
    offset += 2;
    const spra = sprm >> 13;
    let size: number;
    if (sprm === 0xd608 || sprm === 0xd606) size = offset + 2 <= buf.length ? buf.readUInt16LE(offset) + 1 : 2; // sprmTDefTable(10): cb counts from after itself, +1
    else if (sprm === 0xc615) size = offset < buf.length ? (buf[offset] === 255 ? buf.length - offset : buf[offset] + 1) : 1; // sprmPChgTabs
    else size = [1, 1, 2, 4, 2, 2, offset < buf.length ? buf[offset] + 1 : 1, 3][spra];
    out.push([sprm, offset < buf.length ? buf[offset] : 0, offset]);
    offset += size;
  }
  return out;
}

let OleWithRows: OleClass | null = null;

function extractorClass(): OleClass {
  if (OleWithRows) return OleWithRows;
  const Base = require("word-extractor/lib/word-ole-extractor.js") as OleClass;
  class WithRows extends (Base as unknown as new () => OleExtractor & { buildDocument(): unknown }) {
    rawBody = "";
    dataStream: Buffer | null = null;
    /** The Data stream first: a paragraph's properties may live there (sprmPHugePapx). */
    extractWordDocument(document: unknown, buffer: Buffer): Promise<unknown> {
      return this.documentStream(document, "Data")
        .then((stream) => this.streamBuffer(stream))
        .then((data) => void (this.dataStream = data), () => void (this.dataStream = null))
        .then(() => super.extractWordDocument(document, buffer));
    }
    /** Mark row ends and in-cell paragraph breaks (replaces word-extractor's own pass). */
    writeParagraphProperties(buffer: Buffer, tableBuffer: Buffer): void {
      const pieces = this._pieces;
      const fc = buffer.readUInt32LE(0x0102), lcb = buffer.readUInt32LE(0x0106);
      const count = (lcb - 4) / 8;
      if (!Number.isInteger(count) || count <= 0 || fc + lcb > tableBuffer.length) return;
      const plc = tableBuffer.subarray(fc, fc + lcb);
      for (let i = 0; i < count; i++) {
        const block = plc.readUInt32LE((count + 1) * 4 + i * 4);
        const fkp = buffer.subarray(block * 512, (block + 1) * 512);
        if (fkp.length < 512) continue;
        const crun = fkp[511];
        for (let j = 0; j < crun; j++) {
          const start = fkp.readUInt32LE(j * 4), end = fkp.readUInt32LE((j + 1) * 4);
          const bx = fkp[(crun + 1) * 4 + j * 13] * 2;
          if (bx === 0) continue;
          let grpprl: Buffer;
          const cb = fkp[bx];
          if (cb !== 0) grpprl = fkp.subarray(bx + 1, bx + 1 + 2 * cb - 1);
          else grpprl = fkp.subarray(bx + 2, bx + 2 + 2 * fkp[bx + 1]);
          let inTable = false, ttp = false;
          const look = (list: [number, number, number][]) => {
            for (const [sprm, arg, at] of list) {
              if (sprm === 0x2416 || sprm === 0x244b) inTable ||= arg !== 0; // sprmPFInTable, sprmPFInnerTableCell
              if (sprm === 0x2417 || sprm === 0x244c) ttp ||= arg !== 0; // sprmPFTtp, sprmPFInnerTtp
              if (sprm === 0x6646 && this.dataStream && at + 4 <= grpprl.length) {
                // sprmPHugePapx: the properties are in the Data stream at this offset (cb, grpprl)
                const off = grpprl.readUInt32LE(at);
                const data = this.dataStream;
                if (off + 2 <= data.length) look(sprms(data.subarray(off + 2, Math.min(data.length, off + 2 + data.readUInt16LE(off))), 0));
              }
            }
          };
          look(sprms(grpprl, 2));
          const last = pieceAt(pieces, end - 1);
          const lastPos = last ? end - last.bpc : end - 1;
          if (ttp) replaceAt(pieces, lastPos, "\u0007\r", TTP_MARK);
          else if (inTable) replaceAt(pieces, lastPos, "\r", IN_CELL_BREAK);
        }
      }
    }
    buildDocument(): unknown {
      const end = this._boundaries.ccpText;
      let text = "";
      for (const p of this._pieces) {
        if (p.startCp >= end) break;
        text += p.text.slice(0, Math.max(0, end - p.startCp));
      }
      this.rawBody = text;
      return super.buildDocument();
    }
  }
  return (OleWithRows = WithRows as unknown as OleClass);
}

/** Fields: "\x13 code \x14 result \x15" keeps its result; a field without result is dropped. */
function dropFields(s: string): string {
  let prev;
  do {
    prev = s;
    s = s.replace(/\u0013[^\u0013\u0014\u0015]*(?:\u0014([^\u0013\u0014\u0015]*))?\u0015/g, (_, result) => result ?? "");
  } while (s !== prev);
  return s.replace(/[\u0013\u0014\u0015]/g, "");
}

/** Raw Word text with marks to delimited text; tables counts the rows emitted. */
export function docTextToDelimited(raw: string): { text: string; rows: number; lines: string[] } {
  const s = dropFields(raw);
  const parts: string[] = [];
  const lines: string[] = [];
  let cur = "";
  let row: string[] = [];
  let inTable = false, rows = 0;
  const endTable = () => {
    if (row.length) {
      parts.push(row.map((c) => c + CELL).join("") + ROW);
      rows++;
      row = [];
    }
    if (inTable) parts.push("\n");
    inTable = false;
  };
  for (const ch of s) {
    if (ch === "\u0007") {
      row.push(cellText(cur));
      cur = "";
      inTable = true;
    } else if (ch === TTP_MARK) {
      if (cur.trim()) row.push(cellText(cur));
      parts.push(row.map((c) => c + CELL).join("") + ROW);
      rows++;
      row = [];
      cur = "";
      inTable = true;
    } else if (ch === IN_CELL_BREAK || ch === "\u000B" || ch === "\t") cur += " ";
    else if (ch === "\r" || ch === "\u000C" || ch === "\n") {
      endTable();
      const line = collapse(cur);
      lines.push(cur.replace(/[\u0000-\u0008\u000E-\u001F]/g, ""));
      if (line) parts.push(cellText(line) + "\n");
      cur = "";
    } else if (ch.charCodeAt(0) < 0x20) continue;
    else cur += ch;
  }
  endTable();
  const line = collapse(cur);
  if (line) parts.push(cellText(line) + "\n");
  return { text: parts.join(""), rows, lines };
}

const MAGIC = [0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1];

export async function extractDoc(bytes: Uint8Array): Promise<Result<SourceDocument>> {
  if (bytes.length === 0) return unreadable("doc", "empty_file", "the file is empty (0 bytes)");
  if (bytes.length > MAX_DOC_BYTES) return unreadable("doc", "doc_too_large", `the .doc is ${Math.round(bytes.length / 1048576)} MB (limit ${MAX_DOC_BYTES / 1048576} MB)`);
  const head = Buffer.from(bytes.buffer, bytes.byteOffset, Math.min(bytes.length, 16)).toString("latin1");
  if (head.startsWith("{\\rtf")) return unreadable("doc", "rtf_not_read", "an RTF document (saved with a .doc name): RTF is not read yet");
  if (!MAGIC.every((b, i) => bytes[i] === b)) return unreadable("doc", "corrupt_doc", "not a readable .doc: the file is not an OLE2 (Word 97–2003) document");
  if (bytes.length % 512 !== 0) {
    return unreadable("doc", "corrupt_doc", `not a readable .doc: its size (${bytes.length} bytes) is not a whole number of 512-byte sectors: the file is truncated`);
  }
  const Reader = require("word-extractor/lib/buffer-reader.js") as new (b: Buffer) => { open(): Promise<unknown>; close(): Promise<unknown> };
  const reader = new Reader(Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength));
  const ex = new (extractorClass())() as OleExtractor & { rawBody: string };
  try {
    await reader.open();
    await ex.extract(reader);
  } catch (e) {
    const msg = (e as Error).message || String(e);
    return unreadable("doc", "corrupt_doc", `word-extractor could not read the .doc: ${msg} (damaged, encrypted, or not a Word 97–2003 document)`);
  } finally {
    await reader.close().catch(() => undefined);
  }
  const findings: Finding[] = [];
  const { text: marked, rows, lines } = docTextToDelimited(ex.rawBody);
  let text = marked, layout: SourceDocument["layout"] = "doc-text";
  if (!rows) {
    layout = detectTxtLayout(lines);
    text = toDelimited(lines, layout);
  }
  if (!text.trim()) return unreadable("doc", "empty_file", "the document holds no text", findings);
  const controls = (ex.rawBody.match(/[\uFFFD]/g) ?? []).length;
  if (controls > 0) findings.push(finding("replacement_characters", "warning", `${controls} character(s) of the .doc could not be decoded`));
  if (layout === "none") findings.push(finding("no_table", "info", "the document has no table"));
  return { value: { type: "doc", layout, meta: metaFromText(text), text }, findings };
}
