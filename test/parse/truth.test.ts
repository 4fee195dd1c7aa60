/**
 * Every cell of every hand-checked truth file, read back from the raw report.
 * A cell is right when it equals the truth. It may instead be null only when the parser said
 * why (a finding on that table and row, and on that column when the finding names one, with the
 * truth among the alternatives when it lists some): doubt is allowed, a wrong number is not.
 */
import { test } from "node:test";
import assert from "node:assert/strict";
import { existsSync, readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { parseFile } from "../../data-loaders/parse-file.ts";
import { compare, type Tally, type Truth } from "./truth-compare.ts";

const ROOTS = ["test/fixtures/reports-real", "test/fixtures/reports-sample"];
const cases: { file: string; truth: Truth }[] = [];
for (const root of ROOTS) {
  const dir = join(root, "truth");
  if (!existsSync(dir)) continue;
  for (const name of readdirSync(dir).filter((n) => n.endsWith(".json")).sort()) {
    const truth = JSON.parse(readFileSync(join(dir, name), "utf8"));
    for (const ext of [".txt", ".html"]) {
      const file = join(root, name.replace(/\.json$/, ext));
      if (existsSync(file)) cases.push({ file, truth });
    }
  }
}

test("there are truth files to check", () => assert.ok(cases.length >= 21, `found ${cases.length}`));

const totals: Tally = { exact: 0, explainedNull: 0, wrong: [] };
for (const { file, truth } of cases) {
  test(`every cell of ${file} is exact or an explained blank`, async () => {
    const r = await parseFile(file, readFileSync(file));
    assert.equal(r.format, truth.format, "format");
    assert.equal(r.year, truth.year, "year");
    assert.equal(r.agency, truth.agency, "agency");
    const t = compare(r, truth);
    totals.exact += t.exact;
    totals.explainedNull += t.explainedNull;
    assert.deepEqual(t.wrong, []);
  });
}

test("structured sources (html) leave no cell unexplained-null: every cell is exact", async () => {
  for (const { file, truth } of cases.filter((c) => c.file.endsWith(".html"))) {
    const r = await parseFile(file, readFileSync(file));
    const t = compare(r, truth);
    assert.equal(t.explainedNull, 0, `${file} has ${t.explainedNull} null cells`);
  }
});

test("a source that breaks an identity is kept as printed and flagged", async () => {
  const r08 = await parseFile("test/fixtures/reports-real/08_pingtan_haitan_2022.txt", readFileSync("test/fixtures/reports-real/08_pingtan_haitan_2022.txt"));
  assert.equal(r08.status, "flagged");
  assert.deepEqual(r08.table_3!.new_received, [4, 0, 0, 0, 0, 0, 4]);
  assert.deepEqual(r08.table_3!.total_processed, [0, 0, 0, 0, 0, 0, 0]);
  const bal = r08.findings.find((f) => f.code === "identity_failed" && f.excerpt === "t3_balance" && f.column === "natural_person");
  assert.ok(bal, "t3_balance failure for 自然人");
  assert.equal(bal!.actual, 4);
  assert.equal(bal!.expected, 0);
  for (const file of ["test/fixtures/reports-real/15_pingtan_approval_2024.txt", "test/fixtures/reports-real/15_pingtan_approval_2024.html"]) {
    const r = await parseFile(file, readFileSync(file));
    assert.equal(r.table_4!.review_upheld, 1);
    assert.equal(r.table_4!.review_total, 0);
    const f = r.findings.find((x) => x.code === "identity_failed" && x.excerpt === "t4_review_total");
    assert.ok(f, `${file}: t4_review_total failure`);
    assert.deepEqual([f!.expected, f!.actual, f!.column], [1, 0, "review_total"]);
  }
});

test("the share of cells read exactly is reported", () => {
  console.log(`truth cells: ${totals.exact} exact, ${totals.explainedNull} null with a finding, ${totals.wrong.length} wrong`);
  assert.ok(totals.exact > 0);
});
