/**
 * Fuzz: the real and sample reports (txt and html), mutated with a fixed seed, through parseFile.
 * For every case:
 *   - nothing throws (parseFile's own catch would say "parser_error", the extractor's
 *     "extract_failed": either is a throw inside the pipeline);
 *   - the result has a status ("rejected" with a reason);
 *   - every identity that fails on the record's tables (re-checked with checkIdentities) is
 *     explained by a finding (identity_failed for it, or a warning/error on its table:
 *     ambiguous_split, cell_count, row_missing, row_empty…);
 *   - no invented numbers: each non-null value of table_3 and table_4 appears in the mutated
 *     source's digit stream (its digits, in order, with everything else removed).
 * The run is bounded by the case count (CASES text cases + BINARY_CASES pdf/doc cases).
 * A case that fails prints its source, its mutations and its index; re-run one case with
 *   FUZZ_CASE=<index> node --import tsx --test test/fuzz/mutate.test.ts
 */
import { test } from "node:test";
import assert from "node:assert/strict";
import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { CELL, ROW } from "../../data-loaders/document.ts";
import { checkIdentities } from "../../data-loaders/check/identities.ts";
import { parseFile } from "../../data-loaders/parse-file.ts";
import type { ParseResult } from "../../data-loaders/report.ts";

export const SEED = Number(process.env.FUZZ_SEED ?? 20240601);
const CASES = Number(process.env.FUZZ_CASES ?? 300);
const BINARY_CASES = Number(process.env.FUZZ_BINARY_CASES ?? 12);
const STATUSES = new Set(["parsed", "flagged", "pre2019", "not_report", "rejected"]);

