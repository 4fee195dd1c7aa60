/**
 * The warehouse tables: names, column types and what each column means. One definition feeds
 * CREATE TABLE, the Appender, data_dictionary.parquet and DATA_DICTIONARY.md. Chinese labels in the
 * dictionary come from schema.json (through labels.ts), never typed here. The narrative tables
 * (disclosure_volumes .. recycled_pairs) take their columns, meanings and labels from
 * data-loaders/narrative/dictionary.ts: one definition each, built below.
 */
import { label, PATH_SEPARATOR } from "./labels.ts";
import { NARRATIVE_DICTIONARY, NARRATIVE_TABLES } from "../narrative/dictionary.ts";

export type ColType = "VARCHAR" | "INTEGER" | "BIGINT" | "DOUBLE" | "BOOLEAN" | "DATE";
export interface ColumnDef { name: string; type: ColType; meaning: string; label_zh?: () => string | null }
export interface TableDef { name: string; meaning: string; columns: ColumnDef[] }

const t3 = (row: string) => () => {
  const r = label("table_3_row", row);
  const c = label("table_3_column", "total");
  return r && c ? r.zh + PATH_SEPARATOR + c.zh : null;
};
const t4 = (...cols: string[]) => () => {
  const ls = cols.map((k) => label("table_4_column", k));
  return ls.every((l) => l) ? ls.map((l) => l!.zh_full).join(" + ") : null;
};

const COMMON = {
  report_id: { name: "report_id", type: "VARCHAR", meaning: "Report key: first 16 hex digits of the SHA-256 of the report file (for a second file with identical bytes: of SHA-256 of that hash and its path). Join key to reports." },
  path: { name: "path", type: "VARCHAR", meaning: "File path relative to the raw folder, '/'-separated." },
  sha256: { name: "sha256", type: "VARCHAR", meaning: "SHA-256 of the file's bytes (hex)." },
} satisfies Record<string, ColumnDef>;

