import { test } from "node:test";
import assert from "node:assert/strict";
import { existsSync, readdirSync, readFileSync } from "node:fs";
import JSZip from "jszip";
import type { Result, SourceDocument } from "../../data-loaders/document.ts";
import { extractDocx, extractDocxFast, extractDocxMammoth } from "../../data-loaders/extract/docx.ts";
import { allAgencies } from "../../scripts/generate/names.ts";
import { makeReport } from "../../scripts/generate/report.ts";
import { renderDocx } from "../../scripts/generate/render.ts";
import { Rng } from "../../scripts/generate/rng.ts";
import { fixture, linesOf, rowsOf } from "./helpers.ts";

// ---------------------------------------------------------------- helpers

/** The fast reader's result; fails the test when it falls back to mammoth. */
function fast(bytes: Uint8Array): Result<SourceDocument> {
  const r = extractDocxFast(bytes);
  assert.ok("result" in r, `the fast reader fell back: ${"fallback" in r ? r.fallback : ""}`);
  return r.result;
}

/** Both readers give the same document and the same findings. */
async function assertSame(bytes: Uint8Array, what: string): Promise<Result<SourceDocument>> {
  const a = fast(bytes);
  const b = await extractDocxMammoth(bytes);
  assert.equal(a.value.text, b.value.text, `${what}: text`);
  assert.deepEqual(a.value.meta, b.value.meta, `${what}: meta`);
  assert.equal(a.value.layout, b.value.layout, `${what}: layout`);
  assert.deepEqual(a.findings, b.findings, `${what}: findings`);
  return a;
}

const NS = [
  `xmlns:wpc="http://schemas.microsoft.com/office/word/2010/wordprocessingCanvas"`,
  `xmlns:mc="http://schemas.openxmlformats.org/markup-compatibility/2006"`,
  `xmlns:o="urn:schemas-microsoft-com:office:office"`,
  `xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"`,
  `xmlns:m="http://schemas.openxmlformats.org/officeDocument/2006/math"`,
  `xmlns:v="urn:schemas-microsoft-com:vml"`,
  `xmlns:wp="http://schemas.openxmlformats.org/drawingml/2006/wordprocessingDrawing"`,
  `xmlns:w10="urn:schemas-microsoft-com:office:word"`,
  `xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"`,
  `xmlns:w14="http://schemas.microsoft.com/office/word/2010/wordml"`,
  `xmlns:wps="http://schemas.microsoft.com/office/word/2010/wordprocessingShape"`,
  `xmlns:a="http://schemas.openxmlformats.org/drawingml/2006/main"`,
  `xmlns:pic="http://schemas.openxmlformats.org/drawingml/2006/picture"`,
  `mc:Ignorable="w14 wp14"`,
].join(" ");

const esc = (s: string) => s.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;");
const run = (text: string) => `<w:r><w:rPr><w:rFonts w:hint="eastAsia"/></w:rPr><w:t xml:space="preserve">${esc(text)}</w:t></w:r>`;
const p = (...content: string[]) => `<w:p><w:pPr><w:jc w:val="center"/></w:pPr>${content.join("")}</w:p>`;
const tc = (content: string, props = "") => `<w:tc><w:tcPr><w:tcW w:w="800" w:type="dxa"/>${props}</w:tcPr>${content}</w:tc>`;
const tr = (...cells: string[]) => `<w:tr><w:trPr><w:jc w:val="center"/></w:trPr>${cells.join("")}</w:tr>`;
const tbl = (...rows: string[]) => `<w:tbl><w:tblPr><w:tblStyle w:val="a3"/></w:tblPr><w:tblGrid><w:gridCol w:w="800"/></w:tblGrid>${rows.join("")}</w:tbl>`;
const cell = (text: string, props = "") => tc(p(run(text)), props);
const MERGE = `<w:vMerge/>`, RESTART = `<w:vMerge w:val="restart"/>`, span = (n: number) => `<w:gridSpan w:val="${n}"/>`;

