import { test } from "node:test";
import assert from "node:assert/strict";
import { readdirSync, readFileSync, statSync } from "node:fs";
import { join } from "node:path";
import schema from "../../data-loaders/format/schema.json" with { type: "json" };
import { pq, put, query, report, runFake, tempWorkspace } from "./helpers.ts";

function sampleCorpus(raw: string): void {
  put(raw, "a/甲局2021.html", report("甲局", 2021));
  put(raw, "a/甲局2021.txt", report("甲局", 2021, { layout: "flattened" }));
  put(raw, "b/乙局 2020.txt", report("乙局", 2020, { format: "2019", findings: [{ code: "t3_balance", severity: "error", message: "m", table: "table_3", row: null, column: "total", excerpt: "x", expected: 3, actual: 4, alternatives: [[1, null], [2]] }] }));
  put(raw, "c/not.txt", "just a letter");
  put(raw, "c/crash.txt", { crash: "throw" });
}

test("two runs over the same files give byte-identical parquet files", async () => {
  const ws = tempWorkspace();
  sampleCorpus(ws.raw);
  await runFake(ws);
  const out2 = join(ws.dir, "out2");
  await runFake({ ...ws, out: out2 }, { force: true });
  const files = (dir: string): string[] => readdirSync(dir, { recursive: true }).map(String).filter((n) => !n.split("/").some((p) => p.startsWith(".")) && statSync(join(dir, n)).isFile()).sort();
  const names = files(ws.out);
  assert.ok(names.includes("reports.parquet") && names.includes("DATA_DICTIONARY.md"));
  assert.equal(names.filter((n) => !n.includes("/")).length, 16); // 15 tables (9 + 6 narrative) + DATA_DICTIONARY.md
  assert.ok(names.some((n) => n.startsWith("by_year/table3_cells/year=")), "year-partitioned copy");
  assert.deepEqual(files(out2), names);
  for (const n of names) assert.equal(readFileSync(join(ws.out, n)).toString("base64"), readFileSync(join(out2, n)).toString("base64"), `${n} differs between runs`);
});

test("a null cell stays NULL in parquet, in the cell tables and in the wide columns, and zeros stay 0", async () => {
  const ws = tempWorkspace();
  const r = report("丙局", 2022);
  (r.table_3 as Record<string, (number | null)[]>).new_received = [2, null, 0, 0, 0, 0, null];
  (r.table_4 as Record<string, number | null>).litigation_after_review_total = null;
  (r.table_2 as Record<string, Record<string, number | null>>)["art20_1_normative_documents/regulations"].repealed = null;
  put(ws.raw, "c.txt", r);
  await runFake(ws);
  const t3 = await query(`SELECT "column", value FROM ${pq(ws.out, "table3_cells")} WHERE row = 'new_received'`);
  assert.deepEqual(t3.map((x) => x.value), [2, null, 0, 0, 0, 0, null]);
  const t2 = await query(`SELECT value FROM ${pq(ws.out, "table2_cells")} WHERE "column" = 'repealed'`);
  assert.deepEqual(t2, [{ value: null }]);
  const rep = await query(`SELECT new_received_total, carried_over_total, review_total, litigation_total, published, year FROM ${pq(ws.out, "reports")}`);
  assert.equal(rep[0].new_received_total, null);
  assert.equal(rep[0].carried_over_total, 1);
  assert.equal(rep[0].review_total, 1);
  assert.equal(rep[0].litigation_total, null, "one of the two litigation totals is missing");
  assert.equal(rep[0].year, 2022);
  assert.equal((rep[0].published as Date).toISOString().slice(0, 10), "2023-01-20");
});

test("files, reports and findings hold every file with its status, reason and findings", async () => {
  const ws = tempWorkspace();
  sampleCorpus(ws.raw);
  await runFake(ws);
  const files = await query(`SELECT path, status, reason, report_id, n_findings::INT n FROM ${pq(ws.out, "files")}`);
  assert.deepEqual(files.map((f) => f.path), ["a/甲局2021.html", "a/甲局2021.txt", "b/乙局 2020.txt", "c/crash.txt", "c/not.txt"]);
  const crash = files.find((f) => f.path === "c/crash.txt")!;
  assert.equal(crash.status, "rejected");
  assert.match(String(crash.reason), /boom/);
  assert.equal(crash.report_id, null);
  const f = await query(`SELECT * FROM ${pq(ws.out, "findings")} WHERE code = 't3_balance'`);
  assert.equal(f.length, 1);
  assert.equal(f[0].path, "b/乙局 2020.txt");
  assert.equal(f[0].expected, 3);
  assert.equal(f[0].actual, 4);
  assert.equal(f[0].table_name, "table_3");
  assert.deepEqual(JSON.parse(String(f[0].alternatives)), [[1, null], [2]]);
  const rep = await query(`SELECT n_identity_failures::INT n, format FROM ${pq(ws.out, "reports")} WHERE path = 'b/乙局 2020.txt'`);
  assert.deepEqual(rep, [{ n: 1, format: "2019" }]);
  const sec = await query(`SELECT section, section_zh, text FROM ${pq(ws.out, "sections")} ORDER BY text`);
  assert.equal(sec.length, 2, "records only: the txt copy of 甲局 has no sections rows");
  assert.equal(sec[0].section_zh, schema.sections.find((s) => s.key === "overview")!.zh);
});

