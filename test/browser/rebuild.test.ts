// Rebuild tests: the site is built again, in a temp folder, from a copy of reports-raw/ with two reports
// added, exactly as `npm run build` does (warehouse CLI → observable build; the loaders read that
// warehouse, so nothing can be served from a stale cache). One build serves both tests (~30 s):
//
// 1. An added report (a new township, 2024) shows on its own agency page, reached from the Agencies
//    page's Chinese name search, with its year, its table 3 numbers and its source file.
// 2. A report whose agency name and section 五 text contain HTML/script markup shows that markup as
//    text and runs nothing, on its agency page, the Problems page and the pages that list agencies.
//    The section 五 text holds `<script>window.__pwned=1</script><img src=x onerror=window.__pwned=1>`.
//    The agency name holds `<img/src='x'/onerror='window.__pwned=1'>`: the parser deletes whitespace in
//    names, caps them at 60 characters and takes the name after a `>` in a title line, so the name comes
//    from the crawler header's 发布机构 line, in a form that still runs if a page ever parsed it as HTML.
import assert from "node:assert/strict";
import {existsSync, readFileSync} from "node:fs";
import {rm} from "node:fs/promises";
import {join} from "node:path";
import {after, before, describe, test} from "node:test";
import type {BrowserContext} from "playwright-core";
import {serveStatic, type StaticServer} from "./static-server.ts";
import {buildSiteCopy, CHROMIUM, launch, ROOT, warehouseQuery, watchedPage} from "./helpers.ts";

const MARKUP = "<script>window.__pwned=1</script><img src=x onerror=window.__pwned=1>";
const MARKUP_AGENCY = "<img/src='x'/onerror='window.__pwned=1'>测试局";
const NEW_AGENCY = "重庆市大足区测试新增镇人民政府";

function raw(path: string): string {
  return readFileSync(join(ROOT, "reports-raw", path), "utf-8");
}

/** A copy of a sample report (tab-separated cells) under a new agency name. */
function addedReport(): string {
  const text = raw("sample/000_0492d4f23311c1f9.txt");
  assert.ok(text.includes("重庆市大足区国梁镇人民政府"), "the sample report this test copies has changed");
  return text.replace("重庆市大足区国梁镇人民政府", NEW_AGENCY);
}

/** A copy of a crawled report whose publisher line and section 五 carry markup. */
function markupReport(): string {
  let text = raw("pingtan/17_pingtan_investment_2024.txt");
  const heading = "五、存在的主要问题及改进情况";
  for (const s of ["标题: 平潭综合实验区投资促进局2024年度", "发布机构: 平潭综合实验区投资促进局", heading]) assert.ok(text.includes(s), `the report this test copies has changed (no ${s})`);
  text = text.replace("标题: 平潭综合实验区投资促进局2024年度", "标题: 2024年度");
  text = text.replace("发布机构: 平潭综合实验区投资促进局", `发布机构: ${MARKUP_AGENCY}`);
  return text.replace(heading, heading + MARKUP);
}

let site: Awaited<ReturnType<typeof buildSiteCopy>> | undefined;
let server: StaticServer;
let context: BrowserContext;
let profile: string;
let setupError: Error | undefined;

