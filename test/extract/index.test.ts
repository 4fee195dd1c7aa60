import { test } from "node:test";
import assert from "node:assert/strict";
import { readdirSync } from "node:fs";
import { extract } from "../../data-loaders/extract/index.ts";
import { fixture } from "./helpers.ts";

test("extract dispatches on the detected type", async () => {
  assert.equal((await extract("a.txt", fixture("reports-sample/003_7a562305178f5f90.txt"))).value.layout, "pipe-cells");
  assert.equal((await extract("a.html", fixture("reports-real/18_pingtan_gwoffice_2025.html"))).type, "html");
  const d = await extract("report-table.docx", fixture("extract/report-table.docx"));
  assert.equal(d.type, "docx");
  assert.equal(d.value.layout, "html-table");
});

test("unreadable pdf and doc files are errors with empty text", async () => {
  const pdf = await extract("r.pdf", new TextEncoder().encode("%PDF-1.4\n1 0 obj<<>>endobj"));
  assert.equal(pdf.type, "pdf");
  assert.equal(pdf.value.text, "");
  assert.deepEqual(pdf.findings.map((f) => [f.code, f.severity]), [["corrupt_pdf", "error"]]);
  const doc = await extract("r.doc", new Uint8Array([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1, 1, 2, 3]));
  assert.equal(doc.type, "doc");
  assert.equal(doc.findings[0].code, "corrupt_doc");
});

test("binary junk named .html is an unknown binary file", async () => {
  const r = await extract("junk.html", fixture("extract/junk.html"));
  assert.equal(r.type, "unknown");
  assert.equal(r.value.text, "");
  assert.deepEqual(r.findings.map((f) => [f.code, f.severity]), [["binary_file", "error"]]);
});

test("a zero-byte file is an unknown empty file", async () => {
  const r = await extract("empty.txt", fixture("extract/empty.txt"));
  assert.equal(r.type, "unknown");
  assert.deepEqual(r.findings.map((f) => [f.code, f.severity]), [["empty_file", "error"]]);
});

test("no fixture makes extract throw, and every error leaves the text empty", async () => {
  const dirs = ["extract", "reports-real", "reports-sample"];
  for (const dir of dirs) {
    for (const name of readdirSync(new URL(`../fixtures/${dir}`, import.meta.url), { withFileTypes: true })) {
      if (!name.isFile()) continue;
      const r = await extract(name.name, fixture(`${dir}/${name.name}`));
      if (r.findings.some((f) => f.severity === "error")) assert.equal(r.value.text, "", name.name);
    }
  }
});

test("a truncated half of every fixture is still handled without a throw", async () => {
  for (const name of ["reports-real/15_pingtan_approval_2024.html", "reports-sample/000_0492d4f23311c1f9.txt", "extract/gbk-page.html", "extract/report-table.docx"]) {
    const b = fixture(name);
    const r = await extract(name, b.subarray(0, Math.floor(b.length / 2) + 1));
    assert.ok(Array.isArray(r.findings), name);
  }
});
