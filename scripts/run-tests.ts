// Test runner for `npm test`: finds test files and runs them with node's test runner.
// - Without arguments: every *.test.ts under test/ (any depth). With arguments: those files/folders.
// - Fails (exit 1) when it finds no test file: node --test would otherwise pass having run nothing.
// - When a browser test (test/browser/) is selected and dist/ is missing or older than its inputs,
//   runs `npm run build` first, so `npm test` never tests a stale site (CI builds just before: no rebuild).
import {spawnSync} from "node:child_process";
import {existsSync, readdirSync, statSync} from "node:fs";
import {dirname, join, relative, resolve, sep} from "node:path";
import {fileURLToPath} from "node:url";

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), "..");
const SKIP_DIRS = new Set(["node_modules", ".git", ".observablehq", "fixtures"]);

function* walk(dir: string): Generator<string> {
  let entries;
  try { entries = readdirSync(dir, {withFileTypes: true}); } catch { return; }
  for (const e of entries.sort((a, b) => a.name.localeCompare(b.name))) {
    const path = join(dir, e.name);
    if (e.isDirectory()) { if (!SKIP_DIRS.has(e.name)) yield* walk(path); }
    else if (e.isFile()) yield path;
  }
}

const args = process.argv.slice(2);
const targets = args.length ? args.map((a) => resolve(a)) : [join(ROOT, "test")];
const files: string[] = [];
for (const t of targets) {
  if (!existsSync(t)) { console.error(`run-tests: ${relative(ROOT, t)} does not exist`); process.exit(1); }
  if (statSync(t).isDirectory()) for (const f of walk(t)) { if (/\.test\.(ts|mts|js|mjs)$/.test(f)) files.push(f); }
  else files.push(t);
}
if (files.length === 0) {
  console.error(`run-tests: no test files (*.test.ts) found in ${targets.map((t) => relative(ROOT, t) || ".").join(", ")}`);
  process.exit(1);
}

function newestMtime(paths: string[]): {time: number; path?: string} {
  let newest = {time: 0, path: undefined as string | undefined};
  for (const p of paths) {
    if (!existsSync(p)) continue;
    const list = statSync(p).isDirectory() ? walk(p) : [p];
    for (const f of list) { const m = statSync(f).mtimeMs; if (m > newest.time) newest = {time: m, path: f}; }
  }
  return newest;
}

/** The browser tests drive Debian's chromium: install it (and a CJK font) when missing, as .ci/run does. */
function ensureChromium(): void {
  if (existsSync("/usr/bin/chromium")) return;
  if (process.getuid?.() !== 0) {
    console.error("run-tests: /usr/bin/chromium is missing: sudo apt-get install -y chromium fonts-wqy-microhei");
    process.exit(1);
  }
  console.log("run-tests: installing Debian's chromium for the browser tests");
  for (const cmd of [["apt-get", "update"], ["apt-get", "install", "-y", "chromium", "fonts-wqy-microhei"]]) {
    const r = spawnSync(cmd[0], cmd.slice(1), {stdio: "inherit", env: {...process.env, DEBIAN_FRONTEND: "noninteractive"}});
    if (r.status !== 0) { console.error(`run-tests: ${cmd.join(" ")} failed`); process.exit(1); }
  }
}

if (files.some((f) => f.includes(`${sep}test${sep}browser${sep}`))) {
  ensureChromium();
  const built = join(ROOT, "dist", "index.html");
  const inputs = ["src", "observablehq.config.ts", "warehouse", "data-loaders", "reports-raw", "scripts", "package-lock.json"].map((p) => join(ROOT, p));
  const newest = newestMtime(inputs);
  const builtTime = existsSync(built) ? statSync(built).mtimeMs : 0;
  if (builtTime < newest.time) {
    console.log(builtTime ? `run-tests: dist/ is older than ${relative(ROOT, newest.path!)}: npm run build` : "run-tests: no dist/: npm run build");
    const build = spawnSync("npm", ["run", "build"], {cwd: ROOT, stdio: "inherit"});
    if (build.status !== 0) { console.error("run-tests: npm run build failed"); process.exit(build.status ?? 1); }
  }
}

console.log(`run-tests: ${files.length} file(s): ${files.map((f) => relative(ROOT, f)).join(" ")}`);
/** Runs node --test on `list`, echoing its TAP output; returns the exit status and the output. */
function runTests(list: string[]): {status: number; tap: string} {
  const r = spawnSync(process.execPath, ["--import", "tsx", "--test", "--test-reporter=tap", ...list], {cwd: ROOT, stdio: ["inherit", "pipe", "inherit"], maxBuffer: 1 << 30});
  const tap = r.stdout?.toString() ?? "";
  process.stdout.write(tap);
  return {status: r.status ?? 1, tap};
}

/**
 * Test files whose process died inside V8 itself ("Fatal error in … Check failed", killed by a signal) while
 * nothing else failed: node 20 rarely hits a V8 check in async module evaluation (seen once in CI, on a file
 * that passes in every other run). Those files, and only when every failure is such a crash, run once more;
 * an assertion failure is never retried.
 */
function v8Crashes(tap: string): string[] | null {
  const failed = [...tap.matchAll(/^not ok \d+ - (.+)$/gm)];
  if (!failed.length || !/Fatal error in .*\n(?:.*\n){0,3}.*Check failed/.test(tap)) return null;
  const crashed: string[] = [];
  for (const m of failed) {
    const block = tap.slice(m.index!, m.index! + 600);
    if (!/signal: '(SIGTRAP|SIGSEGV|SIGABRT|SIGILL)'/.test(block) || !files.includes(m[1].trim())) return null;
    crashed.push(m[1].trim());
  }
  return crashed;
}

let run = runTests(files);
const crashed = run.status !== 0 ? v8Crashes(run.tap) : null;
if (crashed) {
  console.error(`run-tests: ${crashed.map((f) => relative(ROOT, f)).join(" ")} crashed inside V8 (not a test failure): running ${crashed.length === 1 ? "it" : "them"} once more`);
  run = runTests(crashed);
}
process.exit(run.status);
