/** One raw file to one ParseResult: extract, read, and account for the file whatever happens. */
import { createHash } from "node:crypto";
import { extract } from "./extract/index.ts";
import type { ParseResult } from "./report.ts";
import { readReport } from "./parse/report.ts";

/** `sha256`: the bytes' hash when the caller has it already (the warehouse hashes every file before
 * it sends it to a parse worker); computed here otherwise. */
export async function parseFile(path: string, bytes: Uint8Array, sha256 = createHash("sha256").update(bytes).digest("hex")): Promise<ParseResult> {
  const base = { file: path, sha256, size: bytes.length };
  const empty = {
    layout: null, format: null, title: null, agency: null, agency_normalized: null, level: null, region: null,
    year: null, published: null, table_2: null, table_2_units: {}, table_3: null, table_4: null, sections: {},
  };
  try {
    const ex = await extract(path, bytes);
    const fatal = ex.findings.find((f) => f.severity === "error" && !ex.value.text);
    if (fatal) return { ...base, ...empty, detected_type: ex.type, status: "rejected", reason: fatal.message, findings: ex.findings };
    const record = readReport(ex.value, ex.findings);
    return { ...base, detected_type: ex.type, ...record, findings: [...ex.findings, ...record.findings] };
  } catch (e) {
    const message = `parser error: ${(e as Error).message}`;
    return { ...base, ...empty, detected_type: "unknown", status: "rejected", reason: message, findings: [{ code: "parser_error", severity: "error", message, table: null, row: null, column: null, excerpt: null }] };
  }
}
