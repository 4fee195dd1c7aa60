/**
 * The docx model (docx-model.ts) to delimited text, doing what the mammoth path does in two steps
 * (mammoth's HTML, then html.ts) in one:
 *
 * - vertical merges as mammoth's calculateRowSpans: a w:vMerge continue cell is dropped and adds
 *   a row to the cell above it at the same grid index, unless the table or a row holds something
 *   other than rows/cells (then no merging at all, as mammoth);
 * - a paragraph is a line; a line break ends the line; text-box paragraphs follow their paragraph;
 * - a table holding another table is a layout table: its cells are plain lines (html.ts);
 * - a data table: cells joined from their paragraphs with single spaces (html.ts textOf +
 *   text.ts cellText), colspan emitted once, rowspan repeated by html.ts's own `tableRows`;
 * - images are counted as mammoth's image converter would be called (not in merged-away cells).
 */
import { CELL, ROW, finding, type Finding } from "../document.ts";
import { tableRows } from "./html.ts";
import { BR, IMG, type Block, type Cell, type Row, type Table } from "./docx-model.ts";
import { cellText } from "./text.ts";

const MAX_SPAN = 1000; // html.ts: rowspan/colspan beyond this are markup errors
const MAX_REPEATS = 100_000; // html.ts: cells a table may gain by rowspan repetition (the default of tableRows)

export interface Rendered { text: string; tables: number; images: number; findings: Finding[] }

/** The colspan/rowspan html.ts reads from the attribute mammoth writes (none when 1). */
function htmlSpan(n: number): number {
  return n >= 1 ? Math.min(n, MAX_SPAN) : 1;
}

/** mammoth's calculateRowSpans: the cells it removes and the row spans of those it keeps. */
function merges(table: Table): { hidden: Set<Cell>; spans: Map<Cell, number> } {
  const hidden = new Set<Cell>();
  const spans = new Map<Cell, number>();
  if (!table.merge) return { hidden, spans };
  const columns = new Map<number, Cell>();
  for (const row of table.kids as Row[]) {
    let index = 0;
    for (const cell of row.kids as Cell[]) {
      const above = cell.vMerge ? columns.get(index) : undefined;
      if (above) {
        spans.set(above, (spans.get(above) ?? 1) + 1);
        hidden.add(cell);
      } else columns.set(index, cell);
      index += cell.colSpan;
    }
  }
  return { hidden, spans };
}

/** Characters cellText/collapse/scrub would change: without them a text is its own cellText. */
const UNCLEAN = /[\s\u0000-\u001F\u007F\u200B-\u200D\u2060\uFEFF\u00AD]/;

function clean(s: string): string {
  return UNCLEAN.test(s) ? cellText(s) : s;
}

/** html.ts's Output: inline text joined into lines, a line scrubbed and collapsed when it ends. */
class Output {
  private parts: string[] = [];
  private line: string[] = [];
  tables = 0;
  inline(s: string): void {
    this.line.push(s);
  }
  flush(): void {
    if (!this.line.length) return;
    const t = clean(this.line.length === 1 ? this.line[0] : this.line.join(""));
    this.line = [];
    if (t) this.parts.push(t + "\n");
  }
  table(rows: string[][]): void {
    this.flush();
    if (!rows.length) return;
    this.tables++;
    for (const r of rows) this.parts.push(r.map((c) => c + CELL).join("") + ROW);
    this.parts.push("\n");
  }
  toString(): string {
    this.flush();
    return this.parts.join("");
  }
}

class Renderer {
  out = new Output();
  images = 0;
  findings: Finding[] = [];

  blocks(blocks: Block[]): void {
    for (const b of blocks) {
      switch (b.k) {
        case "p":
          this.out.flush();
          for (const x of b.inl) {
            if (x === BR) this.out.flush();
            else if (x === IMG) this.images++;
            else this.out.inline(x);
          }
          this.out.flush();
          this.blocks(b.extras);
          break;
        case "leaf":
          if (b.img) this.images++;
          break;
        case "t":
          if (b.layout) this.layoutTable(b);
          else this.dataTable(b);
          break;
        default: // rows and cells only occur inside tables
          this.out.flush();
          this.blocks(b.kids);
          this.out.flush();
      }
    }
  }

  /** A table holding a table: rows and cells are plain blocks (html.ts). */
  layoutTable(table: Table): void {
    const { hidden } = merges(table);
    this.out.flush();
    for (const kid of table.kids) {
      if (kid.k !== "r") {
        this.blocks([kid]);
        continue;
      }
      this.out.flush();
      for (const c of kid.kids) {
        if (c.k === "c" && hidden.has(c)) continue;
        this.blocks([c]);
      }
      this.out.flush();
    }
    this.out.flush();
  }

  dataTable(table: Table): void {
    const { hidden, spans } = merges(table);
    const source = [];
    for (const kid of table.kids) {
      if (kid.k === "r") {
        const cells = [];
        for (const c of kid.kids) {
          if (c.k === "c") {
            if (hidden.has(c)) continue;
            cells.push({ text: this.cellText(c), rowspan: htmlSpan(spans.get(c) ?? 1), colspan: htmlSpan(c.colSpan) });
          } else this.count([c]);
        }
        source.push(cells);
      } else this.count([kid]);
    }
    const { rows, capped } = tableRows(source);
    if (capped) this.findings.push(finding("table_too_large", "warning", `a table's rowspans repeat more than ${MAX_REPEATS} cells; the rest are not repeated`));
    this.out.table(rows);
  }

  /** html.ts textOf of a cell: paragraphs and line breaks joined by spaces, then cellText. */
  cellText(cell: Cell): string {
    const k = cell.kids;
    if (k.length === 1 && k[0].k === "p" && k[0].inl.length === 1 && !k[0].extras.length && typeof k[0].inl[0] === "string") return clean(k[0].inl[0]);
    const parts: string[] = [];
    this.cellParts(k, parts);
    return cellText(parts.join(""));
  }

  cellParts(blocks: Block[], parts: string[]): void {
    for (const b of blocks) {
      if (b.k === "p") {
        parts.push(" ");
        for (const x of b.inl) {
          if (x === BR) parts.push(" ");
          else if (x === IMG) this.images++;
          else parts.push(x);
        }
        this.cellParts(b.extras, parts);
      } else if (b.k === "leaf") {
        if (b.img) this.images++;
      } else this.cellParts(b.kids, parts); // no table here: the table would be a layout table
    }
  }

  /** Images of blocks whose text html.ts does not read (outside rows or cells of a data table). */
  count(blocks: Block[]): void {
    for (const b of blocks) {
      if (b.k === "p") {
        for (const x of b.inl) if (x === IMG) this.images++;
        this.count(b.extras);
      } else if (b.k === "leaf") {
        if (b.img) this.images++;
      } else this.count(b.kids);
    }
  }
}

export function renderBody(body: Block[]): Rendered {
  const r = new Renderer();
  r.blocks(body);
  const text = r.out.toString();
  return { text, tables: r.out.tables, images: r.images, findings: r.findings };
}
