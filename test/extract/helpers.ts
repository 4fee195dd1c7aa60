/** Reading delimited text back into rows and cells, for assertions; the html pages and the seeded random
 * numbers the html tests share. */
import { readdirSync, readFileSync, statSync } from "node:fs";
import { join } from "node:path";
import { CELL, ROW } from "../../data-loaders/document.ts";
import { Rng } from "../../scripts/generate/rng.ts";

export const fixture = (path: string): Uint8Array => new Uint8Array(readFileSync(new URL(`../fixtures/${path}`, import.meta.url)));

/** Every table row in the text, as its cells (a row is the text between row marks/paragraphs). */
export function rowsOf(text: string): string[][] {
  const rows: string[][] = [];
  for (const block of text.split("\n")) {
    if (!block.includes(ROW)) continue;
    for (const row of block.split(ROW)) if (row) rows.push(row.split(CELL).slice(0, -1));
  }
  return rows;
}

/** The cells after `label` in the first row holding a cell equal to `label`. */
export function cellsAfter(text: string, label: string): string[] | undefined {
  for (const row of rowsOf(text)) {
    const i = row.indexOf(label);
    if (i >= 0) return row.slice(i + 1);
  }
  return undefined;
}

const INTEGER = /^-?\d+$/;

/** Rows made of exactly `n` integers after a text label, as numbers (the data rows of a table). */
export function labelledNumbers(text: string, n: number): number[][] {
  return rowsOf(text)
    .filter((r) => r.length > n && !INTEGER.test(r[r.length - n - 1]) && r.slice(-n).every((c) => INTEGER.test(c)))
    .map((r) => r.slice(-n).map(Number));
}

/** Rows made only of integers, as numbers. */
export function numberRows(text: string): number[][] {
  return rowsOf(text).filter((r) => r.length && r.every((c) => INTEGER.test(c))).map((r) => r.map(Number));
}

/** Paragraph lines (no cell marks). */
export const linesOf = (text: string): string[] => text.split("\n").filter((l) => l && !l.includes(CELL));

/** Every .html/.htm/.shtml file under `dir`, in sorted path order. */
export function htmlFiles(dir: string, out: string[] = []): string[] {
  for (const n of readdirSync(dir).sort()) {
    const p = join(dir, n);
    if (statSync(p).isDirectory()) htmlFiles(p, out);
    else if (/\.(html?|shtml)$/i.test(n)) out.push(p);
  }
  return out;
}

/** Numbers in [0, 1) from a fixed seed (the generator's mulberry32). */
export function prng(seed: number): () => number {
  const r = new Rng(seed);
  return () => r.next();
}
