/** What reading one table yields, and findings about single cells (units, zero markers). */
import { finding, type Finding } from "../document.ts";
import type { Cell } from "./cells.ts";

export interface TableRead<T> {
  format: "2021" | "2019";
  value: T;
  findings: Finding[];
  /** "row/column" of cells that are null because they could not be read (not printed blank). */
  unresolved: Set<string>;
  end: number;
}

export function cellFindings(table: string, rows: Record<string, Cell[]>, columns: string[], unitsAllowed = false): Finding[] {
  const out: Finding[] = [];
  for (const [row, cells] of Object.entries(rows)) {
    cells.forEach((c, i) => {
      if (!c) return;
      if (c.zeroMarker) out.push(finding("zero_marker", "info", `"${c.raw}" printed for zero`, { table, row, column: columns[i], excerpt: c.raw }));
      if (c.unit && !unitsAllowed) out.push(finding("unit_in_cell", "info", `unit "${c.unit}" printed in the cell`, { table, row, column: columns[i], excerpt: c.raw }));
      if (!Number.isInteger(c.value) && !unitsAllowed) out.push(finding("not_integer", "warning", `count ${c.raw} is not a whole number`, { table, row, column: columns[i], excerpt: c.raw }));
    });
  }
  return out;
}
