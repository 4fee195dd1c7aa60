// Data loader → src/data/disclosure.arrow for the Disclosure page (src/disclosure.md): a cube
// (src/data/lib/cube.ts) of every table 2 (Art. 20) cell by year × level × format, over the reports of record in
// the 2019 or 2021 format. The 2019 and 2021 columns are separate measures (t2_2019__..., t2_2021__...) and the
// format is a group of the cube: nothing of one format is ever added to the other.
import {cubeSQL} from "./lib/cube.ts";
import {measureIds} from "./lib/measures.ts";
import {writeArrow} from "./lib/warehouse.ts";

await writeArrow(await cubeSQL({ids: await measureIds((m) => m.table.startsWith("table_2")), where: "r.format IN ('2019', '2021')"}));
