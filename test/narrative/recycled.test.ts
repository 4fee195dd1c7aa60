/** Recycled statements: similarity, the exact join against brute force, scopes, and speed. */
import { test } from "node:test";
import assert from "node:assert/strict";
import { readProblems } from "../../data-loaders/narrative/problems.ts";
import { findRecycled, THRESHOLD, type RecycleReport } from "../../data-loaders/narrative/recycled.ts";
import { containment, jaccard, normalizeForSimilarity, shingleHashes, shingles, similarity } from "../../data-loaders/narrative/similarity.ts";
import { similarSets } from "../../data-loaders/narrative/simjoin.ts";
import { ALL, report } from "./helpers.ts";

test("3-grams drop punctuation and fold digits and width", () => {
  assert.equal(normalizeForSimilarity("2022年，我局（一）ＡＢ 12"), "0000年我局一ab00");
  assert.deepEqual(shingles("监督保障机制"), ["监督保", "督保障", "保障机", "障机制"]);
  assert.equal(similarity("2022年，政策解读形式单一。", "2023年 政策解读形式单一").jaccard, 1);
  assert.equal(shingleHashes("监督保障机制欠缺").length, 6);
});

test("similarities of real statement pairs quoted in the threshold justification", () => {
  const j = (a: string, b: string) => Math.round(similarity(a, b).jaccard * 1000) / 1000;
  assert.equal(j("政务公开工作还不够深入", "对政务公开工作宣传力度还不够"), 0.313);
  assert.equal(j("信息公开的深度与广度有待进一步拓宽", "重点领域信息公开的要求还需提高，广度有待进一步拓宽，深度有待进一步加强"), 0.313);
  assert.equal(j("信息公开相关工作机制尚未完善", "信息公开相关工作制度尚未完善"), 0.5);
  assert.equal(j("经办人员对信息公开相关业务不熟", "经办人员对政务公开相关业务不熟悉"), 0.5);
  assert.equal(j("对政务公开理解不深入，思想上没有引起足够重视，工作上缺乏主动性和积极性，导致部分应公开事项还存在公开不及时的现象", "对政务公开理解不深入，思想上没有引起足够重视，工作上缺乏主动性和积极性"), 0.608);
  assert.ok(j("对政务公开理解不深入，思想上没有引起足够重视，工作上缺乏主动性和积极性，导致部分应公开事项还存在公开不及时的现象", "政府信息公开工作重视程度不够，工作上缺乏主动性和积极性，存在公开不及时的现象") < THRESHOLD); // 08 vs 14: shared clause only
  assert.equal(containment(["a", "b"], ["a", "b", "c", "d"]), 1);
  assert.equal(jaccard(["a", "b"], ["a", "b", "c", "d"]), 0.5);
});

function brute(sets: Int32Array[], t: number): string[] {
  const out: string[] = [];
  for (let a = 0; a < sets.length; a++) for (let b = a + 1; b < sets.length; b++) {
    if (!sets[a].length || !sets[b].length) continue;
    const A = new Set(sets[a]);
    let o = 0;
    for (const x of sets[b]) if (A.has(x)) o++;
    if (o / (sets[a].length + sets[b].length - o) >= t - 1e-12) out.push(`${a}|${b}`);
  }
  return out.sort();
}

test("the prefix-filtering join finds exactly the pairs brute force finds", () => {
  let seed = 7;
  const rnd = () => ((seed = (Math.imul(seed, 48271) >>> 0) % 2147483647) / 2147483647);
  for (const t of [0.3, 0.5, 0.8, 1]) {
    const sets: Int32Array[] = [];
    for (let i = 0; i < 400; i++) {
      const base = i % 7 === 0 || !sets.length ? [] : [...sets[Math.floor(rnd() * sets.length)]];
      const s = new Set(base.filter(() => rnd() < 0.8));
      const n = 3 + Math.floor(rnd() * 30);
      while (s.size < n) s.add(Math.floor(rnd() * 300));
      sets.push(Int32Array.from(s).sort());
    }
    sets.push(new Int32Array(0));
    const got = similarSets(sets, t).pairs.map((p) => `${p.a}|${p.b}`).sort();
    assert.deepEqual(got, brute(sets, t), `threshold ${t}`);
    assert.ok(got.length > 0);
  }
});

test("maxPerSet bounds the neighbours a set looks for", () => {
  const same = Array.from({ length: 50 }, () => Int32Array.from([1, 2, 3, 4, 5, 6]));
  const r = similarSets(same, 0.5, 5);
  assert.ok(r.pairs.length <= 50 * 5);
  assert.ok(r.capped > 0);
});

const rep = (id: string, agency: string | null, year: number | null, ...texts: string[]): RecycleReport =>
  ({ report_id: id, agency, year, items: texts.map((text, i) => ({ kind: "problem" as const, ordinal: i + 1, text })) });

