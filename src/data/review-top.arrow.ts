// Data loader → src/data/review-top.arrow for the Review & litigation page (src/review.md): a capped list of
// reports of record (2019/2021 formats): in each year × level, the 50 with most reviews and lawsuits, with the
// cells of table 4 and the shares corrected. Any selection of years and levels gets its exact top 50.
import {topSQL} from "./lib/cube.ts";
import {measureIds} from "./lib/measures.ts";
import {writeArrow} from "./lib/warehouse.ts";

const ids = await measureIds((m) => m.table === "table_4" || m.id.endsWith("corrected_share"));
await writeArrow(await topSQL({
  ids,
  order: `coalesce(t4_review_total, 0) + coalesce(t4_litigation_direct_total, 0) + coalesce(t4_litigation_after_review_total, 0) DESC, agency, report_id`,
  limit: 50,
  where: "r.format <> 'pre2019'"
}));
