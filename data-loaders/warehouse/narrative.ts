/**
 * The narrative tables of the warehouse (data-loaders/narrative): every report of record is mined
 * (mineReport), and the recycled statements are found across all records of the store
 * (recycledPairs, from Store.snapshot: the records a run did not recompute take part too). Rows
 * come out in the column order of tables.ts (which takes the columns from narrative/dictionary.ts)
 * and in a deterministic order: records by report_id, then the order the miner gives; recycled pairs
 * in findRecycled's order. The miner's findings go to the report's file (findings table).
 */
import type { Finding } from "../document.ts";
import type { ParseResult } from "../report.ts";
import { mineReport } from "../narrative/mine.ts";
import { findRecycled, type RecycleReport } from "../narrative/recycled.ts";
import { disclosureRows, feeRows, narrativeCheckRows, problemRows, recycledRows, statedNumberRows } from "../narrative/rows.ts";
import type { DedupeResult } from "./dedupe.ts";
import type { Row } from "./records.ts";
import { columnsOf, tableDef } from "./tables.ts";

export const NARRATIVE_TABLE_NAMES = ["disclosure_volumes", "problem_items", "fees", "stated_numbers", "narrative_checks", "recycled_pairs"] as const;
export type NarrativeTable = (typeof NARRATIVE_TABLE_NAMES)[number];
export type NarrativeRows = Record<NarrativeTable, Row[]>;

export interface MinedNarrative {
  rows: NarrativeRows;
  /** Findings of the miner per result index (only records have any). */
  findings: Finding[][];
  timings: { mine: number };
}

function cmp(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

/** Plain row objects -> arrays in the table's column order (a missing key is an error, not a NULL). */
function toRows(table: NarrativeTable, objects: object[], out: Row[]): void {
  const cols = tableDef(table).columns.map((c) => c.name);
  for (const o of objects) {
    const r = o as Record<string, unknown>;
    out.push(cols.map((c) => {
      if (!(c in r)) throw new Error(`${table}: the miner's row has no ${c}`);
      const v = r[c];
      return v === undefined ? null : (v as Row[number]);
    }));
  }
}

/** The narrative rows of the records among `results` (recycled_pairs stays empty: see recycledPairs). */
export function mineRecords(results: ParseResult[], d: DedupeResult): MinedNarrative {
  const rows: NarrativeRows = { disclosure_volumes: [], problem_items: [], fees: [], stated_numbers: [], narrative_checks: [], recycled_pairs: [] };
  const findings: Finding[][] = results.map(() => []);
  const records: { i: number; id: string }[] = [];
  d.reports.forEach((m, i) => { if (m?.is_record) records.push({ i, id: m.report_id }); });
  records.sort((a, b) => cmp(a.id, b.id));

  const t = performance.now();
  for (const { i, id } of records) {
    const r = results[i];
    let mined;
    try {
      mined = r.narrative ?? mineReport(r.sections ? r : { ...r, sections: {} });
    } catch (e) {
      findings[i].push({ code: "narrative_failed", severity: "warning", message: `narrative mining failed: ${e instanceof Error ? e.message : String(e)}`, table: null, row: null, column: null, excerpt: null });
      continue;
    }
    const n = mined.value;
    toRows("disclosure_volumes", disclosureRows(id, n), rows.disclosure_volumes);
    toRows("problem_items", problemRows(id, n), rows.problem_items);
    toRows("fees", feeRows(id, n), rows.fees);
    toRows("stated_numbers", statedNumberRows(id, n), rows.stated_numbers);
    toRows("narrative_checks", narrativeCheckRows(id, n.checks), rows.narrative_checks);
    findings[i].push(...mined.findings);
  }
  return { rows, findings, timings: { mine: performance.now() - t } };
}

/** The recycled_pairs rows of the records (each with its problem statements, by report_id), and the
 * findings about the corpus as a whole (detection capped), which have no file. */
export function recycledPairs(records: RecycleReport[]): { rows: Row[]; corpus: Finding[] } {
  const recycled = findRecycled(records);
  const rows: Row[] = [];
  toRows("recycled_pairs", recycledRows(recycled.value), rows);
  return { rows, corpus: recycled.findings };
}

/** The input of recycledPairs for the records among `reports` rows, with their statements from
 * `problem_items` rows, as Store.snapshot reads it from the store (in no particular order). */
export function recycleRecords(reports: Row[], items: Row[]): RecycleReport[] {
  const r = columnsOf("reports"), p = columnsOf("problem_items");
  const byId = new Map<string, RecycleReport>();
  for (const x of reports) {
    if (x[r.is_record] !== true) continue;
    const id = x[r.report_id] as string;
    byId.set(id, { report_id: id, agency: (x[r.agency_normalized] ?? x[r.agency] ?? null) as string | null, year: x[r.year] as number | null, items: [] });
  }
  for (const x of items) {
    byId.get(x[p.report_id] as string)?.items.push({ kind: x[p.section_kind] as RecycleReport["items"][number]["kind"], ordinal: x[p.ordinal] as number, text: x[p.text] as string });
  }
  return [...byId.values()];
}

/** The records of the warehouse after a run: the stored ones minus those whose rows it replaced,
 * plus its own, by report_id (the order findRecycled is given in a run from nothing). */
export function mergeRecords(stored: RecycleReport[], gone: ReadonlySet<string>, recomputed: RecycleReport[]): RecycleReport[] {
  const mine = new Set(recomputed.map((x) => x.report_id));
  return [...stored.filter((x) => !gone.has(x.report_id) && !mine.has(x.report_id)), ...recomputed].sort((a, b) => cmp(a.report_id, b.report_id));
}

/** mineRecords, with the miner's findings added to the dedupe's extra findings (findings table). */
export function mineIntoDedupe(results: ParseResult[], d: DedupeResult): MinedNarrative {
  const mined = mineRecords(results, d);
  mined.findings.forEach((f, i) => { if (f.length) d.extra[i].push(...f); });
  return mined;
}
