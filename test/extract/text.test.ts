import { test } from "node:test";
import assert from "node:assert/strict";
import { cellText, hasNonSpace, lowerSlice } from "../../data-loaders/extract/text.ts";
import { prng } from "./helpers.ts";

test("lowerSlice lower-cases a slice as toLowerCase does, ASCII or not", () => {
  const s = "<td ROWSPAN=2><Svg><ΣΑ><İx><div>";
  for (const [from, to] of [[1, 3], [4, 11], [15, 18], [20, 22], [24, 26], [28, 31], [0, s.length], [5, 5]]) {
    assert.equal(lowerSlice(s, from, to), s.slice(from, to).toLowerCase(), `${from}-${to}`);
  }
});

/** The regex definitions cellText and hasNonSpace stand for. */
const cellTextByRegex = (s: string) =>
  s.replace(/[\u0000-\u0008\u000B-\u001F\u007F]/g, " ").replace(/[\u200B-\u200D\u2060\uFEFF\u00AD]/g, "").replace(/\s+/g, " ").trim();

test("cellText and hasNonSpace agree with their regex definitions on every kind of character", () => {
  const alphabet = ["a", "一", "1", " ", "  ", "\t", "\n", "\r", "\u000b", "\u000c", "\u0000", "\u001f", "\u001e", "\u007f", "\u00a0", "\u1680",
    "\u2000", "\u200a", "\u200b", "\u200d", "\u2028", "\u2029", "\u202f", "\u205f", "\u2060", "\u3000", "\ufeff", "\u00ad", "é", "，", "\ud83d\ude00"];
  // (an LCG in floating point, used here before, repeated itself after 1,829 strings and never made "a  b")
  const next = prng(1);
  const cases = ["a  b", " a ", "a\u00a0b", "\ufeffa\ufeff", "a\u200bb", "\u0001a", "a \n b", "一 二", "", "   "];
  for (let i = 0; i < 20000; i++) {
    let s = "";
    for (let n = Math.floor(next() * 8); n > 0; n--) s += alphabet[Math.floor(next() * alphabet.length)];
    cases.push(s);
  }
  for (const s of cases) {
    assert.equal(cellText(s), cellTextByRegex(s), JSON.stringify(s));
    assert.equal(hasNonSpace(s), /\S/.test(s), JSON.stringify(s));
  }
});
