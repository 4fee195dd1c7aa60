import { test } from "node:test";
import assert from "node:assert/strict";
import { lowerSlice } from "../../data-loaders/extract/text.ts";

test("lowerSlice lower-cases a slice as toLowerCase does, ASCII or not", () => {
  const s = "<td ROWSPAN=2><Svg><ΣΑ><İx><div>";
  for (const [from, to] of [[1, 3], [4, 11], [15, 18], [20, 22], [24, 26], [28, 31], [0, s.length], [5, 5]]) {
    assert.equal(lowerSlice(s, from, to), s.slice(from, to).toLowerCase(), `${from}-${to}`);
  }
});
