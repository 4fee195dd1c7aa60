/**
 * npm run bench:scale -- [--sizes 1000,10000] [--seed 1] [--jobs N] [--dir TMP] [--keep] [--no-per-format] [--no-append] [--site]
 *
 * For each size N: generates a corpus of N files (scripts/generate-corpus.ts), then times, each as
 * a fresh `node <WAREHOUSE_NODE_FLAGS> data-loaders/cli/launch.mjs warehouse` process (as
 * `npm run warehouse`: data-loaders/cli/node-flags.ts) under /usr/bin/time -v (peak
 * memory = its maximum resident set size, worker threads included):
 *   - the full run on a cold cache (total), and one run per source format (.docx, .html, .txt,
 *     .pdf, .doc hard-linked into their own folders, cold cache each) unless --no-per-format;
 *   - the no-change re-run;
 *   - the re-run after adding 1% new files (generate --from N);
 * then Parquet sizes (flat files and by_year/) and accuracy against the generator's truth (every
 * cell); with --site, the dashboard side on that warehouse (scripts/bench-site.ts: build time, data
 * each page loads, first chart, the SQL group-by in headless Chromium). Appends a section to BENCHMARKS.md with machine and date and prints a one-line summary.
 * The 100,000 run: `npm run bench:scale -- --sizes 100000 --no-per-format` (the corpus takes ~2 GB of
 * disk, the run about 20 minutes on 2 cores; BENCHMARKS.md has its figures).
 */
import { spawnSync } from "node:child_process";
import { appendFileSync, existsSync, linkSync, mkdirSync, mkdtempSync, readdirSync, rmSync, statSync } from "node:fs";
import { cpus, freemem, loadavg, tmpdir, totalmem } from "node:os";
import { join } from "node:path";
import { parseArgs } from "node:util";
import { fileURLToPath } from "node:url";
import { generateCorpus } from "./generate-corpus.ts";
import { accuracyLine, checkAccuracy, type Accuracy } from "./generate/accuracy.ts";
import { benchSite } from "./bench-site.ts";
import { LAUNCHER, WAREHOUSE_NODE_FLAGS, warehouseNodeArgs } from "../data-loaders/cli/node-flags.ts";

const ROOT = fileURLToPath(new URL("../", import.meta.url));
const LAUNCH = join(ROOT, LAUNCHER);
const { values: args } = parseArgs({
  options: {
    sizes: { type: "string", default: "1000" }, seed: { type: "string", default: "1" }, jobs: { type: "string" }, dir: { type: "string" },
    keep: { type: "boolean", default: false }, site: { type: "boolean", default: false }, "no-per-format": { type: "boolean", default: false }, "no-append": { type: "boolean", default: false },
  },
});
const SIZES = args.sizes!.split(",").map((s) => Number(s.trim())).filter((n) => n > 0);
const HAVE_TIME = existsSync("/usr/bin/time");

interface Timed { secs: number; maxRssMb: number | null; out: string; timings: Record<string, number> }

function runWarehouse(raw: string, out: string, cache: string): Timed {
  const cmd = [process.execPath, ...warehouseNodeArgs(["--raw", raw, "--out", out, "--cache", cache, "--timings", ...(args.jobs ? ["--jobs", args.jobs] : [])], LAUNCH)];
  const t0 = performance.now();
  const r = HAVE_TIME ? spawnSync("/usr/bin/time", ["-v", ...cmd], { cwd: ROOT, encoding: "utf8", maxBuffer: 1 << 28 }) : spawnSync(cmd[0], cmd.slice(1), { cwd: ROOT, encoding: "utf8", maxBuffer: 1 << 28 });
  const secs = (performance.now() - t0) / 1000;
  if (r.status !== 0) throw new Error(`warehouse failed (${r.status}): ${r.stderr.slice(-2000)}`);
  const rss = /Maximum resident set size \(kbytes\): (\d+)/.exec(r.stderr);
  const tm = /^timings (\{.*\})$/m.exec(r.stderr);
  return { secs, maxRssMb: rss ? Number(rss[1]) / 1024 : null, out: r.stdout, timings: tm ? JSON.parse(tm[1]) : {} };
}

function filesUnder(dir: string): string[] {
  const out: string[] = [];
  const walk = (d: string) => { for (const e of readdirSync(d, { withFileTypes: true })) { const p = join(d, e.name); if (e.isDirectory()) walk(p); else out.push(p); } };
  walk(dir);
  return out;
}

function sizeOf(dir: string, filter: (p: string) => boolean): number {
  return filesUnder(dir).filter(filter).reduce((s, p) => s + statSync(p).size, 0);
}

const mb = (b: number) => (b / 1048576).toFixed(1);
const f1 = (x: number) => x.toFixed(1);

interface Row { n: number; gen: number; total: Timed; perFormat: Record<string, { files: number; t: Timed }>; noChange: Timed; added: number; addRun: Timed; flatBytes: number; hiveBytes: number; rawBytes: number; acc: Accuracy; statuses: string; site: string | null }

