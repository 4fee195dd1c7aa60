/**
 * node --import tsx scripts/bench-site.ts --warehouse DIR [--out DIST] [--agency-path "/agency?id={id}"]
 *   [--agency-id ID] [--pages /sql,/about] [--no-build] [--append]
 *
 * The dashboard side of the scale benchmark, on an existing warehouse folder (Parquet files, e.g. one made
 * by scripts/bench-scale.ts or `npm run warehouse`):
 *  1. builds the site against it the way `npm run build` does after the warehouse step (fill-cache in the
 *     repo, then `observable build` with GID_WAREHOUSE=DIR in a temp copy of src/ and the config, so the
 *     loader cache is empty: the clean-cache step) and times it; --no-build measures an existing --out;
 *  2. serves dist/ with test/browser/static-server.ts (clean URLs, HTTP range requests, no caching), whose
 *     log counts the bytes of every response;
 *  3. opens every page of the sidebar (observablehq.config.ts `pages`) and one agency page in headless
 *     Chromium (/usr/bin/chromium via playwright-core, test/browser/helpers.ts launch()), one page at a
 *     time, and records per page: bytes of data (responses under /_file/: .arrow .json .csv .parquet
 *     .duckdb …, range responses counted by their length), bytes of libraries and the rest (JS, CSS,
 *     DuckDB-wasm's .wasm, HTML), time to first chart (first <svg> of at least 100×50 px with content
 *     in <main>, from navigation start; on the SQL page that is the default query's build-time answer, and
 *     the time to DuckDB-wasm's own answer is recorded too), and console errors / failed requests;
 *  4. on the SQL page, runs `SELECT "row", "column", sum(value), count(value) FROM table3_cells GROUP BY
 *     ALL` (cold: the first query that reads table3_cells) then again (warm), records the answer time
 *     (click → rows shown) and the bytes read, and checks the result (the page's CSV download) against
 *     @duckdb/node-api on the Parquet files.
 * Prints a Markdown section (machine, date, table); --append adds it to BENCHMARKS.md.
 *
 * --pages /sql (comma-separated page paths; "/agency" for the agency page) builds and measures only those
 * pages: the build copies only their Markdown files, so Framework runs only the loaders they use (the SQL
 * page alone at 100,000 reports: about a minute instead of ~17). The other pages are
 * left out of the copy's sidebar.
 *
 * From another script: `import {benchSite, siteMarkdown} from "./bench-site.ts"`, then
 * `const r = await benchSite({warehouse: dir})` (see SiteBenchOptions); r.markdown is the section.
 */
import {DuckDBInstance} from "@duckdb/node-api";
import {spawn} from "node:child_process";
import {appendFileSync, cpSync, existsSync, mkdirSync, readdirSync, rmSync, statSync, symlinkSync, writeFileSync} from "node:fs";
import {mkdtemp, rm} from "node:fs/promises";
import {cpus, freemem, loadavg, tmpdir, totalmem} from "node:os";
import {join, resolve} from "node:path";
import {fileURLToPath} from "node:url";
import {parseArgs} from "node:util";
import config from "../observablehq.config.ts";
import {AGENCY_ID, AGENCY_KEY} from "../src/data/lib/warehouse.ts";
import {downloadText, launch, parseCSV} from "../test/browser/helpers.ts";
import {serveStatic, type ServedResponse} from "../test/browser/static-server.ts";

const ROOT = fileURLToPath(new URL("../", import.meta.url));

export const GROUP_BY_SQL = `SELECT "row", "column", sum(value) AS total, count(value) AS cells FROM table3_cells GROUP BY ALL ORDER BY "row", "column"`;

export interface SiteBenchOptions {
  /** Warehouse folder (reports.parquet, table3_cells.parquet, …). */
  warehouse: string;
  /** Where the built site goes (default: a temp folder, removed at the end). */
  out?: string;
  /** Skip the build and measure the site already in `out`. */
  build?: boolean;
  /** URL path of an agency page, `{id}` standing for the agency id (default "/agency?id={id}"). */
  agencyPath?: string;
  /** The agency (12-hex id) to open; default: the agency with most reports of record. */
  agencyId?: string;
  /** Only these pages ("/", "/sql", "/agency" …): build and measure them alone (default: every page). */
  pages?: string[];
  /** Milliseconds allowed per page (default 120 s). */
  pageTimeoutMs?: number;
  /** Progress lines (default: stderr). */
  log?: (line: string) => void;
}