// The whole build includes the 32 agency archives (src/data/agency/[archive].tar.ts, one loader run each): minutes
// on a busy 2-core machine, hence the long timeouts.
describe("site rebuilt from a copy of reports-raw/ with added reports", {timeout: 1_000_000}, () => {
  before(async () => {
    if (!existsSync(CHROMIUM)) {
      setupError = new Error(`Chromium not found at ${CHROMIUM}: install it (apt-get install -y chromium; .ci/run does this) or set CHROMIUM_PATH`);
      return;
    }
    try {
      const started = Date.now();
      site = await buildSiteCopy({
        "zz-test/added_report_2024.txt": addedReport(),
        "zz-test/markup_report_2024.txt": markupReport()
      }, {timeoutMs: 840_000});
      console.log(`rebuilt the site in ${((Date.now() - started) / 1000).toFixed(1)} s (${site.log.trim().split("\n").at(-1)})`);
      server = await serveStatic(site.dist);
      ({context, profile} = await launch());
    } catch (e) {
      setupError = e as Error;
    }
  }, {timeout: 870_000});

  after(async () => {
    await context?.close();
    await server?.close();
    if (profile) await rm(profile, {recursive: true, force: true});
    if (site) await rm(site.dir, {recursive: true, force: true});
  });

  test("an added report is found on its agency page", {timeout: 60_000}, async () => {
    if (setupError) throw setupError;
    const [record] = await warehouseQuery(`SELECT agency_id, agency_key, year, report_id, path, new_received_total FROM records WHERE agency_key = '${NEW_AGENCY}'`, site!.warehouse);
    assert.ok(record, `the warehouse of the rebuilt site has no record for ${NEW_AGENCY}`);
    const {page, problems, foreign} = await watchedPage(context);
    try {
      // Found through the Agencies page's name search (Chinese, part of the name).
      await page.goto(`${server.url}/agencies`);
      await page.getByPlaceholder("输入机关名称的一部分").fill("测试新增");
      const link = page.locator('[data-testid="agency-table"] a', {hasText: NEW_AGENCY});
      await link.waitFor({timeout: 20_000});
      assert.equal(await page.locator('[data-testid="agency-table"] tbody tr').count(), 1, "the search should leave one agency");
      await link.click();
      await page.waitForURL(`**/agency?id=${record.agency_id}`);
      await page.getByTestId("agency-name").filter({hasText: NEW_AGENCY}).waitFor({timeout: 20_000});
      await page.locator('[data-testid="table3"]').waitFor({timeout: 20_000});
      const header = await page.locator('[data-testid="table3"] thead th').allTextContents();
      assert.ok(header.includes(String(record.year)), `table 3 should have a ${record.year} column, has ${header.join(" | ")}`);
      const newReceived = (await page.locator('[data-testid="table3"] tbody tr').first().locator("td").last().textContent())?.trim();
      assert.equal(newReceived, String(record.new_received_total), "new requests (total) on the agency page");
      await page.getByText(record.path).first().waitFor({timeout: 10_000});
      assert.deepEqual(foreign, []);
      assert.deepEqual(problems, []);
    } finally {
      await page.close();
    }
  });

  test("HTML or script markup in an agency name or problem text is shown as text and runs nothing", {timeout: 90_000}, async () => {
    if (setupError) throw setupError;
    const [record] = await warehouseQuery<{agency_id: string; agency_key: string}>(`SELECT agency_id, agency_key FROM records WHERE agency_key LIKE '%onerror%'`, site!.warehouse);
    assert.ok(record, "the warehouse of the rebuilt site has no agency name with markup");
    assert.equal(record.agency_key, MARKUP_AGENCY);
    const [section] = await warehouseQuery(`SELECT text FROM sections JOIN records USING (report_id) WHERE agency_id = '${record.agency_id}' AND section = 'problems_improvements'`, site!.warehouse);
    assert.ok(section?.text.includes(MARKUP), "the section 五 text in the warehouse keeps the markup");

    const check = async (path: string, expectText: string, where: string) => {
      const {page, problems, foreign} = await watchedPage(context);
      try {
        await page.goto(server.url + path);
        await page.locator(where, {hasText: expectText}).first().waitFor({state: "attached", timeout: 30_000});
        await page.waitForLoadState("networkidle");
        await page.waitForTimeout(500);
        assert.equal(await page.evaluate(() => (window as any).__pwned), undefined, `${path}: the markup ran`);
        // No element the markup would have created: an <img src="x"> or a <script> in the page body.
        assert.equal(await page.locator('#observablehq-main img[src="x"]').count(), 0, `${path}: an <img src=x> element was created`);
        assert.equal(await page.locator("#observablehq-main script").count(), 0, `${path}: a <script> element was created`);
        assert.deepEqual(foreign, [], `${path}: requests to other hosts`);
        // An <img src=x> that was created would also show here, as a failed request for …/x.
        assert.deepEqual(problems, [], `${path}: console errors or failed requests`);
      } finally {
        await page.close();
      }
    };
    // The agency page: its name as the heading, the markup in its section 五 text.
    await check(`/agency?id=${record.agency_id}`, MARKUP_AGENCY, '[data-testid="agency-name"]');
    await check(`/agency?id=${record.agency_id}`, "<script>window.__pwned=1</script>", "details .gid-text");
    // The Problems page, searching for the report: hit text shows the markup literally.
    await check(`/problems?text=${encodeURIComponent("__pwned")}`, MARKUP, ".gid-hit .gid-text");
    await check(`/problems?text=${encodeURIComponent("__pwned")}`, MARKUP_AGENCY, ".gid-hit h3 a");
    // Pages listing agency names.
    await check(`/agencies?agency=${encodeURIComponent("测试局")}`, MARKUP_AGENCY, '[data-testid="agency-table"] a');
    await check(`/compare?a=${record.agency_id}`, MARKUP_AGENCY, '[data-testid="compare-table"] a');
  });
});
