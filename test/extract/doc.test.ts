import { test } from "node:test";
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { CELL, ROW } from "../../data-loaders/document.ts";
import { docTextToDelimited, extractDoc } from "../../data-loaders/extract/doc.ts";
import { parseFile } from "../../data-loaders/parse-file.ts";
import { compare, truthOf } from "../parse/truth-compare.ts";
import { cellsAfter, fixture, rowsOf } from "./helpers.ts";

const DOC = "test/fixtures/doc/15_pingtan_approval_2024.doc";

test("every table cell of 15's Word 97 .doc reads exactly as the truth file says", async () => {
  const r = await parseFile(DOC, new Uint8Array(readFileSync(DOC)));
  const truth = truthOf("15_pingtan_approval_2024");
  assert.equal(r.detected_type, "doc");
  assert.equal(r.layout, "doc-text");
  assert.equal(r.format, truth.format);
  assert.equal(r.year, truth.year);
  assert.equal(r.agency, truth.agency);
  const t = compare(r, truth);
  assert.deepEqual(t.wrong, []);
  assert.equal(t.explainedNull, 0);
  assert.equal(t.exact, 200);
});

test("Word's cell and row marks become cells and rows, blank merged cells included", async () => {
  const { value, findings } = await extractDoc(fixture("doc/15_pingtan_approval_2024.doc"));
  assert.deepEqual(findings, []);
  assert.equal(value.meta.title, "平潭综合实验区行政审批局2024年政府信息公开工作年度报告");
  const rows = rowsOf(value.text);
  assert.deepEqual(cellsAfter(value.text, "一、本年新收政府信息公开申请数量"), ["28", "0", "0", "0", "0", "0", "28"]);
  // a paragraph break inside a cell is a space, not a new row
  assert.deepEqual(rows.find((r) => r.includes("自 然 人")), ["", "自 然 人", "法人或其他组织", "总计"]);
  // a vertically merged cell continues as a blank cell in the rows below it
  assert.deepEqual(rows.find((r) => r.includes("2.重复申请")), ["", "", "2.重复申请", "0", "0", "0", "0", "0", "0", "0"]);
  assert.deepEqual(rows.find((r) => r[0] === "1"), ["1", ...Array(14).fill("0")]);
});

test("raw Word text: cell marks end cells, row marks end rows, fields keep their result", () => {
  const raw = "标题\r\u0013 HYPERLINK \"x\" \u0014链接\u0015文字\ra\u0001b\u0007\u0007\u001Ec\u0007d\u0007\u001E后文\r";
  const { text, rows } = docTextToDelimited(raw);
  assert.equal(rows, 2);
  assert.equal(text, `标题\n链接文字\na b${CELL}${CELL}${ROW}c${CELL}d${CELL}${ROW}\n后文\n`);
});

test("a truncated .doc is rejected as corrupt", async () => {
  const r = await parseFile("test/fixtures/doc/truncated.doc", new Uint8Array(readFileSync("test/fixtures/doc/truncated.doc")));
  assert.equal(r.status, "rejected");
  assert.deepEqual(r.findings.map((f) => f.code), ["corrupt_doc"]);
  assert.match(r.reason ?? "", /could not read the \.doc/);
});

test("an OLE2 file that is not a Word document is corrupt_doc, and odd sizes are truncation", async () => {
  const ole = new Uint8Array(1536);
  ole.set([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1]);
  assert.deepEqual((await extractDoc(ole)).findings.map((f) => f.code), ["corrupt_doc"]);
  const odd = fixture("doc/15_pingtan_approval_2024.doc").subarray(0, 10000);
  const r = await extractDoc(odd);
  assert.deepEqual(r.findings.map((f) => f.code), ["corrupt_doc"]);
  assert.match(r.findings[0].message, /truncated/);
});

test("RTF saved with a .doc name is named as RTF, not read as garbage", async () => {
  const r = await parseFile("report.doc", new TextEncoder().encode("{\\rtf1\\ansi\\ansicpg936 {\\fonttbl} hello}"));
  assert.equal(r.status, "rejected");
  assert.deepEqual(r.findings.map((f) => f.code), ["rtf_not_read"]);
});
