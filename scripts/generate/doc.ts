/**
 * A report as a Word 97–2003 binary .doc, with what word-extractor (and MS-DOC) needs to read
 * its text and tables:
 *   - an OLE compound file (written with SheetJS's cfb) holding a WordDocument stream and a
 *     1Table stream;
 *   - WordDocument: the FIB (Word 97: nFib 0x00C1, fWhichTblStm set, ccpText, fcMin/fcMac, the
 *     FcLcb pairs of PlcBtePapx and of the CLX), the text in pieces, then the paragraph
 *     properties as PAPX FKP pages (512-byte pages of the stream);
 *   - 1Table: PlcBtePapx (the FKP pages) and the CLX, whose piece table maps character positions
 *     to the pieces.
 * Pieces: a full save writes the text as one UTF-16LE piece; on half of the files (per rng) a
 * fast save has left many: the text cut at a few paragraph ends and around every run of number
 * cells, those runs (text that fits in 8 bits) as compressed pieces of one byte a character,
 * and the pieces stored out of character order.
 * Tables are Word's: every cell's paragraph carries sprmPFInTable and ends with a cell mark
 * U+0007; a row ends with a paragraph of its own holding a lone U+0007 with sprmTDefTable (the
 * cells' edges), sprmPFInTable and sprmPFTtp (the row-end mark). A horizontally merged cell is
 * one cell, a vertically merged one continues as an empty cell in each row below it; an empty
 * paragraph follows each table (two tables with nothing between would be one in Word). On a share
 * of files, long cell texts hold a paragraph break (Enter pressed inside the cell).
 * No stylesheet, fonts or character properties: word-extractor does not need them.
 */
import { Buffer } from "node:buffer";
import { createRequire } from "node:module";
import { blocks, layoutGrid, title, type Grid } from "./render.ts";
import type { Report } from "./report.ts";
import type { Rng } from "./rng.ts";

const require = createRequire(import.meta.url);
type CfbModule = {
  utils: { cfb_new(): unknown; cfb_add(c: unknown, name: string, content: Buffer): void };
  write(c: unknown, o: { type: "buffer"; fileType?: string }): Buffer;
};
let CFB: CfbModule | null = null;

const TEXT_START = 0x400; // the FIB is 0x384 bytes long (Word 97)
const COL_TWIPS = 800; // width of a grid column

/** A paragraph: its text with its mark (\r, or U+0007 in a table), and its properties (a PAPX as stored in an FKP, and a key naming it). */
interface Para { text: string; papx: number[]; key: string }

const ISTD0 = [0, 0];
const IN_TABLE = [0x16, 0x24, 1]; // sprmPFInTable 1
const TTP = [0x17, 0x24, 1]; // sprmPFTtp 1

/** sprmTDefTable with the cells' edges (rgdxaCenter, twips), no TC80s. */
function tdefTable(edges: number[]): number[] {
  const body = [edges.length - 1, ...edges.flatMap((x) => [x & 0xff, (x >> 8) & 0xff])];
  const cb = body.length + 1; // the bytes after cb, plus one
  return [0x08, 0xd6, cb & 0xff, cb >> 8, ...body];
}

export interface WordCell { text: string; col: number; span: number }

/**
 * Rows of a grid as Word stores them: positions covered by a rowspan from above are empty cells
 * (one per merged cell, with its width); positions covered by a colspan are no cell.
 */
export function wordCells(g: Grid): WordCell[][] {
  const laid = layoutGrid(g);
  const cont = new Map<string, number>();
  laid.forEach((row, ri) => row.forEach((x) => {
    if (x.cell && (x.cell.rowspan ?? 1) > 1) for (let d = 1; d < x.cell.rowspan!; d++) cont.set(`${ri + d},${x.col}`, x.cell.colspan ?? 1);
  }));
  return laid.map((row, ri) => row.flatMap((x) => {
    if (!x.covered) return [{ text: x.cell!.text, col: x.col, span: x.cell!.colspan ?? 1 }];
    const span = cont.get(`${ri},${x.col}`);
    return span === undefined ? [] : [{ text: "", col: x.col, span }];
  }));
}

export const wordRows = (g: Grid): string[][] => wordCells(g).map((row) => row.map((c) => c.text));

export interface DocOptions {
  /** long cell texts get a paragraph break inside the cell */
  cellBreaks?: boolean;
  /** a fast save: many pieces, 8-bit runs compressed, stored out of character order */
  fastSaved?: boolean;
  /** with fastSaved: character positions where a new piece starts besides those of the 8-bit runs */
  cuts?: number[];
}

/** Where a long cell text is broken by Enter: after a comma near its middle, or at its middle. */
function breakAt(s: string): number {
  const mid = Math.floor(s.length / 2);
  const comma = s.indexOf("，", Math.floor(s.length / 3));
  return comma > 0 && comma < s.length - 2 ? comma + 1 : mid;
}

