// Browser test of the built dashboard (dist/): every page of observablehq.config.ts is opened in
// headless Chromium (/usr/bin/chromium, driven by playwright-core) from a local static server.
// Each page must: load with no console error, no page error, no failed or 4xx/5xx request, no request
// to any host but 127.0.0.1, no Framework cell error, and draw its main chart (unless it is a
// placeholder, marked by an element with `data-placeholder`). A screenshot of each page goes to
// docs/screenshots/<page>.png (taken before the page checks, so it shows the page as first opened).
// The agency page (/agency?id=<id>, one page whose data is the agency's shard) is opened the same way (docs/screenshots/agency.png).
// Page checks compare what the page shows with values computed by @duckdb/node-api from warehouse/*.parquet
// (test/browser/helpers.ts): filters changing the chart, Chinese search, SQL row counts, CSV downloads.
// Rebuilding from a modified reports-raw/ (added report, HTML markup) is test/browser/rebuild.test.ts.
//
// Adding a page: add it to `pages` in observablehq.config.ts; it is tested automatically. Mark the
// main chart with `data-testid="main-chart"` (an element containing the chart's <svg>), or put the chart
// in a <figure>. Page-specific assertions go in CHECKS below.
//
// Needs a built site: `npm run build` first (`npm test` builds when dist/ is stale, see scripts/run-tests.ts).
// Run alone: `node --import tsx --test test/browser/site.test.ts`.
import assert from "node:assert/strict";
import {existsSync, mkdirSync} from "node:fs";
import {rm} from "node:fs/promises";
import {dirname, join, resolve} from "node:path";
import {after, before, describe, test} from "node:test";
import {fileURLToPath} from "node:url";
import type {BrowserContext, Page} from "playwright-core";
import config from "../../observablehq.config.ts";
import {serveStatic, type ServedResponse, type StaticServer} from "./static-server.ts";
import {AGENCY_ID, CHROMIUM, downloadText, launch, parseCSV, warehouseQuery} from "./helpers.ts";
import {DuckDBInstance} from "@duckdb/node-api";
import {TABLES} from "../../src/data/lib/warehouse.ts";
import {readdirSync, readFileSync, statSync} from "node:fs";

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), "../..");
const DIST = join(ROOT, "dist");
const SCREENSHOTS = join(ROOT, "docs", "screenshots");
const PAGE_TIMEOUT = 60_000;