/** A Word-like package around `body` (with a styles part, so mammoth reads more than document.xml). */
async function makeDocx(body: string, parts: Record<string, string> = {}, documentXml?: string): Promise<Uint8Array> {
  const zip = new JSZip();
  const date = new Date("2025-01-01T00:00:00Z");
  zip.file("[Content_Types].xml", `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/><Default Extension="png" ContentType="image/png"/><Override PartName="/word/document.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/></Types>`, { date });
  zip.file("_rels/.rels", `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="word/document.xml"/></Relationships>`, { date });
  zip.file("word/_rels/document.xml.rels", `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId5" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/image" Target="media/image1.png"/><Relationship Id="rId6" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/hyperlink" Target="http://www.gov.cn/" TargetMode="External"/><Relationship Id="rId7" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/styles" Target="styles.xml"/></Relationships>`, { date });
  zip.file("word/styles.xml", `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<w:styles xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"><w:style w:type="table" w:styleId="a3"><w:name w:val="Table Grid"/></w:style></w:styles>`, { date });
  zip.file("word/media/image1.png", new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0, 0, 0, 0]), { date });
  zip.file("word/document.xml", documentXml ?? `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<w:document ${NS}><w:body>${body}<w:sectPr><w:pgSz w:w="11906" w:h="16838"/></w:sectPr></w:body></w:document>`, { date });
  for (const [name, content] of Object.entries(parts)) zip.file(name, content, { date });
  return zip.generateAsync({ type: "uint8array", compression: "DEFLATE" });
}

const TITLE = p(run("某某局2023年政府信息公开工作年度报告"));

// ---------------------------------------------------------------- real and generated files

test("the fast reader and the mammoth path agree on every docx fixture", async () => {
  await assertSame(fixture("extract/report-table.docx"), "report-table.docx");
  // a truncated docx is refused by the zip guard before either reader
  assert.deepEqual(fast(fixture("extract/report-table-truncated.docx")).findings.map((f) => f.code), ["truncated_docx"]);
  assert.deepEqual((await extractDocxMammoth(fixture("extract/report-table-truncated.docx"))).findings.map((f) => f.code), ["truncated_docx"]);
});

test("the fast reader and the mammoth path agree on generated reports", async () => {
  const agencies = allAgencies();
  for (let i = 0; i < 8; i++) {
    const rng = new Rng(1000 + i);
    const bytes = await renderDocx(makeReport(rng, agencies[(i * 37) % agencies.length], 2019 + (i % 6), { breakShare: 0.3 }));
    const r = await assertSame(bytes, `generated report ${i}`);
    assert.equal(r.value.layout, "html-table");
  }
});

test("the fast reader and the mammoth path agree on the Word-made docx of mammoth's own tests", async (t) => {
  const dir = new URL("../../node_modules/mammoth/test/test-data/", import.meta.url);
  if (!existsSync(dir)) return t.skip("mammoth's test data is not installed");
  const names = readdirSync(dir).filter((n) => n.endsWith(".docx"));
  const fellBack: string[] = [];
  for (const name of names) {
    const bytes = new Uint8Array(readFileSync(new URL(name, dir)));
    if ("fallback" in extractDocxFast(bytes)) fellBack.push(name);
    else await assertSame(bytes, name);
  }
  // footnotes and endnotes, and a package carrying its own mammoth style map, stay with mammoth
  assert.deepEqual(fellBack.sort(), ["embedded-style-map.docx", "endnotes.docx", "footnote-hyperlink.docx", "footnotes.docx"]);
});

test("extractDocx takes the fast reader for a plain report", async () => {
  const bytes = fixture("extract/report-table.docx");
  assert.ok("result" in extractDocxFast(bytes));
  assert.deepEqual(await extractDocx(bytes), fast(bytes));
});

// ---------------------------------------------------------------- hand-made docx, one feature each

