/**
 * A report as a PDF, written by hand the way a word processor prints one (no dependency):
 *   - A4 pages; a title, section headings and paragraphs wrapped at the text width (first lines
 *     indented two characters), one text run per line;
 *   - tables as grids of ruling lines (stroked segments, or thin filled rectangles as Word draws
 *     borders, per report) with each cell's text as its own runs, wrapped inside the cell;
 *     merged cells have no line inside them;
 *   - tables break across pages as Word does: a row that does not fit moves to the next page
 *     or, on half of the reports (Word's "allow row to break across pages"), breaks across it
 *     when it has several lines: its cells' first lines before the break, the rest after, the
 *     break left open (no line at it) or closed by lines on both sides of it, half each (the
 *     second as in the Chromium-printed fixture 07); a cell merged over rows continues on the next page with no line closing it at the
 *     foot of the page nor opening it at the top, and its text flows on from one part to the
 *     next; on 30% of reports the header rows are repeated at the top of each page a table
 *     continues on (Word's "repeat as header row"); an empty paragraph separates tables;
 *   - a page number in the footer ("- N -", "第N页", "N/M" or none, per report).
 * Fonts: Type0 fonts with /Encoding /Identity-H over a CIDFontType2 (SimSun, and SimHei for
 * headings), not embedded, CIDSystemInfo Adobe/Identity; a CID is the character's Unicode code
 * point (BMP), and a /ToUnicode CMap maps every CID used back to its character. Content streams
 * are deflated (FlateDecode); the cross-reference table holds every object's byte offset.
 * The catalog and the page tree are written last, so a file cut short has no page tree.
 * Not done here: tables without ruling lines, text in several columns, scanned pages, embedded
 * (subset) fonts, text drawn glyph by glyph, running headers.
 */
import { Buffer } from "node:buffer";
import { deflateSync } from "node:zlib";
import { blocks, layoutGrid, title, type Grid } from "./render.ts";
import type { Report } from "./report.ts";
import type { Rng } from "./rng.ts";

const PAGE_W = 595.28, PAGE_H = 841.89;
const ML = 79, MR = 74, MT = 90, MB = 86; // margins (points)
const TEXT_W = PAGE_W - ML - MR;
const BODY = 12, BODY_LH = 20; // body text size and line height
/** Share of reports whose tables repeat their header rows on each page they continue on. */
export const REPEAT_HEADER_SHARE = 0.3;
/** Share of reports whose table rows may break across pages (the rest move a row whole to the next page). */
export const SPLIT_ROWS_SHARE = 0.5;
const TSIZE = 9, TLH = 11.5, PAD_X = 2.5, PAD_Y = 3.5; // table text

/** Width of a character in ems (the fonts' /W: ASCII half width, everything else full). */
const em = (code: number) => (code >= 0x20 && code <= 0x7e ? 0.5 : 1);
const widthOf = (s: string, size: number) => { let w = 0; for (let i = 0; i < s.length; i++) w += em(s.charCodeAt(i)); return w * size; };

/** Greedy wrap of `s` into lines no wider than `width` (the first one `first` wide). */
function wrap(s: string, size: number, width: number, first = width): string[] {
  const out: string[] = [];
  let from = 0, w = 0, max = first;
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    const cw = (c >= 0x20 && c <= 0x7e ? 0.5 : 1) * size;
    if (i > from && w + cw > max + 0.01) {
      out.push(s.slice(from, i));
      from = i;
      w = 0;
      max = width;
    }
    w += cw;
  }
  if (from < s.length || !out.length) out.push(s.slice(from));
  return out;
}

const f2 = (x: number) => (Math.round(x * 100) / 100).toString();
let HEX: string[] | null = null; // a UTF-16 code unit as 4 hex digits

/** Column widths of a table, by its number of columns (the three tables of the format). */
function columnWidths(n: number): number[] {
  if (n === 4) return [TEXT_W - 3 * 90, 90, 90, 90];
  if (n === 10) { const lab = [34, 50, 118]; const v = (TEXT_W - 202) / 7; return [...lab, ...Array(7).fill(v)]; }
  return Array(n).fill(TEXT_W / n);
}

