import { test } from "node:test";
import assert from "node:assert/strict";
import { spawnSync } from "node:child_process";
import { copyFileSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { createHash } from "node:crypto";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { LAUNCHER } from "../../data-loaders/cli/node-flags.ts";

const ROOT = fileURLToPath(new URL("../../", import.meta.url));
const SOURCES = ["pingtan/07_pingtan_jinjing_2020.html", "pingtan/07_pingtan_jinjing_2020.txt", "pingtan/15_pingtan_approval_2024.txt"];

function launch(args: string[], env: Record<string, string> = {}) {
  const r = spawnSync(process.execPath, [join(ROOT, LAUNCHER), ...args], { cwd: ROOT, encoding: "utf8", env: { ...process.env, ...env } });
  assert.equal(r.status, 0, r.stderr);
  return r;
}

function parquetFiles(dir: string, rel = ""): string[] {
  return readdirSync(join(dir, rel), { withFileTypes: true }).flatMap((e) =>
    e.isDirectory() ? parquetFiles(dir, join(rel, e.name)) : e.name.endsWith(".parquet") ? [join(rel, e.name)] : []);
}

test("npm run warehouse from the bundle writes the same Parquet bytes as through tsx", () => {
  const dir = mkdtempSync(join(tmpdir(), "launch-"));
  const bundleCache = join("node_modules", ".cache", `gid-launch-test-${process.pid}`);
  try {
    mkdirSync(join(dir, "raw"));
    for (const s of SOURCES) copyFileSync(join(ROOT, "reports-raw", s), join(dir, "raw", s.split("/")[1]));
    const run = (name: string, env: Record<string, string>) =>
      launch(["warehouse", "--raw", join(dir, "raw"), "--out", join(dir, name), "--cache", join(dir, `cache-${name}`), "--timings"], env);
    const bundled = run("bundled", { GID_BUNDLE_CACHE: bundleCache });
    const viaTsx = run("tsx", { GID_NO_BUNDLE: "1", GID_BUNDLE_CACHE: bundleCache });
    assert.doesNotMatch(bundled.stderr, /cannot bundle/);
    const record = JSON.parse(readFileSync(join(ROOT, bundleCache, "cli-warehouse.json"), "utf8")) as { main: string; inputs: Record<string, string> };
    assert.ok(record.inputs["data-loaders/cli/warehouse.ts"], "the record lists the entry among its inputs");
    assert.ok(record.inputs["data-loaders/warehouse/run.ts"], "and the modules it imports");
    const files = parquetFiles(join(dir, "bundled"));
    assert.ok(files.length > 20, `${files.length} Parquet files`);
    assert.deepEqual(parquetFiles(join(dir, "tsx")), files);
    for (const f of files) assert.ok(readFileSync(join(dir, "bundled", f)).equals(readFileSync(join(dir, "tsx", f))), `${f} differs`);
  } finally {
    rmSync(dir, { recursive: true, force: true });
    rmSync(join(ROOT, bundleCache), { recursive: true, force: true });
  }
});

test("a bundled source that changed is seen at the next start: the bundle is rebuilt from it", () => {
  const bundleCache = join("node_modules", ".cache", `gid-launch-test-stale-${process.pid}`);
  const env = { GID_BUNDLE_CACHE: bundleCache };
  try {
    const help = launch(["warehouse", "--help"], env).stdout;
    assert.match(help, /usage: npm run warehouse/);
    const recordFile = join(ROOT, bundleCache, "cli-warehouse.json");
    const record = JSON.parse(readFileSync(recordFile, "utf8")) as { inputs: Record<string, string> };
    const truth = createHash("sha256").update(readFileSync(join(ROOT, "data-loaders/warehouse/run.ts"))).digest("hex");
    assert.equal(record.inputs["data-loaders/warehouse/run.ts"], truth);
    // the record now says run.ts had other content when the bundle was built: as after an edit
    record.inputs["data-loaders/warehouse/run.ts"] = "0".repeat(64);
    writeFileSync(recordFile, JSON.stringify(record));
    assert.equal(launch(["warehouse", "--help"], env).stdout, help);
    const again = JSON.parse(readFileSync(recordFile, "utf8")) as { inputs: Record<string, string> };
    assert.equal(again.inputs["data-loaders/warehouse/run.ts"], truth, "rebuilt, and recorded with run.ts as it is");
  } finally {
    rmSync(join(ROOT, bundleCache), { recursive: true, force: true });
  }
});

test("the launcher names the command it cannot find", () => {
  const r = spawnSync(process.execPath, [join(ROOT, LAUNCHER), "nosuch"], { cwd: ROOT, encoding: "utf8" });
  assert.equal(r.status, 2);
  assert.match(r.stderr, /data-loaders\/cli\/<command>\.ts exists \(got "nosuch"\)/);
});
