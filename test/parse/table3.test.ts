import { test } from "node:test";
import assert from "node:assert/strict";
import { TABLE3_ROWS, TABLE3_ROW_ORDER } from "../../data-loaders/format/catalogue.ts";
import { normalize } from "../../data-loaders/parse/labels.ts";
import { readTable3 } from "../../data-loaders/parse/table3.ts";

/** A flattened 2021 table 3 built from the schema's own labels and the given rows. */
function flattened(rows: Record<string, string>): string {
  let s = "";
  for (const r of TABLE3_ROWS) {
    if (r.formats && !r.formats.includes("2021")) continue;
    if (r.key === "other_total") continue;
    s += r.zh + (rows[r.key] ?? (r.kind === "group_label" ? "" : "0000000"));
  }
  return normalize(s + "四、政府信息公开行政复议、行政诉讼情况");
}

const read = (rows: Record<string, string>) => {
  const text = flattened(rows);
  return readTable3(text, 0, text.length)!;
};

test("glued digits with a unique reading under the table's arithmetic are read exactly", () => {
  const t = read({ new_received: "280000028", granted: "180000018", partially_granted: "6000006", unable_not_held: "4000004", total_processed: "280000028" });
  assert.equal(t.format, "2021");
  assert.deepEqual(t.value.new_received, [28, 0, 0, 0, 0, 0, 28]);
  assert.deepEqual(t.value.granted, [18, 0, 0, 0, 0, 0, 18]);
  assert.deepEqual(t.value.partially_granted, [6, 0, 0, 0, 0, 0, 6]);
  assert.equal(t.findings.filter((f) => f.code === "ambiguous_split").length, 0);
});

test("row labels ending in digits do not steal the previous row's digits", () => {
  // "1200000122.没有现成信息…" holds the row 12,0,0,0,0,0,12 then the label "2."
  const t = read({ new_received: "120000012", unable_not_held: "120000012", total_processed: "120000012" });
  assert.deepEqual(t.value.unable_not_held, [12, 0, 0, 0, 0, 0, 12]);
  assert.deepEqual(t.value.unable_needs_creation, [0, 0, 0, 0, 0, 0, 0]);
});

test("an ambiguous split is never guessed: the cells are null and a finding lists the alternatives", () => {
  // "110000011" reads 11|0|…|11 or 1|10|0|…|11; both add up, and with the same digits on the
  // rows 一, (一) and (七) every identity holds either way.
  const t = read({ new_received: "110000011", granted: "110000011", total_processed: "110000011" });
  for (const row of ["new_received", "granted", "total_processed"]) {
    assert.deepEqual(t.value[row], [null, null, 0, 0, 0, 0, 11]);
    const f = t.findings.filter((x) => x.code === "ambiguous_split" && x.row === row);
    assert.deepEqual(f.map((x) => x.column), ["natural_person", "commercial_enterprise"]);
    assert.deepEqual(f[0].alternatives!.map((a) => a.join(",")).sort(), ["1,10,0,0,0,0,11", "11,0,0,0,0,0,11"]);
  }
  assert.ok(t.unresolved.has("granted/natural_person"));
});

test("joint arithmetic settles a row that is ambiguous on its own", () => {
  // (七)总计 "110000011" alone is ambiguous, but 一 = 11 in column 自然人 (unique "11000000" + total)
  const t = read({ new_received: "11 0 0 0 0 0 11", granted: "11 0 0 0 0 0 11", total_processed: "110000011" });
  assert.deepEqual(t.value.total_processed, [11, 0, 0, 0, 0, 0, 11]);
  assert.ok(t.findings.some((f) => f.code === "split_resolved" && f.row === "total_processed"));
});

test("the 2019 format has a single 其他处理 row and 23 data rows", () => {
  let s = "";
  for (const r of TABLE3_ROWS) if (r.formats?.includes("2019")) s += r.zh + (r.kind === "group_label" ? "" : "1000001".replace(/1/g, r.key === "new_received" || r.key === "other_total" || r.key === "total_processed" ? "1" : "0"));
  const text = normalize(s);
  const t = readTable3(text, 0, text.length)!;
  assert.equal(t.format, "2019");
  assert.deepEqual(Object.keys(t.value), TABLE3_ROW_ORDER["2019"]);
  assert.deepEqual(t.value.other_total, [1, 0, 0, 0, 0, 0, 1]);
});

test("a row label is not extended over the next label's ordinal", () => {
  // real report 11: "…申请3.其他（七）总计3000003": rows 2 and 3 of 其他处理 printed no digits
  const text = normalize(flattened({ new_received: "3000003", granted: "3000003", other_fee_unpaid: "", other_other: "", total_processed: "3000003" }));
  const t = readTable3(text, 0, text.length)!;
  assert.deepEqual(t.value.total_processed, [3, 0, 0, 0, 0, 0, 3]);
  assert.deepEqual(t.value.other_other, [null, null, null, null, null, null, null]);
  assert.ok(t.findings.some((f) => f.code === "row_empty" && f.row === "other_other"));
  assert.ok(!t.findings.some((f) => f.code === "row_missing"));
});