/** Page-specific assertions, keyed by page path (as in observablehq.config.ts). Run after the generic checks. */
export const CHECKS: Record<string, (page: Page) => Promise<void>> = {
  "/": async (page) => {
    const text = (await page.getByTestId("report-count").textContent()) ?? "";
    assert.match(text, /^[\d,]+$/, `report count should be a number, got ${JSON.stringify(text)}`);
    const reports = Number(text.replaceAll(",", ""));
    const [{n}] = await warehouseQuery(`SELECT count(*)::INTEGER AS n FROM records`);
    assert.equal(reports, n, "reports on the Overview = reports of record in the warehouse");
    const bars = await page.locator('[data-testid="main-chart"] svg [aria-label="bar"] rect').count();
    // An empty warehouse (no raw reports) is legal: then the chart has axes but no bar.
    if (reports > 0) assert.ok(bars > 0, `${reports} reports but no bar in the reports-per-year chart`);
    else assert.equal(bars, 0);
  },

  // A filter changed and the chart updated: uncheck the busiest year; its bars leave the main chart.
  "/requests": async (page) => {
    const [busiest] = await warehouseQuery(`
      SELECT year FROM records WHERE format <> 'pre2019' AND total_processed_total > 0
      GROUP BY year ORDER BY sum(total_processed_total) DESC, year LIMIT 1`);
    if (!busiest) return; // no concluded request anywhere: nothing to filter
    const years = () => page.locator('[data-testid="main-chart"] svg [aria-label="bar"] rect').evaluateAll((rects) => [...new Set(rects.map((r) => r.getAttribute("x")))].length);
    const marks = () => page.locator('[data-testid="main-chart"] svg [aria-label="bar"] rect').evaluateAll((rects) => rects.map((r) => ["x", "y", "width", "height"].map((a) => r.getAttribute(a)).join(",")).join(" "));
    const before = {years: await years(), marks: await marks()};
    assert.ok(before.years > 0, "the outcome chart has no bar");
    await page.getByTestId("filters").getByLabel(String(busiest.year), {exact: true}).uncheck();
    await page.waitForFunction((old) => {
      const rects = document.querySelectorAll('[data-testid="main-chart"] svg [aria-label="bar"] rect');
      return Array.from(rects, (r) => ["x", "y", "width", "height"].map((a) => r.getAttribute(a)).join(",")).join(" ") !== old;
    }, before.marks, {timeout: 15_000});
    assert.equal(await years(), before.years - 1, `unchecking ${busiest.year} should remove its bars`);
    assert.match(page.url(), /[?&]year=/, "the filter state goes into the URL");
    assert.match((await page.getByTestId("grant-rate-definition").textContent()) ?? "", /procedural/);
  },

  // Chinese search over section 五 texts: the page searches a bounded sample (the first 20 reports by agency name
  // in each year × level, src/data/problems.arrow.ts); the hit count equals the sampled reports whose text contains the term.
  "/problems": async (page) => {
    const term = "培训";
    const [{n}] = await warehouseQuery(`
      SELECT count(*)::INTEGER AS n FROM (
        SELECT text FROM records JOIN sections USING (report_id)
        WHERE section = 'problems_improvements' AND text IS NOT NULL AND trim(text) <> ''
        QUALIFY row_number() OVER (PARTITION BY year, level ORDER BY agency_key, report_id) <= 20
      ) WHERE text LIKE '%${term}%'`);
    await page.getByPlaceholder("例如").fill(term);
    await expectText(page.getByTestId("problem-hit-count"), String(n));
    if (n > 0) assert.ok((await page.locator(".gid-hit mark").count()) > 0, "hits are highlighted");
  },

  // Chinese search over agency names (any part, as printed in any year), in the listed agencies (the 1,000 with
  // most reports: every agency of a warehouse that has no more).
  "/agencies": async (page) => {
    const [{agencies}] = await warehouseQuery(`SELECT count(DISTINCT agency_id)::INTEGER AS agencies FROM records`);
    const term = "平潭";
    const [{n}] = await warehouseQuery(`
      SELECT count(DISTINCT r.agency_id)::INTEGER AS n FROM records r
      WHERE r.agency_key LIKE '%${term}%' OR r.agency_id IN (SELECT ${AGENCY_ID} FROM reports WHERE agency LIKE '%${term}%')`);
    assert.ok(agencies <= 1000, "this check assumes every agency is listed");
    await page.getByPlaceholder("输入机关名称的一部分").fill(term);
    await page.waitForFunction((n) => document.querySelector('[data-testid="agency-search-count"]')?.textContent?.trim().startsWith(`${n} 个机关`), n, {timeout: 10_000});
  },

  // An SQL query run from the URL (?q=) returns the row count DuckDB gives on the warehouse; its CSV matches.
  "/sql": async (page) => {
    // The page first shows the default query's build-time answer (src/data/sql-default.json), then DuckDB-wasm's
    // live answer (sql-ms), which must be the same rows: the page flags a difference, and the CSV of the live
    // answer is compared with the build-time file here.
    await page.getByTestId("sql-ms").waitFor({timeout: 30_000});
    assert.equal(await page.getByTestId("sql-preset-differs").count(), 0, "the build-time answer differs from DuckDB-wasm's");
    assert.equal(await page.getByTestId("sql-precomputed").count(), 0, "the build-time answer is still shown");
    const presetFile = readdirSync(join(DIST, "_file", "data")).find((f) => /^sql-default\.[0-9a-f]+\.json$/.test(f));
    assert.ok(presetFile, "dist/_file/data/sql-default.*.json missing");
    const preset = JSON.parse(readFileSync(join(DIST, "_file", "data", presetFile), "utf-8"));
    assert.ok(preset.rows.length > 0, "the build-time answer has no row");
    const [liveCSV] = await Promise.all([page.waitForEvent("download"), page.getByTestId("sql-csv").click()]);
    const live = parseCSV(await downloadText(liveCSV)).filter((r) => r.length > 1);
    assert.deepEqual(live[0], preset.fields.map((f: {name: string}) => f.name));
    assert.deepEqual(live.slice(1), preset.rows.map((r: Record<string, unknown>) => preset.fields.map((f: {name: string}) => String(r[f.name] ?? ""))));
    // The page attaches warehouse.duckdb over HTTP: a page load reads its catalogue and the default query's
    // blocks with range requests (206), never the whole file.
    await page.waitForLoadState("networkidle");
    const duckdb = served.filter((r) => r.path.endsWith(".duckdb") && r.method === "GET");
    assert.ok(duckdb.length > 0, "the SQL page did not read warehouse.duckdb");
    assert.ok(duckdb.every((r) => r.status === 206), `warehouse.duckdb read without a range: ${duckdb.filter((r) => r.status !== 206).map((r) => r.range).join(", ")}`);
    const size = statSync(join(DIST, duckdb[0].path)).size;
    const read = duckdb.reduce((n, r) => n + r.bytes, 0);
    assert.ok(read < size, `a page load read ${read} bytes of the ${size}-byte warehouse.duckdb`);
    const sql = `SELECT agency, year, new_received_total, status FROM reports WHERE is_record AND year >= 2019 ORDER BY agency, year, report_id`;
    const expected = await warehouseQuery(sql);
    // Let the default query finish first: navigating while DuckDB-wasm is still downloading its
    // .wasm aborts that request (net::ERR_ABORTED), a failure of the test's making, not the site's.
    await page.getByTestId("sql-row-count").waitFor({timeout: 30_000});
    await page.waitForLoadState("networkidle");
    await page.goto(new URL(`?q=${encodeURIComponent(sql)}`, page.url()).href);
    await expectText(page.getByTestId("sql-row-count"), String(expected.length));
    const [download] = await Promise.all([page.waitForEvent("download"), page.getByTestId("sql-csv").click()]);
    const rows = parseCSV(await downloadText(download));
    assert.deepEqual(rows[0], ["agency", "year", "new_received_total", "status"]);
    assert.deepEqual(rows.slice(1), expected.map((r) => [r.agency ?? "", String(r.year ?? ""), r.new_received_total == null ? "" : String(r.new_received_total), r.status]));
  },

  // Compare: two agencies × three measures; the CSV holds exactly the table, and its numbers are the warehouse's.
  "/compare": async (page) => {
    const agencies = await warehouseQuery(`SELECT agency_id FROM records GROUP BY agency_id ORDER BY count(*) DESC, agency_id LIMIT 2`);
    if (!agencies.length) return;
    const ids = agencies.map((a) => a.agency_id);
    const measures = ["t3_new_received", "t3_granted", "t4_review_total"];
    await page.goto(new URL(`?a=${ids.join(",")}&m=${measures.join(",")}`, page.url()).href);
    await page.getByTestId("compare-table").waitFor();
    const [download] = await Promise.all([page.waitForEvent("download"), page.getByTestId("compare-csv").click()]);
    const rows = parseCSV(await downloadText(download));
    const header = rows[0];
    assert.deepEqual(header.slice(0, 3), ["机关 Agency", "年份 Year", "来源文件 Source file"]);
    measures.forEach((m, i) => assert.ok(header[3 + i].endsWith(`[${m}]`), `column ${3 + i} should be ${m}, is ${header[3 + i]}`));
    const expected = await warehouseQuery(`
      SELECT r.agency_key, r.year, r.path, r.new_received_total,
             (SELECT c.value FROM table3_cells c WHERE c.report_id = r.report_id AND c.row = 'granted' AND c."column" = 'total') AS granted,
             r.review_total
      FROM records r WHERE r.agency_id IN (${ids.map((id) => `'${id}'`).join(", ")})`);
    const cell = (v: unknown) => (v == null ? "" : String(v));
    const sort = (a: string[], b: string[]) => a.join("\u0000") < b.join("\u0000") ? -1 : 1;
    assert.deepEqual(
      rows.slice(1).sort(sort),
      expected.map((r) => [r.agency_key, cell(r.year), r.path, cell(r.new_received_total), cell(r.granted), cell(r.review_total)]).sort(sort)
    );
  },

  // About: the Parquet download is the warehouse file byte for byte; the CSV (made on demand in the browser
  // from warehouse.duckdb) holds the table.
  "/about": async (page) => {
    const href = await page.getByTestId("download-reports-parquet").getAttribute("href");
    const response = await page.request.get(new URL(href!, page.url()).href);
    assert.equal(response.status(), 200);
    assert.ok(Buffer.from(await response.body()).equals(readFileSync(join(ROOT, "warehouse", "reports.parquet"))), "reports.parquet download differs from warehouse/reports.parquet");
    const [download] = await Promise.all([page.waitForEvent("download"), page.getByTestId("download-reports-csv").click()]);
    const rows = parseCSV(await downloadText(download));
    const expected = await warehouseQuery(`SELECT report_id FROM reports`);
    assert.deepEqual(rows.slice(1).map((r) => r[rows[0].indexOf("report_id")]).sort(), expected.map((r) => r.report_id).sort());
  }
};

