/**
 * schema.json's labels flattened into rows (warehouse/labels.parquet), so SQL users and pages can
 * join Chinese and English labels onto the keys of the cell tables. Every label here is read from
 * schema.json through the catalogue, or (kind theme) from the theme lexicon
 * data-loaders/format/themes.json; nothing is typed in this file.
 *
 * kind                      key                 parent          joins
 * format                    "2021"|"2019"|...   null            reports.format
 * section                   section key         null            sections.section
 * table_2_<fmt>_subtable    subtable key        null            table2_cells.subtable (+format)
 * table_2_<fmt>_row         row key             subtable key    table2_cells.row (+subtable, format)
 * table_2_<fmt>_column      column key          subtable key    table2_cells.column (+subtable, format)
 * table_3_row               row key             parent row key  table3_cells.row
 * table_3_subtotal          derived row key     null            (sums of rows, never printed in 2019)
 * table_3_column            column key          null            table3_cells.column
 * table_4_column            column key          null            table4_cells.column
 * theme                     theme key           null            problem_items.themes (comma-separated keys)
 *
 * zh is the label as printed in its own cell; zh_full adds the header groups above it (table 4's
 * zh_path, table 3's applicant group), joined by " / ", so that e.g. the three "总计" of table 4
 * can be told apart.
 */
import { THEMES } from "../narrative/themes.ts";
import { FORMATS, SECTIONS, TABLE2, TABLE3, TABLE3_COLUMNS, TABLE3_ROWS, TABLE3_SUBTOTALS, TABLE4_COLUMNS, VOCABULARIES } from "../format/catalogue.ts";

export interface LabelRow { kind: string; key: string; zh: string; zh_full: string; en: string; parent: string | null }

export const PATH_SEPARATOR = " / ";

let memo: LabelRow[] | null = null;

export function labelRows(): LabelRow[] {
  if (memo) return memo;
  const rows: LabelRow[] = [];
  for (const f of FORMATS as { id: string; zh: string; applies_to_report_years?: string }[]) {
    const en = f.applies_to_report_years ? `format ${f.id} (report years ${f.applies_to_report_years})` : `format ${f.id}`;
    rows.push({ kind: "format", key: f.id, zh: f.zh, zh_full: f.zh, en, parent: null });
  }
  for (const s of SECTIONS) rows.push({ kind: "section", key: s.key, zh: s.zh, zh_full: s.zh, en: s.en, parent: null });
  for (const fmt of ["2021", "2019"] as const) {
    for (const st of TABLE2[fmt]) {
      rows.push({ kind: `table_2_${fmt}_subtable`, key: st.key, zh: st.caption_zh, zh_full: st.caption_zh, en: st.en, parent: null });
      for (const r of st.rows) rows.push({ kind: `table_2_${fmt}_row`, key: r.key, zh: r.zh, zh_full: st.caption_zh + PATH_SEPARATOR + r.zh, en: r.en, parent: st.key });
      for (const c of st.columns) rows.push({ kind: `table_2_${fmt}_column`, key: c.key, zh: c.zh, zh_full: st.caption_zh + PATH_SEPARATOR + c.zh, en: c.en, parent: st.key });
    }
  }
  for (const r of TABLE3_ROWS) rows.push({ kind: "table_3_row", key: r.key, zh: r.zh, zh_full: r.zh, en: r.en, parent: r.parent ?? null });
  for (const r of TABLE3_SUBTOTALS) rows.push({ kind: "table_3_subtotal", key: r.key, zh: r.zh, zh_full: r.zh, en: r.en, parent: null });
  const group = (TABLE3 as { column_group_zh?: string }).column_group_zh ?? null;
  for (const c of TABLE3_COLUMNS as (typeof TABLE3_COLUMNS[number] & { group_zh?: string | null })[]) {
    const path = [group, c.group_zh ?? null, c.zh].filter((x): x is string => !!x);
    rows.push({ kind: "table_3_column", key: c.key, zh: c.zh, zh_full: path.join(PATH_SEPARATOR), en: c.en, parent: null });
  }
  for (const c of TABLE4_COLUMNS) {
    rows.push({ kind: "table_4_column", key: c.key, zh: c.zh, zh_full: (c.zh_path ?? [c.zh]).join(PATH_SEPARATOR), en: c.en, parent: null });
  }
  for (const t of THEMES) rows.push({ kind: "theme", key: t.key, zh: t.zh, zh_full: t.zh, en: t.en, parent: null });
  for (const kind of ["level", "status", "severity"] as const) for (const v of VOCABULARIES[kind]) rows.push({ kind, key: v.key, zh: v.zh, zh_full: v.zh, en: v.en, parent: null });
  memo = rows;
  return rows;
}

/** The label row of a kind and key (and parent for table 2), or null. */
export function label(kind: string, key: string, parent: string | null = null): LabelRow | null {
  return labelRows().find((l) => l.kind === kind && l.key === key && (parent === null || l.parent === parent)) ?? null;
}

export function sectionZh(key: string): string | null {
  return label("section", key)?.zh ?? null;
}
