/**
 * The report format as data: labels, keys and identities, read from schema.json (the one copy
 * of ../shared/spec/schema.json inside the project). Parser, checks, warehouse and pages all
 * read labels from here; nothing else types a Chinese label.
 */
import schema from "./schema.json" with { type: "json" };

export interface Label { text: string; source?: string }
export interface RowSpec { key: string; zh: string; en: string; level?: number; kind?: string; formats?: string[]; parent?: string; aliases?: Label[] }
export interface ColumnSpec { key: string; zh: string; en: string; unit?: string; zh_path?: string[] }
export interface SubtableSpec { key: string; caption_zh: string; en: string; columns: ColumnSpec[]; rows: RowSpec[] }
export interface IdentitySpec {
  name: string; table: string; status: string; lhs?: string[]; rhs?: string[];
  per_column?: boolean; per_row?: boolean; formats?: string[]; description?: string;
}

export const FORMATS = schema.formats;
export const SECTIONS = schema.sections as { key: string; number: number; zh: string; en: string; aliases: Label[] }[];
export const TABLE2: Record<"2021" | "2019", SubtableSpec[]> = {
  "2021": schema.tables.table_2_2021.subtables as SubtableSpec[],
  "2019": schema.tables.table_2_2019.subtables as SubtableSpec[],
};
export const TABLE3 = schema.tables.table_3;
export const TABLE3_ROWS = TABLE3.rows as RowSpec[];
export const TABLE3_COLUMNS = TABLE3.columns as ColumnSpec[];
export const TABLE3_ROW_ORDER: Record<"2021" | "2019", string[]> = { "2021": TABLE3.row_order_2021, "2019": TABLE3.row_order_2019 };
export const TABLE3_SUBTOTALS = TABLE3.derived_subtotals as { key: string; zh: string; en: string; sum_of: string[]; formats: string[] }[];
export const TABLE4_COLUMNS = schema.tables.table_4.columns as ColumnSpec[];
export const IDENTITIES = schema.identities as IdentitySpec[];
export const FORMAT_MARKERS = schema.format_markers as Record<"2021" | "2019" | "pre2019", string[]>;
/** Labels of the values the warehouse writes in reports.level, files.status and findings.severity. */
export const VOCABULARIES = schema.vocabularies as unknown as Record<"level" | "status" | "severity", { key: string; zh: string; en: string }[]>;
export const REPORT_TITLE = schema.label_aliases.report_title as { canonical: string; aliases: Label[] };

export function table3Row(key: string): RowSpec {
  const row = TABLE3_ROWS.find((r) => r.key === key);
  if (!row) throw new Error(`table_3 has no row ${key}`);
  return row;
}

/** Row keys of table 2 for a format, as "subtable/row". */
export function table2RowKeys(format: "2021" | "2019"): string[] {
  return TABLE2[format].flatMap((s) => s.rows.map((r) => `${s.key}/${r.key}`));
}