/** Waits until a locator's text (trimmed) is `text`. */
async function expectText(locator: import("playwright-core").Locator, text: string, timeout = 30_000) {
  const deadline = Date.now() + timeout;
  let last = "";
  while (Date.now() < deadline) {
    last = ((await locator.first().textContent({timeout: 5_000}).catch(() => "")) ?? "").trim();
    if (last === text) return;
    await new Promise((r) => setTimeout(r, 200));
  }
  assert.equal(last, text);
}

interface ConfigPage { name: string; path: string }
function configPages(): ConfigPage[] {
  const out: ConfigPage[] = [];
  const visit = (items: any[]) => {
    for (const item of items ?? []) {
      if (Array.isArray(item.pages)) {
        if (item.path) out.push({name: item.name, path: item.path});
        visit(item.pages);
      } else out.push({name: item.name, path: item.path});
    }
  };
  visit((config as any).pages);
  if (!out.some((p) => p.path === "/" || p.path === "/index")) out.unshift({name: "Home", path: "/"});
  return out;
}

/** docs/screenshots/<file>.png name of a page path: "/" → "index", "/a/b" → "a-b". */
export function screenshotName(path: string): string {
  const name = path.replace(/^\/+|\/+$/g, "").replace(/\.html$/, "").replaceAll("/", "-");
  return name === "" ? "index" : name;
}

