/**
 * A stand-in parser for the warehouse tests: a raw file holds JSON with the ParseResult fields
 * it should produce (anything left out is null/empty), or a "crash" instruction:
 *   {"crash": "throw"}     parseFile throws
 *   {"crash": "hang"}      parseFile never returns (busy loop)
 *   {"crash": "exit"}      the worker calls process.exit(3)
 *   {"crash": "uncaught"}  an error thrown outside the parse call kills the worker
 *   {"bigint": "<table_4 column>"}  that table-4 cell comes back as a BigInt (not JSON data)
 * Text that is not JSON becomes "not_report". Each call appends the path to $FAKE_PARSER_LOG.
 */
import { appendFileSync } from "node:fs";
import { createHash } from "node:crypto";
import type { ParseResult } from "../../data-loaders/report.ts";

export async function parseFile(path: string, bytes: Uint8Array): Promise<ParseResult> {
  if (process.env.FAKE_PARSER_LOG) appendFileSync(process.env.FAKE_PARSER_LOG, path + "\n");
  const text = new TextDecoder().decode(bytes);
  const base: ParseResult = {
    file: path, sha256: createHash("sha256").update(bytes).digest("hex"), size: bytes.length,
    detected_type: path.endsWith(".html") ? "html" : path.endsWith(".docx") ? "docx" : "txt",
    layout: path.endsWith(".html") ? "html-table" : "flattened",
    status: "not_report", reason: "not JSON", format: null, title: null, agency: null, agency_normalized: null,
    level: null, region: null, year: null, published: null, table_2: null, table_2_units: {}, table_3: null, table_4: null,
    sections: {}, findings: [],
  };
  let spec: Record<string, unknown>;
  try { spec = JSON.parse(text); } catch { return base; }
  if (spec.crash === "throw") throw new Error("boom in the fake parser");
  if (spec.crash === "hang") { for (;;) { /* never returns */ } }
  if (spec.crash === "exit") process.exit(3);
  if (spec.crash === "uncaught") {
    setTimeout(() => { throw new Error("uncaught boom"); }, 1);
    return new Promise<ParseResult>(() => undefined);
  }
  if (typeof spec.bigint === "string") return { ...base, status: "parsed", reason: null, table_4: { [spec.bigint]: 3n } } as unknown as ParseResult;
  return { ...base, status: "parsed", reason: null, ...spec } as ParseResult;
}
