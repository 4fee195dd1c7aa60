/**
 * Table 4 (administrative review and litigation): one row of 15 cells after a three-row header.
 * The values are what follows the last header word; block totals settle glued digits.
 */
import { CELL, finding, type Finding } from "../document.ts";
import { TABLE4_COLUMNS } from "../format/catalogue.ts";
import type { Table4 } from "../report.ts";
import { readSegment, type Cell } from "./cells.ts";
import { labelRegex } from "./labels.ts";
import { cutSegment } from "./segments.ts";
import { candidates } from "./split.ts";
import { settle } from "./resolve.ts";
import { cellFindings, type TableRead } from "./read.ts";

export const T4_COLUMNS = TABLE4_COLUMNS.map((c) => c.key);
const HEADER_WORDS = [...new Set(TABLE4_COLUMNS.flatMap((c) => c.zh_path ?? [c.zh]))];
const HEADER = labelRegex(HEADER_WORDS);
const v = (c: Cell) => (c === null ? 0 : c.value);
/** Each block of five: upheld + corrected + other + pending = total. */
const blocksAddUp = (row: Cell[]) => [0, 5, 10].every((b) => v(row[b]) + v(row[b + 1]) + v(row[b + 2]) + v(row[b + 3]) === v(row[b + 4]));

export function readTable4(text: string, start: number, end: number): TableRead<Table4> | null {
  // The header is the first run of at least five header words with no digit between them
  // (a heading or a sentence that names 行政复议 is not the header); it ends at its last word.
  let last = -1;
  let run = 0;
  let prevEnd = -1;
  HEADER.lastIndex = start;
  for (let m = HEADER.exec(text); m && m.index < end; m = HEADER.exec(text)) {
    run = prevEnd >= 0 && !/\d/.test(text.slice(prevEnd, m.index)) ? run + 1 : 1;
    prevEnd = m.index + m[0].length;
    if (run >= 5) last = prevEnd;
    else if (last >= 0) break;
  }
  if (last < 0) return null;
  // In delimited text the values are the next row: step over the end of the header row.
  const rowEnd = /^[^\S\n]*\u001F?[^\S\n]*\u001E\n?/.exec(text.slice(last, last + 20));
  const raw = rowEnd ? CELL + cutSegment(text, last + rowEnd[0].length, end) : cutSegment(text, last, end);
  const excerpt = raw.replace(/[\u001F\u001E]/g, " ").replace(/\s+/g, " ").trim().slice(0, 120);
  const findings: Finding[] = [];
  const seg = readSegment(raw);
  const unresolved = new Set<string>();
  const blank = () => {
    T4_COLUMNS.forEach((c) => unresolved.add(`cases/${c}`));
    return Array(T4_COLUMNS.length).fill(null) as Cell[];
  };
  let row: Cell[];
  if (!seg.chunks.length) {
    findings.push(finding("row_empty", "error", "no numbers after the table 4 header; its cells are left blank", { table: "table_4" }));
    row = blank();
  } else {
    const c = candidates(seg.chunks, T4_COLUMNS.length, seg.blanksVisible);
    if (!c.rows.length) {
      findings.push(finding(c.overflow ? "too_ambiguous" : "cell_count", "error", `expected 15 cells in table 4, read "${excerpt}"; cells left blank`, { table: "table_4", excerpt }));
      row = blank();
    } else {
      if (c.blanksInserted) findings.push(finding("hidden_blank", "info", `${c.blanksInserted} cell(s) were blank in the source and left no trace`, { table: "table_4", excerpt }));
      const adding = c.rows.filter(blocksAddUp);
      const s = settle("table_4", "cases", c.rows.length, adding.length ? adding : c.rows, excerpt, T4_COLUMNS);
      findings.push(...s.findings);
      row = s.row;
      s.findings.forEach((f) => f.code === "ambiguous_split" && unresolved.add(`cases/${f.column}`));
    }
  }
  findings.push(...cellFindings("table_4", { cases: row }, T4_COLUMNS));
  for (const f of findings) if (f.row === "cases") f.row = null;
  return { format: "2021", value: Object.fromEntries(T4_COLUMNS.map((k, i) => [k, row[i] === null ? null : row[i]!.value])), findings, unresolved, end: last + raw.length };
}
