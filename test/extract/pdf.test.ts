import { test } from "node:test";
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { CELL, ROW } from "../../data-loaders/document.ts";
import { extractPdf } from "../../data-loaders/extract/pdf.ts";
import { isPageNumber, layoutPages, type PdfItem, type PdfPage, type PdfSeg } from "../../data-loaders/extract/pdf-layout.ts";
import { parseFile } from "../../data-loaders/parse-file.ts";
import { compare, truthOf } from "../parse/truth-compare.ts";
import { fixture, rowsOf } from "./helpers.ts";

const path = (name: string) => `test/fixtures/pdf/${name}`;
const parsePdf = (name: string) => parseFile(path(name), new Uint8Array(readFileSync(path(name))));

// ---------------------------------------------------------------- real reports printed by Chromium

for (const name of ["15_pingtan_approval_2024", "18_pingtan_gwoffice_2025", "07_pingtan_jinjing_2020"]) {
  test(`every table cell of ${name}.pdf reads exactly as the truth file says`, async () => {
    const r = await parsePdf(`${name}.pdf`);
    const truth = truthOf(name);
    assert.equal(r.detected_type, "pdf");
    assert.equal(r.layout, "pdf-positions");
    assert.equal(r.format, truth.format, "format");
    assert.equal(r.year, truth.year, "year");
    assert.equal(r.agency, truth.agency, "agency");
    const t = compare(r, truth);
    assert.deepEqual(t.wrong, []);
    assert.equal(t.explainedNull, 0, "no cell is left null");
    assert.ok(t.exact >= 198, `${t.exact} exact cells`);
  });
}

test("the PDF of 15 gives the same table rows as its HTML page", async () => {
  const squeeze = (text: string) => rowsOf(text).map((r) => r.map((c) => c.replace(/\s+/g, "")).join("|"));
  const pdf = await extractPdf(fixture("pdf/15_pingtan_approval_2024.pdf"));
  const { extract } = await import("../../data-loaders/extract/index.ts");
  const html = await extract("15.html", fixture("reports-real/15_pingtan_approval_2024.html"));
  assert.deepEqual(squeeze(pdf.value.text), squeeze(html.value.text));
});

test("a table running across page breaks is one table, its rowspan labels repeated on both sides of each break", async () => {
  const { text } = (await extractPdf(fixture("pdf/07_pingtan_jinjing_2020.pdf"))).value;
  const rows = rowsOf(text);
  const row = (label: string) => rows.find((r) => r.includes(label));
  // "三、本年度办理结果" is split "三、本年度办" / "理结果" by a page break, "（三）不予公开" too
  assert.deepEqual(row("2.其他法律行政法规禁止公开")?.slice(0, 2).map((c) => c.replace(/\s/g, "")), ["三、本年度办理结果", "（三）不予公开"]);
  assert.deepEqual(row("3.危及“三安全一稳定”")?.slice(0, 2).map((c) => c.replace(/\s/g, "")), ["三、本年度办理结果", "（三）不予公开"]);
  assert.deepEqual(row("（七）总计")?.map((c) => c.replace(/\s/g, "")), ["三、本年度办理结果", "（七）总计", "0", "0", "0", "0", "0", "0", "0"]);
  // the row split by a page break ("（二）部分公开（区分处理的，" / "只计这一情形，不计其他情形）") is one row
  assert.deepEqual(row("（二）部分公开（区分处理的，只计这一情形，不计其他情形）")?.slice(2), ["0", "0", "0", "0", "0", "0", "0"]);
  // table 3 is one block of rows: no paragraph between its first and its last row
  const t3 = text.split("\n").find((b) => b.includes("一、本年新收政府信息公开申请数量"))!;
  assert.ok(t3.includes("四、结转下年度继续办理"));
});