test("labels and the data dictionary take their Chinese from schema.json", async () => {
  const ws = tempWorkspace();
  put(ws.raw, "a.txt", report("甲局", 2021));
  await runFake(ws);
  const labels = await query(`SELECT kind, key, zh, zh_full, en, parent FROM ${pq(ws.out, "labels")}`);
  const row = schema.tables.table_3.rows.find((r) => r.key === "denied_state_secret")!;
  assert.deepEqual(labels.find((l) => l.kind === "table_3_row" && l.key === "denied_state_secret"),
    { kind: "table_3_row", key: "denied_state_secret", zh: row.zh, zh_full: row.zh, en: row.en, parent: "denied_header" });
  const t4 = schema.tables.table_4.columns.find((c) => c.key === "litigation_direct_total")!;
  assert.equal(labels.find((l) => l.kind === "table_4_column" && l.key === t4.key)!.zh_full, t4.zh_path.join(" / "));
  const sub = schema.tables.table_2_2019.subtables[0];
  assert.equal(labels.find((l) => l.kind === "table_2_2019_column" && l.parent === sub.key && l.key === sub.columns[0].key)!.zh, sub.columns[0].zh);
  assert.equal(labels.filter((l) => l.kind === "section").length, schema.sections.length);

  const dict = await query(`SELECT * FROM ${pq(ws.out, "data_dictionary")}`);
  const nr = dict.find((d) => d.table_name === "reports" && d.column === "new_received_total")!;
  assert.ok(String(nr.label_zh).startsWith(schema.tables.table_3.rows.find((r) => r.key === "new_received")!.zh));
  for (const t of ["files", "reports", "table2_cells", "table3_cells", "table4_cells", "findings", "sections", "labels", "data_dictionary"]) {
    const cols = await query(`SELECT column_name FROM (DESCRIBE SELECT * FROM ${pq(ws.out, t)})`);
    assert.deepEqual(cols.map((c) => c.column_name), dict.filter((d) => d.table_name === t).map((d) => d.column), `dictionary covers ${t}`);
  }
  const md = readFileSync(join(ws.out, "DATA_DICTIONARY.md"), "utf8");
  assert.match(md, /## table3_cells/);
  assert.ok(md.includes(row.zh));
});

test("by_year holds each partitioned table's rows, in the flat file's order, under the year of their report", async () => {
  const ws = tempWorkspace();
  // interleave years in path order, so that a partition's rows are not one run of the flat file
  for (let i = 0; i < 12; i++) put(ws.raw, `p/${String(i).padStart(2, "0")}.txt`, report(`机关${i}`, 2019 + (i % 3)));
  put(ws.raw, "q/no-year.txt", report("无年局", 2021, { year: null }));
  put(ws.raw, "q/crash.txt", { crash: "throw" });
  await runFake(ws);
  for (const t of ["reports", "table2_cells", "table3_cells", "table4_cells", "findings", "sections"]) {
    const flat = await query(`SELECT to_json(f)::VARCHAR AS j, r.year FROM (SELECT * EXCLUDE (file_row_number), file_row_number FROM read_parquet('${ws.out}/${t}.parquet', file_row_number = true)) f
      LEFT JOIN (SELECT report_id AS rid, year FROM read_parquet('${ws.out}/reports.parquet')) r ON f.report_id = r.rid ORDER BY f.file_row_number`);
    const parts = await query(`SELECT to_json(p)::VARCHAR AS j, year FROM read_parquet('${ws.out}/by_year/${t}/*/*.parquet', hive_partitioning = true, filename = true, file_row_number = true) p ORDER BY filename, file_row_number`);
    assert.ok(flat.length > 0, `${t} has rows`);
    const strip = (j: unknown) => { const o = JSON.parse(String(j)); delete o.year; delete o.file_row_number; delete o.filename; return JSON.stringify(o); };
    const years = [...new Set(flat.map((r) => r.year))].sort((a, b) => (a === null ? 1 : b === null ? -1 : Number(a) - Number(b)));
    const expected = years.flatMap((y) => flat.filter((r) => r.year === y).map((r) => [y === null ? null : Number(y), strip(r.j)]));
    assert.deepEqual(parts.map((r) => [r.year === null ? null : Number(r.year), strip(r.j)]), expected, `${t}: by_year differs from the flat file`);
  }
  const folders = readdirSync(join(ws.out, "by_year/findings")).sort();
  assert.deepEqual(folders, ["year=2019", "year=2020", "year=2021", "year=__HIVE_DEFAULT_PARTITION__"], "the crashed file's finding has no report, hence no year");
});
