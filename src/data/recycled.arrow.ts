// Data loader → src/data/recycled.arrow for the Problems page (src/problems.md): recycled statements
// (warehouse recycled_pairs): pairs of nearly identical problem statements or improvement measures in two
// reports, one agency across years (same_agency) or two agencies in one year (same_year), with both texts,
// both agencies (name, page id, year) and the similarity (Jaccard of character 3-grams, 1 = same text).
// Capped: the 300 most similar pairs (the page says so and links to the full list on the SQL page).
import {parquet, writeArrow} from "./lib/warehouse.ts";

await writeArrow(`
  SELECT p.scope, p.section_kind, p.similarity, p.containment,
    p.report_a, ra.agency_id AS agency_id_a, ra.agency_key AS agency_a, ra.year::INTEGER AS year_a, ia.text AS text_a,
    p.report_b, rb.agency_id AS agency_id_b, rb.agency_key AS agency_b, rb.year::INTEGER AS year_b, ib.text AS text_b
  FROM (
    -- The 300 most similar pairs of reports of record first: the joins below then touch 300 rows only.
    SELECT * FROM ${parquet("recycled_pairs")}
    WHERE report_a IN (SELECT report_id FROM records) AND report_b IN (SELECT report_id FROM records)
    ORDER BY similarity DESC, report_a, report_b, section_kind, item_a, item_b LIMIT 300
  ) p
    JOIN records ra ON ra.report_id = p.report_a
    JOIN records rb ON rb.report_id = p.report_b
    JOIN ${parquet("problem_items")} ia ON ia.report_id = p.report_a AND ia.section_kind = p.section_kind AND ia.ordinal = p.item_a
    JOIN ${parquet("problem_items")} ib ON ib.report_id = p.report_b AND ib.section_kind = p.section_kind AND ib.ordinal = p.item_b
  ORDER BY p.similarity DESC, ra.year, ra.agency_key, p.report_a, p.report_b, p.section_kind, p.item_a, p.item_b
`);