test("scopes: one agency across years, agencies within a year; never one report, one agency-year or unknowns", () => {
  const s = "政府信息公开工作重视程度不够，工作上缺乏主动性和积极性";
  const res = findRecycled([
    rep("a1", "甲局", 2022, s), rep("a2", "甲局", 2023, s), rep("a2bis", "甲局", 2023, s),
    rep("b", "乙局", 2023, s + "，存在公开不及时的现象"), rep("c", "丙局", 2021, s), rep("d", null, 2023, s),
    rep("e", "戊局", 2024, s, s),
  ]).value;
  const got = res.map((p) => `${p.scope} ${p.report_a} ${p.report_b}`).sort();
  assert.deepEqual(got, [
    "same_agency a1 a2", "same_agency a1 a2bis",
    "same_year a2 b", "same_year a2bis b",
  ].sort());
  const other = findRecycled([rep("x", "甲局", 2022, s), rep("y", "乙局", 2023, s)], { scopes: ["other"] }).value;
  assert.deepEqual(other.map((p) => p.scope), ["other"]);
  assert.equal(other[0].similarity, 1);
});

test("short statements and dissimilar ones are left out; the older statement is item a", () => {
  const res = findRecycled([rep("n", "甲", 2024, "人员不足", "网站栏目更新不及时"), rep("m", "甲", 2023, "人员不足", "网站栏目更新不够及时")]).value;
  assert.equal(res.length, 1);
  assert.equal(res[0].report_a, "m");
  assert.equal(res[0].text_a, "网站栏目更新不够及时");
  assert.ok(res[0].similarity >= THRESHOLD && res[0].similarity < 1);
});

test("a statement copied by many agencies in one year: each copy paired with the earliest (a star)", () => {
  const s = "政策解读形式比较单一，解读材料质量不高";
  const many = Array.from({ length: 30 }, (_, i) => rep(`r${String(i).padStart(2, "0")}`, `局${i}`, 2024, s));
  const all = findRecycled(many, { maxPairsPerGroup: 1000 });
  assert.equal(all.value.length, (30 * 29) / 2);
  const star = findRecycled(many, { maxPairsPerGroup: 100 });
  assert.equal(star.value.length, 29);
  assert.ok(star.value.every((p) => p.report_a === "r00"));
  assert.deepEqual(star.findings.map((f) => f.code), ["recycled_pairs_starred"]);
});

test("real reports: 01 and 05 (2019) share one problem statement and three improvements word for word", async () => {
  const input: RecycleReport[] = [];
  for (const id of ALL) {
    const r = await report(id);
    input.push({ report_id: id, agency: r.agency_normalized, year: r.year, items: readProblems(r.sections).value.map((i) => ({ kind: i.kind, ordinal: i.ordinal, text: i.text })) });
  }
  const res = findRecycled(input);
  assert.deepEqual(res.value.map((p) => [p.scope, p.kind, p.report_a, p.item_a, p.report_b, p.item_b, p.similarity]), [
    ["same_year", "improvement", "01", 1, "05", 2, 1],
    ["same_year", "improvement", "01", 2, "05", 1, 1],
    ["same_year", "problem", "01", 2, "05", 3, 1],
    ["same_year", "improvement", "01", 3, "05", 3, 1],
  ]);
  assert.equal(res.value[2].text_a, "监督保障机制欠缺");
});

test("5,000 reports (30,000 statements) in a few seconds", () => {
  let seed = 3;
  const rnd = () => ((seed = (Math.imul(seed, 48271) >>> 0) % 2147483647) / 2147483647);
  const chars = "政府信息公开工作存在问题不足及时更新栏目网站解读形式单一人员培训业务能力主动性积极性规范答复依申请基层村务宣传参与互动审查保密";
  const text = () => Array.from({ length: 15 + Math.floor(rnd() * 30) }, () => chars[Math.floor(rnd() * chars.length)]).join("");
  const reports: RecycleReport[] = [];
  for (let i = 0; i < 5000; i++) {
    const prev = i >= 1000 ? reports[i - 1000] : null; // same agency, last year
    const items = Array.from({ length: 6 }, (_, k) => ({ kind: (k < 3 ? "problem" : "improvement") as "problem" | "improvement", ordinal: (k % 3) + 1, text: prev && rnd() < 0.3 ? prev.items[k].text : text() }));
    reports.push({ report_id: `r${i}`, agency: `a${i % 1000}`, year: 2020 + Math.floor(i / 1000), items });
  }
  const t0 = performance.now();
  const res = findRecycled(reports);
  const ms = performance.now() - t0;
  assert.ok(res.value.filter((p) => p.scope === "same_agency").length >= 1000);
  assert.ok(ms < 15000, `${ms} ms`);
});