class Pages {
  pages: string[][] = [[]];
  y = MT; // top-down cursor
  chars = new Set<number>();
  brokenRows = 0;
  constructor(readonly lines: "stroke" | "fill") {}
  get ops(): string[] { return this.pages[this.pages.length - 1]; }
  newPage(): void { this.pages.push([]); this.y = MT; }
  /** Room for h more points on this page, or a new page. */
  need(h: number): void { if (this.y + h > PAGE_H - MB && this.y > MT) this.newPage(); }
  text(s: string, x: number, baseline: number, size: number, font: "F1" | "F2"): void {
    if (!s) return;
    HEX ??= Array.from({ length: 65536 }, (_, c) => c.toString(16).padStart(4, "0"));
    let hex = "";
    for (let i = 0; i < s.length; i++) {
      const c = s.charCodeAt(i);
      this.chars.add(c);
      hex += HEX[c];
    }
    this.ops.push(`BT /${font} ${size} Tf 1 0 0 1 ${f2(x)} ${f2(PAGE_H - baseline)} Tm <${hex}> Tj ET`);
  }
  /** A horizontal or vertical ruling line, top-down coordinates. */
  rule(x1: number, y1: number, x2: number, y2: number): void {
    if (this.lines === "stroke") this.ops.push(`${f2(x1)} ${f2(PAGE_H - y1)} m ${f2(x2)} ${f2(PAGE_H - y2)} l S`);
    else if (y1 === y2) this.ops.push(`${f2(x1 - 0.25)} ${f2(PAGE_H - y1 - 0.25)} ${f2(x2 - x1 + 0.5)} 0.5 re f`);
    else this.ops.push(`${f2(x1 - 0.25)} ${f2(PAGE_H - y2)} 0.5 ${f2(y2 - y1)} re f`);
  }
}

function paragraph(P: Pages, s: string, font: "F1" | "F2" = "F1", size = BODY): void {
  const lines = wrap(s, size, TEXT_W, TEXT_W - 2 * size);
  lines.forEach((l, i) => {
    P.need(BODY_LH);
    P.text(l, ML + (i === 0 ? 2 * size : 0), P.y + 0.8 * BODY_LH, size, font);
    P.y += BODY_LH;
  });
}

/** How a table meets a page break. */
export interface BreakStyle {
  /** header rows drawn again at the top of each page the table continues on (Word's "repeat as header row") */
  repeatHeader: boolean;
  /** a row taller than the room left may break across the pages (Word's "allow row to break across pages") */
  splitRows: boolean;
  /** a row broken across pages is closed by lines on both sides of the break (as Chromium prints) or left open (as Word does) */
  closedSplit: boolean;
}

/** A row's part on one page: a whole row, or one side of a row broken across pages. */
interface Band { r: number; page: number; top: number; h: number; first: boolean; last: boolean; from: number; to: number }

/**
 * A table: rows placed top to bottom; a row that does not fit moves to the next page, or breaks
 * across it (its cells' lines before the break on this page, the rest on the next). Returns
 * whether the table runs over more than one page.
 */
