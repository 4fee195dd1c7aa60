/**
 * Recovering the cells of a row from chunks whose cell boundaries were lost.
 * A chunk may hold several glued numbers; a number has no leading zero ("05" is 0|5),
 * a sign starts a number, a unit ends one. Blank cells that left no trace can be
 * re-inserted (up to `maxBlanks`) only when the source hides blanks.
 * Returns every candidate row; callers narrow them down with the format's arithmetic.
 */
import { parseCell, type Cell, type Chunk } from "./cells.ts";

export const MAX_CANDIDATES = 20000;
const NUMBER_AT = /^-?(?:0|[1-9]\d*)(?:\.\d+)?(?:万元|元)?/;

/** Every way to cut one glued chunk into numbers. */
export function partitions(chunk: string, limit = MAX_CANDIDATES): string[][] | null {
  try {
    return cuts({ chunk, limit, memo: new Map(), count: 0 }, 0);
  } catch (e) {
    if (e instanceof TooMany) return null;
    throw e;
  }
}

/** The search of partitions(), as plain data (no closure is made per chunk). */
interface CutState { chunk: string; limit: number; memo: Map<number, string[][]>; count: number }

/** Every way to cut chunk[i..] into numbers. */
function cuts(s: CutState, i: number): string[][] {
  if (i === s.chunk.length) return [[]];
  const hit = s.memo.get(i);
  if (hit) return hit;
  const out: string[][] = [];
  const rest = s.chunk.slice(i);
  const max = rest.match(NUMBER_AT);
  if (max) {
    // every prefix of the longest number that is itself a valid number
    for (let len = 1; len <= max[0].length; len++) {
      const head = rest.slice(0, len);
      if (!isNumber(head, rest[len])) continue;
      for (const tail of cuts(s, i + len)) {
        out.push([head, ...tail]);
        if (++s.count > s.limit) throw new TooMany();
      }
    }
  }
  s.memo.set(i, out);
  return out;
}

class TooMany extends Error {}

function isNumber(head: string, next: string | undefined): boolean {
  if (!/^-?(?:0|[1-9]\d*)(?:\.\d+)?(?:万元|元)?$/.test(head)) return false;
  if (head === "-" || head.endsWith(".")) return false;
  // a decimal point or unit must not be left dangling for the next number
  if (next === "." || next === "万" || next === "元") return false;
  return true;
}

export interface Candidates { rows: Cell[][]; blanksInserted: number; overflow: boolean }

/** All ways to read `k` cells from the chunks. */
export function candidates(chunks: Chunk[], k: number, blanksVisible: boolean, maxBlanks = 2): Candidates {
  const options: string[][][] = [];
  for (const c of chunks) {
    if (c.exact) options.push([[c.text]]);
    else {
      const p = partitions(c.text);
      if (!p) return { rows: [], blanksInserted: 0, overflow: true };
      options.push(p);
    }
  }
  const seqs: string[][] = [];
  if (chunks.every((c) => c.exact)) {
    // one reading: the cells as printed (none when there are more than k)
    if (chunks.length <= k) seqs.push(chunks.map((c) => c.text));
  } else if (sequences(options, k, 0, [], seqs)) return { rows: [], blanksInserted: 0, overflow: true };
  const full = seqs.filter((s) => s.length === k);
  if (full.length || blanksVisible) return { rows: full.map(toRow), blanksInserted: 0, overflow: false };
  const longest = Math.max(-1, ...seqs.map((s) => s.length));
  const missing = k - longest;
  if (longest < 0 || missing > maxBlanks) return { rows: [], blanksInserted: missing, overflow: false };
  const rows: Cell[][] = [];
  for (const s of seqs.filter((x) => x.length === longest)) {
    for (const blanks of choose(k, missing)) {
      const row: Cell[] = [];
      let j = 0;
      for (let i = 0; i < k; i++) row.push(blanks.includes(i) ? null : parseCell(s[j++]) ?? null);
      rows.push(row);
    }
  }
  return { rows: dedupe(rows), blanksInserted: missing, overflow: false };
}

/** Every sequence of cells made of one option per chunk, with at most k cells (pushed to `seqs`);
 * true when there are more than MAX_CANDIDATES. */
function sequences(options: string[][][], k: number, i: number, acc: string[], seqs: string[][]): boolean {
  if (acc.length > k) return false;
  if (i === options.length) {
    seqs.push(acc);
    return seqs.length > MAX_CANDIDATES;
  }
  for (const opt of options[i]) if (sequences(options, k, i + 1, acc.concat(opt), seqs)) return true;
  return false;
}

function toRow(s: string[]): Cell[] {
  return s.map((t) => parseCell(t) ?? null);
}

function choose(n: number, r: number): number[][] {
  if (r === 0) return [[]];
  const out: number[][] = [];
  chooseFrom(n, r, 0, [], out);
  return out;
}

function chooseFrom(n: number, r: number, start: number, acc: number[], out: number[][]): void {
  if (acc.length === r) return void out.push(acc);
  for (let i = start; i < n; i++) chooseFrom(n, r, i + 1, [...acc, i], out);
}

export const rowKey = (row: Cell[]) => row.map((c) => (c === null ? "_" : `${c.value}${c.unit ?? ""}`)).join("|");

export function dedupe(rows: Cell[][]): Cell[][] {
  const seen = new Map<string, Cell[]>();
  for (const r of rows) if (!seen.has(rowKey(r))) seen.set(rowKey(r), r);
  return [...seen.values()];
}
