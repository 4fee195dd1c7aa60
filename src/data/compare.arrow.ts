// Data loader → src/data/compare.arrow for the Compare page (src/compare.md): one row per report of
// record with every measure (tables 2, 3, 4 and the derived rates). The page picks the columns.
import {measureColumns, measureIds, measureJoins, REPORT_COLUMNS} from "./lib/measures.ts";
import {writeArrow} from "./lib/warehouse.ts";

const ids = await measureIds(() => true);
await writeArrow(`
  SELECT ${REPORT_COLUMNS}, r.path ${await measureColumns(ids)}
  FROM records r ${await measureJoins()}
  ORDER BY agency, year, report_id
`);
