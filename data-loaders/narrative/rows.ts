/**
 * Warehouse row shapes of the narrative tables and the functions that make plain row objects.
 * Column meanings are in dictionary.ts. Lists are JSON text (DuckDB reads them with json functions)
 * or, for themes, a comma-separated string of theme keys.
 */
import type { Comparison } from "./crosscheck.ts";
import type { Narrative } from "./mine.ts";
import type { RecycledPair } from "./recycled.ts";

export interface DisclosureVolumeRow {
  report_id: string;
  kind: "total" | "part" | "channel";
  label: string;
  value: number;
  approximate: boolean;
  unit: string;
  channel: string | null;
  part_group: number | null;
  section: string;
  sentence: string;
  offset: number;
}

export interface ProblemItemRow {
  report_id: string;
  section_kind: "problem" | "improvement";
  ordinal: number;
  text: string;
  themes: string;          // "timeliness,content" ("" when none)
  matched_words: string;   // JSON {"timeliness":["不及时"],"content":["丰富"]}
  section: string;
  offset: number;
}

export interface FeeRow {
  report_id: string;
  status: "amount" | "none" | "unstated";
  amount: number | null;
  unit: string | null;
  sentence: string | null;
  section: string | null;
}

export interface StatedNumberRow { report_id: string; label: string; value: number; unit: string; sentence: string; section: string; offset: number }

export interface NarrativeCheckRow {
  report_id: string;
  check: string;
  table_name: string;
  row: string | null;
  column: string | null;
  narrative_value: number;
  table_value: number | null;
  agrees: boolean | null;
  sentence: string;
  offset: number;
}

export interface RecycledPairRow {
  report_a: string;
  report_b: string;
  section_kind: "problem" | "improvement";
  item_a: number;
  item_b: number;
  similarity: number;
  containment: number;
  scope: "same_agency" | "same_year" | "other";
}

export function disclosureRows(reportId: string, n: Narrative): DisclosureVolumeRow[] {
  const d = n.disclosure;
  const items = [...(d.total ? [d.total] : []), ...d.parts, ...d.channels];
  return items.map((i) => ({
    report_id: reportId, kind: i.kind, label: i.label, value: i.value, approximate: i.approximate, unit: i.unit,
    channel: i.channel, part_group: i.group, section: i.section, sentence: i.sentence, offset: i.offset,
  }));
}

export function problemRows(reportId: string, n: Narrative): ProblemItemRow[] {
  return n.problems.map((i) => ({
    report_id: reportId, section_kind: i.kind, ordinal: i.ordinal, text: i.text,
    themes: i.themes.map((t) => t.theme).join(","),
    matched_words: JSON.stringify(Object.fromEntries(i.themes.map((t) => [t.theme, t.words]))),
    section: i.section, offset: i.offset,
  }));
}

export function feeRows(reportId: string, n: Narrative): FeeRow[] {
  const f = n.other.fee;
  return [{ report_id: reportId, status: f.status, amount: f.amount, unit: f.unit, sentence: f.sentence, section: f.section }];
}

export function statedNumberRows(reportId: string, n: Narrative): StatedNumberRow[] {
  return n.other.numbers.map((x) => ({ report_id: reportId, label: x.label, value: x.value, unit: x.unit, sentence: x.sentence, section: x.section, offset: x.offset }));
}

export function narrativeCheckRows(reportId: string, checks: Comparison[]): NarrativeCheckRow[] {
  return checks.map((c) => ({
    report_id: reportId, check: c.check, table_name: c.table, row: c.row, column: c.column,
    narrative_value: c.narrative, table_value: c.table_value, agrees: c.agrees, sentence: c.sentence, offset: c.offset,
  }));
}

export function recycledRows(pairs: RecycledPair[]): RecycledPairRow[] {
  return pairs.map((p) => ({
    report_a: p.report_a, report_b: p.report_b, section_kind: p.kind, item_a: p.item_a, item_b: p.item_b,
    similarity: p.similarity, containment: p.containment, scope: p.scope,
  }));
}
