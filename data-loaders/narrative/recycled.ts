/**
 * Recycled text: problem statements (and improvement measures) that are the same or nearly the
 * same as another report's — for one agency across years ("same_agency"), and across agencies
 * in one year ("same_year"); optionally across agencies and years ("other").
 *
 * Similarity is the Jaccard index of the statements' character 3-gram sets (similarity.ts:
 * punctuation and spaces dropped, digits folded to 0). A pair is reported when it is at least
 * THRESHOLD = 0.5. Why 0.5, from the 25 real reports of test/fixtures (the evaluation
 * `npx tsx scripts/eval-narrative.ts` prints the distribution again):
 *   - the 2,145 pairs of problem statements from different reports are bimodal: 2,144 are below
 *     0.32 and one is 1.00 (01 and 05, 2019: "监督保障机制欠缺", inside a copied paragraph); the 1,837
 *     improvement pairs likewise (all below 0.24, three at 1.00: the same three measures in 01 and 05);
 *   - pairs between 0.2 and 0.32 share only stock phrases ("政务公开工作…还不够" against "对政务公开工作
 *     宣传力度还不够" 0.31; "信息公开的深度与广度有待进一步拓宽" against "…广度有待进一步拓宽，深度有待进一步
 *     加强" 0.31): the same topic in the common idiom, not a copy;
 *   - a real statement edited by hand as a copier would stays at or above 0.5: one word changed in
 *     a short statement ("…工作机制尚未完善"/"…工作制度尚未完善" 0.50, "经办人员对信息公开相关业务不熟"/"经办人员
 *     对政务公开相关业务不熟悉" 0.50), a clause dropped (0.61), agency and year swapped (0.82), two
 *     words changed in a long one (0.79).
 * So 0.5 sits in the empty gap, 0.18 above the most similar pair that is not a copy. Statements
 * with fewer than MIN_SHINGLES distinct 3-grams (under 7 characters) are left out: at that length the stock phrases
 * of the genre ("人员不足") coincide without being copied.
 *
 * Scale: candidate pairs are found by a prefix-filtering join (simjoin.ts) on hashed 3-grams
 * inside each partition (one agency, or one year, and one kind), after identical statements are
 * collapsed, so the work follows the number of similar pairs, not the square of the number of
 * statements; the similarity reported is then computed on the texts. A statement repeated in
 * thousands of reports would still make millions of pairs: when two groups of identical statements
 * (or one group with itself) would make more than `maxPairsPerGroup` pairs, each statement is
 * paired only with the earliest statement of the other group (a star), and a finding says so; a
 * statement with more than `maxNeighbours` distinct near-identical statements keeps that many.
 * Measured (`npx tsx scripts/eval-narrative.ts --bench 100000`): 100,000 synthetic reports, 600,000
 * statements of which 45% are copies, in 40 s and 1.9 GB of heap (2026-11-23; 50 s and 1.6 GB
 * before each text was normalised once and its 3-grams kept per partition).
 */
import { finding, type Finding, type Result } from "../document.ts";
import { containment, intersectionSize, jaccard, normalizeForSimilarity, shingleHashesOfNormalized, shinglesOfNormalized } from "./similarity.ts";
import { similarSets } from "./simjoin.ts";

export const THRESHOLD = 0.5;
export const MIN_SHINGLES = 5;

export type RecycleScope = "same_agency" | "same_year" | "other";
export type ItemKind = "problem" | "improvement";

export interface RecycleReport {
  report_id: string;
  agency: string | null;
  year: number | null;
  items: { kind: ItemKind; ordinal: number; text: string }[];
}

export interface RecycledPair {
  scope: RecycleScope;
  kind: ItemKind;
  report_a: string; agency_a: string | null; year_a: number | null; item_a: number; text_a: string;
  report_b: string; agency_b: string | null; year_b: number | null; item_b: number; text_b: string;
  similarity: number;   // Jaccard of 3-gram sets, rounded to 4 decimals
  containment: number;  // share of the shorter statement's 3-grams found in the other one
}

export interface RecycleOptions {
  threshold?: number;
  minShingles?: number;
  kinds?: ItemKind[];
  scopes?: RecycleScope[];
  maxPairsPerGroup?: number;
  maxNeighbours?: number;
}

interface Entry { report: RecycleReport; kind: ItemKind; ordinal: number; text: string; norm: string; tokens: Int32Array }

function scopeOf(a: RecycleReport, b: RecycleReport): RecycleScope | null {
  if (a.report_id === b.report_id) return null;
  const sameAgency = a.agency !== null && a.agency === b.agency;
  const differentAgency = a.agency !== null && b.agency !== null && a.agency !== b.agency;
  const sameYear = a.year !== null && a.year === b.year;
  const differentYear = a.year !== null && b.year !== null && a.year !== b.year;
  if (sameAgency && differentYear) return "same_agency";
  if (differentAgency && sameYear) return "same_year";
  if (differentAgency && differentYear) return "other";
  return null; // one agency's two versions of one year, or unknown agency/year
}

