import { test } from "node:test";
import assert from "node:assert/strict";
import { detectType, looksBinary } from "../../data-loaders/extract/detect.ts";
import { fixture } from "./helpers.ts";

const bytes = (s: string) => new TextEncoder().encode(s);

test("a zip holding word/document.xml is a docx whatever its name", () => {
  assert.equal(detectType("report.bin", fixture("extract/report-table.docx")), "docx");
});

test("a truncated docx is still a docx, so its extractor can say it is truncated", () => {
  assert.equal(detectType("report-table-truncated.docx", fixture("extract/report-table-truncated.docx")), "docx");
});

test("a zip that is not a Word document is unknown", () => {
  const zip = new Uint8Array([0x50, 0x4b, 0x03, 0x04, ...bytes("xl/workbook.xml"), 0, 0, 0, 0]);
  assert.equal(detectType("book.xlsx", zip), "unknown");
});

test("magic bytes name pdf, OLE2 doc and RTF", () => {
  assert.equal(detectType("a.txt", bytes("%PDF-1.7\n%âãÏÓ\n1 0 obj")), "pdf");
  assert.equal(detectType("a", new Uint8Array([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1, 0, 0, 0])), "doc");
  assert.equal(detectType("a.doc", bytes("{\\rtf1\\ansi 报告}")), "doc");
});

test("html is recognised by its markup, even in a .txt file or a .doc file", () => {
  assert.equal(detectType("page.txt", bytes("<!DOCTYPE html><html><body>报告</body></html>")), "html");
  assert.equal(detectType("saved.doc", bytes("\uFEFF  <html xmlns:o='urn:schemas-microsoft-com:office:office'><body>x</body></html>")), "html");
  assert.equal(detectType("x", bytes("<meta charset=gbk><title>报告</title>")), "html");
});

test("plain text goes by its extension, and to txt when the extension says nothing", () => {
  assert.equal(detectType("report.txt", bytes("一、总体情况\n本年度……")), "txt");
  assert.equal(detectType("report.md", bytes("# 报告\n")), "txt");
  assert.equal(detectType("page.shtml", bytes("一、总体情况")), "html");
  assert.equal(detectType("noext", bytes("一、总体情况")), "txt");
});

test("binary junk named .html or .txt is unknown", () => {
  assert.equal(detectType("junk.html", fixture("extract/junk.html")), "unknown");
  assert.equal(detectType("junk.txt", fixture("extract/junk.html")), "unknown");
});

test("an empty file is unknown", () => {
  assert.equal(detectType("empty.txt", fixture("extract/empty.txt")), "unknown");
});

test("UTF-16 text with a byte-order mark is not mistaken for binary", () => {
  const utf16 = new Uint8Array([0xff, 0xfe, ...Array.from("报告 2024", (c) => [c.charCodeAt(0) & 0xff, c.charCodeAt(0) >> 8]).flat()]);
  assert.equal(looksBinary(utf16), false);
  assert.equal(detectType("a.txt", utf16), "txt");
});

test("the real reports are detected as what they are", () => {
  assert.equal(detectType("x.html", fixture("reports-real/15_pingtan_approval_2024.html")), "html");
  assert.equal(detectType("x.txt", fixture("reports-real/15_pingtan_approval_2024.txt")), "txt");
  assert.equal(detectType("x.txt", fixture("reports-sample/000_0492d4f23311c1f9.txt")), "txt");
});

test("markup after an XML declaration and comments is html, and many comments cost no time", () => {
  assert.equal(detectType("a", bytes('<?xml version="1.0"?>\n<!-- a --> <!-- b -->\n<html><body>x</body></html>')), "html");
  const t0 = performance.now();
  assert.equal(detectType("a.txt", bytes("<!--a-->".repeat(1000) + "纯文本")), "txt");
  assert.ok(performance.now() - t0 < 100);
});
