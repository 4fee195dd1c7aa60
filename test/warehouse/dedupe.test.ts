import { test } from "node:test";
import assert from "node:assert/strict";
import { createHash } from "node:crypto";
import type { ParseResult } from "../../data-loaders/report.ts";
import { dedupe } from "../../data-loaders/warehouse/dedupe.ts";
import { pq, put, query, report, runFake, tempWorkspace } from "./helpers.ts";

function result(file: string, spec: Record<string, unknown>, over: Partial<ParseResult> = {}): ParseResult {
  const json = JSON.stringify(spec);
  return {
    file, sha256: createHash("sha256").update(json + (over.sha256 ? "" : file)).digest("hex"), size: json.length,
    detected_type: file.endsWith(".html") ? "html" : "txt", layout: file.endsWith(".html") ? "html-table" : "flattened",
    status: "parsed", reason: null, format: "2021", title: null, agency: null, agency_normalized: null, level: null, region: null,
    year: null, published: null, table_2: null, table_2_units: {}, table_3: null, table_4: null, sections: {}, findings: [],
    ...(spec as Partial<ParseResult>), ...over,
  };
}

test("an html page and its txt copy give one record (the html) and a warning per disagreeing cell", async () => {
  const ws = tempWorkspace();
  const html = report("甲局", 2021);
  const txt = report("甲局", 2021);
  (txt.table_3 as Record<string, number[]>).granted = [1, 0, 0, 0, 0, 0, 7]; // glued digits misread in the txt
  (txt.table_4 as Record<string, number | null>).review_upheld = null;      // a blank in the copy
  put(ws.raw, "x/甲局.txt", txt);
  put(ws.raw, "y/甲局.html", html);
  await runFake(ws);
  const reps = await query(`SELECT path, report_id, is_record, duplicate_of, duplicate_reason, version_group FROM ${pq(ws.out, "reports")}`);
  const h = reps.find((r) => r.path === "y/甲局.html")!;
  const t = reps.find((r) => r.path === "x/甲局.txt")!;
  assert.equal(h.is_record, true);
  assert.equal(h.duplicate_of, null);
  assert.equal(t.is_record, false, "the txt copy is not the record even though it comes first in path order");
  assert.equal(t.duplicate_of, h.report_id);
  assert.equal(t.duplicate_reason, "same agency and year");
  assert.equal(t.version_group, null);
  const f = await query(`SELECT code, severity, table_name, row, "column", expected, actual FROM ${pq(ws.out, "findings")} WHERE path = 'x/甲局.txt'`);
  assert.deepEqual(f, [
    { code: "duplicate_disagrees", severity: "warning", table_name: "table_3", row: "granted", column: "total", expected: 1, actual: 7 },
    { code: "duplicate_less_complete", severity: "info", table_name: "table_4", row: null, column: "review_upheld", expected: 0, actual: null },
  ]);
  const cells = await query(`SELECT DISTINCT report_id FROM ${pq(ws.out, "table3_cells")}`);
  assert.deepEqual(cells, [{ report_id: h.report_id }], "cells of the record only");
});

test("files with identical bytes: the first is the record, the other is a copy with reason identical content", async () => {
  const ws = tempWorkspace();
  put(ws.raw, "a/same.txt", report("乙局", 2020));
  put(ws.raw, "b/same again.txt", report("乙局", 2020));
  await runFake(ws);
  const reps = await query(`SELECT path, sha256, report_id, is_record, duplicate_of, duplicate_reason FROM ${pq(ws.out, "reports")} ORDER BY path`);
  assert.equal(reps.length, 2);
  assert.equal(reps[0].sha256, reps[1].sha256);
  assert.notEqual(reps[0].report_id, reps[1].report_id, "report_id stays a key");
  assert.equal(reps[0].report_id, String(reps[0].sha256).slice(0, 16));
  assert.deepEqual([reps[0].is_record, reps[1].is_record], [true, false]);
  assert.equal(reps[1].duplicate_of, reps[0].report_id);
  assert.equal(reps[1].duplicate_reason, "identical content");
  // the copy: identical_content only (the narrative is mined, and its findings given, for the record only)
  const f = await query(`SELECT code FROM ${pq(ws.out, "findings")} WHERE path = 'b/same again.txt'`);
  assert.deepEqual(f, [{ code: "identical_content" }]);
  const rec = await query(`SELECT code FROM ${pq(ws.out, "findings")} WHERE path = 'a/same.txt' AND code NOT SIMILAR TO '(disclosure|problems|fee)_.*'`);
  assert.deepEqual(rec, []);
  const n = await query(`SELECT count(DISTINCT report_id)::INT n FROM ${pq(ws.out, "table3_cells")}`);
  assert.equal(n[0].n, 1);
});

