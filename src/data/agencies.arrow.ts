// Data loader → src/data/agencies.arrow for the Agencies page (src/agencies.md): one row per report of
// record (agency, level, year, status, requests received) plus every name the agency printed over the years,
// so that the page can search names and filter by level and year like every other page.
import {measureColumns, measureJoins, REPORT_COLUMNS} from "./lib/measures.ts";
import {AGENCY_ID, writeArrow} from "./lib/warehouse.ts";

await writeArrow(`
  WITH names AS (
    SELECT ${AGENCY_ID} AS agency_id, string_agg(DISTINCT agency, ' / ' ORDER BY agency) AS printed_names
    FROM reports WHERE agency IS NOT NULL GROUP BY 1
  )
  SELECT ${REPORT_COLUMNS}, n.printed_names, r.n_findings, r.n_identity_failures ${await measureColumns(["t3_new_received"])}
  FROM records r ${await measureJoins()} LEFT JOIN names n ON n.agency_id = r.agency_id
  ORDER BY agency, year, report_id
`);
