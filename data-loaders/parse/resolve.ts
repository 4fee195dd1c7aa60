/**
 * Choosing among candidate readings of glued rows. Each row first keeps the candidates that
 * satisfy its own arithmetic; rows still ambiguous are then chosen jointly with the identities
 * that tie rows together. What stays ambiguous becomes null, with a finding that lists the
 * alternatives: we never guess silently.
 */
import { finding, type Finding } from "../document.ts";
import type { Cell } from "./cells.ts";
import { dedupe, rowKey } from "./split.ts";

export interface RowReading {
  key: string;
  candidates: Cell[][];   // after the row's own checks
  excerpt: string;
}

export type Check = (rows: Map<string, Cell[]>) => boolean;

const MAX_COMBINATIONS = 200000;

/** Joint choice: keep only combinations of the ambiguous rows that pass every check. */
export function resolveJointly(readings: RowReading[], checks: Check[]): { chosen: Map<string, Cell[][]>; tried: boolean } {
  const fixed = new Map<string, Cell[]>();
  const open: RowReading[] = [];
  for (const r of readings) {
    if (r.candidates.length === 1) fixed.set(r.key, r.candidates[0]);
    else if (r.candidates.length > 1) open.push(r);
  }
  const chosen = new Map<string, Cell[][]>(readings.map((r) => [r.key, r.candidates]));
  const combos = open.reduce((n, r) => n * r.candidates.length, 1);
  if (!open.length || combos > MAX_COMBINATIONS) return { chosen, tried: false };
  const keep = new Map<string, Cell[][]>(open.map((r) => [r.key, []]));
  const rows = new Map(fixed);
  const walk = (i: number) => {
    if (i === open.length) {
      if (checks.every((c) => c(rows))) for (const r of open) keep.get(r.key)!.push(rows.get(r.key)!);
      return;
    }
    for (const cand of open[i].candidates) {
      rows.set(open[i].key, cand);
      walk(i + 1);
    }
  };
  walk(0);
  // If no combination passes, the source itself breaks an identity: keep every candidate.
  if ([...keep.values()].every((k) => k.length === 0)) return { chosen, tried: true };
  for (const r of open) chosen.set(r.key, dedupe(keep.get(r.key)!));
  return { chosen, tried: true };
}

/**
 * Merge what remains for one row: cells all candidates agree on keep their value,
 * the others become null; a finding lists the alternatives.
 */
export function settle(table: string, key: string, original: number, remaining: Cell[][], excerpt: string, columns: string[]): { row: Cell[]; findings: Finding[] } {
  const k = columns.length;
  if (remaining.length === 0) return { row: Array(k).fill(null), findings: [] };
  if (remaining.length === 1) {
    const f = original > 1
      ? [finding("split_resolved", "info", `${original} readings of the glued digits "${excerpt}"; the table's arithmetic leaves one`, { table, row: key, excerpt, alternatives: [] })]
      : [];
    return { row: remaining[0], findings: f };
  }
  const row: Cell[] = [];
  const findings: Finding[] = [];
  for (let i = 0; i < k; i++) {
    const vals = new Set(remaining.map((r) => (r[i] === null ? "_" : `${r[i]!.value}`)));
    if (vals.size === 1) row.push(remaining[0][i]);
    else {
      row.push(null);
      findings.push(
        finding("ambiguous_split", "warning", `cell left blank: the glued digits "${excerpt}" read ${remaining.length} ways that all fit the table (${remaining.slice(0, 6).map(rowKey).join("; ")})`, {
          table, row: key, column: columns[i], excerpt,
          alternatives: remaining.slice(0, 20).map((r) => r.map((c) => (c === null ? null : c.value))),
        }),
      );
    }
  }
  return { row, findings };
}
