/**
 * Every within-report identity of schema.json, evaluated on the cells as printed.
 * A cell printed blank counts as 0 (the finding says so); a cell that could not be read
 * (unresolved) makes the identity undecidable for that column, and it is skipped: the cell
 * already carries its own finding. A failure is a finding with expected and actual values;
 * the cells are never "corrected".
 */
import { finding, type Finding } from "../document.ts";
import { IDENTITIES, TABLE3_COLUMNS, TABLE3_SUBTOTALS, table3Row, type IdentitySpec } from "../format/catalogue.ts";
import type { FormatId, Table3, Table4 } from "../report.ts";

const T3_COLS = TABLE3_COLUMNS.map((c) => c.key);
const SUBTOTAL = new Map(TABLE3_SUBTOTALS.map((s) => [s.key, s]));

interface Tables { format: FormatId; table_3: Table3 | null; table_4: Table4 | null; unresolved: Set<string> }

/** Which identities apply to a report: same-report ones of the tables it has, in its format. */
export function applicable(format: FormatId): IdentitySpec[] {
  return IDENTITIES.filter((i) => (i.table === "table_3" || i.table === "table_4") && i.status !== "soft_cross_year" && (!i.formats || i.formats.includes(format)));
}

interface ColumnSum { sum: number; blank: boolean; unknown: boolean }

/** Sum of table-3 keys for a column; derived subtotals expand to their parts. */
function t3Sum(t: Tables, keys: string[], col: number): ColumnSum {
  const acc: ColumnSum = { sum: 0, blank: false, unknown: false };
  for (const key of keys) addRow(t, key, col, acc);
  return acc;
}

function addRow(t: Tables, key: string, col: number, acc: ColumnSum): void {
  const sub = SUBTOTAL.get(key);
  if (sub && !(t.format === "2019" && key === "other_total")) {
    for (const part of sub.sum_of) addRow(t, part, col, acc);
    return;
  }
  const row = t.table_3![key];
  const v = row?.[col];
  if (row === undefined || (t.unresolved.size > 0 && t.unresolved.has(`${key}/${T3_COLS[col]}`))) acc.unknown = true;
  else if (v === null || v === undefined) acc.blank = true;
  else acc.sum += v;
}

const label = (key: string) => (SUBTOTAL.has(key) ? SUBTOTAL.get(key)!.zh : table3Row(key).zh);

export function checkIdentities(t: Tables): Finding[] {
  const out: Finding[] = [];
  for (const id of applicable(t.format)) {
    if (id.table === "table_3" && t.table_3) {
      // Subtotal identities define a derived row: nothing printed to compare with.
      if (id.lhs!.every((k) => SUBTOTAL.has(k)) && !(t.format === "2019" && id.lhs![0] === "other_total")) continue;
      if (id.per_row) {
        for (const [row, vals] of Object.entries(t.table_3)) {
          if (t.unresolved.size > 0 && vals.some((_, c) => t.unresolved.has(`${row}/${T3_COLS[c]}`))) continue;
          const parts = vals.slice(0, 6);
          const expected = parts.reduce<number>((s, v) => s + (v ?? 0), 0);
          const actual = vals[6] ?? 0;
          if (expected !== actual) out.push(fail(id, "table_3", row, "total", expected, actual, `${table3Row(row).zh}: 总计 ${vals[6] ?? "blank"} ≠ sum of the six applicant columns ${expected}`, vals.includes(null)));
        }
        continue;
      }
      T3_COLS.forEach((col, c) => {
        const l = t3Sum(t, id.lhs!, c), r = t3Sum(t, id.rhs!, c);
        if (l.unknown || r.unknown || l.sum === r.sum) return;
        const text = `${id.lhs!.map(label).join(" + ")} = ${id.rhs!.map(label).join(" + ")}: ${l.sum} ≠ ${r.sum} (${TABLE3_COLUMNS[c].zh})`;
        out.push(fail(id, "table_3", id.lhs![0], col, r.sum, l.sum, text, l.blank || r.blank));
      });
    }
    if (id.table === "table_4" && t.table_4) {
      const keys = [...id.lhs!, ...id.rhs!];
      if (keys.some((k) => t.unresolved.has(`cases/${k}`))) continue;
      const s = (ks: string[]) => ks.reduce((a, k) => a + (t.table_4![k] ?? 0), 0);
      const l = s(id.lhs!), r = s(id.rhs!);
      if (l !== r) out.push(fail(id, "table_4", null, id.lhs![0], r, l, `${id.lhs![0]} ${l} ≠ ${id.rhs!.join(" + ")} = ${r}`, keys.some((k) => t.table_4![k] === null)));
    }
  }
  return out;
}

function fail(id: IdentitySpec, table: string, row: string | null, column: string, expected: number, actual: number, text: string, blanks: boolean): Finding {
  const sev = id.status === "official" || id.status === "implied_by_total_label" ? "warning" : "info";
  return finding("identity_failed", sev, `${id.name} fails: ${text}${blanks ? " (blank cells counted as 0)" : ""}; kept as printed`, { table, row, column, expected, actual, excerpt: id.name });
}