/** mulberry32: a tiny seeded PRNG. */
export function prng(seed: number): () => number {
  return () => {
    seed = (seed + 0x6d2b79f5) | 0;
    let t = Math.imul(seed ^ (seed >>> 15), 1 | seed);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

type Rand = () => number;
const int = (r: Rand, n: number) => Math.floor(r() * n);

const SEPARATORS = ["\t", "|", CELL, ROW, "\n", "</td><td>", "</tr><tr>", "\u3000", " "];

/** Text mutations: each returns the mutated text and its name. */
const TEXT_MUTATIONS: ((s: string, r: Rand) => [string, string])[] = [
  (s, r) => {
    const a = int(r, s.length), n = 1 + int(r, 2000);
    return [s.slice(0, a) + s.slice(a + n), `cut ${n}@${a}`];
  },
  (s, r) => {
    const lines = s.split("\n");
    const i = int(r, lines.length);
    lines.splice(i, 0, lines[i]);
    return [lines.join("\n"), `dup line ${i}`];
  },
  (s, r) => {
    const lines = s.split("\n");
    const i = int(r, lines.length), j = int(r, lines.length);
    [lines[i], lines[j]] = [lines[j], lines[i]];
    return [lines.join("\n"), `swap lines ${i},${j}`];
  },
  (s, r) => {
    const digits = [...s.matchAll(/\d/g)];
    if (!digits.length) return [s, "no digit"];
    const m = digits[int(r, digits.length)];
    const d = String(int(r, 10));
    return [s.slice(0, m.index) + d + s.slice(m.index! + 1), `digit@${m.index}=${d}`];
  },
  (s, r) => {
    const a = int(r, s.length), sep = SEPARATORS[int(r, SEPARATORS.length)];
    return [s.slice(0, a) + sep + s.slice(a), `sep ${JSON.stringify(sep)}@${a}`];
  },
  (s, r) => {
    const a = int(r, s.length);
    return [s.slice(0, a), `truncate@${a}`];
  },
  (s, r) => {
    // duplicate a span (a repeated table block, a page printed twice)
    const a = int(r, s.length), n = 1 + int(r, 3000);
    return [s.slice(0, a + n) + s.slice(a, a + n) + s.slice(a + n), `dup span ${n}@${a}`];
  },
];

/** Byte corruption: up to 16 random bytes set to random values. */
function corruptBytes(b: Uint8Array, r: Rand): [Uint8Array, string] {
  const out = Uint8Array.from(b);
  const n = 1 + int(r, 16);
  const at: number[] = [];
  for (let k = 0; k < n && out.length; k++) {
    const i = int(r, out.length);
    out[i] = int(r, 256);
    at.push(i);
  }
  return [out, `bytes ${at.join(",")}`];
}

interface Source { file: string; bytes: Uint8Array }

function sources(roots: string[], exts: RegExp): Source[] {
  const out: Source[] = [];
  for (const root of roots) {
    for (const name of readdirSync(root).sort()) {
      if (exts.test(name)) out.push({ file: join(root, name), bytes: new Uint8Array(readFileSync(join(root, name))) });
    }
  }
  return out;
}

export function mutateText(src: Source, r: Rand): { bytes: Uint8Array; steps: string[] } {
  let text = new TextDecoder().decode(src.bytes);
  const steps: string[] = [];
  const k = 1 + int(r, 3);
  let bytes: Uint8Array | null = null;
  for (let i = 0; i < k; i++) {
    if (r() < 0.15) {
      const [b, step] = corruptBytes(bytes ?? new TextEncoder().encode(text), r);
      bytes = b;
      text = new TextDecoder().decode(b);
      steps.push(step);
    } else {
      const [t, step] = TEXT_MUTATIONS[int(r, TEXT_MUTATIONS.length)](text, r);
      text = t;
      bytes = null;
      steps.push(step);
    }
  }
  return { bytes: bytes ?? new TextEncoder().encode(text), steps };
}

function mutateBinary(src: Source, r: Rand): { bytes: Uint8Array; steps: string[] } {
  const b = src.bytes;
  const choice = int(r, 4);
  if (choice === 0) return { bytes: corruptBytes(b, r)[0], steps: ["corrupt bytes"] };
  if (choice === 1) {
    const a = int(r, b.length);
    return { bytes: b.subarray(0, a), steps: [`truncate@${a}`] };
  }
  const a = int(r, b.length), n = 1 + int(r, 4096);
  if (choice === 2) return { bytes: Uint8Array.from([...b.subarray(0, a), ...b.subarray(a + n)]), steps: [`cut ${n}@${a}`] };
  return { bytes: Uint8Array.from([...b.subarray(0, a + n), ...b.subarray(a, a + n), ...b.subarray(a + n)]), steps: [`dup ${n}@${a}`] };
}

/** The digits of a source, in order (full-width digits as ASCII). */
const digitStream = (bytes: Uint8Array) => new TextDecoder().decode(bytes).normalize("NFKC").replace(/\D+/g, "");

/** What is wrong with one result; empty when nothing is. */
export function problems(r: ParseResult, source: Uint8Array | null): string[] {
  const out: string[] = [];
  for (const f of r.findings) if (f.code === "parser_error" || f.code === "extract_failed") out.push(`throw: ${f.message}`);
  if (!STATUSES.has(r.status)) out.push(`status ${r.status}`);
  if (r.status === "rejected" && !r.reason) out.push("rejected without a reason");
  if ((r.format === "2019" || r.format === "2021") && (r.table_3 || r.table_4)) {
    for (const fail of checkIdentities({ format: r.format, table_3: r.table_3, table_4: r.table_4, unresolved: new Set() })) {
      const said = r.findings.some((f) => (f.code === "identity_failed" && f.excerpt === fail.excerpt) || (f.table === fail.table && f.severity !== "info"));
      if (!said) out.push(`unexplained identity failure: ${fail.message}`);
    }
  }
  if (source) {
    const digits = digitStream(source);
    const values = [...Object.values(r.table_3 ?? {}).flat(), ...Object.values(r.table_4 ?? {})];
    for (const v of values) {
      if (v === null || v === undefined) continue;
      const d = String(v).replace(/\D/g, "");
      if (!digits.includes(d)) out.push(`invented number ${v}`);
    }
  }
  return out;
}

/** report.ts: "parsed" means no warning or error finding. */
const parsedWithWarning = (r: ParseResult) => r.status === "parsed" && r.findings.some((f) => f.severity !== "info");

const only = process.env.FUZZ_CASE === undefined ? null : Number(process.env.FUZZ_CASE);

test(`${CASES} mutated txt/html reports: no throw, a status, identities hold or are flagged, no invented number`, async () => {
  const srcs = sources(["test/fixtures/reports-real", "test/fixtures/reports-sample"], /\.(txt|html)$/);
  assert.ok(srcs.length >= 20, `${srcs.length} sources`);
  const r = prng(SEED);
  const failures: string[] = [];
  const statuses: Record<string, number> = {};
  let contract = 0;
  for (let i = 0; i < CASES; i++) {
    const src = srcs[i % srcs.length];
    const { bytes, steps } = mutateText(src, r);
    if (only !== null && only !== i) continue;
    const result = await parseFile(src.file, bytes);
    statuses[result.status] = (statuses[result.status] ?? 0) + 1;
    if (parsedWithWarning(result)) contract++;
    for (const p of problems(result, bytes)) failures.push(`case ${i} ${src.file} [${steps.join("; ")}]: ${p}`);
  }
  console.log(`fuzz statuses: ${JSON.stringify(statuses)}`);
  assert.deepEqual(failures, []);
  assert.equal(contract, 0, "records marked parsed despite a warning");
});

test(`${BINARY_CASES} mutated pdf/doc files: no throw and a status`, async () => {
  const srcs = sources(["test/fixtures/pdf", "test/fixtures/doc"], /^\d.*\.(pdf|doc)$/);
  const r = prng(SEED + 1);
  const failures: string[] = [];
  for (let i = 0; i < BINARY_CASES; i++) {
    const src = srcs[i % srcs.length];
    const { bytes, steps } = mutateBinary(src, r);
    if (only !== null && only !== CASES + i) continue;
    const result = await parseFile(src.file, bytes);
    for (const p of problems(result, null)) failures.push(`case ${CASES + i} ${src.file} [${steps.join("; ")}]: ${p}`);
  }
  assert.deepEqual(failures, []);
});

// Found by this fuzz test: a file with an undecodable byte (decode_replacements, a warning) was
// "parsed" because the status ignored the extractor's findings. Kept as a regression test.
test("a record carrying an extractor warning is not \"parsed\"", async () => {
  const file = "test/fixtures/fuzz/parsed-despite-decode-warning.txt";
  const r = await parseFile(file, new Uint8Array(readFileSync(file)));
  assert.ok(r.findings.some((f) => f.code === "decode_replacements" && f.severity === "warning"));
  assert.notEqual(r.status, "parsed");
});
