import { test } from "node:test";
import assert from "node:assert/strict";
import { existsSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { put, report, runFake, tempWorkspace } from "./helpers.ts";
import { INDEX_FILE } from "../../data-loaders/warehouse/cache.ts";

function parseCalls(log: string): string[] {
  return existsSync(log) ? readFileSync(log, "utf8").split("\n").filter(Boolean).sort() : [];
}

test("a second run takes every result from the parse cache and calls the parser for nothing", async () => {
  const ws = tempWorkspace();
  put(ws.raw, "a.txt", report("甲局", 2020));
  put(ws.raw, "sub/b.html", report("乙局", 2021));
  const first = await runFake(ws);
  assert.deepEqual(parseCalls(ws.log), ["a.txt", "sub/b.html"]);
  assert.equal(first.parsed, 2);
  rmSync(ws.out, { recursive: true }); // force a rewrite: results must come from the cache
  const second = await runFake(ws);
  assert.equal(second.skipped, false);
  assert.equal(second.parsed, 0);
  assert.equal(second.cached, 2);
  assert.deepEqual(parseCalls(ws.log), ["a.txt", "sub/b.html"], "no new parse call");
});

test("a no-change re-run hashes nothing, parses nothing and leaves the parquet files untouched", async () => {
  const ws = tempWorkspace();
  for (let i = 0; i < 20; i++) put(ws.raw, `d${i % 3}/r${i}.txt`, report(`机关${i}`, 2021));
  await runFake(ws);
  const mtime = statSync(join(ws.out, "reports.parquet")).mtimeMs;
  const again = await runFake(ws);
  assert.equal(again.skipped, true);
  assert.equal(again.hashed, 0, "sizes and mtimes come from the manifest");
  assert.equal(again.parsed, 0);
  assert.equal(again.summary.seen, 20);
  assert.equal(again.summary.counts.parsed, 20);
  assert.equal(statSync(join(ws.out, "reports.parquet")).mtimeMs, mtime, "not rewritten");
  assert.equal(parseCalls(ws.log).length, 20);
});

test("touching a file without changing it re-hashes it but still skips the write", async () => {
  const ws = tempWorkspace();
  put(ws.raw, "a.txt", report("甲局", 2020));
  put(ws.raw, "b.txt", report("乙局", 2020));
  await runFake(ws);
  put(ws.raw, "a.txt", report("甲局", 2020)); // same bytes, new mtime
  const again = await runFake(ws);
  assert.equal(again.hashed, 1);
  assert.equal(again.skipped, true);
});

test("changing one file re-parses only that file and rewrites the warehouse", async () => {
  const ws = tempWorkspace();
  put(ws.raw, "a.txt", report("甲局", 2020));
  put(ws.raw, "b.txt", report("乙局", 2020));
  await runFake(ws);
  put(ws.raw, "b.txt", report("乙局", 2021));
  const again = await runFake(ws);
  assert.equal(again.skipped, false);
  assert.equal(again.parsed, 1);
  assert.equal(again.cached, 0, "a.txt's rows stay in the store: its cached result is not even read");
  assert.equal(again.recomputed, 1);
  assert.deepEqual(parseCalls(ws.log), ["a.txt", "b.txt", "b.txt"]);
});

test("adding, removing or renaming a file rewrites the warehouse; renaming re-uses the cached parse", async () => {
  const ws = tempWorkspace();
  put(ws.raw, "a.txt", report("甲局", 2020));
  await runFake(ws);
  rmSync(join(ws.raw, "a.txt"));
  put(ws.raw, "renamed.txt", report("甲局", 2020));
  const again = await runFake(ws);
  assert.equal(again.skipped, false);
  assert.equal(again.parsed, 0, "same content and extension: cache hit");
  assert.equal(again.summary.seen, 1);
});

test("a new parser version re-parses everything; a deleted output file forces a rewrite", async () => {
  const ws = tempWorkspace();
  put(ws.raw, "a.txt", report("甲局", 2020));
  await runFake(ws, { parserVersion: "t1" });
  const v2 = await runFake(ws, { parserVersion: "t2" });
  assert.equal(v2.skipped, false);
  assert.equal(v2.parsed, 1);
  rmSync(join(ws.out, "findings.parquet"));
  const again = await runFake(ws, { parserVersion: "t2" });
  assert.equal(again.skipped, false);
  assert.equal(again.parsed, 0);
  assert.ok(existsSync(join(ws.out, "findings.parquet")));
});

test("a damaged cache (index or pack) only costs a re-parse: the run still succeeds", async () => {
  const ws = tempWorkspace();
  put(ws.raw, "a.txt", report("甲局", 2020));
  put(ws.raw, "b.txt", report("乙局", 2020));
  await runFake(ws, { parserVersion: "dmg" });
  const packs = join(ws.cache, "dmg", "packs");
  for (const f of readdirSync(packs)) writeFileSync(join(packs, f), "garbage"); // truncated packs
  rmSync(ws.out, { recursive: true });
  const r1 = await runFake(ws, { parserVersion: "dmg" });
  assert.equal(r1.parsed, 2, "unreadable entries are parsed again");
  assert.equal(r1.summary.counts.parsed, 2);
  writeFileSync(join(ws.cache, "dmg", INDEX_FILE), "{not json");
  rmSync(ws.out, { recursive: true });
  const r2 = await runFake(ws, { parserVersion: "dmg" });
  assert.equal(r2.parsed, 2, "an unreadable index is an empty cache");
  rmSync(ws.out, { recursive: true });
  const r3 = await runFake(ws, { parserVersion: "dmg" });
  assert.equal(r3.parsed, 0, "and the cache works again afterwards");
  assert.ok(readdirSync(packs).length <= 2, "packs nothing points to are deleted");
});
