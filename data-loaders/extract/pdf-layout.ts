/**
 * PDF page geometry to delimited text: no pdf.js here, only positioned text and ruling lines,
 * so that every rule can be tested on made-up pages.
 *
 * Coordinates are top-down points (y grows down the page); an item's y is its baseline.
 *   1. Tables are found from ruling lines: segments that touch form a grid; the distinct y of
 *      horizontal and x of vertical lines cut it into elementary cells, and two neighbouring
 *      elementary cells are one (merged) cell when no line separates them. A merged cell spanning
 *      several rows is repeated into each row it spans and one spanning columns is emitted once,
 *      as the HTML table path does with rowspan/colspan. Text belongs to the cell holding its centre.
 *   2. Running text (page headers and footers) is dropped: a line in the top or bottom margin
 *      zone that repeats at the same height on at least half of the pages (digits ignored, so
 *      "3/8" and "4/8" repeat), or that looks like a page number ("- 3 -", "第3页", "3/8", "Page 3").
 *   3. A table that ends a page and a table that starts the next page with the same left and
 *      right edges are one table. Where the boundary is open (no horizontal line closes the column
 *      at the foot of the page or heads it on the next), the cells on both sides are one cell: a
 *      row split by the page break becomes one row again, and a rowspan label keeps spanning.
 *      Header rows repeated at the top of the continuation are dropped when they repeat exactly.
 *   4. Tables without ruling lines: consecutive lines with several widely spaced chunks, at least
 *      one of them a number, form a table; its columns are the gutters no chunk crosses. A label
 *      wrapped over several lines joins the row of the nearest line that holds numbers (the value
 *      columns of its other lines are empty).
 *   5. Other text: lines by baseline; a line continues the paragraph above when that one reached
 *      the right margin and this one starts at the left margin without indent.
 */
import { CELL, ROW } from "../document.ts";
import { cellText, collapse, scrub } from "./text.ts";

export interface PdfItem { text: string; x: number; y: number; w: number; size: number }
/** A ruling line, x1 <= x2 and y1 <= y2: horizontal when y1 === y2, vertical when x1 === x2. */
export interface PdfSeg { x1: number; y1: number; x2: number; y2: number }
export interface PdfPage { width: number; height: number; items: PdfItem[]; segs: PdfSeg[] }

export interface LayoutResult { text: string; tables: number; runningLines: number; rulelessTables: number; joinedPages: number }

const TOL = 2; // points: lines this close are the same line
const BAND = 3; // points: grid lines closer than this are one
const MARGIN_ZONE = 0.12; // of the page height: where headers and footers live
const CJK = /[\u2E80-\u9FFF\uF900-\uFAFF\uFF00-\uFFEF\u3000-\u303F\u2018-\u201F]/;

// ---------------------------------------------------------------- small helpers

const top = (i: PdfItem) => i.y - 0.85 * i.size;
const bottom = (i: PdfItem) => i.y + 0.2 * i.size;
const cx = (i: PdfItem) => i.x + i.w / 2;
const cy = (i: PdfItem) => i.y - 0.33 * i.size;

/** Two pieces of text of one cell or paragraph: no space between CJK, one otherwise. */
export function joinText(a: string, b: string): string {
  if (!a) return b;
  if (!b) return a;
  return CJK.test(a[a.length - 1]) || CJK.test(b[0]) ? a + b : a + " " + b;
}

interface Line { items: PdfItem[]; y: number; size: number; x0: number; x1: number; top: number; bottom: number; text: string }

/** Items into lines by baseline (sorted top to bottom), each line's items left to right. */
function toLines(items: PdfItem[]): Line[] {
  const sorted = [...items].sort((a, b) => a.y - b.y || a.x - b.x);
  const groups: PdfItem[][] = [];
  for (const it of sorted) {
    const g = groups[groups.length - 1];
    if (g && Math.abs(it.y - g[0].y) <= Math.max(TOL, 0.4 * Math.min(it.size, g[0].size))) g.push(it);
    else groups.push([it]);
  }
  return groups.map((g) => {
    g.sort((a, b) => a.x - b.x);
    let text = "";
    let end = -Infinity;
    for (const it of g) {
      const gap = it.x - end;
      text = gap > 0.3 * it.size && text ? text + " " + it.text : text + it.text;
      end = Math.max(end, it.x + it.w);
    }
    const size = Math.max(...g.map((i) => i.size));
    return {
      items: g, y: g[0].y, size, x0: g[0].x, x1: Math.max(...g.map((i) => i.x + i.w)),
      top: Math.min(...g.map(top)), bottom: Math.max(...g.map(bottom)), text: collapse(scrub(text).text),
    };
  });
}

