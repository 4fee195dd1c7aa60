import { test } from "node:test";
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { CELL, ROW } from "../../data-loaders/document.ts";
import { extractHtml, tableRows } from "../../data-loaders/extract/html.ts";
import { cellsAfter, fixture, labelledNumbers, linesOf, numberRows, rowsOf } from "./helpers.ts";

const html = (s: string) => extractHtml(new TextEncoder().encode(s));
const page = (name: string) => extractHtml(fixture(name));
const truth = (n: string) => JSON.parse(readFileSync(new URL(`../fixtures/reports-real/truth/${n}.json`, import.meta.url), "utf8"));

// ---------------------------------------------------------------- real pages against the hand-checked truth

test("the 2024 approval-bureau page gives 28,0,0,0,0,0,28 after 一、本年新收政府信息公开申请数量", () => {
  assert.deepEqual(cellsAfter(page("reports-real/15_pingtan_approval_2024.html").value.text, "一、本年新收政府信息公开申请数量"), ["28", "0", "0", "0", "0", "0", "28"]);
});

for (const n of ["07_pingtan_jinjing_2020", "15_pingtan_approval_2024", "18_pingtan_gwoffice_2025"]) {
  test(`every table-3 and table-4 cell of page ${n.slice(0, 2)} equals the hand-checked truth, in order`, () => {
    const { value, findings } = page(`reports-real/${n}.html`);
    const t = truth(n);
    assert.equal(value.layout, "html-table");
    assert.deepEqual(findings, []);
    assert.deepEqual(labelledNumbers(value.text, 7), Object.values(t.table_3));
    assert.deepEqual(numberRows(value.text), [t.table_4]);
  });
}

test("the 2024 page's table 2 reads 15,6,21 normative documents and 3 licences", () => {
  const { text } = page("reports-real/15_pingtan_approval_2024.html").value;
  assert.deepEqual(cellsAfter(text, "行政规范性文件"), ["15", "6", "21"]);
  assert.deepEqual(cellsAfter(text, "行政许可"), ["3"]);
});

test("a label written one character per <p> stays one cell, joined by single spaces", () => {
  const rows = rowsOf(page("reports-real/15_pingtan_approval_2024.html").value.text);
  const row = rows.find((r) => r.includes("（一）予以公开"))!;
  assert.equal(row[0], "三 、 本 年 度 办 理 结 果");
  assert.deepEqual(row.slice(1), ["（一）予以公开", "18", "0", "0", "0", "0", "0", "18"]);
});

test("meta comes from ArticleTitle, PubDate and ContentSource", () => {
  assert.deepEqual(page("reports-real/15_pingtan_approval_2024.html").value.meta, {
    title: "平潭综合实验区行政审批局2024年政府信息公开工作年度报告", published: "2025-01-24", publisher: "区行政审批局",
  });
});

test("an empty ContentSource and an empty 来源： give no publisher rather than a wrong one", () => {
  assert.equal(page("reports-real/07_pingtan_jinjing_2020.html").value.meta.publisher, null);
});

// ---------------------------------------------------------------- spans

test("rowspan on value cells repeats each value into the rows it spans", () => {
  const rows = rowsOf(page("extract/rowspan-values.html").value.text);
  const zeros = ["0", "0", "0", "0", "0", "0", "0"];
  assert.deepEqual(rows[0], ["（六）其他处理", "1.申请人无正当理由逾期不补正、行政机关不再处理其政府信息公开申请", ...zeros]);
  assert.deepEqual(rows[1], ["（六）其他处理", "2.申请人逾期未按收费通知要求缴纳费用、行政机关不再处理其政府信息公开申请", ...zeros]);
  assert.deepEqual(rows[2], ["（六）其他处理", "3.其他", ...zeros]);
  assert.deepEqual(rows[3], ["（七）总计", "7", "0", "0", "0", "0", "0", "7"]);
});

test("a colspan cell is emitted once, and a rowspan+colspan cell once per row it spans", () => {
  const rows = rowsOf(page("extract/chrome-page.html").value.text);
  const note = "（本列数据的勾稽关系为：第一项加第二项之和，等于第三项加第四项之和）";
  assert.deepEqual(rows[0], [note, "申请人情况"]);
  assert.deepEqual(rows[1], [note, "自 然 人", "法人或其他组织", "总计"]);
  assert.deepEqual(rows[2], [note, "自 然 人", "商业 企业", "科研 机构", "社会公益组织", "法律服务机构", "其他", "总计"]);
});

test("a rowspan cell lands at its own column, between the row's cells", () => {
  const rows = tableRows([
    [{ text: "a", rowspan: 1, colspan: 1 }, { text: "B", rowspan: 2, colspan: 2 }, { text: "c", rowspan: 1, colspan: 1 }],
    [{ text: "d", rowspan: 1, colspan: 1 }, { text: "e", rowspan: 1, colspan: 1 }],
  ]).rows;
  assert.deepEqual(rows, [["a", "B", "c"], ["d", "B", "e"]]);
});

test("a rowspan longer than the table stops at the table's end", () => {
  const { text } = html("<table><tr><td rowspan=9>x</td><td>1</td></tr><tr><td>2</td></tr></table>").value;
  assert.equal(text, `x${CELL}1${CELL}${ROW}x${CELL}2${CELL}${ROW}\n`);
});

