import { test } from "node:test";
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { CELL, ROW } from "../../data-loaders/document.ts";
import { detectTxtLayout, extractTxt } from "../../data-loaders/extract/txt.ts";
import { cellsAfter, fixture, linesOf, rowsOf } from "./helpers.ts";

const txt = (s: string) => extractTxt(new TextEncoder().encode(s));
const sample = (id: string) => extractTxt(fixture(`reports-sample/${id}`));
const SEVEN_ZEROS = ["0", "0", "0", "0", "0", "0", "0"];

// ---------------------------------------------------------------- tab-cells

test("the tab-led sample reports are read as tab-cells", () => {
  for (const id of ["000_0492d4f23311c1f9.txt", "002_50c134b5e3010c10.txt", "004_d117153218135174.txt"]) {
    assert.equal(sample(id).value.layout, "tab-cells", id);
  }
});

test("tab layout turns each tab-led line into a cell and each blank line into a row end", () => {
  const { text } = sample("002_50c134b5e3010c10.txt").value;
  assert.deepEqual(cellsAfter(text, "一、本年新收政府信息公开申请数量"), ["2", "0", "0", "0", "0", "0", "2"]);
  assert.deepEqual(cellsAfter(text, "行政规范性文件"), ["1", "0", "1"]);
  assert.deepEqual(rowsOf(text)[1], ["信息内容", "本年制发件数", "本年废止件数", "现行有效件数"]);
});

test("tab layout keeps a blank cell as an empty cell", () => {
  const rows = rowsOf(sample("000_0492d4f23311c1f9.txt").value.text);
  assert.ok(rows.some((r) => r.join("|") === "|自然人|法人或其他组织|总计"));
  assert.ok(rows.some((r) => r.join("|") === "|（二）部分公开（区分处理的，只计这一情形，不计其他情形）|" + SEVEN_ZEROS.join("|")));
});

test("tab layout joins a line without a tab to the cell above it", () => {
  const rows = rowsOf(sample("000_0492d4f23311c1f9.txt").value.text);
  assert.deepEqual(rows.find((r) => r.includes("商业 企业")), ["", "", "商业 企业", "科研 机构", "社会公益组织", "法律服务机构", "其他", ""]);
});

test("tab layout trims ideographic spaces and NBSP around values", () => {
  const { text } = sample("004_d117153218135174.txt").value;
  assert.deepEqual(cellsAfter(text, "规章"), ["0", "0", "0"]);
  assert.deepEqual(cellsAfter(text, "行政强制"), ["0"]);
  assert.ok(!/[\u3000\u00a0]/.test(text.split("\n").filter((l) => l.includes(CELL)).join("")));
});

test("tab layout does not glue a section heading that directly follows a cell to that cell", () => {
  const lines = ["\t甲", "\t乙", "", "\t1", "\t2", "", "\t3", "\t4", "", "\t5", "\t6", "", "\t7", "\t8", "五、存在的主要问题及改进情况", "正文"];
  assert.equal(txt(lines.join("\n")).value.text, `甲${CELL}乙${CELL}${ROW}1${CELL}2${CELL}${ROW}3${CELL}4${CELL}${ROW}5${CELL}6${CELL}${ROW}7${CELL}8${CELL}${ROW}\n五、存在的主要问题及改进情况\n正文\n`);
});

test("tab layout leaves narrative lines as paragraphs and ends each table with a newline", () => {
  const { text } = sample("000_0492d4f23311c1f9.txt").value;
  assert.ok(text.includes(`${ROW}\n四、政府信息公开行政复议、行政诉讼情况\n`));
  assert.ok(linesOf(text).includes("五、存在的主要问题及改进情况"));
});

test("tab layout of any table is recognised by its shape, not by its words", () => {
  const lines = ["前言", "\t甲", "\t乙", "\t丙", "", "\t子", "\t1", "\t2", "", "\t丑", "\t3", "\t", "", "\t寅", "\t4", "\t5", "", "后记"];
  const r = txt(lines.join("\n"));
  assert.equal(r.value.layout, "tab-cells");
  assert.equal(r.value.text, `前言\n甲${CELL}乙${CELL}丙${CELL}${ROW}子${CELL}1${CELL}2${CELL}${ROW}丑${CELL}3${CELL}${CELL}${ROW}寅${CELL}4${CELL}5${CELL}${ROW}\n后记\n`);
});

