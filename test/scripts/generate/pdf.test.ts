import { test } from "node:test";
import assert from "node:assert/strict";
import { inflateSync } from "node:zlib";
import { Buffer } from "node:buffer";
import { allAgencies } from "../../../scripts/generate/names.ts";
import { renderPdf } from "../../../scripts/generate/pdf.ts";
import { makeReport, truthOf } from "../../../scripts/generate/report.ts";
import { Rng } from "../../../scripts/generate/rng.ts";
import { parseFile } from "../../../data-loaders/parse-file.ts";
import { compare, type Truth } from "../../parse/truth-compare.ts";
import { assertReadsBack } from "./helpers.ts";

const agencies = allAgencies();
const report = (seed: number, year: number) => {
  const rng = new Rng(seed);
  const r = makeReport(rng, agencies[(seed * 37) % agencies.length], year, { breakShare: 0 });
  return { r, pdf: renderPdf(r, rng) };
};

test("generated PDFs read back through the parser to exactly their truth, tables across page breaks included", async () => {
  let split = 0, repeated = 0;
  for (let seed = 1; seed <= 12; seed++) {
    const { r, pdf } = report(seed, 2019 + (seed % 6));
    const p = await parseFile(`r${seed}.pdf`, pdf.bytes);
    assertReadsBack(p, r, { type: "pdf", layout: "pdf-positions" }, `seed ${seed}`);
    if (pdf.split_tables) split++;
    if (pdf.split_tables && pdf.break_style.repeatHeader) repeated++;
  }
  assert.ok(split >= 6, `${split} of 12 reports have a table across a page break`);
  assert.ok(repeated >= 1, `${repeated} of them repeat the header rows`);
});

test("table rows broken across a page break, left open or closed by lines, read back as one row", async () => {
  const found = { open: [] as number[], closed: [] as number[] };
  for (let seed = 1; seed <= 600 && (found.open.length < 2 || found.closed.length < 2); seed++) {
    const { pdf } = report(seed, 2021);
    if (pdf.broken_rows) found[pdf.break_style.closedSplit ? "closed" : "open"].push(seed);
  }
  assert.ok(found.open.length >= 2 && found.closed.length >= 2, JSON.stringify(found));
  for (const seed of [...found.open.slice(0, 2), ...found.closed.slice(0, 2)]) {
    const { r, pdf } = report(seed, 2021);
    const p = await parseFile(`r${seed}.pdf`, pdf.bytes);
    const t = compare(p, truthOf(r, {}) as unknown as Truth);
    assert.deepEqual(t.wrong, [], `seed ${seed}`);
    assert.equal(t.explainedNull, 0, `seed ${seed}`);
    assert.equal(p.status, "parsed", `seed ${seed}`);
  }
});

test("a generated PDF is well formed: every xref offset points at its object, and every content stream inflates", () => {
  const { pdf } = report(3, 2023);
  const s = Buffer.from(pdf.bytes).toString("latin1");
  assert.ok(s.startsWith("%PDF-1.7\n"));
  assert.ok(s.endsWith("%%EOF\n"));
  const startxref = Number(/startxref\n(\d+)\n%%EOF\n$/.exec(s)![1]);
  assert.ok(s.startsWith("xref\n0 ", startxref));
  const [, first, count] = /^xref\n(\d+) (\d+)\n/.exec(s.slice(startxref))!;
  assert.equal(Number(first), 0);
  const entries = s.slice(startxref).split("\n").slice(2, 2 + Number(count));
  entries.slice(1).forEach((e, i) => {
    const at = Number(e.slice(0, 10));
    assert.ok(s.startsWith(`${i + 1} 0 obj\n`, at), `object ${i + 1} at ${at}`);
  });
  let streams = 0;
  for (const m of s.matchAll(/\/Length (\d+) >>\nstream\n/g)) {
    const start = m.index! + m[0].length;
    const data = pdf.bytes.subarray(start, start + Number(m[1]));
    assert.equal(s.slice(start + Number(m[1]), start + Number(m[1]) + 10), "\nendstream");
    assert.ok(inflateSync(data).length > 0);
    streams++;
  }
  assert.equal(streams, pdf.pages + 1, "one content stream per page and the ToUnicode CMap");
  // fonts are CID fonts, not embedded, with a ToUnicode map
  assert.match(s, /\/Subtype \/Type0 \/BaseFont \/SimSun \/Encoding \/Identity-H/);
  assert.doesNotMatch(s, /\/FontFile/);
});

test("a generated PDF cut short is rejected as corrupt, never read in part", async () => {
  const { pdf } = report(5, 2022);
  for (const f of [0.3, 0.45, 0.6, 0.7]) {
    const p = await parseFile("cut.pdf", pdf.bytes.subarray(0, Math.floor(pdf.bytes.length * f)));
    assert.equal(p.status, "rejected", `cut at ${f}`);
    assert.deepEqual(p.findings.filter((x) => x.severity === "error").map((x) => x.code), ["corrupt_pdf"]);
  }
});