const NORMAL_PAPX = papxBytes(ISTD0);
const CELL_PAPX = papxBytes([...ISTD0, ...IN_TABLE]);

function paragraphs(r: Report, o: DocOptions): Para[] {
  const out: Para[] = [];
  const clean = (s: string) => s.replace(/[\u0000-\u001F]/g, " ");
  const normal = (s: string) => out.push({ text: clean(s) + "\r", papx: NORMAL_PAPX, key: "p" });
  const cell = (s: string) => out.push({ text: s, papx: CELL_PAPX, key: "c" });
  const rowEnds = new Map<string, number[]>();
  for (const b of [{ p: title(r) }, ...blocks(r), { p: r.agency.name }]) {
    if ("p" in b) normal(b.p);
    else if ("h" in b) normal(b.h);
    else {
      for (const row of wordCells(b.table)) {
        for (const c of row) {
          const t = clean(c.text);
          if (o.cellBreaks && t.length >= 16) {
            const k = breakAt(t);
            cell(t.slice(0, k) + "\r");
            cell(t.slice(k) + "\u0007");
          } else cell(t + "\u0007");
        }
        const edges = [0, ...row.map((c) => (c.col + c.span) * COL_TWIPS)];
        const key = edges.join(",");
        let papx = rowEnds.get(key);
        if (!papx) rowEnds.set(key, (papx = papxBytes([...ISTD0, ...tdefTable(edges), ...IN_TABLE, ...TTP])));
        out.push({ text: "\u0007", papx, key });
      }
      normal("");
    }
  }
  return out;
}

/** A PAPX as stored in an FKP: cb and the grpprl (with istd), the short form when its length is odd. */
function papxBytes(grpprl: number[]): number[] {
  return grpprl.length % 2 === 1 ? [(grpprl.length + 1) / 2, ...grpprl] : [0, grpprl.length / 2, ...grpprl];
}

interface Piece { cp: number; end: number; compressed: boolean; fc: number }