// ---------------------------------------------------------------- pipe-cells

test("the pipe-ended sample report is read as pipe-cells", () => {
  assert.equal(sample("003_7a562305178f5f90.txt").value.layout, "pipe-cells");
});

test("pipe layout emits the text before the first pipe as a cell and drops the extra pipes", () => {
  const { text } = sample("003_7a562305178f5f90.txt").value;
  const block = text.split("\n").find((l) => l.startsWith("(本列数据"))!;
  const cells = block.split(CELL);
  assert.deepEqual(cells.slice(0, 11), ["(本列数据的勾稽关系为:第一项加第二项之和,等于第三项加第四项之和)", "申请人情况", "自然人", "法人或其他组织", "总计", "商业 企业", "科研 机构", "社会公益组织", "法律服务机构", "其他", "一、本年新收政府信息公开申请数量"]);
  assert.deepEqual(cells.slice(11, 18), SEVEN_ZEROS);
  assert.ok(!text.includes("|"), "no pipe survives");
  assert.ok(!text.includes(ROW), "pipe-cells cannot see rows");
});

test("pipe layout keeps an empty cell line as an empty cell", () => {
  const lines = ["标题", ...Array.from({ length: 4 }, (_, i) => [`项目${i} |`, `${i} | ||`]).flat(), " |", "5 |", "结尾"];
  const r = txt(lines.join("\n"));
  assert.equal(r.value.layout, "pipe-cells");
  assert.equal(r.value.text, `标题\n项目0${CELL}0${CELL}项目1${CELL}1${CELL}项目2${CELL}2${CELL}项目3${CELL}3${CELL}${CELL}5${CELL}\n结尾\n`);
});

// ---------------------------------------------------------------- paragraph-cells

test("the one-cell-per-paragraph sample report is read as paragraph-cells", () => {
  const r = sample("001_85e0709fcd8f3bda.txt");
  assert.equal(r.value.layout, "paragraph-cells");
  assert.ok(!r.value.text.includes(CELL) && !r.value.text.includes(ROW));
});

test("paragraph layout emits every cell paragraph as its own line, in order, without blank lines", () => {
  const lines = sample("001_85e0709fcd8f3bda.txt").value.text.split("\n");
  const at = lines.indexOf("一、本年新收政府信息公开申请数量");
  assert.deepEqual(lines.slice(at + 1, at + 8), SEVEN_ZEROS);
  assert.equal(lines[at + 8], "二、上年结转政府信息公开申请数量");
  assert.ok(!lines.slice(0, -1).includes(""));
});

// ---------------------------------------------------------------- markdown

test("markdown table rows become cells and rows, the separator line is dropped", () => {
  const r = extractTxt(fixture("extract/markdown-table.txt"));
  assert.equal(r.value.layout, "markdown-table");
  assert.deepEqual(cellsAfter(r.value.text, "一、本年新收政府信息公开申请数量"), ["2", "0", "0", "0", "0", "0", "2"]);
  assert.deepEqual(cellsAfter(r.value.text, "二、上年结转政府信息公开申请数量"), ["0", "", "0", "0", "0", "0", "0"]);
  assert.ok(!r.value.text.includes("---"));
  assert.equal(r.value.meta.title, "示例镇2024年政府信息公开工作年度报告");
});

// ---------------------------------------------------------------- flattened crawler text

test("every real crawler txt is flattened and keeps its body byte for byte", () => {
  for (const n of ["01_pingtan_econdev_2019", "09_pingtan_econdev_2021", "15_pingtan_approval_2024", "19_pingtan_zone_2017", "20_pingtan_education_2011"]) {
    const raw = readFileSync(new URL(`../fixtures/reports-real/${n}.txt`, import.meta.url), "utf8");
    const r = extractTxt(new TextEncoder().encode(raw));
    assert.equal(r.value.layout, "flattened", n);
    const rule = "==================== 正文 ====================\n";
    assert.ok(r.value.text === raw.slice(raw.indexOf(rule) + rule.length), `${n}: body changed`);
  }
});