function table(P: Pages, g: Grid, style: BreakStyle): boolean {
  const laid = layoutGrid(g);
  const ncol = Math.max(...laid.map((row) => row.reduce((s, x) => s + (x.covered ? 1 : x.cell!.colspan ?? 1), 0)));
  const widths = columnWidths(ncol);
  const X = [ML];
  for (const w of widths) X.push(X[X.length - 1] + w);
  const R = laid.length;
  interface Placed { r0: number; r1: number; c0: number; c1: number; lines: string[] }
  const cells: Placed[] = [];
  laid.forEach((row, r) => row.forEach((x) => {
    if (!x.cell) return;
    const c1 = x.col + (x.cell.colspan ?? 1);
    const inner = X[c1] - X[x.col] - 2 * PAD_X;
    cells.push({ r0: r, r1: r + (x.cell.rowspan ?? 1) - 1, c0: x.col, c1, lines: wrap(x.cell.text, TSIZE, inner) });
  }));
  // row heights: one-row cells first, then merged cells stretch their last row
  const H = Array(R).fill(TLH + 2 * PAD_Y);
  const lines = Array(R).fill(1); // lines of the tallest one-row cell of each row
  for (const c of cells) if (c.r0 === c.r1) { H[c.r0] = Math.max(H[c.r0], c.lines.length * TLH + 2 * PAD_Y); lines[c.r0] = Math.max(lines[c.r0], c.lines.length); }
  for (const c of cells) {
    if (c.r0 === c.r1) continue;
    let h = 0;
    for (let r = c.r0; r <= c.r1; r++) h += H[r];
    const want = c.lines.length * TLH + 2 * PAD_Y;
    if (want > h) H[c.r1] += want - h;
  }
  // rows to bands on pages
  const hr = style.repeatHeader ? Math.max(0, laid.findIndex((row) => row.some((x) => x.cell?.num))) : 0;
  const headerH = H.slice(0, hr).reduce((a, b) => a + b, 0);
  const repeatAt = new Map<number, number>(); // page -> top of the repeated header
  const bands: Band[] = [];
  const turn = (r: number) => {
    P.newPage();
    if (hr > 0 && r >= hr) { repeatAt.set(P.pages.length - 1, P.y); P.y += headerH; }
  };
  for (let r = 0; r < R; r++) {
    const room = PAGE_H - MB - P.y;
    if (H[r] > room && P.y > MT) {
      const k = Math.floor((room - 2 * PAD_Y) / TLH); // lines that fit before the break
      if (style.splitRows && k >= 1 && k < lines[r]) {
        P.brokenRows++;
        bands.push({ r, page: P.pages.length - 1, top: P.y, h: room, first: true, last: false, from: 0, to: k });
        turn(r);
        const h = Math.max(H[r] - room, (lines[r] - k) * TLH + 2 * PAD_Y);
        bands.push({ r, page: P.pages.length - 1, top: P.y, h, first: false, last: true, from: k, to: Infinity });
        P.y += h;
        continue;
      }
      turn(r);
    }
    bands.push({ r, page: P.pages.length - 1, top: P.y, h: H[r], first: true, last: true, from: 0, to: Infinity });
    P.y += H[r];
  }
  const firstPage = bands[0].page, lastPage = bands[bands.length - 1].page;
  for (let p = firstPage; p <= lastPage; p++) {
    const mine = bands.filter((b) => b.page === p);
    if (!mine.length) continue;
    const save = P.pages;
    P.pages = [P.pages[p]]; // draw onto page p
    const seen = new Set<string>();
    const rule = (x1: number, y1: number, x2: number, y2: number) => {
      const k = `${x1},${y1},${x2},${y2}`;
      if (!seen.has(k)) { seen.add(k); P.rule(x1, y1, x2, y2); }
    };
    const at = (ls: string[], xl: number, xr: number, y0: number) =>
      ls.forEach((l, i) => P.text(l, (xl + xr) / 2 - widthOf(l, TSIZE) / 2, y0 + i * TLH + 0.82 * TLH, TSIZE, "F1"));
    const centred = (ls: string[], xl: number, xr: number, yt: number, yb: number) => at(ls, xl, xr, yt + (yb - yt - ls.length * TLH) / 2);
    const hdr = repeatAt.get(p);
    if (hdr !== undefined) {
      const y = (r: number) => hdr + bands.find((b) => b.r === r)!.top - bands[0].top;
      for (const c of cells) {
        if (c.r1 >= hr) continue;
        const yt = y(c.r0), yb = y(c.r1) + H[c.r1];
        const xl = X[c.c0], xr = X[c.c1];
        rule(xl, yt, xl, yb); rule(xr, yt, xr, yb); rule(xl, yt, xr, yt); rule(xl, yb, xr, yb);
        centred(c.lines, xl, xr, yt, yb);
      }
    }
    for (const c of cells) {
      const part = mine.filter((b) => b.r >= c.r0 && b.r <= c.r1);
      if (!part.length) continue;
      const all = bands.filter((b) => b.r >= c.r0 && b.r <= c.r1);
      const a = part[0], z = part[part.length - 1];
      const yt = a.top, yb = z.top + z.h;
      const xl = X[c.c0], xr = X[c.c1];
      rule(xl, yt, xl, yb);
      rule(xr, yt, xr, yb);
      const broken = (b: Band) => style.closedSplit && c.r0 === c.r1 && b.r === c.r0; // a one-row cell of a row broken across pages
      if (a === all[0] || broken(a)) rule(xl, yt, xr, yt);
      if (z === all[all.length - 1] || broken(z)) rule(xl, yb, xr, yb);
      if (all.length === part.length) { centred(c.lines, xl, xr, yt, yb); continue; }
      // over pages: a one-row cell shows its lines of this band; a merged cell flows from the top
      // of its first part into the next
      if (c.r0 === c.r1) { at(c.lines.slice(a.from, a.to), xl, xr, yt + PAD_Y); continue; }
      let before = 0;
      for (let q = all[0].page; q < p; q++) {
        const ps = all.filter((b) => b.page === q);
        if (ps.length) before += Math.max(0, Math.floor((ps[ps.length - 1].top + ps[ps.length - 1].h - ps[0].top - 2 * PAD_Y) / TLH));
      }
      const room = Math.max(0, Math.floor((yb - yt - 2 * PAD_Y) / TLH));
      at(c.lines.slice(Math.min(before, c.lines.length), z === all[all.length - 1] ? undefined : before + room), xl, xr, yt + PAD_Y);
    }
    P.pages = save;
  }
  return firstPage !== lastPage;
}

