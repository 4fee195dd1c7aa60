// Data loader → src/data/requests-panels.arrow for the Requests page's small multiples (src/requests.md): every
// report of record (2019/2021 formats) of the 48 agencies with most new requests over all years, with the six
// outcome groups of table 3. Bounded: at most 48 agencies × their years.
import {measureColumns, measureJoins, REPORT_COLUMNS} from "./lib/measures.ts";
import {writeArrow} from "./lib/warehouse.ts";

const GROUPS = ["t3_granted", "t3_partially_granted", "t3_denied_total", "t3_unable_total", "t3_not_processed_total", "t3_other_total"];
await writeArrow(`
  WITH per_report AS (SELECT ${REPORT_COLUMNS} ${await measureColumns(["t3_new_received", ...GROUPS])} FROM records r ${await measureJoins()} WHERE r.format <> 'pre2019'),
  top AS (SELECT agency_id FROM per_report WHERE t3_new_received IS NOT NULL GROUP BY agency_id ORDER BY sum(t3_new_received) DESC, any_value(agency) LIMIT 48)
  SELECT * FROM per_report WHERE agency_id IN (SELECT agency_id FROM top) ORDER BY agency, year, report_id
`);
