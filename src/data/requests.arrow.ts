// Data loader → src/data/requests.arrow for the Requests page (src/requests.md): a cube (src/data/lib/cube.ts)
// of every table 3 measure (total column of each row, derived subtotals, applicant mix of new requests) and the
// two grant rates, by year × level × format, over the reports of record in the 2019 and 2021 formats.
// Nulls stay null: a sum counts only the reports that have the cell, and says how many (`id__n`).
import {cubeSQL} from "./lib/cube.ts";
import {measureIds} from "./lib/measures.ts";
import {writeArrow} from "./lib/warehouse.ts";

const ids = await measureIds((m) => m.table === "table_3");
const GRANTED = ["t3_granted", "t3_partially_granted"];
await writeArrow(await cubeSQL({
  ids,
  ratios: [{num: GRANTED, den: ["t3_total_processed"]}, {num: GRANTED, den: [...GRANTED, "t3_denied_total", "t3_unable_total"]}],
  where: "r.format <> 'pre2019'"
}));