/** The ToUnicode CMap of the characters used: every CID maps to itself. */
function toUnicode(chars: Set<number>): string {
  const codes = [...chars].sort((a, b) => a - b);
  const parts: string[] = [];
  for (let i = 0; i < codes.length; i += 100) {
    const chunk = codes.slice(i, i + 100);
    parts.push(`${chunk.length} beginbfchar\n${chunk.map((c) => { const h = c.toString(16).padStart(4, "0"); return `<${h}> <${h}>`; }).join("\n")}\nendbfchar`);
  }
  return `/CIDInit /ProcSet findresource begin
12 dict begin
begincmap
/CIDSystemInfo << /Registry (Adobe) /Ordering (UCS) /Supplement 0 >> def
/CMapName /Adobe-Identity-UCS def
/CMapType 2 def
1 begincodespacerange
<0000> <FFFF>
endcodespacerange
${parts.join("\n")}
endcmap
CMapName currentdict /CMap defineresource pop
end
end`;
}

const utf16be = (s: string) => "<FEFF" + [...s].map((ch) => ch.charCodeAt(0).toString(16).padStart(4, "0")).join("").toUpperCase() + ">";

export type PageNumberStyle = "dash" | "cjk" | "slash" | "none";

export interface RenderedPdf { bytes: Uint8Array; pages: number; split_tables: number; broken_rows: number; rules: "stroke" | "fill"; page_numbers: PageNumberStyle; break_style: BreakStyle }

/** The PDF of a report. `rng` picks the ruling-line style and the page-number style. */
export function renderPdf(r: Report, rng: Rng): RenderedPdf {
  const P = new Pages(rng.chance(0.5) ? "stroke" : "fill");
  const numbers = rng.pick(["dash", "cjk", "slash", "none"] as const);
  const style: BreakStyle = { repeatHeader: rng.chance(REPEAT_HEADER_SHARE), splitRows: rng.chance(SPLIT_ROWS_SHARE), closedSplit: rng.chance(0.5) };
  // title, centred over two lines when long
  const t = title(r);
  for (const l of wrap(t, 16, TEXT_W - 32)) {
    P.text(l, ML + (TEXT_W - widthOf(l, 16)) / 2, P.y + 22, 16, "F2");
    P.y += 28;
  }
  P.y += 10;
  let prevTable = false, split = 0;
  for (const b of blocks(r)) {
    if ("table" in b) {
      if (prevTable) P.y += BODY_LH; // the empty paragraph between two tables
      if (table(P, b.table, style)) split++;
      prevTable = true;
      continue;
    }
    if (prevTable) P.y += 6;
    prevTable = false;
    if ("h" in b) paragraph(P, b.h, "F2");
    else paragraph(P, b.p);
  }
  P.y += BODY_LH;
  for (const l of [r.agency.name, r.published.replace(/^(\d+)-0?(\d+)-0?(\d+)$/, "$1年$2月$3日")]) {
    P.need(BODY_LH);
    P.text(l, PAGE_W - MR - widthOf(l, BODY), P.y + 0.8 * BODY_LH, BODY, "F1");
    P.y += BODY_LH;
  }
  const n = P.pages.length;
  if (numbers !== "none") P.pages.forEach((ops, i) => {
    const s = numbers === "dash" ? `- ${i + 1} -` : numbers === "cjk" ? `第${i + 1}页` : `${i + 1}/${n}`;
    const save = P.pages;
    P.pages = [ops];
    P.text(s, (PAGE_W - widthOf(s, 9)) / 2, PAGE_H - 40, 9, "F1");
    P.pages = save;
  });
  return { bytes: writePdf(P, t), pages: n, split_tables: split, broken_rows: P.brokenRows, rules: P.lines, page_numbers: numbers, break_style: style };
}