/** The text of a block of items (a cell): lines top to bottom, joined without breaks. */
function blockText(items: PdfItem[]): string {
  return cellText(toLines(items).reduce((s, l) => joinText(s, l.text), ""));
}

function cluster(values: number[], tol: number): number[] {
  const sorted = [...values].sort((a, b) => a - b);
  const out: number[][] = [];
  for (const v of sorted) {
    const c = out[out.length - 1];
    if (c && v - c[c.length - 1] <= tol) c.push(v);
    else out.push([v]);
  }
  return out.map((c) => c.reduce((s, v) => s + v, 0) / c.length);
}

class UnionFind {
  parent: number[];
  constructor(n: number) {
    this.parent = Array.from({ length: n }, (_, i) => i);
  }
  find(i: number): number {
    while (this.parent[i] !== i) i = this.parent[i] = this.parent[this.parent[i]];
    return i;
  }
  union(a: number, b: number): void {
    this.parent[this.find(a)] = this.find(b);
  }
}

// ---------------------------------------------------------------- ruled grids

/** A cell of a grid or of a table being assembled: rows r0..r1, x from xl to xr. */
interface GridCell { r0: number; r1: number; xl: number; xr: number; items: PdfItem[]; text: string }

interface Grid {
  left: number; right: number; top: number; bottom: number;
  rows: number;
  /** the y of the row boundaries, rows + 1 of them */
  ys: number[];
  cells: GridCell[];
  /** x intervals (of elementary columns) with no line at the grid's top / bottom edge */
  openTop: [number, number][];
  openBottom: [number, number][];
}

function mergeCollinear(segs: PdfSeg[], horizontal: boolean): PdfSeg[] {
  const key = (s: PdfSeg) => (horizontal ? s.y1 : s.x1);
  const lo = (s: PdfSeg) => (horizontal ? s.x1 : s.y1);
  const hi = (s: PdfSeg) => (horizontal ? s.x2 : s.y2);
  const sorted = [...segs].sort((a, b) => key(a) - key(b) || lo(a) - lo(b));
  const out: PdfSeg[] = [];
  for (const s of sorted) {
    const m = out.find((o) => Math.abs(key(o) - key(s)) <= 1 && lo(s) <= hi(o) + TOL && hi(s) >= lo(o) - TOL);
    if (!m) {
      out.push({ ...s });
      continue;
    }
    if (horizontal) {
      m.x1 = Math.min(m.x1, s.x1);
      m.x2 = Math.max(m.x2, s.x2);
    } else {
      m.y1 = Math.min(m.y1, s.y1);
      m.y2 = Math.max(m.y2, s.y2);
    }
  }
  return out;
}

