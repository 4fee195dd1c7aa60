import { test } from "node:test";
import assert from "node:assert/strict";
import { byteHead, decodeFinding, decodeText, declaredCharset, isPlainUtf8, validUtf8Text } from "../../data-loaders/extract/encoding.ts";
import { prepareHtml, prepareUtf8Html } from "../../data-loaders/extract/html-rules.ts";
import { fixture } from "./helpers.ts";

test("valid UTF-8 decodes as UTF-8 and CRLF becomes LF", () => {
  const d = decodeText(new TextEncoder().encode("一、总体情况\r\n二、主动公开\r三"));
  assert.equal(d.encoding, "utf-8");
  assert.equal(d.text, "一、总体情况\n二、主动公开\n三");
  assert.equal(decodeFinding(d), null);
});

test("valid UTF-8 of every sequence length decodes as V8's own decoder does", () => {
  // 1- to 4-byte sequences, noncharacters, a mid-text BOM, NUL and the top code point
  const text = "a\u0000é报告\uFFFE\uFFFF\uFDD0\uFEFF😀\u{10FFFF}z".repeat(3);
  const bytes = new TextEncoder().encode(text);
  assert.equal(validUtf8Text(bytes), Buffer.from(bytes).toString("utf8"));
  assert.equal(validUtf8Text(bytes), text);
  assert.equal(validUtf8Text(new TextEncoder().encode("plain ascii")), "plain ascii");
  assert.equal(validUtf8Text(new Uint8Array(0)), "");
});

test("a byte head keeps one character per byte, whatever the bytes", () => {
  const bytes = new Uint8Array([0x3c, 0x80, 0x9f, 0xa0, 0xff, 0x3e]);
  assert.equal(byteHead(bytes, 4), "<\u0080\u009f\u00a0");
  assert.equal(byteHead(bytes, 100).length, 6);
  assert.equal(byteHead(bytes.subarray(1, 3), 100), "\u0080\u009f");
});

test("a charset declared after bytes 0x80-0x9F is found", () => {
  const bytes = new Uint8Array([...new Uint8Array(40).fill(0x85), ...new TextEncoder().encode('<meta charset="GBK">')]);
  assert.equal(declaredCharset(bytes), "gbk");
});

test("a UTF-8 byte-order mark is dropped", () => {
  const d = decodeText(new Uint8Array([0xef, 0xbb, 0xbf, ...new TextEncoder().encode("报告")]));
  assert.equal(d.text, "报告");
});

test("UTF-16LE with a byte-order mark decodes", () => {
  const d = decodeText(new Uint8Array([0xff, 0xfe, 0xa5, 0x62, 0x4a, 0x54])); // 报告
  assert.equal(d.encoding, "utf-16le");
  assert.equal(d.text, "报告");
});

test("a GBK page declaring charset=gbk decodes to the right characters", () => {
  const d = decodeText(fixture("extract/gbk-page.html"));
  assert.equal(d.declared, "gbk");
  assert.equal(d.encoding, "gb18030");
  assert.match(d.text, /示例县教育局2023年政府信息公开工作年度报告/);
  assert.equal(d.replacements, 0);
});

test("a page declaring gb2312 in http-equiv decodes as GB18030", () => {
  const d = decodeText(fixture("extract/gb2312-page.html"));
  assert.equal(d.declared, "gb2312");
  assert.match(d.text, /行政规范性文件/);
});

test("GBK text without any declaration falls back to GB18030", () => {
  const gbk = Buffer.from(fixture("extract/gbk-page.html"));
  const body = gbk.subarray(gbk.indexOf("</head>") + 7); // no <meta charset> left
  const d = decodeText(new Uint8Array(body));
  assert.equal(d.declared, null);
  assert.equal(d.encoding, "gb18030");
  assert.match(d.text, /二、主动公开政府信息情况/);
});

test("a page that declares gbk but is really UTF-8 decodes as UTF-8", () => {
  const d = decodeText(new TextEncoder().encode('<meta charset="gbk"><p>商业企业</p>'));
  assert.equal(d.encoding, "utf-8");
  assert.match(d.text, /商业企业/);
});

test("bytes valid in no candidate encoding are undecodable", () => {
  const bad = new Uint8Array(200).map((_, i) => (i % 2 ? 0x20 : 0x81)); // GB lead byte + space, invalid UTF-8 too
  const f = decodeFinding(decodeText(bad));
  assert.equal(f?.code, "undecodable_text");
  assert.equal(f?.severity, "error");
});

