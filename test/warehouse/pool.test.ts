import { test } from "node:test";
import assert from "node:assert/strict";
import { existsSync, writeFileSync } from "node:fs";
import { join, resolve } from "node:path";
import { pathToFileURL } from "node:url";
import { workerBundle } from "../../data-loaders/warehouse/bundle.ts";
import { ParsePool } from "../../data-loaders/warehouse/pool.ts";
import { DEFAULT_PARSER_URL } from "../../data-loaders/warehouse/run.ts";
import { FAKE_PARSER, pq, put, query, report, runFake, tempWorkspace } from "./helpers.ts";

test("a parser that throws, a worker that crashes or exits: rejected rows naming the error, the run goes on", async () => {
  const ws = tempWorkspace();
  put(ws.raw, "0-throw.txt", { crash: "throw" });
  put(ws.raw, "1-uncaught.txt", { crash: "uncaught" });
  put(ws.raw, "2-exit.txt", { crash: "exit" });
  for (let i = 0; i < 8; i++) put(ws.raw, `ok/${i}.txt`, report(`局${i}`, 2021));
  const r = await runFake(ws, { jobs: 2 });
  assert.equal(r.summary.counts.parsed, 8, "every good file parsed");
  assert.equal(r.summary.counts.rejected, 3);
  const files = await query(`SELECT path, status, reason FROM ${pq(ws.out, "files")} WHERE status = 'rejected' ORDER BY path`);
  assert.deepEqual(files.map((f) => f.path), ["0-throw.txt", "1-uncaught.txt", "2-exit.txt"]);
  assert.match(String(files[0].reason), /^parser error: .*boom in the fake parser/);
  assert.match(String(files[1].reason), /^worker crashed: .*uncaught boom/);
  assert.match(String(files[2].reason), /^worker exited with code 3/);
});

test("a result holding a value JSON would not carry (a BigInt cell) is rejected naming the cell, never read as NULL", async () => {
  const ws = tempWorkspace();
  put(ws.raw, "big.txt", { bigint: "review_total" });
  put(ws.raw, "ok.txt", report("局", 2021));
  const r = await runFake(ws);
  assert.equal(r.summary.counts.parsed, 1);
  assert.deepEqual(r.summary.notClean, [["big.txt", "rejected", "parser result cannot be sent: table_4.review_total is not plain JSON data"]]);
  const cells = await query(`SELECT count(*)::INT n FROM ${pq(ws.out, "table4_cells")} c JOIN ${pq(ws.out, "reports")} r USING (report_id) WHERE r.path = 'big.txt'`);
  assert.equal(cells[0].n, 0);
});

test("a file that runs past the time limit is rejected with reason timeout and the next files still parse", async () => {
  const ws = tempWorkspace();
  put(ws.raw, "a-hang.txt", { crash: "hang" });
  for (let i = 0; i < 4; i++) put(ws.raw, `b${i}.txt`, report(`局${i}`, 2020));
  const t0 = performance.now();
  const r = await runFake(ws, { jobs: 1, timeoutMs: 1000 });
  assert.ok(performance.now() - t0 < 15_000);
  assert.equal(r.summary.counts.parsed, 4);
  assert.deepEqual(r.summary.notClean, [["a-hang.txt", "rejected", "timeout: parsing took longer than 1 s"]]);
  assert.equal(r.pool!.timedOut, 1);
});

test("crashed and timed-out files are not cached: the next run tries them again", async () => {
  const ws = tempWorkspace();
  put(ws.raw, "crash.txt", { crash: "exit" });
  put(ws.raw, "good.txt", report("局", 2020));
  await runFake(ws);
  put(ws.raw, "other.txt", report("别局", 2020));
  const r = await runFake(ws);
  assert.equal(r.parsed, 2, "crash.txt again, plus the new file");
  assert.equal(r.cached, 1);
});

test("a file that cannot be read (gone since the listing) is rejected with a reason naming the error", async () => {
  const ws = tempWorkspace();
  const pool = new ParsePool({ parserUrl: FAKE_PARSER, jobs: 1 });
  const r = await pool.submit({ path: "gone.txt", abs: join(ws.raw, "gone.txt"), sha256: "0", size: 0, cacheKey: null });
  await pool.close();
  assert.equal(r.status, "rejected");
  assert.match(String(r.reason), /^cannot read: .*ENOENT/);
});

test("a parser module that cannot load stops the pool with an error naming it", async () => {
  const ws = tempWorkspace();
  const bad = join(ws.dir, "bad-parser.ts");
  writeFileSync(bad, "export const nothing = 1;\n");
  const pool = new ParsePool({ parserUrl: "file://" + bad, jobs: 1 });
  put(ws.raw, "a.txt", "x");
  await assert.rejects(pool.submit({ path: "a.txt", abs: join(ws.raw, "a.txt"), sha256: "0", size: 1, cacheKey: null }), /bad-parser\.ts.*parseFile/);
  await pool.close();
});

test("the pool parses with several workers and returns one result per file", async () => {
  const ws = tempWorkspace();
  const pool = new ParsePool({ parserUrl: FAKE_PARSER, jobs: 2 });
  const paths = Array.from({ length: 30 }, (_, i) => `f${i}.txt`);
  for (const p of paths) put(ws.raw, p, report(p, 2021));
  const results = await Promise.all(paths.map((p) => pool.submit({ path: p, abs: join(ws.raw, p), sha256: "s" + p, size: 0, cacheKey: null })));
  await pool.close();
  assert.deepEqual(results.map((r) => r.file), paths);
  assert.deepEqual(results.map((r) => r.agency), paths);
  assert.equal(pool.stats.parsed, 30);
});

