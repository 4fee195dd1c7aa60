// The measures of the dashboard: every cell of tables 2, 3 and 4 that pages chart or compare, one
// number per report of record, with its Chinese and English label from the warehouse's `labels`
// table (i.e. from schema.json, the one catalogue). Loaders select the measures they need and get
// one wide row per report: `SELECT ... ${measureColumns(ids)} FROM records r ${measureJoins()}`.
//
// Rules (the same everywhere):
// - A blank or unreadable cell is NULL; a measure built from several cells (a subtotal, a rate) is
//   NULL when any cell it needs is NULL. Nothing missing is ever turned into 0.
// - Table 3 measures are the "总计 total" column unless the id names an applicant column
//   (t3_new_received__natural_person ...).
// - Subtotals the format does not print (不予公开, 无法提供, 不予处理 and, in the 2021 format, 其他处理)
//   are the sum of their reason rows (table_3_subtotal in labels).
// - Money in table 2 is in 万元 (10,000 yuan): a cell that printed 元 is divided by 10,000; a 2019
//   procurement amount that printed no unit is kept as printed (the column label names none).
import {literal, queryRows} from "./warehouse.ts";

export interface Measure {
  /** Column name in the loaders' outputs. */
  id: string;
  /** table_2_2021, table_2_2019, table_3, table_4 or derived. */
  table: string;
  /** Group shown in pickers (a table 2 subtable, a table 3 outcome group...). */
  group: string;
  zh: string;
  en: string;
  /** Kind/key/parent in labels, when the measure is one cell of a table. */
  kind?: string;
  key?: string;
  parent?: string | null;
  column?: string;
  unit?: string;
  /** "count" (a number of requests, cases, documents...), "amount" (万元), "change" (can be negative) or "rate" (0..1). */
  type: "count" | "amount" | "change" | "rate";
  /** How a derived measure is computed (in words, with the labels of its parts). */
  definition?: string;
}

interface LabelRow { kind: string; key: string; zh: string; zh_full: string; en: string; parent: string | null }

export const T3_SUBTOTALS: Record<string, string[]> = {
  denied_total: ["denied_state_secret", "denied_prohibited_by_law", "denied_security_stability", "denied_third_party_rights", "denied_internal_affairs", "denied_process_info", "denied_enforcement_case_file", "denied_admin_query"],
  unable_total: ["unable_not_held", "unable_needs_creation", "unable_unclear_after_correction"],
  not_processed_total: ["not_processed_petition", "not_processed_duplicate", "not_processed_publication", "not_processed_excessive", "not_processed_confirm_or_reissue"],
  other_total: ["other_no_correction", "other_fee_unpaid", "other_other"]
};
/** Headers of the outcome groups (label kind table_3_row) for each subtotal. */
const SUBTOTAL_HEADER: Record<string, string> = {denied_total: "denied_header", unable_total: "unable_header", not_processed_total: "not_processed_header", other_total: "other_header"};
/** Table 3 rows whose total column is a measure, in the table's order (other_total is handled as a subtotal). */
const T3_ROWS = [
  "new_received", "carried_over", "granted", "partially_granted",
  ...T3_SUBTOTALS.denied_total, ...T3_SUBTOTALS.unable_total, ...T3_SUBTOTALS.not_processed_total, ...T3_SUBTOTALS.other_total,
  "total_processed", "carried_forward"
];
export const APPLICANTS = ["natural_person", "commercial_enterprise", "research_institution", "social_welfare_org", "legal_service_org", "other_org"];
const T4_COLUMNS = [
  "review_upheld", "review_corrected", "review_other_result", "review_pending", "review_total",
  "litigation_direct_upheld", "litigation_direct_corrected", "litigation_direct_other_result", "litigation_direct_pending", "litigation_direct_total",
  "litigation_after_review_upheld", "litigation_after_review_corrected", "litigation_after_review_other_result", "litigation_after_review_pending", "litigation_after_review_total"
];

let cached: Promise<Measure[]> | undefined;

/** Every measure, in display order, labelled from the warehouse's labels table. */
export function measures(): Promise<Measure[]> {
  return (cached ??= build());
}