function writePdf(P: Pages, docTitle: string): Uint8Array {
  const chunks: Buffer[] = [];
  const offsets: number[] = [];
  let at = 0;
  const push = (b: Buffer) => { chunks.push(b); at += b.length; };
  const obj = (id: number, body: string | Buffer, dict?: string) => {
    offsets[id] = at;
    if (typeof body === "string") push(Buffer.from(`${id} 0 obj\n${body}\nendobj\n`, "latin1"));
    else {
      push(Buffer.from(`${id} 0 obj\n<< ${dict} /Length ${body.length} >>\nstream\n`, "latin1"));
      push(body);
      push(Buffer.from("\nendstream\nendobj\n", "latin1"));
    }
  };
  push(Buffer.from("%PDF-1.7\n%\xe2\xe3\xcf\xd3\n", "latin1"));
  const n = P.pages.length;
  // 1 catalog, 2 pages, 3 info, 4 ToUnicode, 5-7 SimSun, 8-10 SimHei, then page/content pairs
  const pageId = (i: number) => 11 + 2 * i;
  obj(4, deflateSync(toUnicode(P.chars), { level: 1 }), "/Filter /FlateDecode");
  const font = (id: number, name: string) => {
    obj(id, `<< /Type /Font /Subtype /Type0 /BaseFont /${name} /Encoding /Identity-H /DescendantFonts [${id + 1} 0 R] /ToUnicode 4 0 R >>`);
    obj(id + 1, `<< /Type /Font /Subtype /CIDFontType2 /BaseFont /${name} /CIDSystemInfo << /Registry (Adobe) /Ordering (Identity) /Supplement 0 >> /FontDescriptor ${id + 2} 0 R /DW 1000 /W [32 126 500] /CIDToGIDMap /Identity >>`);
    obj(id + 2, `<< /Type /FontDescriptor /FontName /${name} /Flags 6 /FontBBox [-8 -145 1000 859] /ItalicAngle 0 /Ascent 859 /Descent -141 /CapHeight 683 /StemV 80 >>`);
  };
  font(5, "SimSun");
  font(8, "SimHei");
  const resources = "<< /Font << /F1 5 0 R /F2 8 0 R >> /ProcSet [/PDF /Text] >>";
  P.pages.forEach((ops, i) => {
    const content = deflateSync("0 G 0 g 0.5 w\n" + ops.join("\n"), { level: 1 });
    obj(pageId(i), `<< /Type /Page /Parent 2 0 R /MediaBox [0 0 ${PAGE_W} ${PAGE_H}] /Resources ${resources} /Contents ${pageId(i) + 1} 0 R >>`);
    obj(pageId(i) + 1, content, "/Filter /FlateDecode");
  });
  obj(3, `<< /Title ${utf16be(docTitle)} /Producer (gid-annual-reports synthetic corpus) >>`);
  obj(2, `<< /Type /Pages /Count ${n} /Kids [${P.pages.map((_, i) => `${pageId(i)} 0 R`).join(" ")}] >>`);
  obj(1, "<< /Type /Catalog /Pages 2 0 R >>");
  const size = pageId(n);
  const xref = at;
  let table = `xref\n0 ${size}\n0000000000 65535 f \n`;
  for (let id = 1; id < size; id++) table += `${String(offsets[id]).padStart(10, "0")} 00000 n \n`;
  push(Buffer.from(`${table}trailer\n<< /Size ${size} /Root 1 0 R /Info 3 0 R >>\nstartxref\n${xref}\n%%EOF\n`, "latin1"));
  const out = new Uint8Array(at);
  let o = 0;
  for (const c of chunks) { out.set(c, o); o += c.length; }
  return out;
}
