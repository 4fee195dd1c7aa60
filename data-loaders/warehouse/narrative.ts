/**
 * The narrative tables of the warehouse (data-loaders/narrative): every report of record is mined
 * (mineReport) and the recycled statements are found across all records (findRecycled). Rows come
 * out in the column order of tables.ts (which takes the columns from narrative/dictionary.ts) and in
 * a deterministic order: records by report_id, then the order the miner gives; recycled pairs in
 * findRecycled's order. The miner's findings go to the report's file (findings table).
 */
import type { Finding } from "../document.ts";
import type { ParseResult } from "../report.ts";
import { mineReport } from "../narrative/mine.ts";
import { findRecycled, type RecycleReport } from "../narrative/recycled.ts";
import { disclosureRows, feeRows, narrativeCheckRows, problemRows, recycledRows, statedNumberRows } from "../narrative/rows.ts";
import type { DedupeResult } from "./dedupe.ts";
import type { Row } from "./records.ts";
import { tableDef } from "./tables.ts";

export const NARRATIVE_TABLE_NAMES = ["disclosure_volumes", "problem_items", "fees", "stated_numbers", "narrative_checks", "recycled_pairs"] as const;
export type NarrativeTable = (typeof NARRATIVE_TABLE_NAMES)[number];
export type NarrativeRows = Record<NarrativeTable, Row[]>;

export interface MinedNarrative {
  rows: NarrativeRows;
  /** Findings of the miner per result index (only records have any). */
  findings: Finding[][];
  /** Findings about the whole corpus (recycled detection caps), without a file. */
  corpus: Finding[];
  timings: { mine: number; recycled: number };
  /** Finds the recycled statements across the records: fills rows.recycled_pairs, corpus and
   * timings.recycled. Already done on return unless mineRecords was asked to defer it (the warehouse
   * run does it while DuckDB writes the cell tables); later calls do nothing. */
  findRecycled: () => void;
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

export function mineRecords(results: ParseResult[], d: DedupeResult, opts: { deferRecycled?: boolean } = {}): MinedNarrative {
  const rows: NarrativeRows = { disclosure_volumes: [], problem_items: [], fees: [], stated_numbers: [], narrative_checks: [], recycled_pairs: [] };
  const findings: Finding[][] = results.map(() => []);
  const records: { i: number; id: string }[] = [];
  d.reports.forEach((m, i) => { if (m?.is_record) records.push({ i, id: m.report_id }); });
  records.sort((a, b) => cmp(a.id, b.id));

  let t = performance.now();
  const recycle: RecycleReport[] = [];
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
    recycle.push({
      report_id: id,
      agency: r.agency_normalized ?? r.agency ?? null,
      year: Number.isInteger(r.year) ? (r.year as number) : null,
      items: n.problems.map((p) => ({ kind: p.kind, ordinal: p.ordinal, text: p.text })),
    });
  }
  const mined: MinedNarrative = { rows, findings, corpus: [], timings: { mine: performance.now() - t, recycled: 0 }, findRecycled: () => undefined };
  let done = false;
  mined.findRecycled = () => {
    if (done) return;
    done = true;
    const t0 = performance.now();
    const recycled = findRecycled(recycle);
    toRows("recycled_pairs", recycledRows(recycled.value), rows.recycled_pairs);
    mined.corpus.push(...recycled.findings);
    mined.timings.recycled = performance.now() - t0;
  };
  if (!opts.deferRecycled) mined.findRecycled();
  return mined;
}

/** mineRecords, with the miner's findings added to the dedupe's extra findings (findings table). */
export function mineIntoDedupe(results: ParseResult[], d: DedupeResult, opts: { deferRecycled?: boolean } = {}): MinedNarrative {
  const mined = mineRecords(results, d, opts);
  mined.findings.forEach((f, i) => { if (f.length) d.extra[i].push(...f); });
  return mined;
}
