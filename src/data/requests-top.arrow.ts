// Data loader → src/data/requests-top.arrow for the Requests page (src/requests.md): a capped list of reports of
// record (2019/2021 formats): in each year × level, the 50 with most new requests, with the table 3 measures the
// page's table shows. Any selection of years and levels gets its exact top 50 from the union.
import {topSQL} from "./lib/cube.ts";
import {writeArrow} from "./lib/warehouse.ts";

const GROUPS = ["t3_granted", "t3_partially_granted", "t3_denied_total", "t3_unable_total", "t3_not_processed_total", "t3_other_total"];
await writeArrow(await topSQL({
  ids: ["t3_new_received", "t3_carried_over", ...GROUPS, "t3_total_processed", "t3_carried_forward", "grant_rate_all", "grant_rate_merits"],
  order: `t3_new_received DESC NULLS LAST, agency, report_id`,
  limit: 50,
  where: "r.format <> 'pre2019'"
}));