async function build(): Promise<Measure[]> {
  const labels = await queryRows<LabelRow>(`SELECT kind, key, zh, zh_full, en, parent FROM labels`);
  const find = (kind: string, key: string, parent?: string | null) => {
    const l = labels.find((x) => x.kind === kind && x.key === key && (parent === undefined || (x.parent ?? null) === (parent ?? null)));
    if (!l) throw new Error(`labels: no ${kind} ${key}${parent ? ` in ${parent}` : ""}`);
    return l;
  };
  const out: Measure[] = [];
  const t3group = (row: string) => {
    for (const [total, rows] of Object.entries(T3_SUBTOTALS)) if (rows.includes(row)) return SUBTOTAL_HEADER[total];
    return "results_header";
  };
  // Table 3: totals of each row, then the derived subtotals right after their header's rows.
  for (const row of T3_ROWS) {
    const l = find("table_3_row", row);
    out.push({id: `t3_${row}`, table: "table_3", group: ["new_received", "carried_over", "carried_forward"].includes(row) ? "flow" : t3group(row), zh: l.zh, en: l.en, kind: "table_3_row", key: row, column: "total", type: "count"});
  }
  for (const [total, parts] of Object.entries(T3_SUBTOTALS)) {
    const l = find("table_3_subtotal", total);
    const header = find("table_3_row", SUBTOTAL_HEADER[total]);
    const at = out.findIndex((m) => m.id === `t3_${parts[0]}`);
    const partLabels = parts.map((p) => shorten(find("table_3_row", p).zh)).join(" + ");
    out.splice(at, 0, {
      id: `t3_${total}`, table: "table_3", group: SUBTOTAL_HEADER[total], zh: header.zh, en: l.en, kind: "table_3_subtotal", key: total, column: "total", type: "count",
      definition: total === "other_total"
        ? `2019 format: the printed row ${find("table_3_row", "other_total").zh}; 2021 format: ${partLabels}`
        : partLabels
    });
  }
  // Applicant mix of new requests.
  const newReceived = find("table_3_row", "new_received");
  for (const col of APPLICANTS) {
    const c = find("table_3_column", col);
    out.push({id: `t3_new_received__${col}`, table: "table_3", group: "applicants", zh: `${newReceived.zh} / ${c.zh}`, en: `${newReceived.en}: ${c.en}`, kind: "table_3_row", key: "new_received", column: col, type: "count"});
  }
  // Table 4.
  for (const col of T4_COLUMNS) {
    const l = find("table_4_column", col);
    out.push({id: `t4_${col}`, table: "table_4", group: col.startsWith("review") ? "review" : col.startsWith("litigation_direct") ? "litigation_direct" : "litigation_after_review", zh: l.zh_full, en: l.en, kind: "table_4_column", key: col, type: "count"});
  }
  // Table 2, each format on its own: the 2019 columns are other quantities than the 2021 ones.
  for (const format of ["2021", "2019"]) {
    const subtables = labels.filter((l) => l.kind === `table_2_${format}_subtable`);
    for (const s of subtables) {
      const rows = labels.filter((l) => l.kind === `table_2_${format}_row` && l.parent === s.key);
      const cols = labels.filter((l) => l.kind === `table_2_${format}_column` && l.parent === s.key);
      for (const r of rows) for (const c of cols) {
        const amount = c.key === "amount_10k_yuan" || c.key === "total_amount";
        out.push({
          id: `t2_${format}__${s.key}__${r.key}__${c.key}`, table: `table_2_${format}`, group: s.key,
          zh: `${r.zh} / ${c.zh}`, en: `${r.en}: ${c.en}`, kind: `table_2_${format}_row`, key: r.key, parent: s.key, column: c.key,
          type: amount ? "amount" : c.key === "items_change" ? "change" : "count", unit: amount ? "万元" : undefined
        });
      }
    }
  }
  // Derived rates (defined with the labels of their parts; the pages print these definitions).
  // Short labels in definitions: a trailing bracketed note dropped (（二）部分公开（区分处理的，…） → （二）部分公开).
  const zh = (row: string) => shorten(find("table_3_row", row).zh);
  out.push({
    id: "grant_rate_all", table: "derived", group: "rates", zh: "公开率（全部办结）", en: "Grant rate, all concluded requests", type: "rate",
    definition: `(${zh("granted")} + ${zh("partially_granted")}) ÷ ${zh("total_processed")}`
  });
  out.push({
    id: "grant_rate_merits", table: "derived", group: "rates", zh: "公开率（不含程序性结果）", en: "Grant rate excluding procedural outcomes", type: "rate",
    definition: `(${zh("granted")} + ${zh("partially_granted")}) ÷ (${zh("granted")} + ${zh("partially_granted")} + ${zh("denied_header")} + ${zh("unable_header")}); ${zh("not_processed_header")} and ${zh("other_header")} are procedural and left out`
  });
  const t4 = (col: string) => find("table_4_column", col).zh_full;
  out.push({
    id: "review_corrected_share", table: "derived", group: "rates", zh: "复议纠错率", en: "Share of concluded reviews corrected", type: "rate",
    definition: `${t4("review_corrected")} ÷ (${t4("review_upheld")} + ${t4("review_corrected")} + ${t4("review_other_result")})`
  });
  out.push({
    id: "litigation_corrected_share", table: "derived", group: "rates", zh: "诉讼纠错率", en: "Share of concluded lawsuits corrected", type: "rate",
    definition: `(${t4("litigation_direct_corrected")} + ${t4("litigation_after_review_corrected")}) ÷ (upheld + corrected + other results of both routes)`
  });
  return out;
}

/** "（二）部分公开（区分处理的，…）" → "（二）部分公开" (same rule as shorten() in src/components/labels.js). */
export function shorten(zh: string): string {
  const short = zh.replace(/（[^（）]*）$/, "");
  return short.length >= 2 ? short : zh;
}