test("with several files in flight on one worker, a crash is blamed on the file being parsed only", async () => {
  const ws = tempWorkspace();
  const names = ["a.txt", "b-exit.txt", "c.txt", "d-uncaught.txt", "e.txt", "f.txt"];
  for (const n of names) put(ws.raw, n, n.includes("exit") ? { crash: "exit" } : n.includes("uncaught") ? { crash: "uncaught" } : report(n, 2021));
  const pool = new ParsePool({ parserUrl: FAKE_PARSER, jobs: 1, depth: 3 });
  const results = await Promise.all(names.map((n) => pool.submit({ path: n, abs: join(ws.raw, n), sha256: "0", size: 0, cacheKey: null })));
  await pool.close();
  assert.deepEqual(results.map((r) => [r.file, r.status]), [
    ["a.txt", "parsed"], ["b-exit.txt", "rejected"], ["c.txt", "parsed"], ["d-uncaught.txt", "rejected"], ["e.txt", "parsed"], ["f.txt", "parsed"],
  ]);
  assert.equal(pool.stats.crashed, 2);
});

test("with the default parser, the workers start from the bundle and give the results the tsx workers give", async () => {
  const files = ["reports-raw/pingtan/07_pingtan_jinjing_2020.html", "reports-raw/pingtan/07_pingtan_jinjing_2020.txt", "test/fixtures/extract/report-table.docx"]
  const parse = async (bundled: boolean) => {
    const pool = new ParsePool({ parserUrl: DEFAULT_PARSER_URL, bundled, jobs: 1 });
    try {
      const rs = await Promise.all(files.map((f) => pool.submit({ path: f, abs: resolve(f), sha256: "", size: 0, cacheKey: null })));
      return { bundledNow: pool.bundled, problem: pool.bundleProblem, rs };
    } finally {
      await pool.close();
    }
  };
  const viaBundle = await parse(true);
  const viaTsx = await parse(false);
  assert.equal(viaBundle.problem, null);
  assert.equal(viaBundle.bundledNow, true);
  assert.equal(viaTsx.bundledNow, false);
  assert.ok(viaBundle.rs.every((r) => r.status !== "rejected"), JSON.stringify(viaBundle.rs.map((r) => r.reason)));
  assert.deepEqual(viaBundle.rs, viaTsx.rs);
  const bundle = workerBundle();
  assert.ok("url" in bundle && existsSync(new URL(bundle.url)), "the bundle is a file");
});

test("a bundled worker that cannot start falls back to tsx, says why, and parses the same", async () => {
  const ws = tempWorkspace();
  const broken = join(ws.dir, "broken-bundle.mjs");
  writeFileSync(broken, "throw new Error('this bundle is broken');\n");
  const pool = new ParsePool({ parserUrl: DEFAULT_PARSER_URL, bundled: true, bundleUrl: pathToFileURL(broken).href, jobs: 1 });
  const f = "reports-raw/pingtan/07_pingtan_jinjing_2020.txt";
  const r = await pool.submit({ path: f, abs: resolve(f), sha256: "", size: 0, cacheKey: null });
  await pool.close();
  assert.equal(pool.bundled, false);
  assert.match(String(pool.bundleProblem), /bundled parse worker failed to start.*this bundle is broken/);
  assert.equal(r.agency !== null && r.status !== "rejected", true);
});

test("prefetch hands the queued files out evenly, up to the given number per worker", async () => {
  const ws = tempWorkspace();
  for (let i = 0; i < 9; i++) put(ws.raw, `${i}.txt`, report(`局${i}`, 2021));
  const pool = new ParsePool({ parserUrl: FAKE_PARSER, jobs: 2, depth: 1 });
  pool.warm();
  await pool.whenReady();
  const done = Array.from({ length: 9 }, (_, i) => pool.submit({ path: `${i}.txt`, abs: join(ws.raw, `${i}.txt`), sha256: "0", size: 0, cacheKey: null }));
  done.forEach((p) => p.catch(() => undefined));
  // no reply can arrive in between: this test does not yield until close()
  assert.deepEqual(pool.inFlight(), [1, 1], "depth 1: one file each");
  pool.prefetch(3);
  assert.deepEqual(pool.inFlight(), [3, 3], "three each, the rest stays queued");
  await pool.close();
});

test("the files in flight per worker adapt to the parse time: many quick files, few slow ones; a fixed depth stays", async () => {
  const ws = tempWorkspace();
  for (let i = 0; i < 20; i++) put(ws.raw, `${i}.txt`, report(`局${i}`, 2021));
  const pool = new ParsePool({ parserUrl: FAKE_PARSER, jobs: 1 });
  assert.equal(pool.depth(), 3, "before any file: 10 ms assumed");
  await Promise.all(Array.from({ length: 20 }, (_, i) => pool.submit({ path: `${i}.txt`, abs: join(ws.raw, `${i}.txt`), sha256: "0", size: 0, cacheKey: null })));
  await pool.close();
  const avg = pool.stats.parseMs / pool.stats.parsed;
  assert.equal(pool.depth(), Math.max(3, Math.min(32, Math.ceil(30 / Math.max(avg, 0.1)))));
  assert.ok(pool.depth() > 3, `fake files take ${avg.toFixed(2)} ms: more than 3 in flight`);
  assert.equal(new ParsePool({ parserUrl: FAKE_PARSER, depth: 5 }).depth(), 5);
});