test("gridSpan cells are emitted once and vMerge cells repeat down the rows they span", async () => {
  const body = TITLE + tbl(
    tr(cell("情况", span(2) + RESTART), cell("自然人", RESTART), cell("法人", span(2))),
    tr(tc(p(), span(2) + MERGE), tc(p(), MERGE), cell("商业企业"), cell("科研机构")),
    tr(cell("一、新收", span(2)), cell("5"), cell("1"), cell("0")),
  );
  const r = await assertSame(await makeDocx(body), "gridSpan/vMerge");
  assert.deepEqual(rowsOf(r.value.text), [["情况", "自然人", "法人"], ["情况", "自然人", "商业企业", "科研机构"], ["一、新收", "5", "1", "0"]]);
});

test("a table holding a table is read as lines and only the inner table keeps its cells", async () => {
  const inner = tbl(tr(cell("申请"), cell("3")), tr(cell("办结"), cell("2")));
  const body = TITLE + tbl(tr(tc(p(run("外层说明")) + inner + p()), cell("右侧")), tr(cell("第二行")));
  const r = await assertSame(await makeDocx(body), "nested table");
  assert.deepEqual(rowsOf(r.value.text), [["申请", "3"], ["办结", "2"]]);
  assert.ok(linesOf(r.value.text).includes("外层说明") && linesOf(r.value.text).includes("右侧"));
});

test("inserted text is kept and deleted text is dropped, also a deleted paragraph mark and row", async () => {
  const body = TITLE
    + p(run("收到申请"), `<w:ins w:id="1" w:author="a">${run("12")}</w:ins>`, `<w:del w:id="2" w:author="a"><w:r><w:delText>10</w:delText></w:r></w:del>`, run("件"))
    + `<w:p><w:pPr><w:rPr><w:del w:id="3" w:author="a"/></w:rPr></w:pPr>${run("上半句")}</w:p>` + p(run("下半句"))
    + tbl(tr(cell("甲"), cell("1")), `<w:tr><w:trPr><w:del w:id="4" w:author="a"/></w:trPr>${cell("乙")}${cell("2")}</w:tr>`, tr(cell("丙"), cell("3")));
  const r = await assertSame(await makeDocx(body), "ins/del");
  assert.ok(linesOf(r.value.text).includes("收到申请12件"));
  assert.ok(linesOf(r.value.text).includes("上半句下半句"));
  assert.deepEqual(rowsOf(r.value.text), [["甲", "1"], ["丙", "3"]]);
});

test("hyperlinks, smart tags, content controls and complex fields keep their text", async () => {
  const body = TITLE
    + p(run("详见"), `<w:hyperlink r:id="rId6" w:history="1">${run("中国政府网")}</w:hyperlink>`, `<w:smartTag w:uri="urn:x" w:element="date">${run("2023年")}</w:smartTag>`)
    + `<w:sdt><w:sdtPr><w:id w:val="1"/></w:sdtPr><w:sdtContent>${p(run("控件内文字"))}</w:sdtContent></w:sdt>`
    + p(`<w:r><w:fldChar w:fldCharType="begin"/></w:r><w:r><w:instrText xml:space="preserve"> HYPERLINK "http://x.cn" </w:instrText></w:r><w:r><w:fldChar w:fldCharType="separate"/></w:r>`, run("域结果"), `<w:r><w:fldChar w:fldCharType="end"/></w:r>`)
    + p(`<w:sdt><w:sdtPr><w14:checkbox><w14:checked w14:val="1"/></w14:checkbox></w:sdtPr><w:sdtContent>${run("☒")}</w:sdtContent></w:sdt>`, run("同意"));
  const r = await assertSame(await makeDocx(body), "inline wrappers");
  assert.ok(linesOf(r.value.text).includes("详见中国政府网2023年"));
  assert.ok(linesOf(r.value.text).includes("域结果"));
  assert.ok(linesOf(r.value.text).includes("同意")); // the checkbox's own character goes, as with mammoth
});