const base = args.dir ?? mkdtempSync(join(tmpdir(), "bench-scale-"));
const rows: Row[] = [];
const load0 = loadavg().map((x) => x.toFixed(2)).join(" ");
for (const n of SIZES) {
  const dir = join(base, `n${n}`);
  rmSync(dir, { recursive: true, force: true });
  mkdirSync(dir, { recursive: true });
  process.stderr.write(`bench:scale: generating ${n} files in ${dir}\n`);
  let t = performance.now();
  const m = await generateCorpus({ reports: n, out: join(dir, "corpus"), seed: Number(args.seed) });
  const gen = (performance.now() - t) / 1000;
  const raw = join(dir, "corpus/raw");
  const rawBytes = sizeOf(raw, () => true);
  process.stderr.write(`bench:scale: ${m.files} files (${mb(rawBytes)} MB) in ${f1(gen)} s; full warehouse run\n`);
  const total = runWarehouse(raw, join(dir, "wh"), join(dir, "cache"));
  const statuses = total.out.split("\n")[0].replace(/\s+/g, " ").trim();
  process.stderr.write(`bench:scale: full run ${f1(total.secs)} s, peak RSS ${total.maxRssMb?.toFixed(0) ?? "?"} MB, timings ${JSON.stringify(total.timings)}\n`);
  const perFormat: Row["perFormat"] = {};
  if (!args["no-per-format"]) {
    const all = filesUnder(raw);
    for (const ext of ["docx", "html", "txt", "pdf", "doc"]) {
      const sub = join(dir, `raw-${ext}`);
      const mine = all.filter((p) => p.endsWith(`.${ext}`));
      for (const p of mine) { const to = join(sub, p.slice(raw.length + 1)); mkdirSync(to.slice(0, to.lastIndexOf("/")), { recursive: true }); linkSync(p, to); }
      process.stderr.write(`bench:scale: ${ext} only (${mine.length} files)\n`);
      perFormat[ext] = { files: mine.length, t: runWarehouse(sub, join(dir, `wh-${ext}`), join(dir, `cache-${ext}`)) };
      rmSync(join(dir, `wh-${ext}`), { recursive: true, force: true });
      rmSync(join(dir, `cache-${ext}`), { recursive: true, force: true });
      rmSync(sub, { recursive: true, force: true });
    }
  }
  process.stderr.write(`bench:scale: no-change re-run\n`);
  await new Promise((r) => setTimeout(r, 2100)); // the manifest trusts mtimes older than 2 s
  const noChange = runWarehouse(raw, join(dir, "wh"), join(dir, "cache"));
  const add = Math.max(1, Math.round(n / 100));
  await generateCorpus({ reports: add, out: join(dir, "corpus"), seed: Number(args.seed), from: n });
  process.stderr.write(`bench:scale: re-run after adding ${add} files\n`);
  const addRun = runWarehouse(raw, join(dir, "wh"), join(dir, "cache"));
  process.stderr.write(`bench:scale: no-change ${noChange.secs.toFixed(2)} s; +${add} files ${f1(addRun.secs)} s, peak RSS ${addRun.maxRssMb?.toFixed(0) ?? "?"} MB, timings ${JSON.stringify(addRun.timings)}\n`);
  const flatBytes = sizeOf(join(dir, "wh"), (p) => p.endsWith(".parquet") && !p.includes("/by_year/"));
  const hiveBytes = sizeOf(join(dir, "wh"), (p) => p.includes("/by_year/"));
  t = performance.now();
  const acc = await checkAccuracy(join(dir, "corpus"), join(dir, "wh"));
  process.stderr.write(`bench:scale: accuracy in ${f1((performance.now() - t) / 1000)} s: ${accuracyLine(acc)}\n`);
  let site: string | null = null;
  if (args.site) {
    process.stderr.write(`bench:scale: the site on this warehouse (scripts/bench-site.ts)\n`);
    site = (await benchSite({ warehouse: join(dir, "wh") })).markdown;
  }
  rows.push({ n, gen, total, perFormat, noChange, added: add, addRun, flatBytes, hiveBytes, rawBytes, acc, statuses, site });
  if (!args.keep) rmSync(dir, { recursive: true, force: true });
}
if (!args.keep && !args.dir) rmSync(base, { recursive: true, force: true });

