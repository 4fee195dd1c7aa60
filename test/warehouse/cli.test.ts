import { test } from "node:test";
import assert from "node:assert/strict";
import { spawnSync } from "node:child_process";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { FAKE_PARSER_PATH, put, report, tempWorkspace } from "./helpers.ts";

const ROOT = fileURLToPath(new URL("../../", import.meta.url));

function cli(script: "warehouse" | "parse", args: string[], cwd = ROOT) {
  const r = spawnSync(process.execPath, ["--import", "tsx", join(ROOT, `data-loaders/cli/${script}.ts`), ...args], { cwd, encoding: "utf8", env: { ...process.env, FAKE_PARSER_LOG: "" } });
  return { code: r.status, out: r.stdout, err: r.stderr };
}

function whArgs(ws: { raw: string; out: string; cache: string }, ...more: string[]): string[] {
  return ["--raw", ws.raw, "--out", ws.out, "--cache", ws.cache, "--parser", FAKE_PARSER_PATH, ...more];
}

test("--strict exits 1 when a file is rejected and 0 when every file is parsed or pre2019", () => {
  const ws = tempWorkspace();
  put(ws.raw, "good.txt", report("甲局", 2021));
  put(ws.raw, "old.txt", { ...report("乙局", 2015), status: "pre2019", format: "pre2019", table_3: null });
  let r = cli("warehouse", whArgs(ws, "--strict"));
  assert.equal(r.code, 0, r.err);
  put(ws.raw, "bad.txt", { crash: "throw" });
  r = cli("warehouse", whArgs(ws, "--strict"));
  assert.equal(r.code, 1);
  assert.match(r.err, /--strict: 1 file/);
  r = cli("warehouse", whArgs(ws));
  assert.equal(r.code, 0, "without --strict a rejected file is not an error");
});

test("the summary counts files by status and gives one line per file not parsed cleanly, capped at 50", () => {
  const ws = tempWorkspace();
  put(ws.raw, "good.txt", report("甲局", 2021));
  for (let i = 0; i < 53; i++) put(ws.raw, `junk/${String(i).padStart(2, "0")}.txt`, "not a report");
  put(ws.raw, "bad.txt", { crash: "throw" });
  const r = cli("warehouse", whArgs(ws, "--jobs", "2"));
  assert.equal(r.code, 0, r.err);
  assert.match(r.out, /files seen: 55 +parsed: 1 +flagged: 0 +pre2019: 0 +not_report: 53 +rejected: 1/);
  assert.match(r.out, /rejected +bad\.txt: parser error: boom in the fake parser/);
  assert.equal(r.out.split("\n").filter((l) => /^ {2}(rejected|not_report|flagged) /.test(l)).length, 50);
  assert.match(r.out, /\.\.\. and 4 more, see .*files\.parquet/);
  assert.match(r.err, /55 files: 0 from the parse cache, 55 to parse/);
  const again = cli("warehouse", whArgs(ws));
  assert.match(again.out, /up to date/);
  assert.match(again.out, /files seen: 55/);
});

test("errors name the folder: a missing raw folder exits 2", () => {
  const ws = tempWorkspace();
  const r = cli("warehouse", ["--raw", join(ws.dir, "nope"), "--out", ws.out, "--cache", ws.cache]);
  assert.equal(r.code, 2);
  assert.match(r.err, /nope/);
});

test("npm run parse prints one JSON line per file, without sections, and a rejected line for a file it cannot read", () => {
  const ws = tempWorkspace();
  put(ws.raw, "a.txt", report("甲局", 2021));
  put(ws.raw, "sub/b.html", report("乙局", 2020));
  const r = cli("parse", ["--raw", ws.raw, "--parser", FAKE_PARSER_PATH, join(ws.raw, "a.txt"), join(ws.raw, "sub"), join(ws.raw, "missing.txt")]);
  assert.equal(r.code, 1);
  assert.match(r.err, /missing\.txt: cannot read/);
  const lines = r.out.trim().split("\n").map((l) => JSON.parse(l));
  assert.deepEqual(lines.map((l) => [l.file, l.status]), [["a.txt", "parsed"], ["sub/b.html", "parsed"], ["missing.txt", "rejected"]]);
  assert.equal(lines[0].agency, "甲局");
  assert.equal("sections" in lines[0], false);
  for (const k of ["file", "sha256", "status", "format", "agency", "year", "published", "table_2", "table_3", "table_4", "findings"]) assert.ok(k in lines[0], k);
});