/** Grids formed by touching ruling lines; a single box (a frame, a page border) is no grid. */
export function findGrids(segs: PdfSeg[]): Grid[] {
  const hs = mergeCollinear(segs.filter((s) => s.y1 === s.y2 && s.x2 - s.x1 >= 2), true);
  const vs = mergeCollinear(segs.filter((s) => s.x1 === s.x2 && s.y2 - s.y1 >= 2), false);
  const all = [...hs, ...vs];
  const uf = new UnionFind(all.length);
  for (let i = 0; i < hs.length; i++) {
    for (let j = 0; j < vs.length; j++) {
      const h = hs[i], v = vs[j];
      if (v.x1 >= h.x1 - TOL && v.x1 <= h.x2 + TOL && h.y1 >= v.y1 - TOL && h.y1 <= v.y2 + TOL) uf.union(i, hs.length + j);
    }
  }
  const groups = new Map<number, PdfSeg[]>();
  all.forEach((s, i) => {
    const r = uf.find(i);
    if (!groups.has(r)) groups.set(r, []);
    groups.get(r)!.push(s);
  });
  // A vertical line touching no horizontal one borders a column whose cells all continue from
  // the page before and into the page after (a rowspan label across a page): it belongs to the
  // grid beside it whose height it spans.
  const lists = [...groups.values()];
  const lone = lists.filter((g) => g.length === 1 && g[0].x1 === g[0].x2);
  const grids0 = lists.filter((g) => !lone.includes(g));
  for (const [v] of lone) {
    const host = grids0.find((g) => {
      const ys = g.map((s) => [s.y1, s.y2]).flat(), xs = g.map((s) => [s.x1, s.x2]).flat();
      return v.y1 >= Math.min(...ys) - BAND && v.y2 <= Math.max(...ys) + BAND && v.x1 >= Math.min(...xs) - 200 && v.x1 <= Math.max(...xs) + 200 &&
        g.some((s) => s.x1 === s.x2 && Math.abs(s.y1 - v.y1) <= BAND && Math.abs(s.y2 - v.y2) <= BAND);
    });
    if (host) host.push(v);
  }
  const grids: Grid[] = [];
  for (const group of grids0) {
    const g = gridOf(group.filter((s) => s.y1 === s.y2), group.filter((s) => s.x1 === s.x2 && s.y1 !== s.y2));
    if (g) grids.push(g);
  }
  return grids.sort((a, b) => a.top - b.top);
}

function gridOf(hs: PdfSeg[], vs: PdfSeg[]): Grid | null {
  if (hs.length < 1 || vs.length < 2) return null;
  const left = Math.min(...hs.map((h) => h.x1), ...vs.map((v) => v.x1));
  const right = Math.max(...hs.map((h) => h.x2), ...vs.map((v) => v.x1));
  const topY = Math.min(...hs.map((h) => h.y1), ...vs.map((v) => v.y1));
  const bottomY = Math.max(...hs.map((h) => h.y1), ...vs.map((v) => v.y2));
  const ys = cluster([...hs.map((h) => h.y1), topY, bottomY], BAND);
  const xs = cluster([...vs.map((v) => v.x1), left, right], BAND);
  if (ys.length < 2 || xs.length < 2 || right - left < 20 || bottomY - topY < 8) return null;
  const R = ys.length - 1, C = xs.length - 1;
  const hasV = (x: number, y: number) => vs.some((v) => Math.abs(v.x1 - x) <= BAND && y >= v.y1 - 1 && y <= v.y2 + 1);
  const hasH = (y: number, x: number) => hs.some((h) => Math.abs(h.y1 - y) <= BAND && x >= h.x1 - 1 && x <= h.x2 + 1);
  const uf = new UnionFind(R * C);
  for (let r = 0; r < R; r++) {
    for (let c = 0; c < C; c++) {
      const midY = (ys[r] + ys[r + 1]) / 2, midX = (xs[c] + xs[c + 1]) / 2;
      if (c + 1 < C && !hasV(xs[c + 1], midY)) uf.union(r * C + c, r * C + c + 1);
      if (r + 1 < R && !hasH(ys[r + 1], midX)) uf.union(r * C + c, (r + 1) * C + c);
    }
  }
  const byRoot = new Map<number, GridCell>();
  for (let r = 0; r < R; r++) {
    for (let c = 0; c < C; c++) {
      const root = uf.find(r * C + c);
      const cell = byRoot.get(root);
      if (!cell) byRoot.set(root, { r0: r, r1: r, xl: xs[c], xr: xs[c + 1], items: [], text: "" });
      else {
        cell.r0 = Math.min(cell.r0, r);
        cell.r1 = Math.max(cell.r1, r);
        cell.xl = Math.min(cell.xl, xs[c]);
        cell.xr = Math.max(cell.xr, xs[c + 1]);
      }
    }
  }
  // one box: a frame or a page border, unless it is as low as a table row (a table's first row
  // left alone at the foot of a page)
  if (byRoot.size < 2 && bottomY - topY > 40) return null;
  const open = (y: number) => {
    const out: [number, number][] = [];
    for (let c = 0; c < C; c++) if (!hasH(y, (xs[c] + xs[c + 1]) / 2)) out.push([xs[c], xs[c + 1]]);
    return out;
  };
  return { left, right, top: topY, bottom: bottomY, rows: R, ys, cells: [...byRoot.values()], openTop: open(ys[0]), openBottom: open(ys[R]) };
}