export interface PageMeasure {
  path: string;
  dataBytes: number;
  dataRequests: number;
  /** Largest data files of the page (path → bytes). */
  dataFiles: [string, number][];
  libraryBytes: number;
  otherBytes: number;
  /** Navigation start → first chart in <main>, ms (null: none seen). */
  firstChartMs: number | null;
  /** SQL page: navigation start → DuckDB-wasm's answer to the default query shown (the first chart may be the build-time answer). */
  liveMs?: number;
  errors: string[];
}

export interface SiteBench {
  warehouse: string;
  reports: number;
  table3Cells: number;
  buildSecs: number | null;
  fillCacheSecs: number | null;
  distBytes: number;
  duckdbBytes: number | null;
  parquetBytes: number;
  pages: PageMeasure[];
  /** The pages chosen with `pages` (null: all). */
  only: string[] | null;
  sql: {coldMs: number; warmMs: number; pageColdMs: number; pageWarmMs: number; coldBytes: number; coldRequests: number; rows: number; matches: boolean; error?: string} | null;
  markdown: string;
}

function run(command: string, args: string[], cwd: string, env: NodeJS.ProcessEnv): Promise<string> {
  return new Promise((ok, fail) => {
    const child = spawn(command, args, {cwd, env, stdio: ["ignore", "pipe", "pipe"]});
    let output = "";
    child.stdout.on("data", (d) => (output += d));
    child.stderr.on("data", (d) => (output += d));
    child.on("error", fail);
    child.on("close", (code) => (code === 0 ? ok(output) : fail(new Error(`${command} ${args.join(" ")} exited ${code}:\n${output.slice(-4000)}`))));
  });
}

function du(dir: string): number {
  let n = 0;
  for (const f of readdirSync(dir, {recursive: true}) as string[]) {
    const s = statSync(join(dir, f));
    if (s.isFile()) n += s.size;
  }
  return n;
}

async function nodeQuery(warehouse: string, sql: string): Promise<any[][]> {
  const instance = await DuckDBInstance.create(":memory:");
  const c = await instance.connect();
  try {
    for (const f of readdirSync(warehouse)) if (f.endsWith(".parquet")) await c.run(`CREATE VIEW "${f.slice(0, -8)}" AS SELECT * FROM read_parquet('${join(warehouse, f).replaceAll("'", "''")}')`);
    await c.run(`CREATE VIEW records AS SELECT ${AGENCY_ID} AS agency_id, ${AGENCY_KEY} AS agency_key, * FROM reports WHERE is_record`);
    return (await c.runAndReadAll(sql)).getRows().map((r) => r.map((v) => (v == null ? null : typeof v === "bigint" ? v.toString() : v)));
  } finally {
    c.closeSync();
    instance.closeSync();
  }
}

/** Sidebar pages of observablehq.config.ts (nested sections flattened). */
export function sidebarPages(): string[] {
  const out: string[] = [];
  const visit = (items: any[]) => { for (const item of items ?? []) { if (item.path) out.push(item.path); if (Array.isArray(item.pages)) visit(item.pages); } };
  visit((config as any).pages);
  if (!out.includes("/")) out.unshift("/");
  return out;
}

