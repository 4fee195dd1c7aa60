// Shared pieces of the browser tests: a Chromium context like the site test's, a page watcher that
// collects console errors / failed / foreign requests, warehouse queries with @duckdb/node-api (expected
// values are computed from warehouse/*.parquet, never hard-coded), CSV parsing, and a site builder that
// rebuilds the whole site from a copy of reports-raw/ in a temp folder.
import {DuckDBInstance} from "@duckdb/node-api";
import {spawn} from "node:child_process";
import {cpSync, existsSync, mkdirSync, readdirSync, symlinkSync, writeFileSync} from "node:fs";
import {mkdtemp} from "node:fs/promises";
import {tmpdir} from "node:os";
import {dirname, join, resolve} from "node:path";
import {fileURLToPath} from "node:url";
import {chromium, type BrowserContext, type Page} from "playwright-core";
import {AGENCY_ID, AGENCY_KEY, TABLES} from "../../src/data/lib/warehouse.ts";

export const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), "../..");
export const CHROMIUM = process.env.CHROMIUM_PATH ?? "/usr/bin/chromium";
export {AGENCY_ID, AGENCY_KEY};

export async function launch(): Promise<{context: BrowserContext; profile: string}> {
  const profile = await mkdtemp(join(tmpdir(), "gid-chromium-"));
  const context = await chromium.launchPersistentContext(profile, {
    executablePath: CHROMIUM,
    headless: true,
    viewport: {width: 1280, height: 900},
    locale: "zh-CN",
    acceptDownloads: true,
    args: ["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking", "--disable-component-update", "--disable-sync"]
  });
  return {context, profile};
}

/** Opens a page that records problems: console errors, page errors, failed/4xx requests, other hosts. */
export async function watchedPage(context: BrowserContext): Promise<{page: Page; problems: string[]; foreign: string[]}> {
  const page = await context.newPage();
  const problems: string[] = [];
  const foreign: string[] = [];
  page.on("console", (m) => { if (m.type() === "error") problems.push(`console error: ${m.text()}`); });
  page.on("pageerror", (e) => problems.push(`page error: ${e.message}`));
  page.on("requestfailed", (r) => { if (!foreign.includes(r.url())) problems.push(`request failed: ${r.url()} (${r.failure()?.errorText})`); });
  page.on("response", (r) => { if (r.status() >= 400) problems.push(`HTTP ${r.status()}: ${r.url()}`); });
  await page.route("**/*", (route) => {
    const url = new URL(route.request().url());
    if (url.hostname === "127.0.0.1" || url.protocol === "data:" || url.protocol === "blob:") return route.continue();
    foreign.push(url.href);
    return route.abort("blockedbyclient");
  });
  return {page, problems, foreign};
}

/** Runs SQL over a warehouse folder (a view per table, plus `records` with agency_id/agency_key as the site computes them). */
export async function warehouseQuery<T = Record<string, any>>(sql: string, warehouse = join(ROOT, "warehouse")): Promise<T[]> {
  const instance = await DuckDBInstance.create(":memory:");
  const c = await instance.connect();
  try {
    for (const t of TABLES) await c.run(`CREATE VIEW ${t} AS SELECT * FROM read_parquet('${join(warehouse, `${t}.parquet`).replaceAll("'", "''")}')`);
    await c.run(`CREATE VIEW records AS SELECT ${AGENCY_ID} AS agency_id, ${AGENCY_KEY} AS agency_key, * FROM reports WHERE is_record`);
    const reader = await c.runAndReadAll(sql);
    const names = reader.columnNames();
    return reader.getRows().map((row) => Object.fromEntries(row.map((v, i) => [names[i], typeof v === "bigint" ? Number(v) : v]))) as T[];
  } finally {
    c.closeSync();
    instance.closeSync();
  }
}

/** Parses CSV text (RFC 4180; a leading byte-order mark is dropped) into rows of strings, header first. */
export function parseCSV(text: string): string[][] {
  if (text.charCodeAt(0) === 0xfeff) text = text.slice(1);
  const rows: string[][] = [];
  let row: string[] = [], field = "", quoted = false;
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (quoted) {
      if (c === '"' && text[i + 1] === '"') field += '"', i++;
      else if (c === '"') quoted = false;
      else field += c;
    } else if (c === '"') quoted = true;
    else if (c === ",") row.push(field), (field = "");
    else if (c === "\n" || c === "\r") {
      if (c === "\r" && text[i + 1] === "\n") i++;
      row.push(field), rows.push(row), (row = []), (field = "");
    } else field += c;
  }
  if (field !== "" || row.length) row.push(field), rows.push(row);
  return rows;
}