function inGrid(g: Grid, it: PdfItem): boolean {
  const x = cx(it), y = cy(it);
  return x >= g.left - 1 && x <= g.right + 1 && y >= g.top - 1 && y <= g.bottom + 1;
}

/** Put each item in the cell holding its centre; fills the cells' text. */
function fillGrid(g: Grid, items: PdfItem[]): void {
  for (const it of items) {
    const x = cx(it), y = cy(it);
    let best: GridCell | null = null;
    for (const c of g.cells) {
      if (x < c.xl - 1 || x > c.xr + 1) continue;
      const [t, b] = bandSpan(g, c);
      if (y >= t - 1 && y <= b + 1) {
        best = c;
        break;
      }
    }
    (best ?? nearestCell(g, x, y)).items.push(it);
  }
  for (const c of g.cells) c.text = blockText(c.items);
}

function nearestCell(g: Grid, x: number, y: number): GridCell {
  let best = g.cells[0], d = Infinity;
  for (const c of g.cells) {
    const [t, b] = bandSpan(g, c);
    const dx = x < c.xl ? c.xl - x : x > c.xr ? x - c.xr : 0;
    const dy = y < t ? t - y : y > b ? y - b : 0;
    if (dx + dy < d) {
      d = dx + dy;
      best = c;
    }
  }
  return best;
}

const bandSpan = (g: Grid, c: GridCell): [number, number] => [g.ys[c.r0], g.ys[c.r1 + 1]];

// ---------------------------------------------------------------- tables without rules

interface Chunk { x0: number; x1: number; items: PdfItem[]; text: string }

const NUMBER = /^[+-]?\d+(?:\.\d+)?(?:万元|元|件|条|个|项|次)?$/;

function chunksOf(line: Line): Chunk[] {
  const out: Chunk[] = [];
  for (const it of line.items) {
    const c = out[out.length - 1];
    if (c && it.x - c.x1 < 1.5 * it.size) {
      c.items.push(it);
      c.x1 = Math.max(c.x1, it.x + it.w);
    } else out.push({ x0: it.x, x1: it.x + it.w, items: [it], text: "" });
  }
  for (const c of out) c.text = blockText(c.items);
  return out;
}

interface RulelessTable { top: number; bottom: number; rows: string[][] }

/**
 * Runs of lines laid out as a table without rules. Returns the tables and the lines left over.
 * A run needs three lines holding at least three chunks each with a number among them.
 */
function rulelessTables(lines: Line[]): { tables: RulelessTable[]; rest: Line[] } {
  const chunks = lines.map(chunksOf);
  const rowLike = chunks.map((cs) => cs.length >= 3 && cs.some((c) => NUMBER.test(c.text.replace(/\s+/g, ""))));
  const tables: RulelessTable[] = [];
  const used = new Set<number>();
  let i = 0;
  while (i < lines.length) {
    if (!rowLike[i]) {
      i++;
      continue;
    }
    // extend over row-like lines and short lines between them (wrapped labels, header lines)
    let start = i, end = i, rows = 1;
    for (let j = i + 1; j < lines.length; j++) {
      const gap = lines[j].top - lines[j - 1].bottom;
      if (gap > 1.5 * lines[j].size) break;
      if (rowLike[j]) {
        end = j;
        rows++;
      } else if (chunks[j].length > 3) break;
    }
    // header lines above: multi-chunk lines directly above
    while (start > 0 && chunks[start - 1].length >= 2 && lines[start].top - lines[start - 1].bottom <= 1.5 * lines[start].size) start--;
    if (rows < 3) {
      i = end + 1;
      continue;
    }
    const region = lines.slice(start, end + 1);
    const regionChunks = chunks.slice(start, end + 1);
    const table = buildRuleless(region, regionChunks, rowLike.slice(start, end + 1));
    tables.push(table);
    for (let k = start; k <= end; k++) used.add(k);
    i = end + 1;
  }
  return { tables, rest: lines.filter((_, k) => !used.has(k)) };
}