test("tabs and line breaks: a space in a line, a new line outside tables, a space inside a cell", async () => {
  const body = TITLE
    + p(run("一、总体"), `<w:r><w:tab/></w:r>`, run("情况"), `<w:r><w:br/></w:r>`, run("第二行"), `<w:r><w:br w:type="page"/></w:r>`, run("同一行"))
    + tbl(tr(tc(p(run("商业"), `<w:r><w:br/></w:r>`, run("企业"))), tc(p(run("1"), `<w:r><w:tab/></w:r>`, run("2")))));
  const r = await assertSame(await makeDocx(body), "tab/br");
  assert.deepEqual(linesOf(r.value.text).slice(1), ["一、总体 情况", "第二行同一行"]);
  assert.deepEqual(rowsOf(r.value.text), [["商业 企业", "1 2"]]);
});

test("text boxes follow their paragraph and images are counted", async () => {
  const image = `<w:r><w:drawing><wp:inline><wp:extent cx="1" cy="1"/><wp:docPr id="1" name="图片 1"/><a:graphic><a:graphicData uri="http://schemas.openxmlformats.org/drawingml/2006/picture"><pic:pic><pic:nvPicPr><pic:cNvPr id="0" name="x.png"/><pic:cNvPicPr/></pic:nvPicPr><pic:blipFill><a:blip r:embed="rId5"/></pic:blipFill></pic:pic></a:graphicData></a:graphic></wp:inline></w:drawing></w:r>`;
  const textBox = `<w:r><mc:AlternateContent><mc:Choice Requires="wps"><w:drawing><wp:anchor><a:graphic><a:graphicData><wps:wsp><wps:txbx><w:txbxContent>${p(run("选择分支"))}</w:txbxContent></wps:txbx></wps:wsp></a:graphicData></a:graphic></wp:anchor></w:drawing></mc:Choice><mc:Fallback><w:pict><v:shape id="t1"><v:textbox><w:txbxContent>${p(run("文本框文字"))}</w:txbxContent></v:textbox></v:shape></w:pict></mc:Fallback></mc:AlternateContent></w:r>`;
  const body = TITLE + p(run("前"), textBox, run("后")) + p(image) + tbl(tr(tc(p(image, run("图表"))), cell("1")));
  const r = await assertSame(await makeDocx(body), "text box/images");
  assert.deepEqual(linesOf(r.value.text).slice(1), ["前后", "文本框文字"]);
  assert.deepEqual(r.findings.map((f) => f.code), ["images_ignored"]);
  assert.match(r.findings[0].message, /^2 image/);
});

test("a bookmark among a table's rows stops cell merging, as with mammoth", async () => {
  const body = TITLE + tbl(`<w:bookmarkStart w:id="0" w:name="表一"/>`, tr(cell("甲", RESTART), cell("1")), tr(tc(p(), MERGE), cell("2")));
  const r = await assertSame(await makeDocx(body), "bookmark in table");
  assert.deepEqual(rowsOf(r.value.text), [["甲", "1"], ["", "2"]]);
  assert.ok(r.findings.some((f) => f.code === "docx_conversion" && /non-row/.test(f.message)));
});

test("an element mammoth does not know is dropped with its warning", async () => {
  const body = TITLE + p(run("正文"), `<w:ruby><w:rubyPr/><w:rt>${run("zhu")}</w:rt><w:rubyBase>${run("注")}</w:rubyBase></w:ruby>`);
  const r = await assertSame(await makeDocx(body), "unknown element");
  assert.ok(r.findings.some((f) => f.message === "An unrecognised element was ignored: w:ruby"));
});

