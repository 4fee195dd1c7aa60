import { test } from "node:test";
import assert from "node:assert/strict";
import { createRequire } from "node:module";
import { Buffer } from "node:buffer";
import { allAgencies } from "../../../scripts/generate/names.ts";
import { renderDoc, wordRows } from "../../../scripts/generate/doc.ts";
import { makeReport, truthOf } from "../../../scripts/generate/report.ts";
import { Rng } from "../../../scripts/generate/rng.ts";
import { parseFile } from "../../../data-loaders/parse-file.ts";
import { extractDoc } from "../../../data-loaders/extract/doc.ts";
import { compare, type Truth } from "../../parse/truth-compare.ts";
import { assertReadsBack } from "./helpers.ts";

const agencies = allAgencies();
const report = (seed: number, year: number) => makeReport(new Rng(seed), agencies[(seed * 53) % agencies.length], year, { breakShare: 0 });

test("generated Word 97 .doc files read back through the parser to exactly their truth", async () => {
  for (let seed = 1; seed <= 8; seed++) {
    const r = report(seed, 2019 + (seed % 6));
    const p = await parseFile(`r${seed}.doc`, renderDoc(r));
    assertReadsBack(p, r, { type: "doc", layout: "doc-text" }, `seed ${seed}`);
  }
});

/** The piece table of a .doc: [cp start, fc, compressed] per piece, in character order. */
function pieces(bytes: Uint8Array): [number, number, boolean][] {
  const CFB = createRequire(import.meta.url)("cfb");
  const c = CFB.read(Buffer.from(bytes), { type: "buffer" });
  const wd = Buffer.from(CFB.find(c, "WordDocument").content), tb = Buffer.from(CFB.find(c, "1Table").content);
  const clx = wd.readUInt32LE(0x1a2);
  assert.equal(tb[clx], 2);
  const n = (tb.readUInt32LE(clx + 1) - 4) / 12;
  return Array.from({ length: n }, (_, i) => {
    const fc = tb.readUInt32LE(clx + 5 + (n + 1) * 4 + i * 8 + 2);
    return [tb.readUInt32LE(clx + 5 + i * 4), fc & 0x40000000 ? (fc & 0x3fffffff) / 2 : fc, !!(fc & 0x40000000)];
  });
}

test("a fast-saved .doc (many pieces, number runs compressed to 8 bits, stored out of order) with cells broken by Enter reads back exactly", async () => {
  for (let seed = 1; seed <= 4; seed++) {
    const r = report(seed, 2019 + seed);
    const bytes = renderDoc(r, new Rng(seed), { fastSaved: true, cellBreaks: true });
    const ps = pieces(bytes);
    assert.ok(ps.length > 20 && ps.some((p) => p[2]) && ps.some((p) => !p[2]), `${ps.length} pieces`);
    assert.ok(ps.some((p, i) => i > 0 && p[1] < ps[i - 1][1]), "stored out of character order");
    const p = await parseFile(`r${seed}.doc`, bytes);
    const t = compare(p, truthOf(r, {}) as unknown as Truth);
    assert.deepEqual(t.wrong, [], `seed ${seed}`);
    assert.equal(t.explainedNull, 0, `seed ${seed}`);
    assert.equal(p.status, "parsed", `seed ${seed}`);
  }
  // a full save: one UTF-16 piece
  assert.deepEqual(pieces(renderDoc(report(1, 2021))), [[0, 0x400, false]]);
});

test("a generated .doc is an OLE file of whole sectors holding WordDocument (Word 97 FIB) and 1Table, and word-extractor finds no stray marks", async () => {
  const bytes = renderDoc(report(2, 2023));
  assert.equal(bytes.length % 512, 0);
  const CFB = createRequire(import.meta.url)("cfb");
  const c = CFB.read(Buffer.from(bytes), { type: "buffer" });
  const wd = Buffer.from(CFB.find(c, "WordDocument").content);
  assert.equal(wd.readUInt16LE(0), 0xa5ec);
  assert.equal(wd.readUInt16LE(2), 0x00c1);
  assert.ok(wd.readUInt16LE(0x0a) & 0x0200, "fWhichTblStm: 1Table");
  assert.ok(CFB.find(c, "1Table"));
  const { value, findings } = await extractDoc(bytes);
  assert.deepEqual(findings, []);
  assert.doesNotMatch(value.text, /[\u0000-\u0009\u000B-\u001D]/, "no cell or row mark left in the text");
});

test("rows as Word stores them: a cell merged down continues as one empty cell per row, one merged across is one cell", () => {
  const g = [
    [{ text: "a", rowspan: 2, colspan: 2 }, { text: "b" }],
    [{ text: "1", num: true }],
    [{ text: "c" }, { text: "d" }, { text: "2", num: true }],
  ];
  assert.deepEqual(wordRows(g), [["a", "b"], ["", "1"], ["c", "d", "2"]]);
});