/** Near-duplicate statements between reports. */
export function findRecycled(reports: RecycleReport[], options: RecycleOptions = {}): Result<RecycledPair[]> {
  const threshold = options.threshold ?? THRESHOLD;
  const minShingles = options.minShingles ?? MIN_SHINGLES;
  const kinds = options.kinds ?? ["problem", "improvement"];
  const scopes = new Set(options.scopes ?? ["same_agency", "same_year"]);
  const cap = options.maxPairsPerGroup ?? 200;
  const maxNeighbours = options.maxNeighbours ?? 200;
  const findings: Finding[] = [];

  const entries: Entry[] = [];
  // copied statements are common (45% of them in the synthetic corpus): normalise and hash each text once
  const prepared = new Map<string, { norm: string; tokens: Int32Array }>();
  for (const r of reports) for (const it of r.items) {
    if (!kinds.includes(it.kind)) continue;
    let p = prepared.get(it.text);
    if (!p) {
      const norm = normalizeForSimilarity(it.text);
      prepared.set(it.text, (p = { norm, tokens: shingleHashesOfNormalized(norm) }));
    }
    if (p.tokens.length >= minShingles) entries.push({ report: r, kind: it.kind, ordinal: it.ordinal, text: it.text, norm: p.norm, tokens: p.tokens });
  }
  prepared.clear();

  // partitions: by agency (same_agency), by year (same_year), everything (other); each split by kind
  const partitions = new Map<string, number[]>();
  const add = (key: string, i: number) => { let p = partitions.get(key); if (!p) partitions.set(key, (p = [])); p.push(i); };
  entries.forEach((e, i) => {
    if (scopes.has("same_agency") && e.report.agency !== null) add(`a|${e.kind}|${e.report.agency}`, i);
    if (scopes.has("same_year") && e.report.year !== null) add(`y|${e.kind}|${e.report.year}`, i);
    if (scopes.has("other")) add(`o|${e.kind}`, i);
  });

  // a pair belongs to one scope only, so no pair is found twice
  const found: RecycledPair[] = [];
  let starred = 0, capped = 0;
  for (const [key, members] of partitions) {
    const wanted: RecycleScope = key.startsWith("a|") ? "same_agency" : key.startsWith("y|") ? "same_year" : "other";
    // identical statements collapse into one set
    const groups = new Map<string, number[]>();
    for (const i of members) {
      let g = groups.get(entries[i].norm); if (!g) groups.set(entries[i].norm, (g = [])); g.push(i);
    }
    const reps = [...groups.values()].map((g) => g.sort((u, v) => (isEarlier(entries, u, v) ? -1 : 1)));
    const pairs: { x: number[]; y: number[] }[] = reps.filter((g) => g.length > 1).map((g) => ({ x: g, y: g }));
    const join = similarSets(reps.map((g) => entries[g[0]].tokens), threshold, maxNeighbours);
    capped += join.capped;
    for (const p of join.pairs) pairs.push({ x: reps[p.a], y: reps[p.b] });
    const grams = new Map<string, string[]>(); // 3-grams by normalised text, for this partition
    const gramsOf = (e: Entry) => { let g = grams.get(e.norm); if (!g) grams.set(e.norm, (g = shinglesOfNormalized(e.norm))); return g; };
    for (const p of pairs) {
      // similarity of the texts themselves (the search ran on hashed 3-grams)
      const ga = gramsOf(entries[p.x[0]]), gb = p.x === p.y ? ga : gramsOf(entries[p.y[0]]);
      const inter = intersectionSize(ga, gb);
      const exact = jaccard(ga, gb, inter);
      if (exact < threshold - 1e-12) continue;
      const contained = Math.round(containment(ga, gb, inter) * 10000) / 10000;
      const emit = (u: number, v: number) => {
        const [i, j] = isEarlier(entries, u, v) ? [u, v] : [v, u];
        if (scopeOf(entries[i].report, entries[j].report) !== wanted) return;
        const a = entries[i], b = entries[j];
        found.push({
          scope: wanted, kind: a.kind,
          report_a: a.report.report_id, agency_a: a.report.agency, year_a: a.report.year, item_a: a.ordinal, text_a: a.text,
          report_b: b.report.report_id, agency_b: b.report.agency, year_b: b.report.year, item_b: b.ordinal, text_b: b.text,
          similarity: Math.round(exact * 10000) / 10000,
          containment: contained,
        });
      };
      const combos = p.x === p.y ? (p.x.length * (p.x.length - 1)) / 2 : p.x.length * p.y.length;
      if (combos <= cap) {
        // every pair of members
        for (let xi = 0; xi < p.x.length; xi++) for (let yi = p.x === p.y ? xi + 1 : 0; yi < p.y.length; yi++) emit(p.x[xi], p.y[yi]);
      } else {
        // many copies: each statement paired with the earliest statement of the other group (a star)
        starred += combos;
        const [rx, ry] = [p.x[0], p.y[0]];
        if (p.x === p.y) for (const m of p.x.slice(1)) emit(rx, m);
        else { for (const m of p.y) emit(rx, m); for (const m of p.x.slice(1)) emit(m, ry); }
      }
    }
  }
  if (capped) findings.push(finding("recycled_neighbours_capped", "info", `${capped} statements have more than ${maxNeighbours} near-identical statements in one agency or year: only ${maxNeighbours} are listed for each`));
  if (starred) findings.push(finding("recycled_pairs_starred", "info", `statements repeated so often that listing every pair would take ${starred} pairs: each copy is paired with the earliest statement only`));
  const scopeOrder: RecycleScope[] = ["same_agency", "same_year", "other"];
  const value = found.sort((x, y) => scopeOrder.indexOf(x.scope) - scopeOrder.indexOf(y.scope) || y.similarity - x.similarity ||
    cmp(x.report_a, y.report_a) || cmp(x.report_b, y.report_b) || x.item_a - y.item_a || x.item_b - y.item_b);
  return { value, findings };
}

const cmp = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);

/** Does entry i come first (earlier year, then report id, then ordinal), so that "a" is the older
 * statement? (No allocation: called for every sorted pair and every emitted pair.) */
function isEarlier(entries: Entry[], i: number, j: number): boolean {
  const a = entries[i].report, b = entries[j].report;
  const ya = a.year ?? 0, yb = b.year ?? 0;
  if (ya !== yb) return ya < yb;
  if (a.report_id !== b.report_id) return a.report_id < b.report_id;
  return entries[i].ordinal <= entries[j].ordinal;
}
