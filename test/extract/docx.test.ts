import { test } from "node:test";
import assert from "node:assert/strict";
import JSZip from "jszip";
import { extractDocx } from "../../data-loaders/extract/docx.ts";
import { readZipDirectory } from "../../data-loaders/extract/zip.ts";
import { cellsAfter, fixture, rowsOf } from "./helpers.ts";

const docx = () => fixture("extract/report-table.docx");

/** A copy of the fixture with `field` (20 compressed, 24 uncompressed) of word/document.xml's directory entry set to `value`. */
function patched(field: 20 | 24, value: number): Uint8Array {
  const b = docx().slice();
  const view = new DataView(b.buffer, b.byteOffset, b.byteLength);
  for (let i = 0; i + 46 < b.length; i++) {
    if (view.getUint32(i, true) !== 0x02014b50) continue;
    const name = new TextDecoder().decode(b.subarray(i + 46, i + 46 + view.getUint16(i + 28, true)));
    if (name === "word/document.xml") view.setUint32(i + field, value, true);
  }
  return b;
}

test("a docx table comes out in rows and cells, with its merged cells", async () => {
  const r = await extractDocx(docx());
  assert.deepEqual(r.findings, []);
  assert.equal(r.value.type, "docx");
  assert.equal(r.value.layout, "html-table");
  assert.equal(r.value.meta.title, "测试局2024年政府信息公开工作年度报告");
  assert.deepEqual(cellsAfter(r.value.text, "一、本年新收政府信息公开申请数量"), ["5", "0", "0", "0", "0", "0", "5"]);
});

test("a gridSpan cell is emitted once and a vMerge cell is repeated into the rows it spans", async () => {
  const rows = rowsOf((await extractDocx(docx())).value.text);
  const note = "（本列数据的勾稽关系为：第一项加第二项之和，等于第三项加第四项之和）";
  assert.deepEqual(rows[0], [note, "申请人情况"]);
  assert.deepEqual(rows[1], [note, "自然人", "法人或其他组织", "总计"]);
  assert.deepEqual(rows[2], [note, "自然人", "商业 企业", "科研机构", "社会公益组织", "法律服务机构", "其他", "总计"]);
});

test("values merged down three rows repeat in each of those rows", async () => {
  const rows = rowsOf((await extractDocx(docx())).value.text);
  const values = ["2", "0", "0", "0", "0", "0", "2"];
  assert.deepEqual(rows[5], ["三、本年度办理结果", "（六）其他处理", "1.申请人无正当理由逾期不补正、行政机关不再处理其政府信息公开申请", ...values]);
  assert.deepEqual(rows[6].slice(2), ["2.申请人逾期未按收费通知要求缴纳费用、行政机关不再处理其政府信息公开申请", ...values]);
  assert.deepEqual(rows[7], ["三、本年度办理结果", "（六）其他处理", "3.其他", ...values]);
});

test("a blank docx cell stays empty and is not read as 0", async () => {
  const { text } = (await extractDocx(docx())).value;
  assert.deepEqual(cellsAfter(text, "二、上年结转政府信息公开申请数量"), ["1", "", "0", "0", "0", "0", "1"]);
});

test("a truncated docx is an error finding with empty text, not a throw", async () => {
  const r = await extractDocx(fixture("extract/report-table-truncated.docx"));
  assert.equal(r.value.text, "");
  assert.deepEqual(r.findings.map((f) => [f.code, f.severity]), [["truncated_docx", "error"]]);
});

test("bytes that are not a zip are a corrupt docx", async () => {
  const r = await extractDocx(fixture("extract/junk.html"));
  assert.deepEqual(r.findings.map((f) => f.code), ["corrupt_docx"]);
});

test("a zip without word/document.xml is a corrupt docx", async () => {
  const zip = new JSZip();
  zip.file("xl/workbook.xml", "<workbook/>");
  const r = await extractDocx(await zip.generateAsync({ type: "uint8array" }));
  assert.equal(r.findings[0].code, "corrupt_docx");
});

test("a docx declaring more than 200 MB unpacked is refused before unzipping", async () => {
  const r = await extractDocx(patched(24, 300 * 1024 * 1024));
  assert.deepEqual(r.findings.map((f) => [f.code, f.severity]), [["docx_too_large", "error"]]);
  assert.equal(r.value.text, "");
});

test("a docx that would unpack to more than 100 times its size is refused as a zip bomb", async () => {
  const r = await extractDocx(patched(24, 50 * 1024 * 1024));
  assert.equal(r.findings[0].code, "docx_too_large");
  assert.match(r.findings[0].message, /zip bomb/);
});

test("a docx whose entry inflates beyond its declared size is refused", async () => {
  const r = await extractDocx(patched(24, 100));
  assert.equal(r.findings[0].code, "docx_too_large");
});

test("the central directory lists the package's parts with their sizes", () => {
  const dir = readZipDirectory(docx());
  assert.ok(dir.ok);
  const files = dir.entries.filter((e) => !e.name.endsWith("/"));
  assert.deepEqual(files.map((e) => e.name).sort(), ["[Content_Types].xml", "_rels/.rels", "word/document.xml"]);
  assert.ok(files.every((e) => e.uncompressed > 0 && e.compressed > 0));
});

test("an empty docx file is an empty file", async () => {
  assert.equal((await extractDocx(new Uint8Array(0))).findings[0].code, "empty_file");
});