/** Builds the site against `warehouse` into `out` (the offline build of package.json, minus the warehouse step). */
export async function buildSite(warehouse: string, out: string, log: (l: string) => void, pages?: string[]): Promise<{buildSecs: number; fillCacheSecs: number}> {
  const env = {...process.env, PATH: `${join(ROOT, "node_modules", ".bin")}:${process.env.PATH}`, GID_WAREHOUSE: resolve(warehouse)};
  let t = performance.now();
  await run(process.execPath, ["--import", "tsx", join(ROOT, "scripts/fill-npm-cache.ts")], ROOT, env);
  const fillCacheSecs = (performance.now() - t) / 1000;
  // A copy of the project without Framework's loader cache (what clean-cache does), linked to the npm cache.
  const dir = await mkdtemp(join(tmpdir(), "gid-bench-site-"));
  try {
    // With `pages`, only their Markdown files (top level of src/) are copied: Framework then runs only their loaders.
    const keep = pages?.map((p) => join(ROOT, "src", `${p === "/" ? "index" : p.replace(/^\//, "")}.md`));
    cpSync(join(ROOT, "src"), join(dir, "src"), {recursive: true, filter: (src) =>
      !src.startsWith(join(ROOT, "src", ".observablehq")) && !(keep && src.endsWith(".md") && resolve(src, "..") === join(ROOT, "src") && !keep.includes(src))});
    mkdirSync(join(dir, "src", ".observablehq", "cache"), {recursive: true});
    symlinkSync(join(ROOT, "src", ".observablehq", "cache", "_npm"), join(dir, "src", ".observablehq", "cache", "_npm"), "dir");
    for (const f of ["observablehq.config.ts", "package.json", "tsconfig.json"]) cpSync(join(ROOT, f), join(dir, f));
    if (pages) {
      // Framework builds every page of the config's sidebar: the copy's sidebar lists only the chosen pages.
      cpSync(join(ROOT, "observablehq.config.ts"), join(dir, "observablehq.all.config.ts"));
      writeFileSync(join(dir, "observablehq.config.ts"), `import config from "./observablehq.all.config.ts";
const keep = ${JSON.stringify(pages)};
const only = (items) => items.filter((i) => i.pages || keep.includes(i.path)).map((i) => (i.pages ? {...i, pages: only(i.pages)} : i)).filter((i) => !i.pages || i.pages.length);
export default {...config, pages: only(config.pages)};
`);
    }
    symlinkSync(join(ROOT, "node_modules"), join(dir, "node_modules"), "dir");
    symlinkSync(join(ROOT, "data-loaders"), join(dir, "data-loaders"), "dir");
    log(`bench-site: observable build in ${dir} (GID_WAREHOUSE=${env.GID_WAREHOUSE})`);
    t = performance.now();
    await run(join(ROOT, "node_modules", ".bin", "observable"), ["build"], dir, env);
    const buildSecs = (performance.now() - t) / 1000;
    rmSync(out, {recursive: true, force: true});
    mkdirSync(resolve(out, ".."), {recursive: true});
    cpSync(join(dir, "dist"), out, {recursive: true});
    return {buildSecs, fillCacheSecs};
  } finally {
    await rm(dir, {recursive: true, force: true});
  }
}

const isData = (path: string) => path.startsWith("/_file/");
const isLibrary = (path: string) => /^\/_(npm|observablehq|import|duckdb)\//.test(path);

/** Runs in the page: ms since navigation start at which <main> first has a drawn chart, else null. */
function firstChart(): number | null {
  const main = document.querySelector("#observablehq-main") ?? document.querySelector("main");
  for (const svg of Array.from(main?.querySelectorAll("svg") ?? [])) {
    const box = svg.getBoundingClientRect();
    if (box.width >= 100 && box.height >= 50 && svg.querySelectorAll("g, path, rect, circle, line, text").length >= 5) return performance.now();
  }
  return null;
}