let server: StaticServer;
/** Responses of the static server since the current page was opened (path, status, range, bytes). */
let served: ServedResponse[] = [];
let context: BrowserContext;
let profile: string;
let setupError: Error | undefined;

describe("built site in Chromium", {timeout: 10 * PAGE_TIMEOUT}, () => {
  before(async () => {
    // Missing prerequisites fail every page test with this message (a failure, never a skip: CI installs Chromium).
    if (!existsSync(CHROMIUM)) {
      setupError = new Error(`Chromium not found at ${CHROMIUM}: install it with \`apt-get update && apt-get install -y chromium\` (.ci/run does this), or set CHROMIUM_PATH`);
      return;
    }
    if (!existsSync(join(DIST, "index.html"))) {
      setupError = new Error(`${DIST}/index.html not found: run \`npm run build\` first (\`npm test\` does it when dist/ is stale)`);
      return;
    }
    mkdirSync(SCREENSHOTS, {recursive: true});
    server = await serveStatic(DIST, {onResponse: (r) => served.push(r)});
    ({context, profile} = await launch());
  });

  after(async () => {
    await context?.close();
    await server?.close();
    if (profile) await rm(profile, {recursive: true, force: true});
  });

  for (const {name, path} of configPages()) {
    test(`${path} (${name})`, {timeout: PAGE_TIMEOUT}, async () => {
      if (setupError) throw setupError;
      await openPage(path, screenshotName(path), CHECKS[path]);
    });
  }

  // The agency page (/agency?id=<id>): the agency with most reports of record (then most requests). Its numbers
  // are the warehouse's, and the page fetches exactly one agency shard (data/agency/<archive>/<shard>.json).
  test("/agency?id=<id> (the agency page)", {timeout: PAGE_TIMEOUT}, async () => {
    if (setupError) throw setupError;
    const [agency] = await warehouseQuery(`
      SELECT agency_id, agency_key, count(*)::INTEGER AS n, list(year ORDER BY year) AS years FROM records
      GROUP BY ALL ORDER BY n DESC, sum(new_received_total) DESC NULLS LAST, agency_id LIMIT 1`);
    if (!agency) return; // empty warehouse: no agency page
    const files = await warehouseQuery(`SELECT f.path FROM files f JOIN (SELECT report_id, ${AGENCY_ID} AS agency_id FROM reports) r USING (report_id) WHERE r.agency_id = '${agency.agency_id}'`);
    const [t3] = await warehouseQuery(`
      SELECT c.value FROM table3_cells c JOIN records r USING (report_id)
      WHERE r.agency_id = '${agency.agency_id}' AND c.row = 'new_received' AND c."column" = 'total' AND c.value IS NOT NULL
      ORDER BY r.year, r.path LIMIT 1`);
    const shards: string[] = [];
    await openPage(`/agency?id=${agency.agency_id}`, "agency", async (page) => {
      assert.equal((await page.getByTestId("agency-name").textContent())?.trim(), agency.agency_key);
      assert.equal((await page.getByTestId("agency-report-count").textContent())?.trim(), String(agency.n));
      // A table 3 cell of the agency (new requests, total column) is shown with the warehouse's value.
      if (t3) {
        const row = await page.locator('[data-testid="table3"] tbody tr').filter({hasText: "新收"}).first().textContent();
        assert.ok(row?.replaceAll(",", "").includes(String(t3.value)), `table 3 row of new requests should show ${t3.value}: ${row}`);
      }
      assert.equal(shards.length, 1, `the agency page should fetch one agency shard, fetched: ${shards.join(", ")}`);
      assert.match(shards[0], new RegExp(`/_file/data/agency/[0-9a-f]{2}/[0-9a-f]{3}\\.[0-9a-f]+\\.json$|/data/agency/[0-9a-f]{2}/[0-9a-f]{3}`));
      const years = (agency.years.items ?? agency.years).map(String);
      if (await page.getByTestId("table3").count()) {
        const header = await page.locator('[data-testid="table3"] thead th').allTextContents();
        for (const y of years) assert.ok(header.some((h) => h.startsWith(y)), `table 3 has no column for ${y}: ${header.join(" | ")}`);
      }
      for (const f of files) await page.getByText(f.path, {exact: true}).first().waitFor({state: "attached", timeout: 10_000});
    }, shards);
  });
});

