// Data loader → src/data/problems.arrow for the Problems page (src/problems.md): one row per report of
// record that has a section 五 (problems_improvements) text, with that text.
//
// Themes slot: the narrative-mining issue will add themes. Its loader output goes in the `themes` column
// (a JSON array of theme keys per report, e.g. '["staff_training","website"]'); until then the column is
// NULL and the page shows its marked "themes" slot instead of the theme filter and chart.
import {REPORT_COLUMNS} from "./lib/measures.ts";
import {writeArrow} from "./lib/warehouse.ts";

await writeArrow(`
  SELECT ${REPORT_COLUMNS}, s.text, NULL::VARCHAR AS themes
  FROM records r JOIN sections s USING (report_id)
  WHERE s.section = 'problems_improvements' AND s.text IS NOT NULL AND trim(s.text) <> ''
  ORDER BY year DESC, agency, report_id
`);
