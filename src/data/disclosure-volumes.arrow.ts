// Data loader → src/data/disclosure-volumes.arrow for the Disclosure page (src/disclosure.md): the total
// number of items proactively disclosed in the year as the narrative states it (warehouse
// disclosure_volumes, kind 'total'; one per report of record at most), with the sentence it was read from.
// This is the report's own count in its text (sections 一/二), not a cell of table 2.
import {REPORT_COLUMNS} from "./lib/measures.ts";
import {parquet, writeArrow} from "./lib/warehouse.ts";

await writeArrow(`
  SELECT ${REPORT_COLUMNS}, v.value, v.approximate, v.unit, v.sentence
  FROM records r JOIN ${parquet("disclosure_volumes")} v USING (report_id)
  WHERE v.kind = 'total'
  ORDER BY year, agency, report_id, v."offset"
`);
