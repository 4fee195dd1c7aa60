// Aggregates for pages ("cubes"): instead of one row per report, one row per group (year, level, format…)
// with, for every measure, its sum over the group's reports of record that have the cell (`id`, NULL when
// none has it) and how many have it (`id__n`), plus `reports` (reports in the group). Ratios (grant rates,
// shares corrected) carry `<key>__num`, `<key>__den` and `<key>__used`: the sums over the reports where every
// part is known (the others are skipped and counted, never read as 0). Pages roll cubes up with sums() and
// ratioOf() of src/components/data.js, which accept cube rows as well as report rows. A cube's size depends on
// the number of groups (years × levels × formats), not on the number of reports.
import {measureColumns, measureJoins, REPORT_COLUMNS} from "./measures.ts";

export interface Ratio { num: string[]; den: string[] }

/** Column key of a ratio: the same string as ratioKey() in src/components/data.js. */
export function ratioKey({num, den}: Ratio): string {
  return `ratio:${num.join("+")}:${den.join("+")}`;
}

/** SQL of a cube of `ids` (and `ratios`) over the reports of record matching `where`, grouped by `by`. */
export async function cubeSQL({ids, ratios = [], by = ["year", "level", "format"], where = "true", columns = "", aggregates = []}: {ids: string[]; ratios?: Ratio[]; by?: string[]; where?: string; columns?: string; aggregates?: string[]}): Promise<string> {
  const parts = [...new Set([...ids, ...ratios.flatMap((r) => [...r.num, ...r.den])])];
  const q = (c: string) => `"${c}"`;
  const cols = [
    `count(*)::INTEGER AS reports`,
    ...aggregates,
    ...ids.flatMap((id) => [`sum(${q(id)})::DOUBLE AS ${q(id)}`, `count(${q(id)})::INTEGER AS ${q(`${id}__n`)}`]),
    ...ratios.flatMap((r) => {
      const known = [...r.num, ...r.den].map((c) => `${q(c)} IS NOT NULL`).join(" AND ");
      const key = ratioKey(r);
      return [
        `sum(${r.num.map(q).join(" + ")}) FILTER (WHERE ${known})::DOUBLE AS ${q(`${key}__num`)}`,
        `sum(${r.den.map(q).join(" + ")}) FILTER (WHERE ${known})::DOUBLE AS ${q(`${key}__den`)}`,
        `count(*) FILTER (WHERE ${known})::INTEGER AS ${q(`${key}__used`)}`
      ];
    })
  ];
  return `
    WITH per_report AS (SELECT ${REPORT_COLUMNS} ${columns} ${await measureColumns(parts)} FROM records r ${await measureJoins()} WHERE ${where})
    SELECT ${by.join(", ")}, ${cols.join(", ")} FROM per_report GROUP BY ALL ORDER BY ALL`;
}

/**
 * SQL of a capped list: per group of `by` (e.g. year × level), the first `limit` reports of record by `order`,
 * with `columns`; the union of the groups' lists holds the top `limit` of any selection of whole groups.
 */
export async function topSQL({ids, by = ["year", "level"], order, limit, where = "true", extra = ""}: {ids: string[]; by?: string[]; order: string; limit: number; where?: string; extra?: string}): Promise<string> {
  return `
    WITH per_report AS (SELECT ${REPORT_COLUMNS}, r.path ${extra} ${await measureColumns(ids)} FROM records r ${await measureJoins()} WHERE ${where})
    SELECT * EXCLUDE (rank) FROM (
      SELECT *, row_number() OVER (PARTITION BY ${by.join(", ")} ORDER BY ${order}) AS rank FROM per_report
    ) WHERE rank <= ${limit} ORDER BY ${order}`;
}