export async function benchSite(options: SiteBenchOptions): Promise<SiteBench> {
  const log = options.log ?? ((l: string) => process.stderr.write(l + "\n"));
  const warehouse = resolve(options.warehouse);
  const keep = options.out != null;
  const out = resolve(options.out ?? join(await mkdtemp(join(tmpdir(), "gid-bench-dist-")), "dist"));
  const pageTimeout = options.pageTimeoutMs ?? 120_000;
  let buildSecs: number | null = null, fillCacheSecs: number | null = null;
  const only = options.pages?.length ? options.pages : null;
  if (options.build !== false) ({buildSecs, fillCacheSecs} = await buildSite(warehouse, out, log, only ?? undefined));
  const firstPage = only ? (only[0] === "/" ? "index" : only[0].replace(/^\//, "")) : "index";
  if (!existsSync(join(out, `${firstPage}.html`))) throw new Error(`${out}/${firstPage}.html missing: build first`);
  log(`bench-site: built in ${buildSecs?.toFixed(1) ?? "—"} s; measuring pages`);

  const [[reports]] = await nodeQuery(warehouse, `SELECT count(*)::INTEGER FROM reports`);
  const [[table3Cells]] = await nodeQuery(warehouse, `SELECT count(*)::INTEGER FROM table3_cells`);
  const agencyPath = options.agencyPath ?? "/agency?id={id}";
  const withAgency = !only || only.includes(agencyPath.split(/[?{]/)[0].replace(/\/$/, ""));
  const agencyId = !withAgency ? undefined : options.agencyId ?? (await nodeQuery(warehouse, `SELECT agency_id FROM records GROUP BY ALL ORDER BY count(*) DESC, agency_id LIMIT 1`))[0]?.[0];
  const paths = sidebarPages().filter((p) => !only || only.includes(p));
  if (agencyId) paths.push(agencyPath.replace("{id}", agencyId));

  let served: ServedResponse[] = [];
  const server = await serveStatic(out, {onResponse: (r) => served.push(r)});
  const {context, profile} = await launch();
  const pages: PageMeasure[] = [];
  let sql: SiteBench["sql"] = null;
  try {
    for (const path of paths) {
      served = [];
      const page = await context.newPage();
      const errors: string[] = [];
      page.on("console", (m) => { if (m.type() === "error") errors.push(`console: ${m.text().slice(0, 200)}`); });
      page.on("pageerror", (e) => errors.push(`page error: ${e.message.slice(0, 200)}`));
      page.on("requestfailed", (r) => {
        // Chromium may report DuckDB's .wasm as ERR_ABORTED as its streaming compile completes (see test/browser/site.test.ts).
        if (r.failure()?.errorText === "net::ERR_ABORTED" && new URL(r.url()).pathname.endsWith(".wasm")) return;
        errors.push(`request failed: ${new URL(r.url()).pathname} (${r.failure()?.errorText})`);
      });
      page.on("response", (r) => { if (r.status() >= 400) errors.push(`HTTP ${r.status()}: ${new URL(r.url()).pathname}`); });
      await page.route("**/*", (route) => {
        const url = new URL(route.request().url());
        if (url.hostname === "127.0.0.1" || url.protocol === "data:" || url.protocol === "blob:") return route.continue();
        errors.push(`foreign request: ${url.href}`);
        return route.abort("blockedbyclient");
      });
      let firstChartMs: number | null = null;
      try {
        await page.goto(server.url + path, {waitUntil: "commit", timeout: pageTimeout});
        firstChartMs = (await (await page.waitForFunction(firstChart, undefined, {timeout: pageTimeout, polling: 50})).jsonValue()) as number;
      } catch (error) {
        errors.push(`no chart within ${pageTimeout / 1000} s: ${String((error as Error).message).split("\n")[0]}`);
      }
      await page.waitForLoadState("networkidle", {timeout: pageTimeout}).catch(() => errors.push("network not idle"));
      // The SQL page first shows the default query's build-time answer; wait for DuckDB-wasm's own (sql-ms).
      let liveMs: number | null = null;
      if (path === "/sql") {
        await page.getByTestId("sql-ms").or(page.getByTestId("sql-error")).first().waitFor({timeout: pageTimeout}).catch(() => errors.push("no SQL result"));
        liveMs = await page.evaluate(() => performance.now());
        if (await page.getByTestId("sql-preset-differs").count()) errors.push("the build-time answer differs from DuckDB-wasm's");
      }
      const cellErrors = await page.locator(".observablehq--error").allTextContents();
      errors.push(...cellErrors.map((e) => `cell error: ${e.slice(0, 200)}`));
      const measure = {...summarize(path, served, firstChartMs, errors), ...(liveMs != null ? {liveMs} : {})};
      pages.push(measure);
      log(`bench-site: ${path}: data ${mb(measure.dataBytes)} MB in ${measure.dataRequests} responses, libraries ${mb(measure.libraryBytes)} MB, first chart ${firstChartMs == null ? "—" : (firstChartMs / 1000).toFixed(2) + " s"}${liveMs != null ? `, DuckDB-wasm's answer ${(liveMs / 1000).toFixed(2)} s` : ""}${errors.length ? `, ${errors.length} error(s)` : ""}`);
      if (path === "/sql") {
        try {
          sql = await benchGroupBy(page, warehouse, () => served, pageTimeout);
          log(`bench-site: SQL group-by over ${table3Cells} cells: cold ${(sql.coldMs / 1000).toFixed(2)} s (${mb(sql.coldBytes)} MB in ${sql.coldRequests} responses), warm ${(sql.warmMs / 1000).toFixed(2)} s, ${sql.rows} rows, ${sql.matches ? "matches" : "DIFFERS from"} node-api`);
        } catch (error) {
          sql = {coldMs: NaN, warmMs: NaN, pageColdMs: NaN, pageWarmMs: NaN, coldBytes: 0, coldRequests: 0, rows: 0, matches: false, error: String((error as Error).message).split("\n")[0]};
          log(`bench-site: SQL group-by failed: ${sql.error}`);
        }
      }
      await page.close();
    }
  } finally {
    await context.close();
    await server.close();
    await rm(profile, {recursive: true, force: true});
  }
  const duckdb = readdirSync(join(out, "_file", "data"), {recursive: true}).map(String).find((f) => f.endsWith(".duckdb"));
  const result: Omit<SiteBench, "markdown"> = {
    warehouse, reports, table3Cells, buildSecs, fillCacheSecs, distBytes: du(out),
    duckdbBytes: duckdb ? statSync(join(out, "_file", "data", duckdb)).size : null,
    parquetBytes: readdirSync(warehouse).filter((f) => f.endsWith(".parquet")).reduce((n, f) => n + statSync(join(warehouse, f)).size, 0),
    pages, only, sql
  };
  if (!keep) await rm(resolve(out, ".."), {recursive: true, force: true});
  return {...result, markdown: siteMarkdown(result)};
}

function summarize(path: string, served: ServedResponse[], firstChartMs: number | null, errors: string[]): PageMeasure {
  const data = served.filter((r) => isData(r.path));
  const files = new Map<string, number>();
  for (const r of data) files.set(r.path, (files.get(r.path) ?? 0) + r.bytes);
  return {
    path,
    dataBytes: data.reduce((n, r) => n + r.bytes, 0),
    dataRequests: data.filter((r) => r.method === "GET").length,
    dataFiles: [...files].sort((a, b) => b[1] - a[1]).slice(0, 3),
    libraryBytes: served.filter((r) => isLibrary(r.path)).reduce((n, r) => n + r.bytes, 0),
    otherBytes: served.filter((r) => !isData(r.path) && !isLibrary(r.path)).reduce((n, r) => n + r.bytes, 0),
    firstChartMs,
    errors
  };
}

/** On the open SQL page: the group-by, cold then warm; result checked against node-api. */
async function benchGroupBy(page: import("playwright-core").Page, warehouse: string, served: () => ServedResponse[], timeout: number) {
  let runs = 0;
  const once = async () => {
    const before = served().length;
    const previous = await page.getByTestId("sql-row-count").textContent().catch(() => null);
    // Set the editor's text without input events (pages built before the editor stopped them re-ran the
    // last query on every keystroke), then wait for the result cell to re-render: a new sql-ms element.
    await page.getByTestId("sql-editor").evaluate((el: HTMLTextAreaElement, sql) => (el.value = sql), GROUP_BY_SQL + (previous == null ? "" : " ".repeat(++runs)));
    await page.waitForLoadState("networkidle");
    const old = await page.getByTestId("sql-ms").elementHandle().catch(() => null);
    const started = Date.now();
    await page.getByTestId("sql-run").click();
    await page.waitForFunction((old) => {
      const el = document.querySelector('[data-testid="sql-ms"], [data-testid="sql-error"]');
      return el != null && el !== old;
    }, old, {timeout, polling: 20});
    const ms = Date.now() - started;
    const error = await page.getByTestId("sql-error").textContent().catch(() => null);
    if (error) throw new Error(`the page's query failed: ${error}`);
    const pageMs = Number(((await page.getByTestId("sql-ms").textContent()) ?? "").replaceAll(",", ""));
    const responses = served().slice(before).filter((r) => isData(r.path));
    return {ms, pageMs, bytes: responses.reduce((n, r) => n + r.bytes, 0), requests: responses.length};
  };
  const cold = await once();
  const [download] = await Promise.all([page.waitForEvent("download"), page.getByTestId("sql-csv").click()]);
  const rows = parseCSV(await downloadText(download)).filter((r) => r.length > 1);
  const warm = await once();
  const expected = await nodeQuery(warehouse, GROUP_BY_SQL);
  const got = rows.slice(1).map((r) => r.join("\t"));
  const want = expected.map((r) => r.map((v) => (v == null ? "" : String(v))).join("\t"));
  const matches = rows[0]?.join(",") === "row,column,total,cells" && got.length === want.length && got.every((g, i) => g === want[i]);
  return {coldMs: cold.ms, warmMs: warm.ms, pageColdMs: cold.pageMs, pageWarmMs: warm.pageMs, coldBytes: cold.bytes, coldRequests: cold.requests, rows: got.length, matches};
}

const mb = (b: number) => (b / 1048576).toFixed(2);
const secs = (ms: number | null) => (ms == null || Number.isNaN(ms) ? "—" : (ms / 1000).toFixed(2));

/** The Markdown section of a result (machine, date, per-page table, SQL figures). */
export function siteMarkdown(r: Omit<SiteBench, "markdown">): string {
  const date = new Date().toISOString().slice(0, 16).replace("T", " ");
  const cpu = cpus()[0]?.model.trim() ?? "?";
  const lines = [
    `## ${date} UTC: dashboard at ${r.reports.toLocaleString("en")} reports (scripts/bench-site.ts)`,
    "",
    `- machine: ${cpus().length} cores, ${cpu}, ${(totalmem() / 2 ** 30).toFixed(1)} GiB RAM (${(freemem() / 2 ** 30).toFixed(1)} free), node ${process.version}; load average ${loadavg().map((l) => l.toFixed(2)).join(" ")} (the cores are shared with other work); Chromium headless (playwright-core), site served by test/browser/static-server.ts on 127.0.0.1 (range requests, no caching)`,
    `- warehouse: ${r.warehouse} — ${r.reports.toLocaleString("en")} reports, ${r.table3Cells.toLocaleString("en")} table3_cells rows, Parquet ${mb(r.parquetBytes)} MB`,
    ...(r.only ? [`- only the pages ${r.only.join(", ")} (--pages: the build had only their Markdown files and loaders)`] : []),
    `- build: ${r.buildSecs == null ? "not measured (--no-build)" : `observable build ${r.buildSecs.toFixed(1)} s (empty loader cache; fill-cache before it ${r.fillCacheSecs?.toFixed(1)} s)`}; dist ${mb(r.distBytes)} MB; warehouse.duckdb ${r.duckdbBytes == null ? "—" : mb(r.duckdbBytes) + " MB"}`,
    `- per page: data = responses under /_file/ (FileAttachments: .arrow .json .duckdb …; range responses by their length) until the network is idle; libraries = /_npm/, /_observablehq/, /_import/ (JS, CSS, DuckDB-wasm's .wasm); first chart = navigation start → first <svg> ≥ 100×50 px with content in <main> (on /sql, the chart of the default query's build-time answer; DuckDB-wasm's own answer is timed in brackets)`,
    "",
    "| page | data (MB) | data responses | largest data files | libraries (MB) | HTML etc. (MB) | first chart (s) | errors |",
    "|---|---|---|---|---|---|---|---|",
    ...r.pages.map((p) => `| ${p.path}${p.liveMs != null ? ` (DuckDB-wasm's own answer: ${secs(p.liveMs)} s)` : ""} | ${mb(p.dataBytes)} | ${p.dataRequests} | ${p.dataFiles.map(([f, b]) => `${f.replace(/^\/_file\/data\//, "").replace(/\.[0-9a-f]{8}(\.\w+)$/, "$1")} ${mb(b)}`).join(", ")} | ${mb(p.libraryBytes)} | ${mb(p.otherBytes)} | ${secs(p.firstChartMs)} | ${p.errors.length ? p.errors.join("; ").replaceAll("|", "\\|") : "0"} |`),
    ""
  ];
  if (r.sql) {
    lines.push(r.sql.error
      ? `- SQL page group-by: failed: ${r.sql.error}`
      : `- SQL page group-by over all ${r.table3Cells.toLocaleString("en")} table3_cells rows (\`${GROUP_BY_SQL}\`): cold ${secs(r.sql.coldMs)} s (click → rows shown; the page's own timer ${secs(r.sql.pageColdMs)} s; ${mb(r.sql.coldBytes)} MB of the .duckdb read in ${r.sql.coldRequests} range responses), warm ${secs(r.sql.warmMs)} s (page timer ${secs(r.sql.pageWarmMs)} s); ${r.sql.rows} rows, ${r.sql.matches ? "identical to" : "DIFFERENT from"} @duckdb/node-api on the Parquet files`);
  }
  lines.push("");
  return lines.join("\n");
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const {values} = parseArgs({options: {
    warehouse: {type: "string"}, out: {type: "string"}, "agency-path": {type: "string"}, "agency-id": {type: "string"},
    pages: {type: "string"}, "no-build": {type: "boolean", default: false}, append: {type: "boolean", default: false}
  }});
  if (!values.warehouse) throw new Error("usage: bench-site.ts --warehouse DIR [--out DIST] [--agency-path /agency?id={id}] [--agency-id ID] [--pages /sql,/about] [--no-build] [--append]");
  const pages = values.pages?.split(",").map((p) => p.trim()).filter(Boolean);
  const result = await benchSite({warehouse: values.warehouse, out: values.out, build: !values["no-build"], agencyPath: values["agency-path"], agencyId: values["agency-id"], pages});
  console.log(result.markdown);
  if (values.append) appendFileSync(join(ROOT, "BENCHMARKS.md"), "\n" + result.markdown);
}
