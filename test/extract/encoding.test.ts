import { test } from "node:test";
import assert from "node:assert/strict";
import { decodeFinding, decodeText } from "../../data-loaders/extract/encoding.ts";
import { fixture } from "./helpers.ts";

test("valid UTF-8 decodes as UTF-8 and CRLF becomes LF", () => {
  const d = decodeText(new TextEncoder().encode("一、总体情况\r\n二、主动公开\r三"));
  assert.equal(d.encoding, "utf-8");
  assert.equal(d.text, "一、总体情况\n二、主动公开\n三");
  assert.equal(decodeFinding(d), null);
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
