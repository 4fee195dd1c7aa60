import { test } from "node:test";
import assert from "node:assert/strict";
import { readSegment } from "../../data-loaders/parse/cells.ts";
import { candidates, partitions, rowKey } from "../../data-loaders/parse/split.ts";

const read = (seg: string, k: number) => {
  const s = readSegment(seg);
  return candidates(s.chunks, k, s.blanksVisible).rows.map(rowKey);
};

test("a number never starts with a zero, so runs of zeros are single cells", () => {
  assert.deepEqual(read("0000000", 7), ["0|0|0|0|0|0|0"]);
  assert.deepEqual(partitions("05"), [["0", "5"]]);
});

test("glued digits of a row list every reading with the right cell count", () => {
  assert.deepEqual(read("280000028", 7).sort(), ["2|80|0|0|0|0|28", "2|800|0|0|0|2|8", "28|0|0|0|0|0|28", "280|0|0|0|0|2|8"].sort());
});

test("spaces are cell boundaries but a chunk between spaces may still hold several cells", () => {
  assert.deepEqual(read("00 0 0 00 0", 7), ["0|0|0|0|0|0|0"]);
  assert.deepEqual(read("10 0 0 0 01", 7), ["1|0|0|0|0|0|1"]);
});

test("a minus sign starts a cell and a unit ends one", () => {
  assert.deepEqual(read("88-720", 3).sort(), ["8|8|-720", "88|-7|20", "88|-72|0"].sort());
  assert.deepEqual(read("2 45.82万元", 2), ["2|45.82万元"]);
  assert.deepEqual(read("15-15", 2), ["15|-15"]);
});

test("a blank cell that left no trace in flattened text is re-inserted at every position", () => {
  const rows = read("000000", 7);
  assert.equal(rows.length, 7);
  assert.ok(rows.includes("0|_|0|0|0|0|0"));
});

test("delimited cells keep a blank cell as null and are never split", () => {
  assert.deepEqual(read("\u001f12\u001f\u001f3\u001f\u001e", 3), ["12|_|3"]);
  assert.deepEqual(read("\u001f12\u001f\u001f3\u001f\u001e", 4), []);
});

test("zero markers read as zero and are marked", () => {
  const s = readSegment("\u001f-\u001f/\u001f无\u001f");
  const [row] = candidates(s.chunks, 3, true).rows;
  assert.deepEqual(row.map((c) => c?.value), [0, 0, 0]);
  assert.ok(row.every((c) => c?.zeroMarker));
});
