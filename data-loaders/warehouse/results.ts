/**
 * Small helpers on ParseResult shared by the pool, its workers, the cache and the records.
 * Kept free of heavy imports: workers load this file.
 */
import type { ParseResult, Status } from "../report.ts";
import type { StateSummary } from "./cache.ts";

export const STATUSES: readonly Status[] = ["parsed", "flagged", "pre2019", "not_report", "rejected"];

/** A file whose status makes it an annual report (it gets a reports row and a report_id). */
export function isReport(status: Status): boolean {
  return status === "parsed" || status === "flagged" || status === "pre2019";
}

/** The result for a file the parser could not handle (threw, crashed, timed out, unreadable). */
export function rejectedResult(file: string, sha256: string, size: number, reason: string): ParseResult {
  return {
    file, sha256, size,
    detected_type: "unknown", layout: null,
    status: "rejected", reason,
    format: null, title: null, agency: null, agency_normalized: null, level: null, region: null,
    year: null, published: null,
    table_2: null, table_2_units: {}, table_3: null, table_4: null,
    sections: {}, findings: [],
  };
}

/** Why a value is not a usable ParseResult, or null when it is. Cheap shape check, no deep walk. */
export function resultProblem(r: unknown): string | null {
  if (r === null || typeof r !== "object") return `parser returned ${r === null ? "null" : typeof r}, not a ParseResult`;
  const o = r as Record<string, unknown>;
  if (!STATUSES.includes(o.status as Status)) return `parser returned an unknown status ${JSON.stringify(o.status)}`;
  if (!Array.isArray(o.findings)) return "parser returned a result without a findings array";
  for (const k of ["table_2", "table_3", "table_4"]) {
    if (o[k] !== null && o[k] !== undefined && typeof o[k] !== "object") return `parser returned a ${k} that is not an object`;
  }
  return null;
}

/**
 * Where a parse result holds a value that JSON does not carry as it is: a BigInt (JSON.stringify
 * throws), or an object other than a plain object or array (a Date becomes a string, a Map `{}`).
 * The path of the first such value ("table_3.granted[6]"), or null. Results travel and are cached
 * with v8.serialize, which would keep such values, and the warehouse would then read a BigInt cell
 * as NULL without a finding; the worker rejects the file instead, naming the value, as it did when
 * results travelled as JSON text.
 */
export function nonJsonValue(v: unknown): string | null {
  const at = offendingPath(v);
  if (at === null) return null;
  return at.map((k, i) => (typeof k === "number" ? `[${k}]` : i === 0 ? k : `.${k}`)).join("") || "(result)";
}

/** The keys down to the first value JSON would not carry (innermost last), or null. The path is
 * built only for that value: a clean result (nearly all) allocates nothing. */
function offendingPath(v: unknown): (string | number)[] | null {
  if (typeof v === "bigint") return [];
  if (v === null || typeof v !== "object") return null;
  if (Array.isArray(v)) {
    for (let i = 0; i < v.length; i++) {
      const p = offendingPath(v[i]);
      if (p) { p.unshift(i); return p; }
    }
    return null;
  }
  const proto = Object.getPrototypeOf(v);
  if (proto !== Object.prototype && proto !== null) return [];
  for (const k in v) {
    const p = offendingPath((v as Record<string, unknown>)[k]);
    if (p) { p.unshift(k); return p; }
  }
  return null;
}

/** Make a parser result safe to store: file/sha/size from the run, missing fields filled with null. */
export function normalizeResult(r: ParseResult, file: string, sha256: string, size: number): ParseResult {
  return {
    file, sha256, size,
    detected_type: r.detected_type ?? "unknown",
    layout: r.layout ?? null,
    status: r.status,
    reason: r.reason ?? null,
    format: r.format ?? null,
    title: r.title ?? null,
    agency: r.agency ?? null,
    agency_normalized: r.agency_normalized ?? null,
    level: r.level ?? null,
    region: r.region ?? null,
    year: r.year ?? null,
    published: r.published ?? null,
    table_2: r.table_2 ?? null,
    table_2_units: r.table_2_units ?? {},
    table_3: r.table_3 ?? null,
    table_4: r.table_4 ?? null,
    sections: r.sections ?? {},
    findings: r.findings ?? [],
    ...(r.narrative ? { narrative: r.narrative } : {}),
  };
}

export function errorText(e: unknown): string {
  if (e instanceof Error) return `${e.name === "Error" ? "" : e.name + ": "}${e.message}`.split("\n")[0].slice(0, 300);
  return String(e).split("\n")[0].slice(0, 300);
}

/** Files seen, per status, and every file not parsed cleanly with its status and reason, in the order given. */
export function summarize(results: { file: string; status: string; reason?: string | null }[]): StateSummary {
  const counts: Record<string, number> = Object.fromEntries(STATUSES.map((s) => [s, 0]));
  const notClean: [string, string, string | null][] = [];
  for (const r of results) {
    counts[r.status] = (counts[r.status] ?? 0) + 1;
    if (r.status === "flagged" || r.status === "not_report" || r.status === "rejected") notClean.push([r.file, r.status, r.reason ?? null]);
  }
  return { seen: results.length, counts, notClean };
}
