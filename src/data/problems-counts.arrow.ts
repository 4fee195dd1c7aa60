// Data loader → src/data/problems-counts.arrow for the Problems page (src/problems.md): exact counts, bounded
// by the number of years × levels × themes: for each year × level, `reports` with a section 五 text
// (theme = NULL), and for each kind of item (problem / improvement) and theme the reports with at least one
// item of that theme (warehouse problem_items, lexicon data-loaders/format/themes.json).
import {parquet, writeArrow} from "./lib/warehouse.ts";

await writeArrow(`
  SELECT r.year::INTEGER AS year, r.level, NULL::VARCHAR AS section_kind, NULL::VARCHAR AS theme, count(*)::INTEGER AS reports
  FROM records r JOIN sections s USING (report_id)
  WHERE s.section = 'problems_improvements' AND s.text IS NOT NULL AND trim(s.text) <> ''
  GROUP BY ALL
  UNION ALL
  SELECT r.year::INTEGER, r.level, p.section_kind, t.theme, count(DISTINCT r.report_id)::INTEGER
  FROM records r JOIN ${parquet("problem_items")} p USING (report_id), unnest(string_split(p.themes, ',')) AS t(theme)
  WHERE p.themes <> ''
  GROUP BY ALL
  ORDER BY ALL
`);