/** `sum` of SQL expressions when none is NULL, else NULL. */
function strictSum(exprs: string[]): string {
  return `CASE WHEN ${exprs.map((e) => `${e} IS NOT NULL`).join(" AND ")} THEN ${exprs.join(" + ")} END`;
}

function ratio(num: string[], den: string[]): string {
  const d = strictSum(den);
  return `CASE WHEN (${d}) > 0 THEN (${strictSum(num)})::DOUBLE / (${d}) END`;
}

/** SQL expression of a measure over the joined CTE columns (t3.*, t4.*, t2.*). */
function expression(m: Measure): string {
  if (m.table === "table_3") {
    if (m.kind === "table_3_subtotal") {
      const parts = T3_SUBTOTALS[m.key!].map((p) => `t3."${p}"`);
      return m.key === "other_total" ? `coalesce(t3."other_total", ${strictSum(parts)})` : strictSum(parts);
    }
    return m.column === "total" ? `t3."${m.key}"` : `t3."${m.key}__${m.column}"`;
  }
  if (m.table === "table_4") return `t4."${m.key}"`;
  if (m.table.startsWith("table_2")) return `t2."${m.id}"`;
  const t3 = (k: string) => `t3."${k}"`;
  const sub = (k: string) => `(${expression({table: "table_3", kind: "table_3_subtotal", key: k} as Measure)})`;
  const t4 = (k: string) => `t4."${k}"`;
  switch (m.id) {
    case "grant_rate_all": return ratio([t3("granted"), t3("partially_granted")], [t3("total_processed")]);
    case "grant_rate_merits": return ratio([t3("granted"), t3("partially_granted")], [t3("granted"), t3("partially_granted"), sub("denied_total"), sub("unable_total")]);
    case "review_corrected_share": return ratio([t4("review_corrected")], [t4("review_upheld"), t4("review_corrected"), t4("review_other_result")]);
    case "litigation_corrected_share": return ratio(
      [t4("litigation_direct_corrected"), t4("litigation_after_review_corrected")],
      ["litigation_direct_upheld", "litigation_direct_corrected", "litigation_direct_other_result", "litigation_after_review_upheld", "litigation_after_review_corrected", "litigation_after_review_other_result"].map(t4)
    );
  }
  throw new Error(`no expression for measure ${m.id}`);
}

/** `, expr AS "id"` for each measure id (in the given order). Unknown ids throw. */
export async function measureColumns(ids: string[]): Promise<string> {
  const all = await measures();
  return ids.map((id) => {
    const m = all.find((x) => x.id === id);
    if (!m) throw new Error(`unknown measure ${id}`);
    const e = expression(m);
    const cast = m.type === "count" || m.type === "change" ? "INTEGER" : "DOUBLE";
    return `, (${e})::${cast} AS "${id}"`;
  }).join("");
}

/** LEFT JOINs of the per-report cell pivots (aliases t3, t4, t2) onto `records r`. */
export async function measureJoins(): Promise<string> {
  const all = await measures();
  const t3cols: string[] = [];
  for (const row of [...T3_ROWS, "other_total"]) t3cols.push(`any_value(value) FILTER (WHERE row = ${literal(row)} AND "column" = 'total') AS "${row}"`);
  for (const col of APPLICANTS) t3cols.push(`any_value(value) FILTER (WHERE row = 'new_received' AND "column" = ${literal(col)}) AS "new_received__${col}"`);
  const t4cols = T4_COLUMNS.map((c) => `any_value(value) FILTER (WHERE "column" = ${literal(c)}) AS "${c}"`);
  const t2cols = all.filter((m) => m.table.startsWith("table_2")).map((m) => {
    const where = `format = ${literal(m.table.slice("table_2_".length))} AND subtable = ${literal(m.parent!)} AND row = ${literal(m.key!)} AND "column" = ${literal(m.column!)}`;
    // Money: to 万元 when the cell printed 元; otherwise as printed (万元 by the column label, or no unit at all).
    const value = m.type === "amount" ? `CASE WHEN unit = '元' THEN value / 10000 ELSE value END` : "value";
    return `any_value(${value}) FILTER (WHERE ${where}) AS "${m.id}"`;
  });
  return `
    LEFT JOIN (SELECT report_id, ${t3cols.join(", ")} FROM table3_cells GROUP BY report_id) t3 USING (report_id)
    LEFT JOIN (SELECT report_id, ${t4cols.join(", ")} FROM table4_cells GROUP BY report_id) t4 USING (report_id)
    LEFT JOIN (SELECT report_id, ${t2cols.join(", ")} FROM table2_cells GROUP BY report_id) t2 USING (report_id)`;
}

/** The columns every per-report page table starts with (from `records r`). */
export const REPORT_COLUMNS = `r.report_id, r.agency_id, r.agency_key AS agency, r.level, r.region, r.year::INTEGER AS year, r.format, r.status`;

/** Ids of the measures of a table ("table_3", "table_4", "table_2_2021"...). */
export async function measureIds(filter: (m: Measure) => boolean): Promise<string[]> {
  return (await measures()).filter(filter).map((m) => m.id);
}