function buildRuleless(lines: Line[], chunks: Chunk[][], rowLike: boolean[]): RulelessTable {
  // Column gutters: x ranges no chunk of a multi-chunk line covers.
  const spans = chunks.filter((cs) => cs.length >= 2).flat().map((c) => [c.x0, c.x1] as [number, number]).sort((a, b) => a[0] - b[0]);
  const cols: [number, number][] = [];
  for (const [a, b] of spans) {
    const last = cols[cols.length - 1];
    if (last && a <= last[1] + 1) last[1] = Math.max(last[1], b);
    else cols.push([a, b]);
  }
  const colOf = (c: Chunk) => {
    const k = cols.findIndex(([a, b]) => c.x0 <= b + 1 && c.x1 >= a - 1);
    return k < 0 ? cols.length - 1 : k;
  };
  const width = cols.length;
  // Each numbers line is a row; other lines join the nearest numbers line below or above by
  // baseline distance (a label wrapped around vertically centred values), or stand alone above
  // the first numbers line (header rows).
  const anchors = lines.map((_, k) => k).filter((k) => rowLike[k]);
  const rowOf = new Map<number, number>();
  lines.forEach((l, k) => {
    if (rowLike[k]) return void rowOf.set(k, k);
    if (k < anchors[0]) return void rowOf.set(k, k);
    let best = anchors[0], d = Infinity;
    for (const a of anchors) {
      const dist = Math.abs(lines[a].y - l.y);
      if (dist < d || (dist === d && a < best)) {
        d = dist;
        best = a;
      }
    }
    rowOf.set(k, best);
  });
  const rows = new Map<number, string[]>();
  const order: number[] = [];
  lines.forEach((_, k) => {
    const r = rowOf.get(k)!;
    if (!rows.has(r)) {
      rows.set(r, Array(width).fill(""));
      order.push(r);
    }
  });
  // fill in reading order: by baseline within a row
  const byY = lines.map((_, k) => k).sort((a, b) => lines[a].y - lines[b].y);
  for (const k of byY) {
    const row = rows.get(rowOf.get(k)!)!;
    for (const c of chunks[k]) {
      const col = colOf(c);
      row[col] = cellText(joinText(row[col], c.text));
    }
  }
  const sortedRows = order.sort((a, b) => a - b).map((r) => rows.get(r)!);
  return { top: lines[0].top, bottom: lines[lines.length - 1].bottom, rows: sortedRows };
}

// ---------------------------------------------------------------- running text

const PAGE_NUMBER = [
  /^[-－—–~\s]*\d{1,4}[-－—–~\s]*$/,
  /^第\s*\d{1,4}\s*页(?:\s*[,，/]?\s*共\s*\d{1,4}\s*页)?$/,
  /^共\s*\d{1,4}\s*页\s*[,，]?\s*第\s*\d{1,4}\s*页$/,
  /^\d{1,4}\s*\/\s*\d{1,4}$/,
  /^(?:page\s*)?\d{1,4}(?:\s*(?:of|\/)\s*\d{1,4})?$/i,
];
export const isPageNumber = (s: string): boolean => PAGE_NUMBER.some((r) => r.test(s.trim()));

const runningKey = (l: Line) => `${Math.round(l.y / 2)}|${l.text.replace(/\d+/g, "#").replace(/\s+/g, "")}`;

// ---------------------------------------------------------------- pages to blocks

type Block =
  | { kind: "line"; line: Line; top: number; bottom: number; left: number; right: number }
  | { kind: "grid"; grid: Grid; top: number; bottom: number; left: number; right: number }
  | { kind: "rows"; rows: string[][]; top: number; bottom: number; left: number; right: number };

/** A page's blocks top to bottom; left/right: the text margins (of the whole document). */
interface PageBlocks { blocks: Block[]; left: number; right: number }

