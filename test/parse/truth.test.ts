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
import type { Finding } from "../../data-loaders/document.ts";
import type { ParseResult } from "../../data-loaders/report.ts";

const ROOTS = ["test/fixtures/reports-real", "test/fixtures/reports-sample"];
const T3 = ["natural_person", "commercial_enterprise", "research_institution", "social_welfare_org", "legal_service_org", "other_org", "total"];
const T4 = ["review_upheld", "review_corrected", "review_other_result", "review_pending", "review_total", "litigation_direct_upheld", "litigation_direct_corrected", "litigation_direct_other_result", "litigation_direct_pending", "litigation_direct_total", "litigation_after_review_upheld", "litigation_after_review_corrected", "litigation_after_review_other_result", "litigation_after_review_pending", "litigation_after_review_total"];

interface Truth { agency: string; year: number; format: string; table_2: Record<string, Record<string, number | null>>; table_3: Record<string, (number | null)[]>; table_4: (number | null)[] | null }

/** Why a cell is null, if the parser said so. */
function explained(r: ParseResult, table: string, row: string | null, column: string, truthRow: (number | null)[] | null, index: number): Finding | undefined {
  return r.findings.find((f) => f.table === table && f.severity !== "info" && (f.row === row || f.row === null) && (f.column === column || f.column === null) &&
    (!f.alternatives?.length || !truthRow || f.alternatives.some((a) => a[index] === truthRow[index])));
}

export interface Tally { exact: number; explainedNull: number; wrong: string[] }

export function compare(r: ParseResult, truth: Truth): Tally {
  const t: Tally = { exact: 0, explainedNull: 0, wrong: [] };
  const cell = (table: string, row: string | null, column: string, got: number | null | undefined, want: number | null, truthRow: (number | null)[] | null, index: number) => {
    if (got === want) return void t.exact++;
    if (got === null && explained(r, table, row, column, truthRow, index)) return void t.explainedNull++;
    t.wrong.push(`${table} ${row ?? ""} ${column}: got ${got} want ${want}`);
  };
  for (const [row, vals] of Object.entries(truth.table_3)) vals.forEach((v, i) => cell("table_3", row, T3[i], r.table_3?.[row]?.[i], v, vals, i));
  truth.table_4?.forEach((v, i) => cell("table_4", null, T4[i], r.table_4?.[T4[i]], v, truth.table_4, i));
  for (const [row, cols] of Object.entries(truth.table_2)) {
    const keys = Object.keys(cols);
    keys.forEach((c, i) => cell("table_2", row, c, r.table_2?.[row]?.[c], cols[c], keys.map((k) => cols[k]), i));
  }
  return t;
}

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
