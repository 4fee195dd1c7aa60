// Browser test of the built dashboard (dist/): every page of observablehq.config.ts is opened in
// headless Chromium (/usr/bin/chromium, driven by playwright-core) from a local static server.
// Each page must: load with no console error, no page error, no failed or 4xx/5xx request, no request
// to any host but 127.0.0.1, no Framework cell error, and draw its main chart (unless it is a
// placeholder, marked by an element with `data-placeholder`). A screenshot of each page goes to
// docs/screenshots/<page>.png.
//
// Adding a page: add it to `pages` in observablehq.config.ts; it is tested automatically. Mark the
// main chart with `data-testid="main-chart"` (an element containing the chart's <svg>), or put the chart
// in a <figure>. Page-specific assertions go in CHECKS below.
//
// Needs a built site: `npm run build` first (`npm test` does it through `pretest`).
// Run alone: `node --import tsx --test test/browser/site.test.ts`.
import assert from "node:assert/strict";
import {existsSync, mkdirSync} from "node:fs";
import {mkdtemp, rm} from "node:fs/promises";
import {tmpdir} from "node:os";
import {dirname, join, resolve} from "node:path";
import {after, before, describe, test} from "node:test";
import {fileURLToPath} from "node:url";
import {chromium, type BrowserContext, type Page} from "playwright-core";
import config from "../../observablehq.config.ts";
import {serveStatic, type StaticServer} from "./static-server.ts";

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), "../..");
const DIST = join(ROOT, "dist");
const SCREENSHOTS = join(ROOT, "docs", "screenshots");
const CHROMIUM = process.env.CHROMIUM_PATH ?? "/usr/bin/chromium";
const PAGE_TIMEOUT = 60_000;

/** Page-specific assertions, keyed by page path (as in observablehq.config.ts). Run after the generic checks. */
export const CHECKS: Record<string, (page: Page) => Promise<void>> = {
  "/": async (page) => {
    const text = (await page.getByTestId("report-count").textContent()) ?? "";
    assert.match(text, /^[\d,]+$/, `report count should be a number, got ${JSON.stringify(text)}`);
    const reports = Number(text.replaceAll(",", ""));
    const bars = await page.locator('[data-testid="main-chart"] svg [aria-label="bar"] rect').count();
    // An empty warehouse (no raw reports) is legal: then the chart has axes but no bar.
    if (reports > 0) assert.ok(bars > 0, `${reports} reports but no bar in the reports-per-year chart`);
    else assert.equal(bars, 0);
  }
};

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
    server = await serveStatic(DIST);
    profile = await mkdtemp(join(tmpdir(), "gid-chromium-"));
    context = await chromium.launchPersistentContext(profile, {
      executablePath: CHROMIUM,
      headless: true,
      viewport: {width: 1280, height: 900},
      locale: "zh-CN",
      args: ["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking", "--disable-component-update", "--disable-sync"]
    });
  });

  after(async () => {
    await context?.close();
    await server?.close();
    if (profile) await rm(profile, {recursive: true, force: true});
  });

  for (const {name, path} of configPages()) {
    test(`${path} (${name})`, {timeout: PAGE_TIMEOUT}, async () => {
      if (setupError) throw setupError;
      const page = await context.newPage();
      const problems: string[] = [];
      const foreign: string[] = [];
      page.on("console", (m) => { if (m.type() === "error") problems.push(`console error: ${m.text()}`); });
      page.on("pageerror", (e) => problems.push(`page error: ${e.message}`));
      page.on("requestfailed", (r) => {
        if (!foreign.includes(r.url())) problems.push(`request failed: ${r.url()} (${r.failure()?.errorText})`);
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
        await CHECKS[path]?.(page);
        await page.screenshot({path: join(SCREENSHOTS, `${screenshotName(path)}.png`), fullPage: true});
        assert.deepEqual(foreign, [], `${path}: requests to hosts other than 127.0.0.1`);
        assert.deepEqual(problems, [], `${path}: console errors or failed requests`);
      } finally {
        await page.close();
      }
    });
  }
});

/** Runs in the page: is there a drawn main chart? */
function mainChartDrawn(): boolean {
  const root = document.querySelector('[data-testid="main-chart"]') ?? document.querySelector("#observablehq-main figure");
  const svg = root?.matches("svg") ? root : root?.querySelector("svg");
  if (!svg) return false;
  const box = svg.getBoundingClientRect();
  return box.width > 0 && box.height > 0 && svg.querySelectorAll("g, path, rect, circle, line, text").length > 0;
}
