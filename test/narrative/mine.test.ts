/** One report's narrative, the warehouse rows and the data dictionary. */
import { test } from "node:test";
import assert from "node:assert/strict";
import * as narrative from "../../data-loaders/narrative/index.ts";
import { mineReport } from "../../data-loaders/narrative/mine.ts";
import { disclosureRows, feeRows, narrativeCheckRows, problemRows, recycledRows, statedNumberRows } from "../../data-loaders/narrative/rows.ts";
import { NARRATIVE_DICTIONARY, NARRATIVE_TABLES } from "../../data-loaders/narrative/dictionary.ts";
import { findRecycled } from "../../data-loaders/narrative/recycled.ts";
import { report } from "./helpers.ts";

test("mineReport combines disclosure, problems with themes, fee and checks of report 18", async () => {
  const { value, findings } = mineReport(await report("18"));
  assert.equal(value.disclosure.total!.value, 7700);
  assert.equal(value.problems.length, 6);
  assert.deepEqual(value.problems[0].themes, [{ theme: "content", words: ["公开力度"] }]);
  assert.equal(value.other.fee.status, "none");
  assert.equal(value.checks.length, 5);
  assert.deepEqual(findings.map((f) => f.code), ["narrative_disagrees"]);
});

test("rows are plain objects with snake_case columns, each column in the data dictionary", async () => {
  const r = await report("14");
  const n = mineReport(r).value;
  const rows: Record<string, object[]> = {
    disclosure_volumes: disclosureRows("r14", n),
    problem_items: problemRows("r14", n),
    fees: feeRows("r14", n),
    stated_numbers: statedNumberRows("r14", n),
    narrative_checks: narrativeCheckRows("r14", n.checks),
    recycled_pairs: recycledRows(findRecycled([
      { report_id: "a", agency: "甲", year: 2022, items: [{ kind: "problem", ordinal: 1, text: "政府信息公开工作重视程度不够" }] },
      { report_id: "b", agency: "甲", year: 2023, items: [{ kind: "problem", ordinal: 1, text: "政府信息公开工作重视程度不够" }] },
    ]).value),
  };
  assert.deepEqual(Object.keys(rows).sort(), NARRATIVE_TABLES.map((t) => t.table).sort());
  for (const [table, list] of Object.entries(rows)) {
    assert.ok(list.length > 0, table);
    const dict = NARRATIVE_DICTIONARY.filter((c) => c.table === table).map((c) => c.column);
    for (const row of list) {
      assert.deepEqual(Object.keys(row), dict, table);
      assert.equal(JSON.stringify(JSON.parse(JSON.stringify(row))), JSON.stringify(row)); // plain data
      for (const k of Object.keys(row)) assert.match(k, /^[a-z][a-z0-9_]*$/);
    }
  }
  assert.deepEqual(rows.fees, [{ report_id: "r14", status: "none", amount: 0, unit: "元", sentence: n.other.fee.sentence, section: "review_litigation" }]);
  const p = rows.problem_items[0] as { themes: string; matched_words: string };
  assert.equal(p.themes, "timeliness,awareness");
  assert.deepEqual(JSON.parse(p.matched_words), { timeliness: ["不及时", "及时"], awareness: ["重视", "主动性", "积极性"] });
  assert.deepEqual(rows.disclosure_volumes[0], {
    report_id: "r14", kind: "total", label: "公开政府信息", value: 79, approximate: false, unit: "条", channel: "website", part_group: null,
    section: "overview", sentence: n.disclosure.total!.sentence, offset: n.disclosure.total!.offset,
  });
});

test("the dictionary: one entry per column with type, meaning and a Chinese label", () => {
  const seen = new Set<string>();
  for (const c of NARRATIVE_DICTIONARY) {
    const key = `${c.table}.${c.column}`;
    assert.ok(!seen.has(key), key);
    seen.add(key);
    assert.ok(["VARCHAR", "INTEGER", "DOUBLE", "BOOLEAN"].includes(c.type));
    assert.ok(c.meaning.length > 10 && /[\u4e00-\u9fa5]/.test(c.label_zh), key);
  }
});

test("index.ts re-exports the miners", () => {
  for (const name of ["mineReport", "readDisclosure", "readProblems", "splitProblems", "themesOf", "findRecycled", "readOtherMatters", "crossCheck", "NARRATIVE_DICTIONARY", "problemRows"]) {
    assert.equal(typeof (narrative as Record<string, unknown>)[name] !== "undefined", true, name);
  }
});