test("Chromium's header and footer (date, title, file URL, page N/M) are not in the text", async () => {
  const { text } = (await extractPdf(fixture("pdf/07_pingtan_jinjing_2020.pdf"))).value;
  assert.doesNotMatch(text, /file:\/\//);
  assert.doesNotMatch(text, /^\s*\d+\/\d+\s*$/m);
  assert.doesNotMatch(text, /\d{1,2}\/\d{1,2}\/\d{2}, \d{1,2}:\d{2}/);
  assert.equal(text.split("金井片区管理局2020年政府").length - 1, 1, "the title once, where the page prints it");
});

test("agency page numbers and a running header are dropped", async () => {
  const t15 = (await extractPdf(fixture("pdf/15_pingtan_approval_2024.pdf"))).value.text;
  assert.doesNotMatch(t15, /^- \d+ -$/m);
  const t18 = (await extractPdf(fixture("pdf/18_pingtan_gwoffice_2025.pdf"))).value.text;
  assert.doesNotMatch(t18, /第\d+页/);
  assert.doesNotMatch(t18, /^平潭综合实验区党工委管委会办公室$/m);
});

test("a PDF's meta title is read from its first lines", async () => {
  const r = await extractPdf(fixture("pdf/18_pingtan_gwoffice_2025.pdf"));
  assert.equal(r.value.meta.title, "平潭综合实验区管委会办公室2025年度政府信息公开工作年度报告");
  assert.equal(r.value.type, "pdf");
});

// ---------------------------------------------------------------- what cannot be read

for (const [name, code, reason] of [
  ["truncated.pdf", "corrupt_pdf", /truncated/],
  ["garbage-middle.pdf", "corrupt_pdf", /damaged: stream .* does not decompress/],
  ["not-a-pdf.pdf", "corrupt_pdf", /cannot be opened/],
  ["encrypted.pdf", "corrupt_pdf", /encrypted and needs a password/],
  ["scanned.pdf", "scanned_pdf", /no text layer.*OCR is not done/],
] as const) {
  test(`${name} is rejected with the reason: ${code}`, async () => {
    const r = await parsePdf(name);
    assert.equal(r.status, "rejected");
    assert.equal(r.detected_type, "pdf");
    assert.match(r.reason ?? "", reason);
    assert.deepEqual(r.findings.filter((f) => f.severity === "error").map((f) => f.code), [code]);
    assert.equal(r.table_3, null);
  });
}

test("only the first pages are read past the page cap, with a warning", async () => {
  const r = await extractPdf(fixture("pdf/07_pingtan_jinjing_2020.pdf"), { maxPages: 2 });
  assert.deepEqual(r.findings.filter((f) => f.severity !== "info").map((f) => [f.code, f.severity]), [["pdf_too_many_pages", "warning"]]);
  assert.match(r.findings[0].message, /has 9 pages; only the first 2 were read/);
  assert.ok(!r.value.text.includes("四、结转下年度继续办理"));
});

test("a PDF that takes longer than its time limit is an error, not a hang", async () => {
  const r = await extractPdf(fixture("pdf/15_pingtan_approval_2024.pdf"), { timeLimitMs: -1 });
  assert.equal(r.value.text, "");
  assert.deepEqual(r.findings.map((f) => f.code), ["pdf_time_limit"]);
});

test("an empty .pdf is an empty file", async () => {
  const r = await extractPdf(new Uint8Array(0));
  assert.deepEqual(r.findings.map((f) => f.code), ["empty_file"]);
});

// ---------------------------------------------------------------- layout rules on made-up pages

const item = (text: string, x: number, y: number, size = 10): PdfItem => ({ text, x, y, w: text.length * size * (/^[\x20-\x7e]+$/.test(text) ? 0.55 : 1), size });
const h = (y: number, x1: number, x2: number): PdfSeg => ({ x1, x2, y1: y, y2: y });
const v = (x: number, y1: number, y2: number): PdfSeg => ({ x1: x, x2: x, y1, y2 });
const page = (items: PdfItem[], segs: PdfSeg[] = []): PdfPage => ({ width: 600, height: 800, items, segs });
const rows = (pages: PdfPage[]) => rowsOf(layoutPages(pages).text);

/** A ruled grid: column edges xs, row edges ys, every line drawn. */
function grid(xs: number[], ys: number[]): PdfSeg[] {
  return [...ys.map((y) => h(y, xs[0], xs[xs.length - 1])), ...xs.map((x) => v(x, ys[0], ys[ys.length - 1]))];
}

test("a label wrapped over two lines inside a ruled cell is one cell", () => {
  const p = page([item("（二）部分公开（区分", 12, 115), item("处理的）", 12, 128), item("6", 210, 122), item("6", 260, 122)], grid([10, 200, 250, 300], [100, 140]));
  assert.deepEqual(rows([p]), [["（二）部分公开（区分处理的）", "6", "6"]]);
});

test("a cell spanning two rows is repeated into both rows; one spanning two columns is emitted once", () => {
  const segs = [h(100, 10, 300), h(120, 60, 300), h(140, 10, 300), h(160, 10, 300), v(10, 100, 160), v(60, 100, 140), v(250, 100, 160), v(300, 100, 160), v(200, 100, 140)];
  const p = page([item("结果", 12, 125), item("公开", 62, 113), item("1", 210, 113), item("1", 260, 113), item("不公开", 62, 133), item("2", 210, 133), item("2", 260, 133), item("总计", 12, 153), item("3", 260, 153)], segs);
  assert.deepEqual(rows([p]), [["结果", "公开", "1", "1"], ["结果", "不公开", "2", "2"], ["总计", "3"]]);
});

test("a row split by a page break becomes one row again, and a repeated header row is dropped", () => {
  const header = [item("项目", 12, 113), item("数量", 210, 113)];
  // page 1: header, one row, and the first line of a split row whose bottom is open
  const p1 = page([...header, item("甲", 12, 133), item("1", 210, 133), item("乙项很长的", 12, 153), item("2", 210, 153)],
    [h(100, 10, 300), h(120, 10, 300), h(140, 10, 300), v(10, 100, 160), v(200, 100, 160), v(300, 100, 160)]);
  // page 2: the header repeated (closed), then... no: the split row's end comes first, open at the top
  const p2 = page([item("标签", 12, 73), item("丙", 12, 93), item("3", 210, 93)], [h(80, 10, 300), h(100, 10, 300), v(10, 60, 100), v(200, 60, 100), v(300, 60, 100)]);
  assert.deepEqual(rows([p1, p2]), [["项目", "数量"], ["甲", "1"], ["乙项很长的标签", "2"], ["丙", "3"]]);
  const p3 = page([...header.map((i) => ({ ...i, y: i.y - 40 })), item("丙", 12, 93), item("3", 210, 93)], grid([10, 200, 300], [60, 80, 100]));
  const p1closed = page(p1.items, grid([10, 200, 300], [100, 120, 140, 160]));
  assert.deepEqual(rows([p1closed, p3]), [["项目", "数量"], ["甲", "1"], ["乙项很长的", "2"], ["丙", "3"]]);
});

test("a split row closed by lines on both sides still joins when its value columns are empty on the new page", () => {
  const p1 = page([item("（二）部分公开（区分", 12, 113), item("6", 210, 113)], grid([10, 200, 300], [100, 125]));
  const p2 = page([item("处理的）", 12, 73), item("（三）不予公开", 12, 93), item("0", 210, 93)], grid([10, 200, 300], [60, 80, 100]));
  assert.deepEqual(rows([p1, p2]), [["（二）部分公开（区分处理的）", "6"], ["（三）不予公开", "0"]]);
});

test("a running header and footer repeated on every page and page numbers are dropped", () => {
  const pages = [1, 2, 3].map((n) => page([item("某某局文件", 250, 40), item(`第${n}页`, 280, 780), item(`正文第${n}段开始，`, 70, 300), item("结束。", 50, 314)]));
  assert.equal(layoutPages(pages).text, "正文第1段开始，结束。\n正文第2段开始，结束。\n正文第3段开始，结束。\n");
  for (const s of ["- 3 -", "第 3 页", "3/8", "Page 3 of 8", "12", "第3页 共8页"]) assert.ok(isPageNumber(s), s);
  for (const s of ["2024年", "一、总体情况", "3件"]) assert.ok(!isPageNumber(s), s);
});

test("a number alone in the body of the page is kept: only the margins hold page numbers", () => {
  const p = page([item("申请数量", 50, 300), item("12", 50, 340)]);
  assert.equal(layoutPages([p]).text, "申请数量\n12\n");
});

test("lines of a paragraph wrapped at the right margin join; an indented line starts a new paragraph", () => {
  const p = page([item("一、总体情况", 70, 100), item("本机关全年主动公开政府信息一百二十条，", 50, 120), item("其中规范性文件五件。", 50, 135), item("二、主动公开政府信息情况", 70, 155)]);
  p.items[1].w = 500;
  assert.equal(layoutPages([p]).text, "一、总体情况\n本机关全年主动公开政府信息一百二十条，其中规范性文件五件。\n二、主动公开政府信息情况\n");
});

test("a table without ruling lines: columns from the gutters, a wrapped label joins the row of its values", () => {
  const p = page([
    item("一、本年新收申请数量", 20, 100), item("5", 300, 100), item("0", 350, 100), item("5", 400, 100),
    item("（二）部分公开（区分处理的，", 20, 120), item("只计这一情形）", 20, 135), item("2", 300, 127), item("0", 350, 127), item("2", 400, 127),
    item("四、结转下年度继续办理", 20, 155), item("0", 300, 155), item("0", 350, 155), item("0", 400, 155),
  ]);
  const r = layoutPages([p]);
  assert.equal(r.rulelessTables, 1);
  assert.deepEqual(rowsOf(r.text), [
    ["一、本年新收申请数量", "5", "0", "5"],
    ["（二）部分公开（区分处理的，只计这一情形）", "2", "0", "2"],
    ["四、结转下年度继续办理", "0", "0", "0"],
  ]);
});

test("cell text never holds the document's own delimiters", () => {
  const p = page([item(`a${CELL}b${ROW}c`, 12, 113), item("1", 210, 113)], grid([10, 200, 300], [100, 125]));
  assert.deepEqual(rows([p]), [["a b c", "1"]]);
});