function pageBlocks(page: PdfPage, running: Set<string>, pages: number, counts: { running: number; ruleless: number }): PageBlocks {
  const grids = findGrids(page.segs);
  const gridItems = grids.map(() => [] as PdfItem[]);
  const free: PdfItem[] = [];
  for (const it of page.items) {
    const k = grids.findIndex((g) => inGrid(g, it));
    if (k >= 0) gridItems[k].push(it);
    else free.push(it);
  }
  grids.forEach((g, k) => fillGrid(g, gridItems[k]));
  let lines = toLines(free).filter((l) => l.text);
  // running text: margin zones only
  lines = lines.filter((l) => {
    const inMargin = l.bottom <= page.height * MARGIN_ZONE || l.top >= page.height * (1 - MARGIN_ZONE);
    if (!inMargin) return true;
    const drop = (pages >= 2 && running.has(runningKey(l))) || isPageNumber(l.text);
    if (drop) counts.running++;
    return !drop;
  });
  const { tables, rest } = rulelessTables(lines);
  counts.ruleless += tables.length;
  const blocks: Block[] = [
    ...grids.filter((g) => g.cells.some((c) => c.text)).map((g): Block => ({ kind: "grid", grid: g, top: g.top, bottom: g.bottom, left: g.left, right: g.right })),
    ...tables.map((t): Block => ({ kind: "rows", rows: t.rows, top: t.top, bottom: t.bottom, left: 0, right: 0 })),
    ...rest.map((l): Block => ({ kind: "line", line: l, top: l.top, bottom: l.bottom, left: l.x0, right: l.x1 })),
  ].sort((a, b) => a.top - b.top);
  return { blocks, left: 0, right: 0 };
}

/** Lines of the top and bottom margin zones repeated at the same height on half the pages or more. */
function runningKeys(pages: PdfPage[]): Set<string> {
  const seen = new Map<string, Set<number>>();
  pages.forEach((p, n) => {
    for (const l of toLines(p.items)) {
      if (!(l.bottom <= p.height * MARGIN_ZONE || l.top >= p.height * (1 - MARGIN_ZONE))) continue;
      const k = runningKey(l);
      if (!seen.has(k)) seen.set(k, new Set());
      seen.get(k)!.add(n);
    }
  });
  const need = Math.max(2, Math.ceil(pages.length / 2));
  return new Set([...seen].filter(([, s]) => s.size >= need).map(([k]) => k));
}

// ---------------------------------------------------------------- tables across pages

interface Table { cells: GridCell[]; rows: number; left: number; right: number; openBottom: [number, number][] }

const isNumber = (s: string) => NUMBER.test(s.replace(/\s+/g, ""));
const within = (xl: number, xr: number, open: [number, number][]) => {
  // every elementary column of [xl, xr] is open: the open intervals cover it
  let covered = 0;
  for (const [a, b] of open) covered += Math.max(0, Math.min(b, xr) - Math.max(a, xl));
  return covered >= xr - xl - 2;
};

function rowTexts(cells: GridCell[], rows: number): string[][] {
  const out: string[][] = [];
  for (let r = 0; r < rows; r++) {
    const inRow = cells.filter((c) => c.r0 <= r && c.r1 >= r).sort((a, b) => a.xl - b.xl);
    if (!inRow.some((c) => c.r0 === r)) continue; // a band made only of cells from above
    out.push(inRow.map((c) => c.text));
  }
  return out;
}

function startTable(g: Grid): Table {
  return { cells: g.cells.map((c) => ({ ...c })), rows: g.rows, left: g.left, right: g.right, openBottom: g.openBottom };
}

