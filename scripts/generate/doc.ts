/**
 * A report as a Word 97–2003 binary .doc, the minimum word-extractor (and Word's own layout of
 * the format, MS-DOC) needs to read its text and its tables:
 *   - an OLE compound file (written with SheetJS's cfb) holding a WordDocument stream and a
 *     1Table stream;
 *   - WordDocument: the FIB (Word 97: nFib 0x00C1, fWhichTblStm set, ccpText, fcMin/fcMac,
 *     the FcLcb pairs of PlcBtePapx and of the CLX), the text as one UTF-16LE piece, then the
 *     paragraph properties as PAPX FKP pages (512-byte pages of the stream);
 *   - 1Table: PlcBtePapx (the FKP pages) and the CLX (one piece covering the main text).
 * Tables are Word's: every cell's paragraph carries sprmPFInTable and ends with a cell mark
 * U+0007; a row ends with a paragraph of its own holding a lone U+0007 with sprmPFInTable and
 * sprmPFTtp (the row-end mark). As in Word, a horizontally merged cell is one cell, and a
 * vertically merged one continues as an empty cell in each row below it; an empty paragraph
 * follows each table (two tables with nothing between them would be one table in Word).
 * No stylesheet, fonts or character properties: word-extractor does not need them.
 */
import { Buffer } from "node:buffer";
import { createRequire } from "node:module";
import { blocks, layoutGrid, title, type Grid } from "./render.ts";
import type { Report } from "./report.ts";

const require = createRequire(import.meta.url);
type CfbModule = {
  utils: { cfb_new(): unknown; cfb_add(c: unknown, name: string, content: Buffer): void };
  write(c: unknown, o: { type: "buffer"; fileType?: string }): Buffer;
};
let CFB: CfbModule | null = null;

const TEXT_START = 0x400; // the FIB is 0x384 bytes long (Word 97)
const P_NORMAL = 0, P_CELL = 1, P_ROW_END = 2;
type ParaKind = typeof P_NORMAL | typeof P_CELL | typeof P_ROW_END;

/** The text of the document and the end (in characters, exclusive) and kind of each paragraph. */
function docText(r: Report): { text: string; paras: [number, ParaKind][] } {
  const parts: string[] = [];
  const paras: [number, ParaKind][] = [];
  let n = 0;
  const add = (s: string, kind: ParaKind) => {
    parts.push(s);
    n += s.length;
    paras.push([n, kind]);
  };
  const clean = (s: string) => s.replace(/[\u0000-\u001F]/g, " ");
  const table = (g: Grid) => {
    for (const row of wordRows(g)) {
      for (const cell of row) add(clean(cell) + "\u0007", P_CELL);
      add("\u0007", P_ROW_END);
    }
    add("\r", P_NORMAL);
  };
  add(clean(title(r)) + "\r", P_NORMAL);
  for (const b of blocks(r)) {
    if ("p" in b) add(clean(b.p) + "\r", P_NORMAL);
    else if ("h" in b) add(clean(b.h) + "\r", P_NORMAL);
    else table(b.table);
  }
  add(clean(r.agency.name) + "\r", P_NORMAL);
  return { text: parts.join(""), paras };
}

/**
 * Rows of a grid as Word stores them: positions covered by a rowspan from above are empty cells
 * (one per merged cell, whatever its colspan); positions covered by a colspan are no cell.
 */
export function wordRows(g: Grid): string[][] {
  const laid = layoutGrid(g);
  const cont = new Set<string>();
  laid.forEach((row, ri) => row.forEach((x) => {
    if (x.cell && (x.cell.rowspan ?? 1) > 1) for (let d = 1; d < x.cell.rowspan!; d++) cont.add(`${ri + d},${x.col}`);
  }));
  return laid.map((row, ri) => row.flatMap((x) => (x.covered ? (cont.has(`${ri},${x.col}`) ? [""] : []) : [x.cell!.text])));
}

