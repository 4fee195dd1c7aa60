/** Every kind of input gets a clear status and reason, and the run goes on. */
import { test } from "node:test";
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { parseFile } from "../../data-loaders/parse-file.ts";

const parse = (file: string) => parseFile(file, readFileSync(file));

test("a 2019-format report is read as the 2019 trial format with its procurement item", async () => {
  const r = await parse("test/fixtures/reports-real/01_pingtan_econdev_2019.txt");
  assert.equal(r.status, "parsed");
  assert.equal(r.format, "2019");
  assert.deepEqual(r.table_2!["art20_5_licensing/licensing"], { items_last_year: 17, items_change: 0, decisions: 2 });
  assert.deepEqual(r.table_2!["art20_9_procurement/centralized_procurement"], { projects: 0, total_amount: 0 });
  assert.deepEqual(r.table_3!.other_total, [0, 0, 0, 0, 0, 0, 0]);
  assert.equal(r.table_3!.other_no_correction, undefined);
});

test("a pre-2019 report has no tables and no zeros, and says why", async () => {
  for (const file of ["test/fixtures/reports-real/19_pingtan_zone_2017.txt", "test/fixtures/reports-real/20_pingtan_education_2011.txt"]) {
    const r = await parse(file);
    assert.equal(r.status, "pre2019", file);
    assert.equal(r.format, "pre2019");
    assert.equal(r.table_3, null);
    assert.equal(r.table_4, null);
    assert.equal(r.table_2, null);
    assert.ok(r.findings.some((f) => f.code === "pre2019_no_standard_table"));
    assert.match(r.reason!, /pre-2019/);
  }
});

test("documents that are not annual reports are classified, not forced into the schema", async () => {
  for (const file of ["test/fixtures/status/cover-letter-only.txt", "test/fixtures/status/work-summary.txt"]) {
    const r = await parse(file);
    assert.equal(r.status, "not_report", file);
    assert.equal(r.table_3, null);
    assert.match(r.reason!, /not an annual report/);
  }
});

test("a report wrapped in a cover letter is still a report, with its agency and year", async () => {
  const r = await parse("test/fixtures/status/report-in-cover-letter.txt");
  assert.equal(r.format, "2021");
  assert.equal(r.agency, "平潭综合实验区行政审批局");
  assert.equal(r.year, 2024);
  assert.deepEqual(r.table_3!.new_received, [28, 0, 0, 0, 0, 0, 28]);
});

test("the six sections are cut at their headings", async () => {
  const r = await parse("test/fixtures/reports-real/15_pingtan_approval_2024.txt");
  assert.deepEqual(Object.keys(r.sections), ["overview", "proactive_disclosure", "requests", "review_litigation", "problems_improvements", "other_matters"]);
  assert.match(r.sections.overview!, /^2024年，区行政审批局坚持/);
  assert.match(r.sections.problems_improvements!, /部分工作人员对公开属性把握不准确/);
  assert.match(r.sections.other_matters!, /本年度没有产生信息公开处理费/);
});

test("identity: agency as printed, normalized, level, region, year, publication date", async () => {
  const r = await parse("test/fixtures/reports-sample/000_0492d4f23311c1f9.txt");
  assert.equal(r.agency, "重庆市大足区国梁镇人民政府");
  assert.equal(r.level, "township");
  assert.equal(r.region, "重庆市大足区");
  assert.equal(r.year, 2024);
  const p = await parse("test/fixtures/reports-real/15_pingtan_approval_2024.txt");
  assert.equal(p.published, "2025-01-24");
  assert.equal(p.level, "department");
});

test("a heading variant recorded in the catalogue is found (五、存在的主要问题及明年工作计划)", async () => {
  const r = await parse("test/fixtures/reports-real/16_pingtan_police_2024.txt");
  assert.ok(r.sections.problems_improvements, "section 五 found");
  assert.ok(r.sections.other_matters, "section 六 found");
});