/** The Word 97 .doc of a report. `rng` (optional) picks the file's quirks: in-cell breaks, a fast save (pieces, their order and cuts). */
export function renderDoc(r: Report, rng?: Rng, options: DocOptions = {}): Uint8Array {
  const o: DocOptions = {
    cellBreaks: options.cellBreaks ?? rng?.chance(0.3) ?? false,
    fastSaved: options.fastSaved ?? rng?.chance(0.5) ?? false,
    cuts: options.cuts,
  };
  const paras = paragraphs(r, o);
  const text = paras.map((p) => p.text).join("");
  const ends: number[] = [];
  let n = 0;
  for (const p of paras) ends.push((n += p.text.length));
  // pieces: one (a full save), or (a fast save) runs of whole paragraphs that fit in 8 bits
  // (number cells, row ends) as compressed pieces, and the cuts splitting the others
  const fast = !!o.fastSaved;
  const cutSet = new Set<number>(!fast ? [] : o.cuts ?? (rng ? Array.from({ length: rng.int(1, 5) }, () => ends[rng.int(0, ends.length - 2)]) : []));
  const fits8 = (s: string) => fast && /^[\u0000-\u007f]*$/.test(s);
  const pieces: Piece[] = [];
  let start = 0, narrow = fits8(paras[0].text);
  paras.forEach((p, i) => {
    const next = paras[i + 1];
    const nextNarrow = next ? fits8(next.text) : narrow;
    if (!next || nextNarrow !== narrow || cutSet.has(ends[i])) {
      pieces.push({ cp: start, end: ends[i], compressed: narrow, fc: 0 });
      start = ends[i];
      narrow = nextNarrow;
    }
  });
  // store the pieces (in order, or shuffled as a fast save leaves them)
  const order = pieces.map((_, i) => i);
  if (fast && rng) for (let i = order.length - 1; i > 0; i--) { const j = rng.int(0, i); [order[i], order[j]] = [order[j], order[i]]; }
  let fc = TEXT_START;
  const chunks: [number, Buffer][] = [];
  for (const i of order) {
    const p = pieces[i];
    const s = text.slice(p.cp, p.end);
    if (!p.compressed && fc % 2) fc++;
    p.fc = fc;
    const bytes = Buffer.from(s, p.compressed ? "latin1" : "utf16le");
    chunks.push([fc, bytes]);
    fc += bytes.length;
  }
  const fcMac = fc;
  // paragraph runs in file order: each run ends just after a paragraph mark
  let pi = 0;
  const runs = paras.map((p, i) => {
    const mark = ends[i] - 1;
    while (mark >= pieces[pi].end) pi++;
    const pc = pieces[pi];
    const bpc = pc.compressed ? 1 : 2;
    return { end: pc.fc + (mark - pc.cp) * bpc + bpc, papx: p.papx, key: p.key };
  });
  if (fast) runs.sort((a, b) => a.end - b.end);
  // FKP pages: rgfc and BX entries from the front, the PAPXs (one copy per page) from the back
  const fkps: Buffer[] = [];
  const bteFcs: number[] = [];
  let k = 0, from = TEXT_START;
  while (k < runs.length) {
    const fkp = Buffer.alloc(512);
    const placed = new Map<string, number>();
    let low = 511;
    const mine: { end: number; at: number }[] = [];
    while (k < runs.length) {
      const key = runs[k].key;
      let at = placed.get(key);
      let newLow = low;
      if (at === undefined) { newLow = (low - runs[k].papx.length) & ~1; at = newLow; }
      const crun = mine.length + 1;
      if ((crun + 1) * 4 + crun * 13 > newLow || crun > 255) break;
      if (!placed.has(key)) { fkp.set(runs[k].papx, at); placed.set(key, at); low = newLow; }
      mine.push({ end: runs[k].end, at });
      k++;
    }
    const crun = mine.length;
    fkp.writeUInt32LE(from, 0);
    mine.forEach((m, j) => {
      fkp.writeUInt32LE(m.end, (j + 1) * 4);
      fkp[(crun + 1) * 4 + j * 13] = m.at / 2; // bOffset in words; the PHE stays zero
    });
    fkp[511] = crun;
    bteFcs.push(from);
    fkps.push(fkp);
    from = mine[crun - 1].end;
  }
  bteFcs.push(from);
  const firstPage = Math.ceil(fcMac / 512);
  const wd = Buffer.alloc((firstPage + fkps.length) * 512);
  for (const [at, bytes] of chunks) wd.set(bytes, at);
  fkps.forEach((f, i) => wd.set(f, (firstPage + i) * 512));
  // 1Table: PlcBtePapx, then the CLX (Pcdt: the piece table, pieces in character order)
  const plcLen = bteFcs.length * 4 + fkps.length * 4;
  const plcPcdLen = (pieces.length + 1) * 4 + pieces.length * 8;
  const clxLen = 1 + 4 + plcPcdLen;
  const table = Buffer.alloc(plcLen + clxLen);
  bteFcs.forEach((x, i) => table.writeUInt32LE(x, i * 4));
  fkps.forEach((_, i) => table.writeUInt32LE(firstPage + i, bteFcs.length * 4 + i * 4));
  let t = plcLen;
  table[t++] = 2; // clxt: Pcdt
  table.writeUInt32LE(plcPcdLen, t); t += 4;
  pieces.forEach((p) => { table.writeUInt32LE(p.cp, t); t += 4; });
  table.writeUInt32LE(text.length, t); t += 4;
  for (const p of pieces) {
    table.writeUInt16LE(0, t); t += 2; // PCD flags
    table.writeUInt32LE(p.compressed ? ((p.fc * 2) | 0x40000000) >>> 0 : p.fc, t); t += 4; // fc, fCompressed
    table.writeUInt16LE(0, t); t += 2; // prm
  }
  // the FIB
  wd.writeUInt16LE(0xa5ec, 0); // wIdent
  wd.writeUInt16LE(0x00c1, 2); // nFib: Word 97
  wd.writeUInt16LE(0x0804, 6); // lid: Chinese (PRC)
  wd.writeUInt16LE(0x0200 | (fast ? 0x0004 : 0), 0x0a); // fWhichTblStm (1Table); fComplex after a fast save
  wd.writeUInt16LE(0x00bf, 0x0c); // nFibBack
  wd.writeUInt32LE(TEXT_START, 0x18); // fcMin
  wd.writeUInt32LE(fcMac, 0x1c); // fcMac
  wd.writeUInt16LE(0x000e, 0x20); // csw
  wd.writeUInt16LE(0x0016, 0x3e); // cslw
  wd.writeUInt32LE(wd.length, 0x40); // cbMac
  wd.writeUInt32LE(text.length, 0x4c); // ccpText
  wd.writeUInt16LE(0x005d, 0x98); // cbRgFcLcb: Word 97
  wd.writeUInt32LE(0, 0x102); // fcPlcfbtePapx
  wd.writeUInt32LE(plcLen, 0x106); // lcbPlcfbtePapx
  wd.writeUInt32LE(plcLen, 0x1a2); // fcClx
  wd.writeUInt32LE(clxLen, 0x1a6); // lcbClx
  CFB ??= require("cfb") as CfbModule;
  const cfb = CFB.utils.cfb_new();
  CFB.utils.cfb_add(cfb, "WordDocument", wd);
  CFB.utils.cfb_add(cfb, "1Table", table);
  return new Uint8Array(CFB.write(cfb, { type: "buffer", fileType: "cfb" }));
}