/** Opens a page of the built site and runs the checks every page must pass, then `check`, then a screenshot. */
async function openPage(path: string, shot: string, check?: (page: Page) => Promise<void>, requests?: string[]) {
  served = [];
  const page = await context.newPage();
  if (requests) page.on("request", (r) => { if (/\/data\/agency\//.test(new URL(r.url()).pathname)) requests.push(new URL(r.url()).pathname); });
  const problems: string[] = [];
  const foreign: string[] = [];
  page.on("console", (m) => { if (m.type() === "error") problems.push(`console error: ${m.text()}`); });
  page.on("pageerror", (e) => problems.push(`page error: ${e.message}`));
  page.on("requestfailed", (r) => {
    if (foreign.includes(r.url())) return;
    // Chromium sometimes reports the one request for DuckDB's .wasm as net::ERR_ABORTED at the moment
    // its download completes (WebAssembly.instantiateStreaming has consumed the body; seen in 1 of 6
    // loads of /sql, with a single request and the database working). Not a failed download: the
    // /sql check below proves the database loaded by running a query against the warehouse.
    if (r.failure()?.errorText === "net::ERR_ABORTED" && new URL(r.url()).pathname.endsWith(".wasm")) return;
    problems.push(`request failed: ${r.url()} (${r.failure()?.errorText})`);
  });
  page.on("response", (r) => { if (r.status() >= 400) problems.push(`HTTP ${r.status()}: ${r.url()}`); });
  // Block (and report) anything that is not our server: the site must work offline.
  await page.route("**/*", (route) => {
    const url = new URL(route.request().url());
    if (url.hostname === "127.0.0.1" || url.protocol === "data:" || url.protocol === "blob:") return route.continue();
    foreign.push(url.href);
    return route.abort("blockedbyclient");
  });
  try {
    await page.goto(server.url + path, {waitUntil: "load"});
    const placeholder = (await page.locator("[data-placeholder]").count()) > 0;
    if (!placeholder) {
      await page.waitForFunction(mainChartDrawn, undefined, {timeout: PAGE_TIMEOUT - 10_000}).catch(async () => {
        const errors = await page.locator(".observablehq--error").allTextContents();
        assert.fail(`${path}: main chart not drawn ([data-testid="main-chart"] svg or figure svg)${errors.length ? `; cell errors: ${errors.join(" | ")}` : ""}${problems.length ? `; ${problems.join("; ")}` : ""}`);
      });
    }
    await page.waitForLoadState("networkidle");
    const cellErrors = await page.locator(".observablehq--error").allTextContents();
    assert.deepEqual(cellErrors, [], `${path}: Framework cell errors`);
    await page.screenshot({path: join(SCREENSHOTS, `${shot}.png`), fullPage: true});
    await check?.(page);
    assert.deepEqual(await page.locator(".observablehq--error").allTextContents(), [], `${path}: Framework cell errors after the page checks`);
    assert.deepEqual(foreign, [], `${path}: requests to hosts other than 127.0.0.1`);
    assert.deepEqual(problems, [], `${path}: console errors or failed requests`);
  } finally {
    await page.close();
  }
}

/** Runs in the page: is there a drawn main chart? */
function mainChartDrawn(): boolean {
  const root = document.querySelector('[data-testid="main-chart"]') ?? document.querySelector("#observablehq-main figure");
  const svg = root?.matches("svg") ? root : root?.querySelector("svg");
  if (!svg) return false;
  const box = svg.getBoundingClientRect();
  return box.width > 0 && box.height > 0 && svg.querySelectorAll("g, path, rect, circle, line, text").length > 0;
}

// The SQL page's database (src/data/warehouse.duckdb.ts writes the cell tables a column at a time, from rows of
// NULLs updated column by column): every table of dist/'s warehouse.duckdb holds the Parquet file's rows, in
// the same order, with the same values (ENUM keys compared as their strings). Node-side, no browser.
test("warehouse.duckdb holds every Parquet table row for row", {timeout: 5 * PAGE_TIMEOUT}, async () => {
  const dir = join(DIST, "_file", "data");
  const file = existsSync(dir) ? readdirSync(dir).find((f) => /^warehouse\.[0-9a-f]+\.duckdb$/.test(f)) : undefined;
  assert.ok(file, `${dir}/warehouse.*.duckdb not found: run \`npm run build\` first`);
  const instance = await DuckDBInstance.create(":memory:");
  const c = await instance.connect();
  try {
    await c.run(`ATTACH '${join(dir, file).replaceAll("'", "''")}' AS w (READ_ONLY)`);
    for (const table of TABLES) {
      const parquet = join(ROOT, "warehouse", `${table}.parquet`).replaceAll("'", "''");
      const columns = (await c.runAndReadAll(`SELECT column_name FROM (DESCRIBE SELECT * FROM read_parquet('${parquet}'))`)).getRows().map(([n]) => `"${n}"`);
      const db = (await c.runAndReadAll(`SELECT column_name FROM duckdb_columns() WHERE database_name = 'w' AND table_name = '${table}' ORDER BY column_index`)).getRows().map(([n]) => `"${n}"`);
      assert.deepEqual(db, columns, `${table}: columns`);
      const [[rows, parquetRows, differ]] = (await c.runAndReadAll(`
        WITH a AS (SELECT rowid AS rn, ${columns.map((n) => `${n}::VARCHAR AS ${n}`).join(", ")} FROM w.main."${table}"),
             b AS (SELECT file_row_number AS rn, ${columns.map((n) => `${n}::VARCHAR AS ${n}`).join(", ")} FROM read_parquet('${parquet}', file_row_number = true))
        SELECT (SELECT count(*) FROM a)::INTEGER, (SELECT count(*) FROM b)::INTEGER,
               (SELECT count(*) FROM (SELECT * FROM a EXCEPT ALL SELECT * FROM b))::INTEGER`)).getRows();
      assert.equal(rows, parquetRows, `${table}: rows`);
      assert.equal(differ, 0, `${table}: ${differ} rows differ from the Parquet file's (position or values)`);
    }
  } finally {
    c.closeSync();
    instance.closeSync();
  }
});