// PAPX of each kind, as stored in an FKP (PapxInFkp): istd 0 and the sprms.
const PAPX: Record<ParaKind, number[]> = {
  [P_NORMAL]: [0, 1, 0, 0], // cb 0, cb' 1: istd
  [P_CELL]: [3, 0, 0, 0x16, 0x24, 1], // cb 3 (2*3-1 = 5 bytes): istd, sprmPFInTable 1
  [P_ROW_END]: [0, 4, 0, 0, 0x16, 0x24, 1, 0x17, 0x24, 1], // cb 0, cb' 4: istd, sprmPFInTable 1, sprmPFTtp 1
};
const PAPX_AT: Record<ParaKind, number> = { [P_NORMAL]: 480, [P_CELL]: 484, [P_ROW_END]: 490 };
const FKP_MAX_RUNS = Math.floor((480 - 4) / 17); // (crun + 1) * 4 + 13 * crun <= 480

/** The Word 97 .doc of a report. */
export function renderDoc(r: Report): Uint8Array {
  const { text, paras } = docText(r);
  const textBytes = Buffer.from(text, "utf16le");
  const fcMac = TEXT_START + textBytes.length;
  const firstPage = Math.ceil(fcMac / 512);
  const pages = Math.ceil(paras.length / FKP_MAX_RUNS);
  const wd = Buffer.alloc((firstPage + pages) * 512);
  wd.set(textBytes, TEXT_START);
  // PAPX FKPs: one run per paragraph, file positions of the text
  const fcOf = (cp: number) => TEXT_START + 2 * cp;
  const bteFcs: number[] = [];
  for (let p = 0; p < pages; p++) {
    const runs = paras.slice(p * FKP_MAX_RUNS, (p + 1) * FKP_MAX_RUNS);
    const start = p * FKP_MAX_RUNS === 0 ? 0 : paras[p * FKP_MAX_RUNS - 1][0];
    const fkp = wd.subarray((firstPage + p) * 512, (firstPage + p + 1) * 512);
    const crun = runs.length;
    fkp.writeUInt32LE(fcOf(start), 0);
    runs.forEach(([end, kind], j) => {
      fkp.writeUInt32LE(fcOf(end), (j + 1) * 4);
      fkp[(crun + 1) * 4 + j * 13] = PAPX_AT[kind] / 2; // bOffset in words; the PHE (12 bytes) stays zero
    });
    for (const k of [P_NORMAL, P_CELL, P_ROW_END] as ParaKind[]) fkp.set(PAPX[k], PAPX_AT[k]);
    fkp[511] = crun;
    bteFcs.push(fcOf(start));
  }
  bteFcs.push(fcMac);
  // 1Table: PlcBtePapx, then the CLX
  const plcLen = bteFcs.length * 4 + pages * 4;
  const clxLen = 1 + 4 + 8 + 8;
  const table = Buffer.alloc(plcLen + clxLen);
  bteFcs.forEach((fc, i) => table.writeUInt32LE(fc, i * 4));
  for (let p = 0; p < pages; p++) table.writeUInt32LE(firstPage + p, bteFcs.length * 4 + p * 4);
  let o = plcLen;
  table[o++] = 2; // clxt: Pcdt
  table.writeUInt32LE(8 + 8, o); o += 4; // PlcPcd: two CPs and one PCD
  table.writeUInt32LE(0, o); o += 4;
  table.writeUInt32LE(text.length, o); o += 4;
  table.writeUInt16LE(0, o); o += 2; // PCD flags
  table.writeUInt32LE(TEXT_START, o); o += 4; // fc, fCompressed 0: UTF-16LE
  table.writeUInt16LE(0, o); // prm
  // the FIB
  wd.writeUInt16LE(0xa5ec, 0); // wIdent
  wd.writeUInt16LE(0x00c1, 2); // nFib: Word 97
  wd.writeUInt16LE(0x0804, 6); // lid: Chinese (PRC)
  wd.writeUInt16LE(0x0200, 0x0a); // fWhichTblStm: the table stream is 1Table
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
