// Data loader → src/data/reports.arrow (Arrow IPC stream): one row per annual report in the warehouse.
// Pages: `sql: {reports: ./data/reports.arrow}` front matter, or `FileAttachment("data/reports.arrow").arrow()`.
import {parquet, writeArrow} from "./lib/warehouse.ts";

await writeArrow(`
  SELECT report_id, agency, year::INTEGER AS year, format, status
  FROM ${parquet("reports")}
  ORDER BY year, agency, report_id
`);