/** Reads a playwright download into text. */
export async function downloadText(download: import("playwright-core").Download): Promise<string> {
  const stream = await download.createReadStream();
  const chunks: Buffer[] = [];
  for await (const chunk of stream) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks).toString("utf-8");
}

function run(command: string, args: string[], cwd: string, env: NodeJS.ProcessEnv, timeoutMs: number): Promise<string> {
  return new Promise((ok, fail) => {
    const child = spawn(command, args, {cwd, env, stdio: ["ignore", "pipe", "pipe"]});
    let output = "";
    child.stdout.on("data", (d) => (output += d));
    child.stderr.on("data", (d) => (output += d));
    const timer = setTimeout(() => child.kill("SIGKILL"), timeoutMs);
    child.on("error", fail);
    child.on("close", (code) => {
      clearTimeout(timer);
      if (code === 0) ok(output);
      else fail(new Error(`${command} ${args.join(" ")} exited ${code}:\n${output.slice(-4000)}`));
    });
  });
}

/**
 * Builds the whole site from a copy of reports-raw/ plus `extra` files, in a temp folder, the way
 * `npm run build` does (warehouse CLI, then `observable build` with loaders reading that warehouse):
 * the project's src/ and config are copied (without the loader cache), node_modules and the offline npm
 * cache (src/.observablehq/cache/_npm, filled by `npm run fill-cache`) are linked. Returns the folder;
 * the site is in <dir>/dist and the warehouse in <dir>/warehouse.
 */
export async function buildSiteCopy(extra: Record<string, string>, {timeoutMs = 150_000} = {}): Promise<{dir: string; dist: string; warehouse: string; log: string}> {
  const dir = await mkdtemp(join(tmpdir(), "gid-site-"));
  const npmCache = join(ROOT, "src", ".observablehq", "cache", "_npm");
  if (!existsSync(npmCache)) throw new Error(`${npmCache} is missing: run \`npm run fill-cache\` (npm run build does)`);
  cpSync(join(ROOT, "reports-raw"), join(dir, "reports-raw"), {recursive: true});
  for (const [path, text] of Object.entries(extra)) {
    mkdirSync(dirname(join(dir, "reports-raw", path)), {recursive: true});
    writeFileSync(join(dir, "reports-raw", path), text);
  }
  cpSync(join(ROOT, "src"), join(dir, "src"), {recursive: true, filter: (src) => !src.startsWith(join(ROOT, "src", ".observablehq"))});
  mkdirSync(join(dir, "src", ".observablehq", "cache"), {recursive: true});
  symlinkSync(npmCache, join(dir, "src", ".observablehq", "cache", "_npm"), "dir");
  for (const f of ["observablehq.config.ts", "package.json", "tsconfig.json"]) cpSync(join(ROOT, f), join(dir, f));
  symlinkSync(join(ROOT, "node_modules"), join(dir, "node_modules"), "dir");
  symlinkSync(join(ROOT, "data-loaders"), join(dir, "data-loaders"), "dir");
  const env = {...process.env, PATH: `${join(ROOT, "node_modules", ".bin")}:${process.env.PATH}`, GID_WAREHOUSE: join(dir, "warehouse")};
  // Reuse what does not depend on the data: the parse cache (keyed by file content) and Framework's client bundles.
  if (existsSync(join(ROOT, ".cache", "parse"))) cpSync(join(ROOT, ".cache", "parse"), join(dir, ".cache", "parse"), {recursive: true});
  const bundles = join(ROOT, "src", ".observablehq", "cache", "_observablehq");
  if (existsSync(bundles)) cpSync(bundles, join(dir, "src", ".observablehq", "cache", "_observablehq"), {recursive: true});
  const started = Date.now();
  let log = await run(process.execPath, ["--import", "tsx", join(ROOT, "data-loaders/cli/warehouse.ts"), "--raw", join(dir, "reports-raw"), "--out", join(dir, "warehouse"), "--cache", join(dir, ".cache", "parse")], dir, env, timeoutMs);
  const warehouseMs = Date.now() - started;
  log += await run(join(ROOT, "node_modules", ".bin", "observable"), ["build"], dir, env, timeoutMs - (Date.now() - started));
  log += `\nbuildSiteCopy: warehouse ${warehouseMs} ms, observable build ${Date.now() - started - warehouseMs} ms\n`;
  if (!existsSync(join(dir, "dist", "index.html"))) throw new Error(`no ${dir}/dist/index.html after the build:\n${log.slice(-4000)}`);
  return {dir, dist: join(dir, "dist"), warehouse: join(dir, "warehouse"), log};
}

export function listFiles(dir: string): string[] {
  return readdirSync(dir, {recursive: true}) as string[];
}