// prepareUtf8Html cuts scripts, styles and comments from the bytes before decoding: it must give
// what decoding then preparing the text gives (prepareHtml's INERT regex).
const viaText = (bytes: Uint8Array) => prepareHtml(decodeText(bytes).text);

test("inert blocks cut from UTF-8 bytes are those INERT cuts from the text", () => {
  const pages = [
    "<p>a<script>x<div></script>b<style type=x>p{}</STYLE >c<!-- d -->e</p>",
    "<SCRIPT\r\nsrc=a>\r\nif (a < b) x = '</scr' + 'ipt>';\r\n</Script\r\n>\r\n<p>报告</p>\r",
    "<scriptx>1</scriptx><script_>2</script><script9>3</script><scripté>4</script><script>",
    "<!-->a<!--->b-->c<!-- <!-- -->d-->e<!--",
    "<script>a</script\u0085>b</script\u200b>c</script\u3000\u00a0\ufeff>d",
    "<style>a</stylex></style\t\n>b<styles>c</style>",
    "a\r<!--x-->\nb\r\n<script>\r</script>\r\n",
    "<script>unclosed <div><!-- x --> <style>y</style>",
    "<!--a<script>b</script><!--c<style>d<!--e-", // blocks after one left unclosed
    "<script>a<!-- b <script>c</scrip><style>d</style><script>e<style>f",
  ];
  for (const page of pages) {
    const bytes = new TextEncoder().encode(page);
    assert.equal(isPlainUtf8(bytes), true);
    assert.deepEqual(prepareUtf8Html(bytes), viaText(bytes), JSON.stringify(page));
  }
});

test("a closing script tag ends at the same white space in bytes as in text", () => {
  // every BMP character between "</script" and ">": the multi-byte ones JavaScript's \s matches
  // end the tag as " " does, all others keep the script open
  for (let c = 0; c < 0x10000; c++) {
    if (c >= 0xd800 && c <= 0xdfff) continue;
    const bytes = new TextEncoder().encode(`a<script>x</script${String.fromCharCode(c)}>b`);
    assert.deepEqual(prepareUtf8Html(bytes), viaText(bytes), `U+${c.toString(16)}`);
  }
});

test("inert blocks cut from UTF-8 bytes match INERT on random markup", () => {
  const parts = ["<script>", "<SCRIPT a>", "</script>", "</Script \r\n>", "</script\u2029>", "<style>", "</style>", "<!--", "-->", "<!-", "<", ">", "/", "-", "!",
    "\r\n", "\r", "报", "\u3000", "<scripts>", "<div>", "</div>", "x"];
  let seed = 3;
  const rand = (n: number) => { seed = (seed * 1103515245 + 12345) % 2147483648; return seed % n; };
  for (let round = 0; round < 5000; round++) {
    let page = "";
    for (let k = rand(30); k > 0; k--) page += parts[rand(parts.length)];
    const bytes = new TextEncoder().encode(page);
    assert.deepEqual(prepareUtf8Html(bytes), viaText(bytes), JSON.stringify(page));
  }
});

test("only valid UTF-8 without a byte-order mark is plain UTF-8", () => {
  assert.equal(isPlainUtf8(new TextEncoder().encode("<p>报告</p>")), true);
  assert.equal(isPlainUtf8(new Uint8Array([0xef, 0xbb, 0xbf, 0x41])), false);
  assert.equal(isPlainUtf8(new Uint8Array([0xb1, 0xa8, 0xb8, 0xe6])), false); // GBK 报告
});

test("the opening tags counted on the bytes never skip a page the depth scan would cap", () => {
  // 1001 nested tags (one more than MAX_DEPTH) whose names only start like uncounted ones, or end
  // in white space only the text knows, around inert blocks that hold more tags
  for (const open of ["<pre>", "<LIST>", "<tda>", "<p-x>", "<Brx/ >", "<colx>", "<div\u3000a>", "<b\u00e9>"]) {
    const page = `<!-- <p> -->${open.repeat(1001)}<script><div></script>x`;
    const bytes = new TextEncoder().encode(page);
    const prepared = prepareUtf8Html(bytes);
    assert.deepEqual(prepared, viaText(bytes), open);
    assert.equal(prepared.findings.length, 1, open);
  }
  for (const open of ["<p>", "<LI x>", "<td/>", "<p\u3000>", "<br\r\n>"]) {
    const bytes = new TextEncoder().encode(`${open.repeat(1001)}<div>x`);
    assert.deepEqual(prepareUtf8Html(bytes), viaText(bytes), open);
  }
});
