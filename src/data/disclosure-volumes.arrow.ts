// Data loader → src/data/disclosure-volumes.arrow for the Disclosure page (src/disclosure.md): the total
// number of items proactively disclosed in the year as the narrative states it (warehouse
// disclosure_volumes, kind 'total'; one per report of record at most), with the sentence it was read from.
// This is the report's own count in its text (sections 一/二), not a cell of table 2.
// Capped: in each year × level the 40 largest stated totals (exact top 40 of any selection), plus `n_stated`,
// the number of reports of the year × level that state a total (for "showing N of M").
import {REPORT_COLUMNS} from "./lib/measures.ts";
import {parquet, writeArrow} from "./lib/warehouse.ts";

await writeArrow(`
  WITH v AS (
    SELECT ${REPORT_COLUMNS}, v.value, v.approximate, v.unit, v.sentence, v."offset"
    FROM records r JOIN ${parquet("disclosure_volumes")} v USING (report_id)
    WHERE v.kind = 'total'
  ),
  ranked AS (
    SELECT *, row_number() OVER (PARTITION BY year, level ORDER BY value DESC NULLS LAST, agency, report_id, "offset") AS rank,
           count(*) OVER (PARTITION BY year, level)::INTEGER AS n_stated
    FROM v
  )
  SELECT * EXCLUDE (rank, "offset") FROM ranked WHERE rank <= 40
  ORDER BY year, agency, report_id
`);
