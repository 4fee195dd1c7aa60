/** Shared bits of the warehouse tests: temp folders, fake report files, runs, parquet reads. */
import { mkdirSync, mkdtempSync, rmSync, utimesSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { after } from "node:test";
import { DuckDBInstance } from "@duckdb/node-api";
import { runWarehouse, type RunOptions } from "../../data-loaders/warehouse/run.ts";

export const FAKE_PARSER = new URL("./fake-parser.ts", import.meta.url).href;
export const FAKE_PARSER_PATH = new URL("./fake-parser.ts", import.meta.url).pathname;

const made: string[] = [];
after(() => { for (const d of made) rmSync(d, { recursive: true, force: true }); });

/** A fresh temp folder with raw/, out/ and cache/ paths, removed after the test file. */
export function tempWorkspace(): { dir: string; raw: string; out: string; cache: string; log: string } {
  const dir = mkdtempSync(join(tmpdir(), "wh-test-"));
  made.push(dir);
  const raw = join(dir, "raw");
  mkdirSync(raw);
  return { dir, raw, out: join(dir, "out"), cache: join(dir, "cache"), log: join(dir, "parse-calls.log") };
}

/** Write a raw file (the fake parser reads its JSON), dated an hour ago so the manifest trusts it. */
export function put(raw: string, rel: string, content: unknown): void {
  const p = join(raw, rel);
  mkdirSync(dirname(p), { recursive: true });
  writeFileSync(p, typeof content === "string" ? content : JSON.stringify(content));
  const old = new Date(Date.now() - 3600_000);
  utimesSync(p, old, old);
}

const T3_ROWS = ["new_received", "carried_over", "granted", "total_processed", "carried_forward"];

/** A fake 2021 report: table 3 rows with 7 values, table 4, a table 2 subtable, one section. */
export function report(agency: string, year: number, over: Record<string, unknown> = {}): Record<string, unknown> {
  const table_3: Record<string, (number | null)[]> = {};
  for (const r of T3_ROWS) table_3[r] = [1, 0, 0, 0, 0, 0, 1];
  table_3.new_received = [3, 1, 0, 0, 0, 0, 4];
  return {
    agency, agency_normalized: agency, year, format: "2021", published: `${year + 1}-01-20`, title: `${agency}${year}年政府信息公开工作年度报告`,
    table_2: { "art20_1_normative_documents/regulations": { issued: 2, repealed: 0, currently_valid: 9 } },
    table_3,
    table_4: { review_upheld: 0, review_total: 1, litigation_direct_total: 2, litigation_after_review_total: 0 },
    sections: { overview: `${agency}总体情况` },
    ...over,
  };
}

export function runFake(ws: { raw: string; out: string; cache: string; log: string }, opts: Partial<RunOptions> = {}) {
  process.env.FAKE_PARSER_LOG = ws.log;
  return runWarehouse({ raw: ws.raw, out: ws.out, cacheDir: ws.cache, parserUrl: FAKE_PARSER, jobs: 2, ...opts });
}

/** Rows of a SQL query; `$out` is replaced by the quoted out folder path prefix. */
export async function query(sql: string): Promise<Record<string, unknown>[]> {
  const db = await DuckDBInstance.create(":memory:");
  const c = await db.connect();
  try {
    const r = await c.runAndReadAll(sql);
    return r.getRowObjectsJS() as Record<string, unknown>[];
  } finally {
    c.closeSync();
    db.closeSync();
  }
}

export function pq(out: string, table: string): string {
  return `'${join(out, table + ".parquet").replace(/'/g, "''")}'`;
}