test("deliberate difference: w:fldSimple keeps its displayed result, which mammoth drops", async () => {
  // mammoth 1.13 does not know w:fldSimple and drops it with its content; the content is what
  // Word displays (here a formula's total in a table cell), so the fast reader keeps it.
  const body = TITLE + tbl(tr(cell("总计"), tc(p(`<w:fldSimple w:instr=" =SUM(ABOVE) ">${run("17")}</w:fldSimple>`))));
  const bytes = await makeDocx(body);
  const a = fast(bytes);
  const b = await extractDocxMammoth(bytes);
  assert.deepEqual(rowsOf(a.value.text), [["总计", "17"]]);
  assert.deepEqual(rowsOf(b.value.text), [["总计", ""]]);
  assert.equal(a.value.text, b.value.text.replace("总计\u001f\u001f", "总计\u001f17\u001f"));
  assert.deepEqual(b.findings.map((f) => f.message), ["An unrecognised element was ignored: w:fldSimple"]);
  assert.deepEqual(a.findings, []);
});

test("deliberate difference: a damaged part the fast reader does not read does not stop it", async () => {
  // mammoth parses styles.xml (and numbering, notes, comments) and gives up on the whole file
  // when one is not well formed; the text lives in document.xml alone, which is read here.
  const bytes = await makeDocx(TITLE + p(run("正文")), { "word/styles.xml": "<w:styles xmlns:w=\"http://schemas.openxmlformats.org/wordprocessingml/2006/main\"><w:style w:type=\"table\" & </w:styles>" });
  const a = fast(bytes);
  const b = await extractDocxMammoth(bytes);
  assert.equal(a.value.text, "某某局2023年政府信息公开工作年度报告\n正文\n");
  assert.deepEqual(b.findings.map((f) => f.code), ["corrupt_docx"]);
});

// ---------------------------------------------------------------- fallbacks

test("what the fast reader cannot read with certainty goes to mammoth, with the mammoth result", async () => {
  const cases: [string, Promise<Uint8Array>][] = [
    ["w:sym", makeDocx(TITLE + p(run("勾选"), `<w:r><w:sym w:font="Wingdings" w:char="F0FE"/></w:r>`))],
    ["w:altChunk", makeDocx(TITLE + `<w:altChunk r:id="rId9"/>`)],
    ["w:footnoteReference", makeDocx(TITLE + p(run("注"), `<w:r><w:footnoteReference w:id="1"/></w:r>`))],
    ["not well formed", makeDocx("", {}, `<?xml version="1.0"?><w:document ${NS}><w:body><w:p><w:r><w:t>a</w:r></w:p></w:body></w:document>`)],
    ["an entity XML does not define", makeDocx("", {}, `<?xml version="1.0"?><w:document ${NS}><w:body><w:p><w:r><w:t>a&nbsp;b</w:t></w:r></w:p></w:body></w:document>`)],
    ["no w:body", makeDocx("", {}, `<?xml version="1.0"?><w:document ${NS}><w:p/></w:document>`)],
    ["outside a paragraph", makeDocx(TITLE + run("游离文字"))],
  ];
  for (const [reason, made] of cases) {
    const bytes = await made;
    const r = extractDocxFast(bytes);
    assert.ok("fallback" in r, `${reason}: expected a fallback`);
    assert.ok(r.fallback.includes(reason), `${reason}: fell back for "${r.fallback}"`);
    assert.deepEqual(await extractDocx(bytes), await extractDocxMammoth(bytes), reason);
  }
});

test("a document part bigger than declared is refused as a zip bomb without mammoth", async () => {
  const b = fixture("extract/report-table.docx").slice();
  const view = new DataView(b.buffer, b.byteOffset, b.byteLength);
  for (let i = 0; i + 46 < b.length; i++) {
    if (view.getUint32(i, true) !== 0x02014b50) continue;
    const name = new TextDecoder().decode(b.subarray(i + 46, i + 46 + view.getUint16(i + 28, true)));
    if (name === "word/document.xml") view.setUint32(i + 24, 100, true);
  }
  const r = fast(b);
  assert.deepEqual(r.findings.map((f) => f.code), ["docx_too_large"]);
  assert.match(r.findings[0].message, /word\/document\.xml.*zip bomb/);
});
