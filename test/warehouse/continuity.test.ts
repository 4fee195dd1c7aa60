import { test } from "node:test";
import assert from "node:assert/strict";
import { dedupe } from "../../data-loaders/warehouse/dedupe.ts";
import { continuity } from "../../data-loaders/warehouse/continuity.ts";
import type { ParseResult } from "../../data-loaders/report.ts";

const zeros = () => [0, 0, 0, 0, 0, 0, 0];
function report(file: string, year: number, over: (number | null)[], fwd: (number | null)[], valid: [number, number, number]): ParseResult {
  return {
    file, sha256: file.padEnd(64, "0"), size: 1, detected_type: "txt", layout: "flattened", status: "parsed", reason: null, format: "2021",
    title: null, agency: "某局", agency_normalized: "某局", level: "department", region: null, year, published: null,
    table_2: { "art20_1_normative_documents/normative_documents": { issued: valid[0], repealed: valid[1], currently_valid: valid[2] } }, table_2_units: {},
    table_3: { carried_over: over, carried_forward: fwd, new_received: zeros() }, table_4: null, sections: {}, findings: [],
  };
}

test("carried over this year against last year's carried forward is a soft finding per column", () => {
  const rs = [report("a2022", 2022, zeros(), [2, 0, 0, 0, 0, 0, 2], [1, 0, 10]), report("a2023", 2023, [1, 0, 0, 0, 0, 0, 1], zeros(), [2, 1, 11])];
  const f = continuity(rs, dedupe(rs));
  assert.deepEqual(f[0], []);
  const carry = f[1].filter((x) => x.code === "carry_chain_break");
  assert.deepEqual(carry.map((x) => [x.column, x.expected, x.actual, x.severity]), [["natural_person", 2, 1, "info"], ["total", 2, 1, "info"]]);
  // 10 in force + 2 issued - 1 repealed = 11: the chain holds
  assert.equal(f[1].filter((x) => x.code === "valid_chain_break").length, 0);
});

test("a blank cell or a missing previous year gives no continuity finding", () => {
  const rs = [report("a2021", 2021, zeros(), [null, 0, 0, 0, 0, 0, 5], [0, 0, 3]), report("a2022", 2022, [4, 0, 0, 0, 0, 0, 5], zeros(), [0, 0, 9]), report("a2024", 2024, [9, 0, 0, 0, 0, 0, 9], zeros(), [0, 0, 1])];
  const f = continuity(rs, dedupe(rs));
  assert.deepEqual(f[1].filter((x) => x.code === "carry_chain_break").map((x) => x.column), []);
  assert.deepEqual(f[1].filter((x) => x.code === "valid_chain_break").map((x) => [x.expected, x.actual]), [[3, 9]]);
  assert.deepEqual(f[2], []);
});
