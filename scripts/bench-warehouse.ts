/**
 * npm run bench -- [--n 2000] [--repeat 3] [--jobs N] [--formats txt,html,docx] [--keep] [--no-append] [--parser MODULE]
 *
 * Builds, in a temporary folder, one corpus per source format (txt, html, docx) of --n files each
 * by repeating and perturbing the real reports of reports-raw/ (and test/fixtures/ for .docx):
 * every copy gets its own agency name (a suffix such as 第一二分局 on every occurrence of the
 * agency the parser reads) and, for half of the copies, every year shifted by one, so that no two
 * files have the same content or the same agency and year. Then, for each corpus, it times the
 * whole warehouse command as a user runs it (a fresh `node <WAREHOUSE_NODE_FLAGS>
 * data-loaders/cli/launch.mjs warehouse` process, as `npm run warehouse`, start-up included; its
 * bundles are built once before the first timed run) on a cold cache, then the no-change re-run; --repeat times each, with a
 * fresh cache and output every time, keeping the fastest (other processes share the 2 cores: the
 * load average at the start is printed). Prints a table and appends it, with the machine and the
 * date, to BENCHMARKS.md.
 */
import { spawnSync } from "node:child_process";
import { appendFileSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { cpus, freemem, loadavg, tmpdir, totalmem } from "node:os";
import { join, resolve } from "node:path";
import { parseArgs } from "node:util";
import { fileURLToPath, pathToFileURL } from "node:url";
import { inflateRawSync, deflateRawSync } from "node:zlib";
import { extensionOf, scanRaw } from "../data-loaders/warehouse/scan.ts";
import { parserCacheVersion } from "../data-loaders/warehouse/cache.ts";
import { workerBundle } from "../data-loaders/warehouse/bundle.ts";
import { LAUNCHER, WAREHOUSE_NODE_FLAGS, warehouseNodeArgs } from "../data-loaders/cli/node-flags.ts";

const ROOT = fileURLToPath(new URL("../", import.meta.url));
const LAUNCH = join(ROOT, LAUNCHER);

const { values: args } = parseArgs({
  options: {
    n: { type: "string", default: "2000" },
    repeat: { type: "string", default: "3" },
    jobs: { type: "string" },
    formats: { type: "string", default: "txt,html,docx" },
    keep: { type: "boolean", default: false },
    "no-append": { type: "boolean", default: false },
    parser: { type: "string" },
  },
});
const N = Number(args.n);
const REPEAT = Math.max(1, Number(args.repeat));
const FORMATS = args.formats!.split(",").map((s) => s.trim()).filter(Boolean);

// ------------------------------------------------------------------ sources
interface Source { path: string; ext: string; bytes: Buffer; agency: string | null; year: number | null; rejected: boolean }

const sources: Source[] = [];
for (const dir of ["reports-raw", "test/fixtures"]) {
  const abs = join(ROOT, dir);
  if (!existsSync(abs)) continue;
  for (const f of scanRaw(abs)) {
    const ext = extensionOf(f.path);
    if (!["txt", "html", "htm", "docx"].includes(ext)) continue;
    if (dir === "test/fixtures" && ext !== "docx") continue; // fixtures: only for docx (the rest is truth data)
    sources.push({ path: `${dir}/${f.path}`, ext: ext === "htm" ? "html" : ext, bytes: readFileSync(f.abs as string), agency: null, year: null, rejected: false });
  }
}

const parserUrl = args.parser ? pathToFileURL(resolve(args.parser)).href : new URL("../data-loaders/parse-file.ts", import.meta.url).href;
let parserNote = "";
/** Parser alone, in this process, one thread, warm: ms per file of each format's sources. */
const parserMs: Record<string, number> = {};
try {
  const { parseFile } = await import(parserUrl);
  for (const s of sources) {
    try {
      const r = await parseFile(s.path, new Uint8Array(s.bytes));
      s.agency = typeof r.agency === "string" && r.agency.length >= 2 ? r.agency : null;
      s.year = typeof r.year === "number" ? r.year : null;
      s.rejected = r.status === "rejected";
    } catch { s.rejected = true; }
  }
  for (const fmt of ["txt", "html", "docx"]) {
    const srcs = sources.filter((x) => x.ext === fmt && !x.rejected).map((x) => ({ path: x.path, bytes: new Uint8Array(x.bytes) }));
    if (srcs.length === 0) continue;
    for (let k = 0; k < 3; k++) for (const x of srcs) await parseFile(x.path, x.bytes);
    let n = 0;
    const t0 = performance.now();
    while (performance.now() - t0 < 1500) { for (const x of srcs) await parseFile(x.path, x.bytes); n += srcs.length; }
    parserMs[fmt] = (performance.now() - t0) / n;
  }
} catch (e) {
  parserNote = `parser not loadable for perturbation (${(e as Error).message.split("\n")[0]}); copies differ by a marker only`;
}

// ------------------------------------------------------------------ perturbation
/** @types/node 20.9 and TypeScript 5.9 disagree on Buffer vs Uint8Array: one cast, here. */
const u8 = (b: Buffer) => b as unknown as Uint8Array;
const concat = (bs: Buffer[]) => Buffer.concat(bs as unknown as Uint8Array[]);

const CN = "〇一二三四五六七八九";
const cn = (k: number) => String(k).split("").map((d) => CN[+d]).join("");
const utf8 = new TextDecoder("utf-8", { fatal: true });

function perturbText(text: string, s: Source, k: number): string {
  let t = text;
  if (s.agency && t.includes(s.agency)) t = t.split(s.agency).join(`${s.agency}第${cn(k)}分局`);
  else t = s.ext === "html" ? t + `\n<!-- bench copy ${k} -->\n` : t + `\n（副本${cn(k)}）\n`;
  if (k % 2 === 1) t = t.replace(/(20[0-3]\d)(?=\s*年|-\d{1,2}-\d{1,2})/g, (y) => String(+y + 1));
  return t;
}

function perturb(s: Source, k: number): Buffer {
  if (s.ext === "docx") return perturbDocx(s, k);
  let text: string;
  try { text = utf8.decode(u8(s.bytes)); } catch { return concat([s.bytes, Buffer.from(`\n<!-- bench copy ${k} -->\n`)]); }
  return Buffer.from(perturbText(text, s, k), "utf8");
}

/** A .docx is a zip: rewrite word/document.xml (and docProps) with the perturbed text, keep the rest. */
function perturbDocx(s: Source, k: number): Buffer {
  let entries: ZipEntry[];
  try { entries = readZip(s.bytes); } catch { return concat([s.bytes, Buffer.from(`bench copy ${k}`)]); }
  for (const e of entries) {
    if (/^word\/document\.xml$|^docProps\/core\.xml$/.test(e.name)) e.data = Buffer.from(perturbText(e.data.toString("utf8"), s, k), "utf8");
  }
  return writeZip(entries);
}

interface ZipEntry { name: string; data: Buffer }
function readZip(buf: Buffer): ZipEntry[] {
  let eocd = buf.length - 22;
  while (eocd >= 0 && buf.readUInt32LE(eocd) !== 0x06054b50) eocd--;
  if (eocd < 0) throw new Error("not a zip");
  const count = buf.readUInt16LE(eocd + 10);
  let p = buf.readUInt32LE(eocd + 16);
  const out: ZipEntry[] = [];
  for (let i = 0; i < count; i++) {
    const method = buf.readUInt16LE(p + 10);
    const csize = buf.readUInt32LE(p + 20);
    const nlen = buf.readUInt16LE(p + 28), xlen = buf.readUInt16LE(p + 30), clen = buf.readUInt16LE(p + 32);
    const local = buf.readUInt32LE(p + 42);
    const name = buf.subarray(p + 46, p + 46 + nlen).toString("utf8");
    const lnlen = buf.readUInt16LE(local + 26), lxlen = buf.readUInt16LE(local + 28);
    const raw = buf.subarray(local + 30 + lnlen + lxlen, local + 30 + lnlen + lxlen + csize);
    out.push({ name, data: method === 8 ? inflateRawSync(u8(raw)) : Buffer.from(u8(raw)) });
    p += 46 + nlen + xlen + clen;
  }
  return out;
}
function writeZip(entries: ZipEntry[]): Buffer {
  const locals: Buffer[] = [];
  const centrals: Buffer[] = [];
  let offset = 0;
  for (const e of entries) {
    const name = Buffer.from(e.name, "utf8");
    const comp = deflateRawSync(u8(e.data));
    const crc = crc32(e.data);
    const h = Buffer.alloc(30);
    h.writeUInt32LE(0x04034b50, 0); h.writeUInt16LE(20, 4); h.writeUInt16LE(0x0800, 6); h.writeUInt16LE(8, 8);
    h.writeUInt32LE(crc, 14); h.writeUInt32LE(comp.length, 18); h.writeUInt32LE(e.data.length, 22); h.writeUInt16LE(name.length, 26);
    const c = Buffer.alloc(46);
    c.writeUInt32LE(0x02014b50, 0); c.writeUInt16LE(20, 4); c.writeUInt16LE(20, 6); c.writeUInt16LE(0x0800, 8); c.writeUInt16LE(8, 10);
    c.writeUInt32LE(crc, 16); c.writeUInt32LE(comp.length, 20); c.writeUInt32LE(e.data.length, 24); c.writeUInt16LE(name.length, 28);
    c.writeUInt32LE(offset, 42);
    locals.push(h, name, comp);
    centrals.push(c, name);
    offset += 30 + name.length + comp.length;
  }
  const cd = concat(centrals);
  const end = Buffer.alloc(22);
  end.writeUInt32LE(0x06054b50, 0); end.writeUInt16LE(entries.length, 8); end.writeUInt16LE(entries.length, 10);
  end.writeUInt32LE(cd.length, 12); end.writeUInt32LE(offset, 16);
  return concat([...locals, cd, end]);
}
const CRC_TABLE = Array.from({ length: 256 }, (_, n) => { let c = n; for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1; return c >>> 0; });
function crc32(b: Buffer): number {
  let c = 0xffffffff;
  for (const x of b) c = CRC_TABLE[(c ^ x) & 0xff] ^ (c >>> 8);
  return (c ^ 0xffffffff) >>> 0;
}

// ------------------------------------------------------------------ runs
interface RunOut { wallMs: number; code: number | null; stdout: string; stderr: string; timings: Record<string, number | boolean> | null }

function runCli(raw: string, out: string, cache: string): RunOut {
  const a = warehouseNodeArgs(["--raw", raw, "--out", out, "--cache", cache, "--timings"], LAUNCH);
  if (args.jobs) a.push("--jobs", args.jobs);
  if (args.parser) a.push("--parser", resolve(args.parser));
  const t = performance.now();
  const r = spawnSync(process.execPath, a, { cwd: ROOT, encoding: "utf8", maxBuffer: 64 << 20 });
  const wallMs = performance.now() - t;
  const m = /^timings (.*)$/m.exec(r.stderr ?? "");
  if (r.status !== 0) process.stderr.write(r.stderr);
  return { wallMs, code: r.status, stdout: r.stdout, stderr: r.stderr ?? "", timings: m ? JSON.parse(m[1]) : null };
}

// the launcher's and the workers' bundles are built on first use: once here, not in a timed run
spawnSync(process.execPath, [LAUNCH, "warehouse", "--help"], { cwd: ROOT, stdio: "ignore" });
workerBundle();
const tmp = mkdtempSync(join(tmpdir(), "bench-warehouse-"));
const rows: { format: string; files: number; sources: number; cold: RunOut; again: RunOut; summary: string; colds: number[]; agains: number[] }[] = [];
const loadAtStart = loadavg();
const missing: string[] = [];
const skipped: string[] = [];
const failed: string[] = [];
let notSkipped = 0; // re-runs that found something changed (e.g. the parser's sources were edited meanwhile)
try {
  for (const fmt of FORMATS) {
    const all = sources.filter((s) => s.ext === fmt);
    const srcs = all.filter((s) => !s.rejected); // a broken source (e.g. a truncated .docx fixture) measures nothing useful
    if (all.length > srcs.length) skipped.push(`${fmt}: ${all.length - srcs.length} source(s) the parser rejects left out: ${all.filter((s) => s.rejected).map((s) => s.path).join(", ")}`);
    if (srcs.length === 0) {
      missing.push(`${fmt}: no readable .${fmt} report in reports-raw${fmt === "docx" ? " or test/fixtures" : ""}, not measured`);
      continue;
    }
    const raw = join(tmp, fmt, "raw");
    for (let k = 0; k < N; k++) {
      const s = srcs[k % srcs.length];
      const dir = join(raw, `batch${String(Math.floor(k / 100)).padStart(3, "0")}`);
      mkdirSync(dir, { recursive: true });
      const base = s.path.slice(s.path.lastIndexOf("/") + 1).replace(/\.[^.]+$/, "");
      writeFileSync(join(dir, `${base}-copy${k}.${fmt}`), u8(perturb(s, Math.floor(k / srcs.length) + 1)));
    }
    process.stderr.write(`${fmt}: ${N} files from ${srcs.length} sources in ${raw}\n`);
    let cold: RunOut | null = null;
    let again: RunOut | null = null;
    const colds: number[] = [];
    const agains: number[] = [];
    for (let k = 0; k < REPEAT; k++) {
      const out = join(tmp, fmt, `warehouse${k}`);
      const cache = join(tmp, fmt, `cache${k}`);
      const c = runCli(raw, out, cache);
      if (c.code !== 0) {
        const why = c.stderr.split("\n").find((l) => l.startsWith("warehouse:")) ?? `exit code ${c.code}`;
        failed.push(`${fmt}: the warehouse run failed, not measured: ${why}`);
        break;
      }
      const a = runCli(raw, out, cache);
      rmSync(out, { recursive: true, force: true });
      rmSync(cache, { recursive: true, force: true });
      colds.push(c.wallMs);
      if (a.timings && a.timings.skipped === false) { notSkipped++; agains.push(NaN); } else agains.push(a.wallMs);
      if (!cold || c.wallMs < cold.wallMs) cold = c;
      if (a.timings?.skipped !== false && (!again || a.wallMs < again.wallMs)) again = a;
      process.stderr.write(`${fmt} #${k + 1}: cold ${(c.wallMs / 1000).toFixed(2)} s, no-change ${(a.wallMs / 1000).toFixed(2)} s (load ${loadavg()[0].toFixed(2)})\n`);
    }
    if (!cold) continue;
    again ??= { wallMs: NaN, code: null, stdout: "", stderr: "", timings: null };
    const summary = (cold!.stdout.split("\n")[0] ?? "").replace(/\s+/g, " ");
    rows.push({ format: fmt, files: N, sources: srcs.length, cold: cold!, again: again!, summary, colds, agains });
    process.stderr.write(`${summary}\n`);
  }
} finally {
  if (!args.keep) rmSync(tmp, { recursive: true, force: true });
  else process.stderr.write(`corpora kept in ${tmp}\n`);
}

// ------------------------------------------------------------------ report
const cpu = cpus()[0]?.model?.trim() ?? "unknown";
const machine = `${cpus().length} cores (nproc ${spawnSync("nproc", { encoding: "utf8" }).stdout.trim() || "?"}), ${cpu}, ${(totalmem() / 2 ** 30).toFixed(1)} GiB RAM (${(freemem() / 2 ** 30).toFixed(1)} free), node ${process.version}`;
const date = new Date().toISOString().replace("T", " ").slice(0, 16) + " UTC";
const f1 = (ms: number) => (ms / 1000).toFixed(2);
const L: string[] = [];
L.push(`## ${date}: warehouse run, ${N} files per format`, "");
L.push(`- machine: ${machine}; load average at start ${loadAtStart.map((x) => x.toFixed(2)).join(" ")} (the 2 cores are shared with other work)`);
L.push(`- parser: ${args.parser ? args.parser : "data-loaders/parse-file.ts"} (parse cache version ${parserCacheVersion()}); jobs: ${args.jobs ?? "default (= cores)"}`);
L.push(`- command: \`npm run bench -- --n ${N} --repeat ${REPEAT}\`; each run is a fresh \`node ${WAREHOUSE_NODE_FLAGS.join(" ")} ${LAUNCHER} warehouse --raw <corpus> --out <tmp> --cache <tmp>\` process (as \`npm run warehouse\`: from the bundle of launch.mjs, built before the first timed run), wall clock, node start-up included (npm adds ~0.3 s on top); best of ${REPEAT} (all runs in the last column)`);
L.push(`- corpus: real reports of reports-raw/ repeated, each copy with its own agency name (every occurrence) and half of them with every year shifted by one`);
L.push(`- "parser alone": parseFile on the source files in one thread, warm, nothing else; with 2 workers the parse phase cannot beat 2 × 1000 / that figure files/s (${Object.entries(parserMs).map(([f, ms]) => `${f} ${Math.round(2000 / ms)}/s`).join(", ") || "n/a"})`);
if (parserNote) L.push(`- note: ${parserNote}`);
L.push("");
L.push("| format | files | sources | cold run (s) | reports/s | CPU of the run (s) | parse phase (s) | write phase (s) | no-change re-run (s) | parser alone, 1 thread (ms/file) | statuses | all cold / re-runs (s) |");
L.push("|---|---|---|---|---|---|---|---|---|---|---|---|");
for (const r of rows) {
  const t = r.cold.timings;
  const ms = (k: string) => (t && typeof t[k] === "number" ? (t[k] as number) : t ? 0 : NaN);
  const parse = ms("hash") + ms("parse_wait") + ms("load_cache");
  const write = ms("records") + ms("write");
  const statuses = r.summary.replace(/^files seen: \d+ /, "");
  const cpu = ms("cpu_user") + ms("cpu_system");
  L.push(`| ${r.format} | ${r.files} | ${r.sources} | ${f1(r.cold.wallMs)} | ${Math.round(r.files / (r.cold.wallMs / 1000))} | ${f1(cpu)} | ${f1(parse)} | ${f1(write)} | ${f1(r.again.wallMs)} | ${parserMs[r.format]?.toFixed(1) ?? "?"} | ${statuses} | ${r.colds.map(f1).join(", ")} / ${r.agains.map(f1).join(", ")} |`);
}
if (notSkipped) failed.push(`${notSkipped} re-run(s) found the inputs changed (parser sources edited during the benchmark) and rebuilt: shown as NaN, not counted`);
for (const m of [...skipped, ...missing, ...failed]) L.push("", `- ${m}`);
L.push("");
const text = L.join("\n");
process.stdout.write(text + "\n");
for (const r of rows) process.stdout.write(`${r.format} cold timings: ${JSON.stringify(r.cold.timings)}\n${r.format} re-run timings: ${JSON.stringify(r.again.timings)}\n`);
if (!args["no-append"]) {
  const file = join(ROOT, "BENCHMARKS.md");
  if (!existsSync(file)) writeFileSync(file, "# Benchmarks\n\nAppended by `npm run bench` (scripts/bench-warehouse.ts). Targets on the 2-core machine: >= 300 txt/html reports/s and >= 40 docx/s for the whole warehouse run, no-change re-run of 2,000 files < 2 s.\n\n");
  appendFileSync(file, text + "\n");
}