test("the crawler header becomes meta and leaves the text", () => {
  const r = extractTxt(fixture("reports-real/15_pingtan_approval_2024.txt"));
  assert.deepEqual(r.value.meta, { title: "平潭综合实验区行政审批局2024年政府信息公开工作年度报告", published: "2025-01-24", publisher: "区行政审批局" });
  assert.ok(r.value.text.startsWith("根据《中华人民共和国政府信息公开条例》"));
  assert.ok(!r.value.text.includes("标题:") && !r.value.text.includes("正文 ===="));
  assert.ok(r.value.text.includes("280000028"), "glued digits are left for the table parser");
});

test("an empty crawler publisher falls back to the 来源 printed in the body", () => {
  const r = extractTxt(fixture("reports-real/19_pingtan_zone_2017.txt"));
  assert.equal(r.value.meta.publisher, "平潭县人民政府");
  assert.equal(r.value.meta.published, "2018-01-23");
});

// ---------------------------------------------------------------- meta, odd input

test("a title split over two lines is joined", () => {
  assert.equal(sample("000_0492d4f23311c1f9.txt").value.meta.title, "重庆市大足区国梁镇人民政府2024年政府信息公开工作年度报告");
  assert.equal(sample("003_7a562305178f5f90.txt").value.meta.title, "重庆市梁平区政务服务管理办公室2024年政府信息公开工作年度报告");
});

test("publisher and date printed under the title are read", () => {
  const { meta } = sample("001_85e0709fcd8f3bda.txt").value;
  assert.deepEqual(meta, { title: "赤壁市官塘驿镇2024年政府信息公开工作年度报告", published: "2025-01-03", publisher: "官塘驿镇" });
});

test("narrative without table is layout none", () => {
  assert.equal(detectTxtLayout(["一、总体情况", "本年度共公开信息12条。", "", "二、其他"]), "none");
});

test("an empty txt is an error with empty text, not a throw", () => {
  const r = extractTxt(fixture("extract/empty.txt"));
  assert.equal(r.value.text, "");
  assert.deepEqual(r.findings.map((f) => [f.code, f.severity]), [["empty_file", "error"]]);
});

test("a whitespace-only txt is an empty file", () => {
  assert.equal(txt(" \n\u3000\n\t\n").findings[0].code, "empty_file");
});

test("a txt in GBK is decoded", () => {
  const r = extractTxt(new Uint8Array([0xb1, 0xa8, 0xb8, 0xe6, 0x0a, 0x31, 0x32])); // 报告\n12
  assert.equal(r.value.text, "报告\n12\n");
});

test("undecodable bytes give an error and no text", () => {
  const r = extractTxt(new Uint8Array(200).map((_, i) => (i % 2 ? 0x20 : 0x81)));
  assert.equal(r.value.text, "");
  assert.equal(r.findings.at(-1)?.code, "undecodable_text");
});

test("delimiter characters in the source are replaced so they cannot forge cells", () => {
  const r = txt(`一、总体情况${CELL}12${ROW}34`);
  assert.equal(r.value.text, "一、总体情况 12 34\n");
  assert.equal(r.findings[0].code, "control_characters");
});

test("txt extraction takes well under a millisecond per report", () => {
  const files = ["000_0492d4f23311c1f9.txt", "001_85e0709fcd8f3bda.txt", "003_7a562305178f5f90.txt"].map((f) => fixture(`reports-sample/${f}`));
  for (const b of files) extractTxt(b);
  const t0 = performance.now();
  for (let i = 0; i < 100; i++) for (const b of files) extractTxt(b);
  const ms = (performance.now() - t0) / 300;
  assert.ok(ms < 2, `${ms.toFixed(3)} ms per file`);
});
