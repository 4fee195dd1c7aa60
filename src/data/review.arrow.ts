// Data loader → src/data/review.arrow for the Review & litigation page (src/review.md): one row per
// report of record with the 15 cells of table 4 and the shares corrected.
import {measureColumns, measureIds, measureJoins, REPORT_COLUMNS} from "./lib/measures.ts";
import {writeArrow} from "./lib/warehouse.ts";

const ids = await measureIds((m) => m.table === "table_4" || m.id.endsWith("corrected_share"));
await writeArrow(`
  SELECT ${REPORT_COLUMNS} ${await measureColumns(ids)}
  FROM records r ${await measureJoins()}
  ORDER BY year, agency, report_id
`);