test("two different versions of one report are both records with multiple_versions and one version_group", () => {
  const a = report("丙局", 2022);
  const b = report("丙局", 2022);
  const t3 = b.table_3 as Record<string, number[]>;
  for (const k of Object.keys(t3)) t3[k] = t3[k].map((v) => v + 5); // a corrected re-publication
  const c = report("丙局", 2022); // a txt copy of a
  const results = [result("v1.html", a), result("v2.html", b), result("v1.txt", c)];
  const d = dedupe(results);
  const [m1, m2, m3] = d.reports;
  assert.equal(m1!.is_record, true);
  assert.equal(m2!.is_record, true);
  assert.equal(m3!.is_record, false);
  assert.equal(m3!.duplicate_of, m1!.report_id);
  assert.ok(m1!.version_group && m1!.version_group === m2!.version_group && m3!.version_group === m1!.version_group);
  assert.deepEqual(d.extra[0].map((f) => [f.code, f.severity]), [["multiple_versions", "warning"]]);
  assert.match(d.extra[0][0].message, /v2\.html/);
  assert.deepEqual(d.extra[2], [], "the exact copy has nothing to report");
});

test("the record is chosen by source, then completeness, then findings, then path", () => {
  const full = report("丁局", 2021);
  const holes = report("丁局", 2021);
  (holes.table_3 as Record<string, (number | null)[]>).granted = [null, null, 0, 0, 0, 0, 1];
  const tabbed = result("c.txt", holes, { layout: "tab-cells" });
  const flat = result("a.txt", full, { layout: "flattened" });
  let d = dedupe([flat, tabbed]);
  assert.equal(d.reports[1]!.is_record, true, "txt with cell separators beats flattened txt despite holes");
  const fewer = result("b.txt", holes, { layout: "flattened" });
  d = dedupe([flat, fewer]);
  assert.equal(d.reports[0]!.is_record, true, "fewer null cells wins");
  const noisy = result("a.txt", full, { findings: [{ code: "x", severity: "warning", message: "", table: null, row: null, column: null, excerpt: null }] });
  const quiet = result("z.txt", full);
  d = dedupe([noisy, quiet]);
  assert.equal(d.reports[1]!.is_record, true, "fewer findings wins");
  d = dedupe([result("a.txt", full), result("b.txt", full)]);
  assert.equal(d.reports[0]!.is_record, true, "then path order");
});

test("not reports, rejected files and reports without agency or year are never grouped", () => {
  const r1 = result("a.txt", report("戊局", 2021), { status: "rejected" });
  const r2 = result("b.txt", report("戊局", 2021), { status: "not_report" });
  const r3 = result("c.txt", { ...report("戊局", 2021), year: null });
  const r4 = result("d.txt", { ...report("戊局", 2021), year: null });
  const d = dedupe([r1, r2, r3, r4]);
  assert.equal(d.reports[0], null);
  assert.equal(d.reports[1], null);
  assert.equal(d.reports[2]!.is_record, true);
  assert.equal(d.reports[3]!.is_record, true);
});

test("of two versions, the later publication date is named the newest", () => {
  const a = report("戊局", 2022);
  const b = report("戊局", 2022);
  const t3 = b.table_3 as Record<string, number[]>;
  for (const k of Object.keys(t3)) t3[k] = t3[k].map((v) => v + 5);
  const ra = { ...result("v1.html", a), published: "2023-01-20" };
  const rb = { ...result("v2.html", b), published: "2023-03-02" };
  const d = dedupe([ra, rb]);
  assert.match(d.extra[0][0].message, /superseded by v2\.html \(published 2023-03-02, this one 2023-01-20\)/);
  assert.equal(d.extra[0][0].excerpt, "superseded");
  assert.match(d.extra[1][0].message, /this is the newest/);
  const undated = dedupe([result("v1.html", a), result("v2.html", b)]);
  assert.match(undated.extra[0][0].message, /cannot be told/);
});