export const TABLES: TableDef[] = [
  {
    name: "files",
    meaning: "One row per file found in the raw folder (dot-files skipped), whatever it turned out to be.",
    columns: [
      COMMON.path,
      COMMON.sha256,
      { name: "size_bytes", type: "BIGINT", meaning: "File size in bytes." },
      { name: "detected_type", type: "VARCHAR", meaning: "Source type the parser recognised: txt, html, docx, pdf, doc or unknown." },
      { name: "layout", type: "VARCHAR", meaning: "How the tables were laid out in the source (html-table, tab-cells, paragraph-cells, pipe-cells, markdown-table, flattened, none); null when not read." },
      { name: "status", type: "VARCHAR", meaning: "parsed (report, every table read, every identity holds), flagged (report with warnings/errors), pre2019 (narrative-only old report), not_report, rejected (unreadable, parser error, timeout)." },
      { name: "reason", type: "VARCHAR", meaning: "One line saying why the status is not parsed; null for parsed." },
      { name: "report_id", type: "VARCHAR", meaning: "The file's report key when it is a report (parsed, flagged, pre2019); null otherwise." },
      { name: "n_findings", type: "INTEGER", meaning: "Number of rows of findings for this file (parser findings plus duplicate checks)." },
    ],
  },
  {
    name: "reports",
    meaning: "One row per file that is a report. Several files can be the same report (e.g. an .html page and its .txt copy): exactly one of them is the report of record (is_record), the others point to it with duplicate_of. Filter on is_record to count each report once. Two different versions of one agency's report for one year are both records and share a version_group.",
    columns: [
      COMMON.report_id,
      COMMON.path,
      COMMON.sha256,
      { name: "format", type: "VARCHAR", meaning: "Report format: 2021, 2019 (trial format) or pre2019. Join labels on kind = 'format'." },
      { name: "title", type: "VARCHAR", meaning: "Title as found (page title, crawler title line or first heading)." },
      { name: "agency", type: "VARCHAR", meaning: "Reporting agency as printed." },
      { name: "agency_normalized", type: "VARCHAR", meaning: "Agency name normalised by the parser; with year, the key for finding copies of one report." },
      { name: "level", type: "VARCHAR", meaning: "Administrative level (province, city, county, township, department, ...)." },
      { name: "region", type: "VARCHAR", meaning: "Region of the agency." },
      { name: "year", type: "INTEGER", meaning: "Report year (the year reported on, not the publication year)." },
      { name: "published", type: "DATE", meaning: "Publication date when the page states one; null otherwise (also when the stated date is not a real date)." },
      { name: "status", type: "VARCHAR", meaning: "Parse status of this file (parsed, flagged, pre2019)." },
      { name: "n_findings", type: "INTEGER", meaning: "Number of findings rows of this file." },
      { name: "n_identity_failures", type: "INTEGER", meaning: "Findings whose code names a schema identity (e.g. t3_balance) or contains 'identity': arithmetic links of the tables that do not hold." },
      { name: "is_record", type: "BOOLEAN", meaning: "True for the report of record: the copy whose numbers the cell tables hold. Choice: html/docx over txt with cell separators over flattened txt, then fewer null cells, then fewer findings, then path order." },
      { name: "duplicate_of", type: "VARCHAR", meaning: "For a copy (is_record false): report_id of the report of record; null for records." },
      { name: "duplicate_reason", type: "VARCHAR", meaning: "For a copy: 'identical content' (same bytes) or 'same agency and year'; null for records." },
      { name: "version_group", type: "VARCHAR", meaning: "Set when one agency has several different versions of its report for one year (finding multiple_versions): the same id on every version and its copies; null otherwise." },
      { name: "new_received_total", type: "INTEGER", meaning: "Table 3, new requests received this year, total column. Null when the cell is blank or missing (never 0 for missing).", label_zh: t3("new_received") },
      { name: "carried_over_total", type: "INTEGER", meaning: "Table 3, requests carried over from last year, total column. Null when blank/missing.", label_zh: t3("carried_over") },
      { name: "total_processed_total", type: "INTEGER", meaning: "Table 3, requests concluded this year (row total_processed), total column. Null when blank/missing.", label_zh: t3("total_processed") },
      { name: "carried_forward_total", type: "INTEGER", meaning: "Table 3, requests carried forward to next year, total column. Null when blank/missing.", label_zh: t3("carried_forward") },
      { name: "granted_total", type: "INTEGER", meaning: "Table 3, requests granted in full, total column. Null when blank/missing.", label_zh: t3("granted") },
      { name: "review_total", type: "INTEGER", meaning: "Table 4, administrative reviews, total. Null when blank/missing.", label_zh: t4("review_total") },
      { name: "litigation_total", type: "INTEGER", meaning: "Table 4, lawsuits: direct total + after-review total. Null when either cell is blank/missing.", label_zh: t4("litigation_direct_total", "litigation_after_review_total") },
    ],
  },
  {
    name: "table2_cells",
    meaning: "Table 2 (proactive disclosure, Art. 20) of each report of record: one row per cell. Keys differ between the 2019 and 2021 formats: join labels on kind = 'table_2_' || format || '_row' / '_column' and parent = subtable.",
    columns: [
      COMMON.report_id,
      { name: "subtable", type: "VARCHAR", meaning: "Subtable key (e.g. art20_1_normative_documents)." },
      { name: "row", type: "VARCHAR", meaning: "Row key within the subtable (e.g. regulations)." },
      { name: "column", type: "VARCHAR", meaning: "Column key within the subtable (e.g. issued). A reserved word in SQL: write \"column\" or t.column." },
      { name: "value", type: "DOUBLE", meaning: "The number as printed (counts; amounts in the unit of the column label; year-on-year changes can be negative). Null when the cell is blank or unreadable." },
      { name: "format", type: "VARCHAR", meaning: "Report format the keys belong to (2021 or 2019)." },
      { name: "unit", type: "VARCHAR", meaning: "Unit printed inside the cell when there is one (e.g. yuan where the column label says 10,000 yuan): value is in that unit. Null when the cell printed a bare number." },
    ],
  },
  {
    name: "table3_cells",
    meaning: "Table 3 (requests received and handled) of each report of record: one row per cell, rows in the format's order, columns natural_person .. total.",
    columns: [
      COMMON.report_id,
      { name: "row", type: "VARCHAR", meaning: "Row key (e.g. new_received, denied_state_secret, total_processed). Join labels on kind = 'table_3_row'." },
      { name: "column", type: "VARCHAR", meaning: "Applicant column key: natural_person, commercial_enterprise, research_institution, social_welfare_org, legal_service_org, other_org, total. Join labels on kind = 'table_3_column'. Write \"column\" in SQL." },
      { name: "value", type: "INTEGER", meaning: "Number of requests. Null when the cell is blank or unreadable (never 0 for missing)." },
    ],
  },
  {
    name: "table4_cells",
    meaning: "Table 4 (administrative review and litigation) of each report of record: one row per cell of its single data row.",
    columns: [
      COMMON.report_id,
      { name: "column", type: "VARCHAR", meaning: "Column key (review_upheld .. litigation_after_review_total). Join labels on kind = 'table_4_column'. Write \"column\" in SQL." },
      { name: "value", type: "INTEGER", meaning: "Number of cases. Null when the cell is blank or unreadable." },
    ],
  },
  {
    name: "findings",
    meaning: "Everything odd found in a file, with where it is: parser findings plus the warehouse's duplicate checks (duplicate_disagrees, duplicate_less_complete, multiple_versions, identical_content, non_integer_count).",
    columns: [
      { ...COMMON.report_id, meaning: "Report key of the file; null when the file is not a report." },
      COMMON.path,
      { name: "code", type: "VARCHAR", meaning: "Finding code (machine-readable kind)." },
      { name: "severity", type: "VARCHAR", meaning: "error (a number is wrong or missing), warning (doubtful, or the source breaks the format), info (noted, no doubt)." },
      { name: "message", type: "VARCHAR", meaning: "Explanation in English." },
      { name: "table_name", type: "VARCHAR", meaning: "table_2, table_3, table_4 or null." },
      { name: "row", type: "VARCHAR", meaning: "Row key the finding is about (table 2: 'subtable/row'); null when not about a row." },
      { name: "column", type: "VARCHAR", meaning: "Column key the finding is about; null when not about a column. Write \"column\" in SQL." },
      { name: "excerpt", type: "VARCHAR", meaning: "Source text the finding is about." },
      { name: "expected", type: "DOUBLE", meaning: "Expected value (for duplicate checks: the value in the report of record)." },
      { name: "actual", type: "DOUBLE", meaning: "Value found (for duplicate checks: the value in this copy)." },
      { name: "alternatives", type: "VARCHAR", meaning: "JSON array of alternative readings of the cells (arrays of numbers/nulls); null when none." },
    ],
  },
  {
    name: "sections",
    meaning: "Narrative text of each report of record, by section.",
    columns: [
      COMMON.report_id,
      { name: "section", type: "VARCHAR", meaning: "Section key (overview, proactive_disclosure, requests, review_litigation, problems_improvements, other_matters)." },
      { name: "section_zh", type: "VARCHAR", meaning: "The section's standard heading, from schema.json." },
      { name: "text", type: "VARCHAR", meaning: "The section's text as extracted." },
    ],
  },
  // the narrative tables: records only, like sections
  ...narrativeTables(),
  {
    name: "labels",
    meaning: "schema.json's labels (and the themes of themes.json), one row per key, to join onto the cell tables (kinds listed in DATA_DICTIONARY.md).",
    columns: [
      { name: "kind", type: "VARCHAR", meaning: "What the key is: format, section, table_2_<format>_subtable/_row/_column, table_3_row, table_3_subtotal, table_3_column, table_4_column, theme (problem_items.themes; from data-loaders/format/themes.json)." },
      { name: "key", type: "VARCHAR", meaning: "The key as used in the other tables." },
      { name: "zh", type: "VARCHAR", meaning: "Chinese label as printed in the report format (schema.json)." },
      { name: "zh_full", type: "VARCHAR", meaning: "Chinese label with the header groups above it, joined by ' / ' (tells apart table 4's several columns labelled total)." },
      { name: "en", type: "VARCHAR", meaning: "English label (schema.json)." },
      { name: "parent", type: "VARCHAR", meaning: "Key of the enclosing item: subtable for table 2 rows/columns, parent row for table 3 rows; null otherwise." },
    ],
  },
  {
    name: "data_dictionary",
    meaning: "This dictionary: every column of every warehouse table.",
    columns: [
      { name: "table_name", type: "VARCHAR", meaning: "Table (file name without .parquet)." },
      { name: "column", type: "VARCHAR", meaning: "Column name. Write \"column\" in SQL." },
      { name: "type", type: "VARCHAR", meaning: "DuckDB/Parquet type." },
      { name: "meaning", type: "VARCHAR", meaning: "What the column holds, in English." },
      { name: "label_zh", type: "VARCHAR", meaning: "Chinese label of the report cell the column comes from (schema.json), or of the narrative column (data-loaders/narrative/dictionary.ts); null when none applies." },
    ],
  },
];

/** The narrative tables (data-loaders/narrative/dictionary.ts), in its order. */
function narrativeTables(): TableDef[] {
  return NARRATIVE_TABLES.map((t) => {
    const columns: ColumnDef[] = NARRATIVE_DICTIONARY.filter((c) => c.table === t.table)
      .map((c) => ({ name: c.column, type: c.type, meaning: c.meaning, label_zh: () => c.label_zh }));
    if (columns.length === 0) throw new Error(`narrative dictionary: no columns for ${t.table}`);
    return { name: t.table, meaning: t.meaning, columns };
  });
}

export function tableDef(name: string): TableDef {
  const t = TABLES.find((x) => x.name === name);
  if (!t) throw new Error(`no warehouse table ${name}`);
  return t;
}

/** Column name -> index in the rows of a table. */
export function columnsOf(table: string): Record<string, number> {
  return Object.fromEntries(tableDef(table).columns.map((c, i) => [c.name, i]));
}

/** Rows of data_dictionary. */
export function dictionaryRows(): [string, string, string, string, string | null][] {
  return TABLES.flatMap((t) => t.columns.map((c) => [t.name, c.name, c.type, c.meaning, c.label_zh ? c.label_zh() : null] as [string, string, string, string, string | null]));
}
