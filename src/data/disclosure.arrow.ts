// Data loader → src/data/disclosure.arrow for the Disclosure page (src/disclosure.md): one row per report
// of record in the 2019 or 2021 format with every table 2 (Art. 20) cell of its format. The 2019 and 2021
// columns are separate measures (t2_2019__..., t2_2021__...): a 2019-format report has nulls in the 2021
// columns and the other way round, so nothing is mixed.
import {measureColumns, measureIds, measureJoins, REPORT_COLUMNS} from "./lib/measures.ts";
import {writeArrow} from "./lib/warehouse.ts";

const ids = await measureIds((m) => m.table.startsWith("table_2"));
await writeArrow(`
  SELECT ${REPORT_COLUMNS} ${await measureColumns(ids)}
  FROM records r ${await measureJoins()}
  WHERE r.format IN ('2019', '2021')
  ORDER BY year, agency, report_id
`);