test("huge rowspans cannot blow a table up beyond a bounded size", () => {
  const r = html("<table>" + "<tr><td rowspan=100000 colspan=9999>x</td></tr>".repeat(1500) + "</table>");
  assert.ok(r.value.text.length < 2_000_000);
  assert.ok(r.findings.some((f) => f.code === "table_too_large"));
});

// ---------------------------------------------------------------- cell text

test("商业<br>企业 and padded labels stay one cell", () => {
  const rows = rowsOf(page("extract/chrome-page.html").value.text);
  assert.ok(rows[2].includes("商业 企业") && rows[2].includes("科研 机构") && rows[1].includes("自 然 人"));
});

test("&nbsp; and U+3000 around values are trimmed and an empty <p>&nbsp;</p> before a value adds nothing", () => {
  assert.deepEqual(cellsAfter(page("extract/chrome-page.html").value.text, "一、本年新收政府信息公开申请数量"), ["3", "1", "0", "0", "0", "0", "4"]);
});

test("a blank cell (&nbsp; or <br/>) stays an empty cell and never becomes 0", () => {
  assert.deepEqual(cellsAfter(page("extract/chrome-page.html").value.text, "二、上年结转政府信息公开申请数量"), ["0", "", "", "0", "0", "0", "0"]);
});

test("nested blocks inside a cell join with one space and digits in separate blocks are not glued", () => {
  const { text } = html("<table><tr><td><div>12</div><div>3</div></td><td><p>a</p>\n<p>b</p></td></tr></table>").value;
  assert.equal(text, `12 3${CELL}a b${CELL}${ROW}\n`);
});

// ---------------------------------------------------------------- page chrome and layout tables

test("script, style, noscript and iframe text never reaches the document", () => {
  const { text } = page("extract/chrome-page.html").value;
  for (const junk of ["99", "document.write", "display:inline", "请开启JavaScript", "分享框", "stats()"]) assert.ok(!text.includes(junk), junk);
});

test("a layout table around the report is not a data table: its inner table is", () => {
  const { text } = page("extract/chrome-page.html").value;
  const lines = linesOf(text);
  assert.ok(lines.includes("机构职能") && lines.includes("政策文件"), "navigation cells become paragraphs");
  assert.equal(rowsOf(text).length, 7);
  assert.ok(text.includes(`2022年，我局主动公开政府信息120条。\n三、收到和处理政府信息公开申请情况\n（本列数据`));
  assert.ok(text.includes(`${ROW}\n四、政府信息公开行政复议、行政诉讼情况\n`));
});

test("block elements end paragraphs and inline elements do not", () => {
  assert.equal(html("<div>一、总体情况</div><p>共<span>12</span>条<br>第二行</p>").value.text, "一、总体情况\n共12条\n第二行\n");
});

test("a page without meta tags takes its title from <title> and its date from 发布时间", () => {
  const { meta } = page("extract/gbk-page.html").value;
  assert.deepEqual(meta, { title: "示例县教育局2023年政府信息公开工作年度报告", published: "2024-01-15", publisher: null });
});

test("a <title> with a site suffix keeps only the report's name", () => {
  assert.equal(html("<title>某局2023年政府信息公开工作年度报告_年报_某市政府</title><p>x</p>").value.meta.title, "某局2023年政府信息公开工作年度报告");
});

// ---------------------------------------------------------------- encodings

test("a GBK page is decoded and its table read", () => {
  const r = page("extract/gbk-page.html");
  assert.deepEqual(r.findings, []);
  assert.deepEqual(cellsAfter(r.value.text, "行政规范性文件"), ["12", "3", "45"]);
});

test("a page declaring gb2312 is decoded and its table read", () => {
  assert.deepEqual(cellsAfter(page("extract/gb2312-page.html").value.text, "行政规范性文件"), ["12", "3", "45"]);
});

// ---------------------------------------------------------------- odd input

test("a page without any table says so and has layout none", () => {
  const r = html("<html><body><p>一、总体情况</p><p>无</p></body></html>");
  assert.equal(r.value.layout, "none");
  assert.equal(r.findings[0].code, "no_table");
});

test("an empty page is an error with empty text", () => {
  const r = html("<html><head><title>x</title></head><body> &nbsp; </body></html>");
  assert.equal(r.value.text, "");
  assert.equal(r.findings.at(-1)?.code, "empty_file");
  assert.equal(extractHtml(new Uint8Array(0)).findings[0].code, "empty_file");
});

test("200 000 nested <div>s neither overflow the stack nor take long", () => {
  const t0 = performance.now();
  const r = html("<div>".repeat(200_000) + "深层文本" + "</div>".repeat(200_000));
  assert.ok(performance.now() - t0 < 5000);
  assert.equal(r.value.text, "深层文本\n");
  assert.ok(r.findings.some((f) => f.code === "html_too_deep"));
});

test("tables nested 300 deep are layout tables around the innermost data table", () => {
  const r = html("<table><tr><td>".repeat(300) + "<table><tr><td>1</td><td>2</td></tr></table>" + "</td></tr></table>".repeat(300));
  assert.equal(r.value.text, `1${CELL}2${CELL}${ROW}\n`);
});

test("html extraction of a 150 KB real page takes a few milliseconds", () => {
  const b = fixture("reports-real/15_pingtan_approval_2024.html");
  for (let i = 0; i < 5; i++) extractHtml(b);
  const t0 = performance.now();
  for (let i = 0; i < 20; i++) extractHtml(b);
  const ms = (performance.now() - t0) / 20;
  assert.ok(ms < 25, `${ms.toFixed(1)} ms per page`);
});
