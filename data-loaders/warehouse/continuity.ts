/**
 * Cross-year continuity, the soft identities of schema.json (status soft_cross_year): for each
 * agency, this year's reports of record against last year's.
 *   t3_carry_chain:      carried_over(Y) = carried_forward(Y-1), per applicant column
 *   t2_2021_valid_chain: currently_valid(Y) = currently_valid(Y-1) + issued(Y) - repealed(Y)
 * They legitimately break (merged agencies, documents that expire), so a break is an info finding
 * on the later report, never a correction. Years with several versions are skipped (which one?).
 */
import { finding, type Finding } from "../document.ts";
import { IDENTITIES, TABLE3_COLUMNS } from "../format/catalogue.ts";
import type { ParseResult } from "../report.ts";
import type { DedupeResult } from "./dedupe.ts";

const T3_COLS = TABLE3_COLUMNS.map((c) => c.key);
const describe = (name: string) => IDENTITIES.find((i) => i.name === name)?.description ?? name;

export function continuity(results: ParseResult[], d: DedupeResult): Finding[][] {
  const out: Finding[][] = results.map(() => []);
  const byAgency = new Map<string, Map<number, number[]>>();
  results.forEach((r, i) => {
    const meta = d.reports[i];
    if (!meta?.is_record || !r.agency_normalized || r.year == null) return;
    const years = byAgency.get(r.agency_normalized) ?? new Map<number, number[]>();
    years.set(r.year, [...(years.get(r.year) ?? []), i]);
    byAgency.set(r.agency_normalized, years);
  });
  for (const years of byAgency.values()) {
    for (const [year, idx] of years) {
      const prev = years.get(year - 1);
      if (idx.length !== 1 || prev?.length !== 1) continue;
      const cur = results[idx[0]], last = results[prev[0]];
      const here = out[idx[0]];
      const over = cur.table_3?.carried_over, fwd = last.table_3?.carried_forward;
      if (over && fwd) {
        T3_COLS.forEach((col, c) => {
          if (over[c] == null || fwd[c] == null || over[c] === fwd[c]) return;
          here.push(finding("carry_chain_break", "info", `${describe("t3_carry_chain")}: carried over ${over[c]} in ${year}, but ${last.file} carried forward ${fwd[c]} from ${year - 1}`, { table: "table_3", row: "carried_over", column: col, expected: fwd[c], actual: over[c], excerpt: "t3_carry_chain" }));
        });
      }
      const key = "art20_1_normative_documents/normative_documents";
      const a = cur.format === "2021" && last.format === "2021" ? cur.table_2?.[key] : undefined;
      const b = a ? last.table_2?.[key] : undefined;
      if (a && b && [a.currently_valid, a.issued, a.repealed, b.currently_valid].every((v) => v != null)) {
        const expected = b.currently_valid! + a.issued! - a.repealed!;
        if (expected !== a.currently_valid) here.push(finding("valid_chain_break", "info", `${describe("t2_2021_valid_chain")}: ${b.currently_valid} in force at the end of ${year - 1} + ${a.issued} issued - ${a.repealed} repealed = ${expected}, but ${a.currently_valid} reported`, { table: "table_2", row: key, column: "currently_valid", expected, actual: a.currently_valid, excerpt: "t2_2021_valid_chain" }));
      }
    }
  }
  return out;
}
