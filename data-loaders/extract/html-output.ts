/**
 * The delimited text an HTML walk writes: inline text gathered into a line until a block ends it,
 * data tables as CELL/ROW rows. `mark`/`rollback` let the streaming pass write a table as blocks
 * and take that back when the table turns out to be a data table.
 */
import { CELL, ROW, type DocumentMeta, type Finding } from "../document.ts";
import { cellText, hasNonSpace } from "./text.ts";

/** What an HTML walk gives: the document text, its meta, the data tables emitted, findings. */
export interface HtmlText {
  text: string;
  meta: DocumentMeta;
  /** data tables emitted */
  tables: number;
  findings: Finding[];
}


export class Output {
  private parts: string[] = [];
  private line: string[] = [];
  tables = 0;
  inline(s: string): void {
    // whitespace opening a line is trimmed by the flush anyway: skipping it spares most flushes
    if (this.line.length || hasNonSpace(s)) this.line.push(s);
  }
  flush(): void {
    if (!this.line.length) return;
    const s = this.line.join("");
    const t = cellText(s);
    this.line = [];
    if (t) this.parts.push(t + "\n");
  }
  table(caption: string, rows: string[][]): void {
    this.flush();
    if (caption) this.parts.push(caption + "\n");
    if (!rows.length) return;
    this.tables++;
    for (const r of rows) this.parts.push(r.map((c) => c + CELL).join("") + ROW);
    this.parts.push("\n");
  }
  /** Where the output stands (call after a flush). */
  mark(): number {
    return this.parts.length;
  }
  /** Drop everything written since `mark`, including an unfinished line. */
  rollback(mark: number): void {
    this.parts.length = mark;
    this.line = [];
  }
  toString(): string {
    this.flush();
    return this.parts.join("");
  }
}
