// Data loader → src/data/problems.arrow for the Problems page (src/problems.md): a bounded sample of the reports
// of record that have a section 五 (problems_improvements) text, with that text: in each year × level the first
// ${SAMPLE} by agency name (then report id), so the sample does not grow with the corpus. The page's text search
// runs over this sample; exact counts are in data/problems-counts.arrow, full searches on the SQL page.
//
// Themes (narrative mining, warehouse problem_items): `themes` is a JSON array of the theme keys of the
// report's problem statements and improvement measures (lexicon order; '[]' when the report has items but
// none matched; NULL when no item was found), `matched_words` a JSON object theme key → the lexicon words
// that matched in those items (why the report has the theme). Labels: kind 'theme' of data/labels.json.
// The items themselves are in data/problem-items.arrow, recycled statements in data/recycled.arrow.
import {REPORT_COLUMNS} from "./lib/measures.ts";
import {parquet, writeArrow} from "./lib/warehouse.ts";

/** Reports per year × level in the sample (the browser test uses the same rule). */
const SAMPLE = 20;

await writeArrow(`
  WITH item_themes AS (
    SELECT p.report_id, t.theme, t.i AS theme_order, w.word
    FROM ${parquet("problem_items")} p,
      unnest(string_split(p.themes, ',')) WITH ORDINALITY AS t(theme, i),
      unnest(CAST(json_extract(p.matched_words, '$.' || t.theme) AS VARCHAR[])) AS w(word)
    WHERE p.themes <> ''
  ),
  theme_order AS (SELECT key AS theme, row_number() OVER () AS o FROM labels WHERE kind = 'theme'),
  per_theme AS (
    SELECT report_id, theme, list(DISTINCT word ORDER BY word) AS words
    FROM item_themes GROUP BY report_id, theme
  ),
  per_report AS (
    SELECT pt.report_id,
      to_json(list(pt.theme ORDER BY o.o))::VARCHAR AS themes,
      to_json(map_from_entries(list((pt.theme, pt.words) ORDER BY o.o)))::VARCHAR AS matched_words
    FROM per_theme pt JOIN theme_order o USING (theme) GROUP BY pt.report_id
  ),
  has_items AS (SELECT DISTINCT report_id FROM ${parquet("problem_items")})
  SELECT ${REPORT_COLUMNS}, s.text,
    CASE WHEN pr.themes IS NOT NULL THEN pr.themes WHEN h.report_id IS NOT NULL THEN '[]' END AS themes,
    CASE WHEN pr.matched_words IS NOT NULL THEN pr.matched_words WHEN h.report_id IS NOT NULL THEN '{}' END AS matched_words
  FROM records r JOIN sections s USING (report_id)
    LEFT JOIN per_report pr USING (report_id) LEFT JOIN has_items h USING (report_id)
  WHERE s.section = 'problems_improvements' AND s.text IS NOT NULL AND trim(s.text) <> ''
  QUALIFY row_number() OVER (PARTITION BY r.year, r.level ORDER BY r.agency_key, r.report_id) <= ${SAMPLE}
  ORDER BY year DESC, agency, report_id
`);
