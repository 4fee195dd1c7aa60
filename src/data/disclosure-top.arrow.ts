// Data loader → src/data/disclosure-top.arrow for the Disclosure page's tables (src/disclosure.md): a capped
// list of reports of record with every table 2 cell of their format: in each year × level × format the first
// 30 by agency name, so any selection of years and levels gets its exact first 30 of each format.
import {topSQL} from "./lib/cube.ts";
import {measureIds} from "./lib/measures.ts";
import {writeArrow} from "./lib/warehouse.ts";

await writeArrow(await topSQL({
  ids: await measureIds((m) => m.table.startsWith("table_2")),
  by: ["year", "level", "format"],
  order: "agency, year, report_id",
  limit: 30,
  where: "r.format IN ('2019', '2021')"
}));
