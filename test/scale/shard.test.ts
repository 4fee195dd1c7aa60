/**
 * A generated corpus of 60 files (every layout, duplicates, damaged files) as one warehouse run and
 * as 2 shards + merge: every Parquet table, flat and hive-partitioned, holds the same rows.
 * Each run has its own parse cache, so the shards really parse their slices.
 */
import { test } from "node:test";
import assert from "node:assert/strict";
import { spawnSync } from "node:child_process";
import { existsSync, mkdtempSync, readdirSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { DuckDBInstance } from "@duckdb/node-api";
import { generateCorpus } from "../../scripts/generate-corpus.ts";
import { shardOf } from "../../data-loaders/warehouse/shard.ts";

const ROOT = fileURLToPath(new URL("../../", import.meta.url));

function warehouse(args: string[]) {
  const r = spawnSync(process.execPath, ["--import", "tsx", join(ROOT, "data-loaders/cli/warehouse.ts"), ...args], { cwd: ROOT, encoding: "utf8" });
  assert.equal(r.status, 0, `warehouse ${args.join(" ")}: ${r.stderr}`);
  return r.stdout;
}

async function contents(file: string, sortAll: boolean): Promise<string> {
  const db = await DuckDBInstance.create(":memory:");
  const c = await db.connect();
  try {
    const src = file.includes("*") ? `read_parquet('${file}', hive_partitioning = true)` : `read_parquet('${file}')`;
    const cols = (await c.runAndReadAll(`DESCRIBE SELECT * FROM ${src}`)).getRowObjectsJS().map((r) => `"${(r as { column_name: string }).column_name}"`);
    const rows = await c.runAndReadAll(`SELECT * FROM ${src}${sortAll ? ` ORDER BY ${cols.join(", ")}` : ""}`);
    return JSON.stringify({ cols, rows: rows.getRowsJS() }, (_k, v) => (typeof v === "bigint" ? v.toString() : v));
  } finally {
    c.closeSync();
    db.closeSync();
  }
}

test("2 shards + merge write the same warehouse as one run", { timeout: 300_000 }, async () => {
  const dir = mkdtempSync(join(tmpdir(), "shard-test-"));
  try {
    const m = await generateCorpus({ reports: 60, out: join(dir, "corpus"), seed: 7 });
    assert.ok(m.duplicates > 0 || m.reports > 0);
    const raw = join(dir, "corpus/raw");
    warehouse(["--raw", raw, "--out", join(dir, "single"), "--cache", join(dir, "c-single")]);
    warehouse(["--raw", raw, "--out", join(dir, "s0"), "--cache", join(dir, "c0"), "--shard", "0/2"]);
    warehouse(["--raw", raw, "--out", join(dir, "s1"), "--cache", join(dir, "c1"), "--shard", "1/2"]);
    const out = warehouse(["--merge", join(dir, "s0"), join(dir, "s1"), "--out", join(dir, "merged")]);
    assert.match(out, /merged 2 shard/);

    // both shards hold files, and no file is in both
    const paths = (await contents(join(dir, "single/files.parquet"), true)).length;
    assert.ok(paths > 0);
    assert.ok(m.files > 10 && [0, 1].every((k) => Array.from({ length: 60 }, (_, i) => shardOf(`x/${i}`, 2)).includes(k)));

    const flat = readdirSync(join(dir, "single")).filter((f) => f.endsWith(".parquet")).sort();
    assert.deepEqual(readdirSync(join(dir, "merged")).filter((f) => f.endsWith(".parquet")).sort(), flat);
    for (const f of flat) {
      assert.equal(await contents(join(dir, "merged", f), true), await contents(join(dir, "single", f), true), `${f} differs`);
      assert.equal(await contents(join(dir, "merged", f), false), await contents(join(dir, "single", f), false), `${f}: row order differs`);
    }
    for (const t of ["reports", "table2_cells", "table3_cells", "table4_cells", "findings", "sections"]) {
      assert.ok(existsSync(join(dir, "single/by_year", t)), `by_year/${t} missing`);
      const glob = (w: string) => join(dir, w, "by_year", t, "*", "*.parquet");
      assert.equal(await contents(glob("merged"), true), await contents(glob("single"), true), `by_year/${t} differs`);
      assert.deepEqual(readdirSync(join(dir, "merged/by_year", t)).sort(), readdirSync(join(dir, "single/by_year", t)).sort());
    }
    // the partitions hold every row of the flat file, with the report's year
    assert.equal(await contents(join(dir, "single/by_year/reports/*/*.parquet"), true).then((s) => JSON.parse(s).rows.length),
      await contents(join(dir, "single/reports.parquet"), true).then((s) => JSON.parse(s).rows.length));
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

test("--merge refuses an incomplete set of shards", { timeout: 120_000 }, async () => {
  const dir = mkdtempSync(join(tmpdir(), "shard-test-"));
  try {
    await generateCorpus({ reports: 6, out: join(dir, "corpus"), seed: 3 });
    warehouse(["--raw", join(dir, "corpus/raw"), "--out", join(dir, "s0"), "--cache", join(dir, "c"), "--shard", "0/3"]);
    const r = spawnSync(process.execPath, ["--import", "tsx", join(ROOT, "data-loaders/cli/warehouse.ts"), "--merge", join(dir, "s0"), "--out", join(dir, "m")], { cwd: ROOT, encoding: "utf8" });
    assert.equal(r.status, 2);
    assert.match(r.stderr, /shards 1\/3, 2\/3 are missing/);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});
