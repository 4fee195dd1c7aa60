// Data loader → src/data/agencies-cube.arrow for the Agencies page (src/agencies.md): reports of record by
// year × level × parse status, and (`agencies`, theme-free) distinct agencies by level over all years.
import {writeArrow} from "./lib/warehouse.ts";

await writeArrow(`
  SELECT year::INTEGER AS year, level, status, count(*)::INTEGER AS reports, count(DISTINCT agency_id)::INTEGER AS agencies
  FROM records GROUP BY ALL ORDER BY ALL
`);
