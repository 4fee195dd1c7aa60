// Data loader → src/data/requests.arrow for the Requests page (src/requests.md): one row per report of
// record with every table 3 measure (total column of each row, derived subtotals, applicant mix of new
// requests) and the two grant rates. Nulls stay null (see src/data/lib/measures.ts).
import {measureColumns, measureIds, measureJoins, REPORT_COLUMNS} from "./lib/measures.ts";
import {writeArrow} from "./lib/warehouse.ts";

const ids = await measureIds((m) => m.table === "table_3" || m.id.startsWith("grant_rate"));
await writeArrow(`
  SELECT ${REPORT_COLUMNS} ${await measureColumns(ids)}
  FROM records r ${await measureJoins()}
  ORDER BY year, agency, report_id
`);