/** Continue `t` with the grid `g` from the top of the next page. */
function continueTable(t: Table, g: Grid): void {
  let cells = g.cells.map((c) => ({ ...c }));
  let rows = g.rows;
  // A column continues across the break when no line closes it on either side of the break.
  const open = (c: GridCell) => c.r0 === 0 && within(c.xl, c.xr, g.openTop) && within(c.xl, c.xr, t.openBottom);
  if (!cells.some(open)) {
    // a closed boundary: drop header rows that repeat exactly
    const head = rowTexts(t.cells, Math.min(t.rows, 6));
    const mine = rowTexts(cells, Math.min(rows, 6));
    let k = 0;
    while (k < mine.length && k < head.length && k < rows && mine[k].join(CELL) === head[k].join(CELL) && mine[k].some(Boolean)) k++;
    if (k > 0 && k < rows) {
      cells = cells.filter((c) => c.r1 >= k).map((c) => ({ ...c, r0: Math.max(0, c.r0 - k), r1: c.r1 - k }));
      rows -= k;
    }
  }
  const last = t.rows - 1;
  const firstRow = cells.filter((c) => c.r0 === 0);
  const lastRow = t.cells.filter((c) => c.r1 === last);
  const same = (a: GridCell, c: GridCell) => Math.abs(a.xl - c.xl) <= BAND && Math.abs(a.xr - c.xr) <= BAND;
  // A row split by the break with lines on both sides: its label goes on while its value
  // columns are empty (every cell holding a number above is blank here, the rest is text).
  const labelGoesOn = firstRow.length === lastRow.length && firstRow.some((c) => c.text) &&
    firstRow.every((c) => !isNumber(c.text)) && lastRow.some((a) => isNumber(a.text)) &&
    lastRow.every((a) => { const c = firstRow.find((b) => same(a, b)); return !!c && (!isNumber(a.text) || !c.text); });
  const fullyOpen = labelGoesOn || (firstRow.length > 0 && firstRow.every(open));
  const offset = fullyOpen ? t.rows - 1 : t.rows;
  for (const c of cells) {
    const shifted = { ...c, r0: c.r0 + offset, r1: c.r1 + offset };
    const joined = open(c) || (labelGoesOn && c.r0 === 0) ? lastRow.find((a) => same(a, c)) : undefined;
    if (joined) {
      joined.r1 = shifted.r1;
      joined.text = cellText(joinText(joined.text, c.text));
    } else t.cells.push(shifted);
  }
  t.rows = offset + rows;
  t.openBottom = g.openBottom;
}

// ---------------------------------------------------------------- the document

class Out {
  parts: string[] = [];
  para: { text: string; line: Line; page: PageBlocks } | null = null;
  flush(): void {
    if (this.para?.text) this.parts.push(this.para.text + "\n");
    this.para = null;
  }
  line(l: Line, page: PageBlocks): void {
    const p = this.para;
    if (p) {
      const full = p.line.x1 >= p.page.right - 2 * p.line.size;
      const gap = p.page === page ? l.top - p.line.bottom : 0;
      const flush = l.x0 <= page.left + 0.5 * l.size;
      if (full && flush && gap < 0.9 * l.size && Math.abs(l.size - p.line.size) < 1) {
        p.text = joinText(p.text, l.text);
        p.line = l;
        p.page = page;
        return;
      }
    }
    this.flush();
    this.para = { text: l.text, line: l, page };
  }
  rows(rows: string[][]): void {
    this.flush();
    if (!rows.length) return;
    for (const r of rows) this.parts.push(r.map((c) => c + CELL).join("") + ROW);
    this.parts.push("\n");
  }
}

export function layoutPages(pages: PdfPage[]): LayoutResult {
  const running = runningKeys(pages);
  const counts = { running: 0, ruleless: 0 };
  const out = new Out();
  let table: Table | null = null;
  let tables = 0, joinedPages = 0;
  const endTable = () => {
    if (table) out.rows(rowTexts(table.cells, table.rows));
    table = null;
  };
  const all = pages.map((page) => pageBlocks(page, running, pages.length, counts));
  // the text margins of the whole document (a page may hold a single indented line)
  const lines = all.flatMap((pb) => pb.blocks.filter((b) => b.kind === "line"));
  const left = lines.length ? Math.min(...lines.map((b) => b.left)) : 0;
  const right = lines.length ? Math.max(...lines.map((b) => b.right)) : 0;
  all.forEach((pb) => {
    pb.left = left;
    pb.right = right;
    pb.blocks.forEach((b, k) => {
      if (b.kind === "grid") {
        if (k === 0 && table && Math.abs(table.left - b.left) <= 5 && Math.abs(table.right - b.right) <= 5) {
          continueTable(table, b.grid);
          joinedPages++;
        } else {
          endTable();
          out.flush();
          table = startTable(b.grid);
          tables++;
        }
        return;
      }
      endTable();
      if (b.kind === "rows") {
        out.rows(b.rows);
        tables++;
      } else out.line(b.line, pb);
    });
    // a table that does not end its page ends here
    if (table && pb.blocks.length && pb.blocks[pb.blocks.length - 1].kind !== "grid") endTable();
  });
  endTable();
  out.flush();
  return { text: out.parts.join(""), tables, runningLines: counts.running, rulelessTables: counts.ruleless, joinedPages };
}
