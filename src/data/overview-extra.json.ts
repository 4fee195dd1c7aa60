// Data loader → src/data/overview-extra.json for the Overview page (src/index.md), bounded whatever the corpus size:
// - agencies: how many agencies report in any selection of years and levels, exactly: `cells` lists the
//   (year, level) pairs; each agency has the set of pairs it reported in; `masks` counts agencies by that set
//   ([cell indices joined by ",", agencies]). An agency is in a selection when one of its cells is selected.
// - recycled_pairs: rows of recycled_pairs (the Problems page lists the 300 most similar);
// - top: per year × level the 15 reports of record with most new requests (any selection's top 15 is in it).
import {topSQL} from "./lib/cube.ts";
import {queryRows, writeJSON} from "./lib/warehouse.ts";

const cells = await queryRows<{year: number | null; level: string | null}>(`SELECT DISTINCT year::INTEGER AS year, level FROM records ORDER BY ALL`);
const index = new Map(cells.map((c, i) => [`${c.year}\u0000${c.level}`, i]));
const perAgency = await queryRows<{agency_id: string; year: number | null; level: string | null}>(`SELECT DISTINCT agency_id, year::INTEGER AS year, level FROM records`);
const setOf = new Map<string, Set<number>>();
for (const r of perAgency) {
  if (!setOf.has(r.agency_id)) setOf.set(r.agency_id, new Set());
  setOf.get(r.agency_id)!.add(index.get(`${r.year}\u0000${r.level}`)!);
}
const masks = new Map<string, number>();
for (const set of setOf.values()) {
  const key = [...set].sort((a, b) => a - b).join(",");
  masks.set(key, (masks.get(key) ?? 0) + 1);
}
const top = await queryRows(await topSQL({ids: ["t3_new_received"], order: "t3_new_received DESC NULLS LAST, agency, report_id", limit: 15, where: "r.format <> 'pre2019'"}));
const [{n: recycledPairs}] = await queryRows<{n: number}>(`SELECT count(*)::INTEGER AS n FROM recycled_pairs`);
await writeJSON({
  // Also read by the Problems page ("showing 300 of N pairs").
  recycled_pairs: recycledPairs,
  cells,
  masks: [...masks],
  top: top.filter((r: any) => r.t3_new_received != null).map(({agency_id, agency, level, year, t3_new_received}: any) => ({agency_id, agency, level, year, t3_new_received}))
});
