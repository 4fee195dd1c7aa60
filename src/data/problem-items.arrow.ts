// Data loader → src/data/problem-items.arrow for the Problems page (src/problems.md): one row per problem
// statement or improvement measure of section 五 (warehouse problem_items) of the reports in the page's bounded
// sample (data/problems.arrow: the first 20 reports by agency name in each year × level), with its
// theme keys (comma-separated; labels: kind 'theme' of data/labels.json) and the lexicon words that
// matched (JSON object theme → words). The page joins it to data/problems.arrow on report_id for the filters.
import {parquet, writeArrow} from "./lib/warehouse.ts";

await writeArrow(`
  SELECT p.report_id, p.section_kind, p.ordinal::INTEGER AS ordinal, p.text, p.themes, p.matched_words
  FROM ${parquet("problem_items")} p JOIN records r USING (report_id)
  WHERE p.report_id IN (
    SELECT report_id FROM records JOIN sections USING (report_id)
    WHERE section = 'problems_improvements' AND text IS NOT NULL AND trim(text) <> ''
    QUALIFY row_number() OVER (PARTITION BY year, level ORDER BY agency_key, report_id) <= 20)
  ORDER BY r.year DESC, r.agency_key, p.report_id, p.section_kind DESC, p.ordinal
`);
