// Data loader → src/data/overview.arrow (Arrow IPC stream) for the Overview page (src/index.md): a cube
// (src/data/lib/cube.ts) by year × level × format of the reports of record (reports.is_record), with how their
// requests ended (table 3, total column) and how many break the format's arithmetic (`failing`).
import {cubeSQL} from "./lib/cube.ts";
import {writeArrow} from "./lib/warehouse.ts";

const ids = [
  "t3_new_received", "t3_carried_over", "t3_granted", "t3_partially_granted", "t3_denied_total", "t3_unable_total",
  "t3_not_processed_total", "t3_other_total", "t3_total_processed", "t3_carried_forward"
];
await writeArrow(await cubeSQL({
  ids,
  columns: ", r.n_identity_failures",
  aggregates: [`count(*) FILTER (WHERE n_identity_failures > 0)::INTEGER AS failing`]
}));
