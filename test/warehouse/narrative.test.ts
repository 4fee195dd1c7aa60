/**
 * The narrative tables of the warehouse, from real reports (test/fixtures/reports-real) parsed by the
 * real parser: values read back from the Parquet files with @duckdb/node-api.
 */
import { before, test } from "node:test";
import assert from "node:assert/strict";
import { copyFileSync } from "node:fs";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { runWarehouse } from "../../data-loaders/warehouse/run.ts";
import { pq, query, tempWorkspace } from "./helpers.ts";

const REAL = fileURLToPath(new URL("../fixtures/reports-real/", import.meta.url));
const FILES = ["01_pingtan_econdev_2019.txt", "05_pingtan_haitan_2019.txt", "15_pingtan_approval_2024.txt", "18_pingtan_gwoffice_2025.txt"];

const ws = tempWorkspace();
const id: Record<string, string> = {};

before(async () => {
  for (const f of FILES) copyFileSync(join(REAL, f), join(ws.raw, f));
  await runWarehouse({ raw: ws.raw, out: ws.out, cacheDir: ws.cache, jobs: 2 });
  for (const r of await query(`SELECT path, report_id FROM ${pq(ws.out, "reports")} WHERE is_record`)) id[String(r.path).slice(0, 2)] = String(r.report_id);
  assert.deepEqual(Object.keys(id).sort(), ["01", "05", "15", "18"], "every fixture is a report of record");
});

test("18: the narrative's 34 requests against the table's 32 is a finding narrative_disagrees with the report's id", async () => {
  const f = await query(`SELECT report_id, path, severity, expected, actual, message FROM ${pq(ws.out, "findings")} WHERE code = 'narrative_disagrees' AND report_id = '${id["18"]}'`);
  const received = f.find((x) => x.actual === 34);
  assert.ok(received, `no narrative_disagrees for 34 requests in ${JSON.stringify(f)}`);
  assert.equal(received.expected, 32);
  assert.equal(received.path, "18_pingtan_gwoffice_2025.txt");
  assert.match(String(received.message), /34.*32/);
  const checks = await query(`SELECT narrative_value, table_value, agrees FROM ${pq(ws.out, "narrative_checks")} WHERE report_id = '${id["18"]}' AND "check" = 'requests_received'`);
  assert.deepEqual(checks, [{ narrative_value: 34, table_value: 32, agrees: false }]);
  const n = await query(`SELECT n_findings::INT n FROM ${pq(ws.out, "files")} WHERE report_id = '${id["18"]}'`);
  const all = await query(`SELECT count(*)::INT n FROM ${pq(ws.out, "findings")} WHERE report_id = '${id["18"]}'`);
  assert.equal(n[0].n, all[0].n, "files.n_findings counts the narrative findings too");
});

test("15: proactive disclosure total 310 with the sentence it was read from", async () => {
  const t = await query(`SELECT value, approximate, unit, sentence FROM ${pq(ws.out, "disclosure_volumes")} WHERE report_id = '${id["15"]}' AND kind = 'total'`);
  assert.equal(t.length, 1);
  assert.equal(t[0].value, 310);
  assert.equal(t[0].approximate, false);
  assert.equal(t[0].unit, "条");
  assert.match(String(t[0].sentence), /主动公开政府信息310条/);
});

test("01 and 05 (2019): the copied statements are recycled pairs of the same year", async () => {
  const p = await query(`SELECT report_a, report_b, section_kind, item_a, item_b, similarity, scope FROM ${pq(ws.out, "recycled_pairs")}`);
  assert.ok(p.length >= 1);
  for (const x of p) {
    assert.deepEqual([x.report_a, x.report_b].sort(), [id["01"], id["05"]].sort());
    assert.equal(x.scope, "same_year");
    assert.ok((x.similarity as number) >= 0.5);
  }
  assert.ok(p.some((x) => x.section_kind === "problem" && x.similarity === 1), "the problem statement 监督保障机制欠缺 copied word for word");
  // each pair joins to its two statements
  const texts = await query(`SELECT a.text ta, b.text tb FROM ${pq(ws.out, "recycled_pairs")} r
    JOIN ${pq(ws.out, "problem_items")} a ON a.report_id = r.report_a AND a.section_kind = r.section_kind AND a.ordinal = r.item_a
    JOIN ${pq(ws.out, "problem_items")} b ON b.report_id = r.report_b AND b.section_kind = r.section_kind AND b.ordinal = r.item_b`);
  assert.equal(texts.length, p.length);
  assert.ok(texts.some((x) => String(x.ta).includes("监督保障机制欠缺") && String(x.tb).includes("监督保障机制欠缺")));
});

test("15: problem items with themes, theme labels in labels, fee status none", async () => {
  const items = await query(`SELECT section_kind, ordinal, themes, matched_words FROM ${pq(ws.out, "problem_items")} WHERE report_id = '${id["15"]}' ORDER BY section_kind, ordinal`);
  assert.equal(items.length, 5);
  assert.ok(items.some((x) => x.section_kind === "problem") && items.some((x) => x.section_kind === "improvement"));
  assert.ok(items.every((x) => String(x.themes).length > 0), "every item of 15 has a theme");
  for (const x of items) assert.deepEqual(Object.keys(JSON.parse(String(x.matched_words))), String(x.themes).split(","));
  const labels = await query(`SELECT key, zh, en FROM ${pq(ws.out, "labels")} WHERE kind = 'theme'`);
  const keys = new Set(labels.map((l) => l.key));
  for (const x of items) for (const k of String(x.themes).split(",")) assert.ok(keys.has(k), `theme ${k} has a label`);
  assert.deepEqual(labels.find((l) => l.key === "timeliness"), { key: "timeliness", zh: "及时性", en: "Timeliness" });
  const fees = await query(`SELECT status, amount FROM ${pq(ws.out, "fees")} WHERE report_id = '${id["15"]}'`);
  assert.deepEqual(fees, [{ status: "none", amount: 0 }]);
});

test("the narrative tables are in the data dictionary", async () => {
  const d = await query(`SELECT table_name, count(*)::INT n FROM ${pq(ws.out, "data_dictionary")} WHERE table_name IN ('disclosure_volumes', 'problem_items', 'fees', 'stated_numbers', 'narrative_checks', 'recycled_pairs') GROUP BY 1 ORDER BY 1`);
  assert.deepEqual(d.map((x) => x.table_name), ["disclosure_volumes", "fees", "narrative_checks", "problem_items", "recycled_pairs", "stated_numbers"]);
});
