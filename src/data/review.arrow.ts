// Data loader → src/data/review.arrow for the Review & litigation page (src/review.md): a cube
// (src/data/lib/cube.ts) of the 15 cells of table 4 and the shares corrected, by year × level × format, over
// the reports of record in the 2019 and 2021 formats.
import {cubeSQL} from "./lib/cube.ts";
import {measureIds} from "./lib/measures.ts";
import {writeArrow} from "./lib/warehouse.ts";

const ids = await measureIds((m) => m.table === "table_4");
const m4 = (route: string, result: string) => `t4_${route}_${result}`;
await writeArrow(await cubeSQL({
  ids,
  ratios: [
    {num: [m4("review", "corrected")], den: ["upheld", "corrected", "other_result"].map((r) => m4("review", r))},
    {num: [m4("litigation_direct", "corrected"), m4("litigation_after_review", "corrected")],
     den: ["litigation_direct", "litigation_after_review"].flatMap((route) => ["upheld", "corrected", "other_result"].map((r) => m4(route, r)))}
  ],
  where: "r.format <> 'pre2019'"
}));
