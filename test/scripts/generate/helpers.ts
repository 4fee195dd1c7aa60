import assert from "node:assert/strict";
import type { ParseResult } from "../../../data-loaders/report.ts";
import { truthOf, type Report } from "../../../scripts/generate/report.ts";
import { compare, type Truth } from "../../parse/truth-compare.ts";

/** A generated report parsed back: its type, layout, identity and every cell equal the truth, no cell
 * left null, status parsed. */
export function assertReadsBack(p: ParseResult, r: Report, expect: { type: string; layout: string }, label: string): void {
  assert.equal(p.detected_type, expect.type, `${label}: type`);
  assert.equal(p.layout, expect.layout, `${label}: layout`);
  assert.equal(p.agency, r.agency.name, `${label}: agency`);
  assert.equal(p.year, r.year, `${label}: year`);
  assert.equal(p.format, r.format, `${label}: format`);
  const t = compare(p, truthOf(r, {}) as unknown as Truth);
  assert.deepEqual(t.wrong, [], label);
  assert.equal(t.explainedNull, 0, `${label}: no cell left null`);
  assert.equal(p.status, "parsed", `${label}: ${p.findings.filter((f) => f.severity !== "info").map((f) => f.code)}`);
}
