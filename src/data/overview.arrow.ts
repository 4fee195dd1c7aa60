// Data loader → src/data/overview.arrow (Arrow IPC stream) for the Overview page (src/index.md):
// one row per report of record (reports.is_record), with how its requests ended (table 3, total column)
// and whether it breaks the format's arithmetic (reports.n_identity_failures).
import {measureColumns, measureJoins, REPORT_COLUMNS} from "./lib/measures.ts";
import {writeArrow} from "./lib/warehouse.ts";

const ids = [
  "t3_new_received", "t3_carried_over", "t3_granted", "t3_partially_granted", "t3_denied_total", "t3_unable_total",
  "t3_not_processed_total", "t3_other_total", "t3_total_processed", "t3_carried_forward"
];
await writeArrow(`
  SELECT ${REPORT_COLUMNS}, r.n_findings, r.n_identity_failures ${await measureColumns(ids)}
  FROM records r ${await measureJoins()}
  ORDER BY year, agency, report_id
`);
