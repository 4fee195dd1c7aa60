/**
 * A data table's grid from its source rows: rowspan cells repeated into the rows they span (at
 * their grid column), colspan cells emitted once, repetition bounded by MAX_REPEATS.
 */
import { MAX_REPEATS } from "./html-rules.ts";

export interface SourceCell { text: string; rowspan: number; colspan: number }
interface Spanning { col: number; width: number; text: string; left: number }

/**
 * The rows of a data table as cell texts, with rowspan cells repeated into the rows they span
 * (at their grid column) and colspan cells emitted once. Rows without cells of their own are
 * dropped (they still use up the rows a rowspan covers).
 */
export function tableRows(rows: SourceCell[][], maxRepeats = MAX_REPEATS): { rows: string[][]; capped: boolean } {
  const out: string[][] = [];
  let pending: Spanning[] = [];
  let repeats = 0, capped = false;
  for (const row of rows) {
    if (repeats > maxRepeats) {
      capped ||= pending.length > 0;
      pending = [];
    }
    const active = pending;
    pending = [];
    const cells: string[] = [];
    let col = 0, k = 0;
    const carry = (s: Spanning) => {
      cells.push(s.text);
      repeats++;
      col = Math.max(col, s.col + s.width);
      if (s.left > 1) pending.push({ ...s, left: s.left - 1 });
    };
    for (const c of row) {
      while (k < active.length && active[k].col <= col) carry(active[k++]);
      cells.push(c.text);
      if (c.rowspan > 1) pending.push({ col, width: c.colspan, text: c.text, left: c.rowspan - 1 });
      col += c.colspan;
    }
    while (k < active.length) carry(active[k++]);
    pending.sort((a, b) => a.col - b.col);
    if (row.length) out.push(cells);
  }
  return { rows: out, capped };
}