// ---------------------------------------------------------------- report
const now = new Date();
const cpu = cpus()[0]?.model ?? "?";
const L: string[] = [];
L.push("", `## ${now.toISOString().slice(0, 16).replace("T", " ")} UTC: scale benchmark on generated corpora (${SIZES.join(", ")} files)`, "");
L.push(`- machine: ${cpus().length} cores, ${cpu}, ${(totalmem() / 2 ** 30).toFixed(1)} GiB RAM (${(freemem() / 2 ** 30).toFixed(1)} free), node ${process.version}; load average at start ${load0} (cores shared with other work)`);
L.push(`- command: \`npm run bench:scale -- --sizes ${SIZES.join(",")}\`; corpus: \`npm run generate\` (seed ${args.seed}): docx 30%, html 20% (a fifth also as crawler .txt: duplicates), flattened txt 20% (40% with glued digits), tab-cells 10%, pipe-cells 10%, pdf 5%, Word 97 .doc 5%; 3% damaged files; 5% of reports break one identity`);
L.push(`- each run: a fresh \`node ${WAREHOUSE_NODE_FLAGS.join(" ")} ${LAUNCHER} warehouse\` process (as \`npm run warehouse\`), wall clock; peak memory = max RSS from ${HAVE_TIME ? "/usr/bin/time -v" : "n/a"} (worker threads included); the full run also writes the hive copy by_year/`);
L.push("", "| files | generate (s) | full run (s) | files/s | peak RSS (MB) | docx only (s, files/s) | html only (s, files/s) | txt only (s, files/s) | pdf only (s, files/s) | doc only (s, files/s) | no-change re-run (s) | +1% files re-run (s) | raw MB | Parquet flat / by_year MB | statuses |", "|---|---|---|---|---|---|---|---|---|---|---|---|---|---|---|");
for (const r of rows) {
  const pf = (k: string) => (r.perFormat[k] ? `${f1(r.perFormat[k].t.secs)} (${r.perFormat[k].files}, ${(r.perFormat[k].files / r.perFormat[k].t.secs).toFixed(0)}/s)` : "-");
  L.push(`| ${r.n} | ${f1(r.gen)} | ${f1(r.total.secs)} | ${(r.n / r.total.secs).toFixed(0)} | ${r.total.maxRssMb?.toFixed(0) ?? "-"} | ${pf("docx")} | ${pf("html")} | ${pf("txt")} | ${pf("pdf")} | ${pf("doc")} | ${r.noChange.secs.toFixed(2)} | ${f1(r.addRun.secs)} (+${r.added}) | ${mb(r.rawBytes)} | ${mb(r.flatBytes)} / ${mb(r.hiveBytes)} | ${r.statuses.replace(/files seen: \d+ /, "")} |`);
}
L.push("", "Accuracy against the generator's truth (every cell of every report of record; 'ambiguous' = NULL with an ambiguous_split finding in glued flattened text, not an error):", "");
for (const r of rows) {
  L.push(`- ${r.n} files: ${accuracyLine(r.acc)}`);
  for (const [l, x] of Object.entries(r.acc.by_layout).sort()) L.push(`  - ${l}: ${x.cells} cells, ${x.exact} exact, ${x.ambiguous} ambiguous, ${x.explained} null with finding, ${x.wrong} wrong`);
  if (r.acc.wrong_examples.length) L.push(`  - wrong cells (parser bugs), first ${Math.min(5, r.acc.wrong_examples.length)}: ${r.acc.wrong_examples.slice(0, 5).map((s) => "`" + s + "`").join("; ")}`);
}
for (const r of rows) if (r.site) L.push("", `Dashboard at ${r.n} files:`, "", r.site);
L.push("", "- 100,000: `npm run bench:scale -- --sizes 100000 --no-per-format` (not run in CI). If data-loaders/ changes during a run, the parse cache version changes and the re-runs re-parse: measure on a quiet tree.");
const text = L.join("\n") + "\n";
process.stdout.write(text);
if (!args["no-append"]) appendFileSync(join(ROOT, "BENCHMARKS.md"), text);
const s = rows.map((r) => `${r.n} files: ${f1(r.total.secs)} s (${(r.n / r.total.secs).toFixed(0)}/s), peak ${r.total.maxRssMb?.toFixed(0) ?? "?"} MB, no-change ${r.noChange.secs.toFixed(2)} s, +1% ${f1(r.addRun.secs)} s, Parquet ${mb(r.flatBytes)} MB, cells exact ${(100 * r.acc.exact / Math.max(1, r.acc.cells)).toFixed(2)}% wrong ${r.acc.wrong}`).join(" | ");
process.stdout.write(`bench:scale: ${s}\n`);

// Speed never hides errors: a wrong cell, a lost or mis-identified report, a damaged file not rejected or a
// broken identity not flagged fails the benchmark (and the CI smoke run of it), after the figures are written.
const failures = rows.flatMap((r) => {
  const a = r.acc, out: string[] = [];
  if (a.wrong) out.push(`${a.wrong} wrong cells (${a.wrong_examples.slice(0, 3).join("; ")})`);
  if (a.records_found < a.reports) out.push(`${a.reports - a.records_found} reports not found (${a.missing_examples.slice(0, 3).join("; ")})`);
  if (a.agency_wrong || a.year_wrong || a.format_wrong) out.push(`identity wrong: agency ${a.agency_wrong}, year ${a.year_wrong}, format ${a.format_wrong}`);
  if (a.damaged_rejected < a.damaged) out.push(`${a.damaged - a.damaged_rejected} damaged files not rejected`);
  if (a.broken_flagged < a.broken) out.push(`${a.broken - a.broken_flagged} broken-identity reports not flagged`);
  if (a.duplicates_linked < a.duplicates) out.push(`${a.duplicates - a.duplicates_linked} duplicates not linked`);
  return out.map((m) => `${r.n} files: ${m}`);
});
if (failures.length) {
  process.stderr.write(`bench:scale: FAILED\n${failures.map((f) => `  - ${f}`).join("\n")}\n`);
  process.exit(1);
}
