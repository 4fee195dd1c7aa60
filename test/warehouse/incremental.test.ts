/**
 * A run on a warehouse that already exists recomputes only the groups of files that changed
 * (affected.ts) and keeps the other rows in its store (store.ts): its tables must hold exactly the
 * rows a run from nothing gives on the same files, and `--force` must give that run's bytes.
 */
import { test } from "node:test";
import assert from "node:assert/strict";
import { spawn } from "node:child_process";
import { copyFileSync, existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { runWarehouse, type RunOptions } from "../../data-loaders/warehouse/run.ts";
import { STORE_FILE } from "../../data-loaders/warehouse/cache.ts";
import { PARTITIONED_TABLES } from "../../data-loaders/warehouse/partition.ts";
import { TABLES } from "../../data-loaders/warehouse/tables.ts";
import { pq, put, query, report, runFake, tempWorkspace } from "./helpers.ts";

const REAL = fileURLToPath(new URL("../fixtures/reports-real/", import.meta.url));

/** Rows of `a` missing from `b` and of `b` missing from `a` (as multisets), per table, flat and by year. */
async function differences(a: string, b: string): Promise<string[]> {
  const out: string[] = [];
  const diff = async (label: string, x: string, y: string) => {
    const [r] = await query(`SELECT (SELECT count(*) FROM (SELECT * FROM ${x} EXCEPT ALL SELECT * FROM ${y}))::INT AS ab,
      (SELECT count(*) FROM (SELECT * FROM ${y} EXCEPT ALL SELECT * FROM ${x}))::INT AS ba, (SELECT count(*) FROM ${x})::INT AS n`);
    if (r.ab !== 0 || r.ba !== 0) out.push(`${label}: ${r.ab} rows only in the first, ${r.ba} only in the second (of ${r.n})`);
  };
  for (const t of TABLES) await diff(t.name, `read_parquet(${pq(a, t.name)})`, `read_parquet(${pq(b, t.name)})`);
  for (const t of PARTITIONED_TABLES) {
    const glob = (dir: string) => `read_parquet('${join(dir, "by_year", t).replace(/'/g, "''")}/*/*.parquet', hive_partitioning = true)`;
    await diff(`by_year/${t}`, glob(a), glob(b));
  }
  return out;
}

function copyReal(raw: string, name: string, as = name): void {
  mkdirSync(join(raw, as, ".."), { recursive: true });
  copyFileSync(join(REAL, name), join(raw, as));
}

test("real reports: after adding, removing, changing and copying files, the kept and recomputed rows are those of a run from nothing", async () => {
  const ws = tempWorkspace();
  const base = ["01_pingtan_econdev_2019.txt", "02_pingtan_approval_2019.txt", "04_pingtan_socialaffairs_2019.txt", "05_pingtan_haitan_2019.txt",
    "07_pingtan_jinjing_2020.txt", "08_pingtan_haitan_2022.txt", "11_pingtan_samr_2022.txt", "14_pingtan_suping_2023.txt", "19_pingtan_zone_2017.txt",
    "03_pingtan_transport_2020.txt", "06_pingtan_junshan_2019.txt", "09_pingtan_econdev_2021.txt", "10_pingtan_socialaffairs_2022.txt", "12_pingtan_transport_2023.txt",
    "13_pingtan_jinjing_2023.txt", "16_pingtan_police_2024.txt", "17_pingtan_investment_2024.txt", "18_pingtan_gwoffice_2025.txt", "20_pingtan_education_2011.txt"];
  for (const f of base) copyReal(ws.raw, f);
  copyReal(ws.raw, "05_pingtan_haitan_2019.txt", "zz/05_copy.txt"); // identical bytes
  const opts: RunOptions = { raw: ws.raw, out: ws.out, cacheDir: ws.cache, jobs: 2 };
  const first = await runWarehouse(opts);
  assert.equal(first.recomputed, 20);
  assert.ok(existsSync(join(ws.out, STORE_FILE)));

  copyReal(ws.raw, "07_pingtan_jinjing_2020.html"); // same agency and year as the .txt, and richer: the new record
  copyReal(ws.raw, "15_pingtan_approval_2024.txt"); // a new year of an agency already there
  rmSync(join(ws.raw, "14_pingtan_suping_2023.txt")); // gone
  writeFileSync(join(ws.raw, "11_pingtan_samr_2022.txt"), readFileSync(join(REAL, "11_pingtan_samr_2022.txt"), "utf8") + "\n附件：无\n"); // changed bytes
  copyReal(ws.raw, "08_pingtan_haitan_2022.txt", "00/08_first.txt"); // identical bytes, first in path order: takes over the report id
  const second = await runWarehouse(opts);
  assert.equal(second.skipped, false);
  assert.ok(second.recomputed < 22, `recomputed ${second.recomputed} of 22 files: the agencies that did not change are kept`);
  const record07 = await query(`SELECT path FROM ${pq(ws.out, "reports")} WHERE is_record AND path LIKE '07%'`);
  assert.deepEqual(record07.map((r) => r.path), ["07_pingtan_jinjing_2020.html"]);

  const cold = tempWorkspace();
  const fresh = await runWarehouse({ ...opts, out: cold.out });
  assert.equal(fresh.recomputed, 22);
  assert.deepEqual(await differences(ws.out, cold.out), []);
  assert.deepEqual(second.summary, fresh.summary);
  const pairs = await query(`SELECT count(*)::INT n FROM ${pq(ws.out, "recycled_pairs")}`);
  assert.ok((pairs[0].n as number) > 0, "the recycled statements of 01 and 05 are found across kept and recomputed records");

  // --force starts the store afresh: the canonical order, the bytes of a run from nothing
  await runWarehouse({ ...opts, force: true });
  for (const t of TABLES) assert.ok(readFileSync(join(ws.out, `${t.name}.parquet`)).equals(readFileSync(join(cold.out, `${t.name}.parquet`))), `${t.name}.parquet differs after --force`);
});

test("a new year of one agency recomputes that agency's files only, and its continuity findings follow", async () => {
  const ws = tempWorkspace();
  const carry = (over: number, fwd: number) => ({ carried_over: [over, 0, 0, 0, 0, 0, over], carried_forward: [fwd, 0, 0, 0, 0, 0, fwd] });
  const withCarry = (agency: string, year: number, over: number, fwd: number) => report(agency, year, { table_3: { ...(report(agency, year).table_3 as object), ...carry(over, fwd) } });
  put(ws.raw, "jia/2020.txt", withCarry("甲局", 2020, 1, 5));
  put(ws.raw, "jia/2021.txt", withCarry("甲局", 2021, 5, 2));
  for (let y = 2019; y <= 2022; y++) put(ws.raw, `yi/${y}.txt`, withCarry("乙局", y, 0, 0));
  await runFake(ws);
  assert.ok(existsSync(join(ws.out, ".store-snapshot.v8")));
  rmSync(join(ws.out, ".store-snapshot.v8")); // the next run reads the stored files and records from DuckDB instead
  put(ws.raw, "jia/2022.txt", withCarry("甲局", 2022, 3, 0)); // 2021 carried forward 2: a break
  const again = await runFake(ws);
  assert.equal(again.recomputed, 3, "甲局's three files; 乙局's four are kept");
  const breaks = await query(`SELECT path, "column" FROM ${pq(ws.out, "findings")} WHERE code = 'carry_chain_break' ORDER BY path, "column"`);
  assert.deepEqual(breaks.map((b) => `${b.path} ${b.column}`), ["jia/2022.txt natural_person", "jia/2022.txt total"]);

  const cold = tempWorkspace();
  await runFake({ ...ws, out: cold.out });
  assert.deepEqual(await differences(ws.out, cold.out), []);
});

test("a store written by another version of the code is not used: every file is recomputed", async () => {
  const ws = tempWorkspace();
  put(ws.raw, "a.txt", report("甲局", 2020));
  put(ws.raw, "b.txt", report("乙局", 2020));
  await runFake(ws, { parserVersion: "v1" });
  put(ws.raw, "c.txt", report("丙局", 2020));
  const again = await runFake(ws, { parserVersion: "v2" });
  assert.equal(again.recomputed, 3);
  const n = await query(`SELECT count(*)::INT n FROM ${pq(ws.out, "reports")}`);
  assert.equal(n[0].n, 3);
});

test("a run while another process holds the store fails naming the store, and leaves the store in place", async () => {
  const ws = tempWorkspace();
  put(ws.raw, "a.txt", report("甲局", 2020));
  await runFake(ws);
  put(ws.raw, "b.txt", report("乙局", 2020));
  const store = join(ws.out, STORE_FILE);
  const holder = spawn(process.execPath, ["--input-type=module", "-e",
    `import { DuckDBInstance } from "@duckdb/node-api"; await DuckDBInstance.create(${JSON.stringify(store)}); console.log("holding"); setTimeout(() => {}, 60000);`],
  { cwd: fileURLToPath(new URL("../../", import.meta.url)), stdio: ["ignore", "pipe", "inherit"] });
  try {
    await new Promise<void>((res, rej) => { holder.stdout!.once("data", () => res()); holder.once("exit", (c) => rej(new Error(`holder exited ${c}`))); });
    await assert.rejects(runFake(ws), (e: Error) => e.message.includes(STORE_FILE) && /another run/.test(e.message));
    assert.ok(existsSync(store));
  } finally {
    holder.kill();
  }
  const n = await query(`SELECT count(*)::INT n FROM ${pq(ws.out, "reports")}`);
  assert.equal(n[0].n, 1, "the warehouse of the first run is untouched");
});

test("a snapshot left from an earlier run is not trusted: the store's generation decides", async () => {
  const ws = tempWorkspace();
  const snap = join(ws.out, ".store-snapshot.v8");
  put(ws.raw, "a.txt", report("甲局", 2020));
  put(ws.raw, "b.txt", report("乙局", 2020));
  await runFake(ws);
  const old = readFileSync(snap);
  put(ws.raw, "c.txt", report("丙局", 2020));
  await runFake(ws);
  writeFileSync(snap, old as unknown as Uint8Array); // it does not know c.txt
  put(ws.raw, "d.txt", report("丁局", 2020));
  const again = await runFake(ws);
  assert.equal(again.recomputed, 1);
  const cold = tempWorkspace();
  await runFake({ ...ws, out: cold.out });
  assert.deepEqual(await differences(ws.out, cold.out), []);
});
