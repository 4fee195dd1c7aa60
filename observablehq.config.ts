// Observable Framework configuration for the GID annual-report dashboard.
// The build must work with the network off (see /work/shared/notes/stack.md and scripts/fill-npm-cache.ts).
import {existsSync} from "node:fs";
import {dirname, join} from "node:path";
import {fileURLToPath} from "node:url";

// The warehouse next to this file (GID_WAREHOUSE overrides it, as in src/data/lib/warehouse.ts).
const HERE = typeof import.meta.url === "string" && import.meta.url.startsWith("file:") ? dirname(fileURLToPath(import.meta.url)) : process.cwd();
const WAREHOUSE = process.env.GID_WAREHOUSE ?? join(HERE, "warehouse");

/**
 * One agency page per agency of the warehouse: /agency/<id>, id = the first 12 hex digits of SHA-256 of
 * the agency key (the same SQL as src/data/lib/warehouse.ts AGENCY_ID, which the loaders use for links).
 */
async function* agencyPaths(): AsyncGenerator<string> {
  const reports = join(WAREHOUSE, "reports.parquet");
  if (!existsSync(reports)) return;
  const {DuckDBInstance} = await import("@duckdb/node-api");
  const {AGENCY_ID} = await import("./src/data/lib/warehouse.ts");
  const instance = await DuckDBInstance.create(":memory:");
  const connection = await instance.connect();
  try {
    const reader = await connection.runAndReadAll(
      `SELECT DISTINCT ${AGENCY_ID} AS id FROM read_parquet('${reports.replaceAll("'", "''")}') ORDER BY id`
    );
    for (const [id] of reader.getRows()) yield `/agency/${id}`;
  } finally {
    connection.closeSync();
    instance.closeSync();
  }
}

export default {
  root: "src",
  title: "政府信息公开年报 · GID Annual Reports",
  // Bilingual sidebar. Each path is a Markdown page under src/; agency pages (src/agency/[id].md) come from dynamicPaths.
  pages: [
    {name: "概览 Overview", path: "/"},
    {name: "主动公开 Disclosure", path: "/disclosure"},
    {name: "依申请公开 Requests", path: "/requests"},
    {name: "复议与诉讼 Review & litigation", path: "/review"},
    {name: "问题与改进 Problems", path: "/problems"},
    {name: "机关 Agencies", path: "/agencies"},
    {name: "比较 Compare", path: "/compare"},
    {name: "数据质量 Data quality", path: "/quality"},
    {name: "SQL 查询 SQL", path: "/sql"},
    {name: "关于 About", path: "/about"}
  ],
  dynamicPaths: agencyPaths,
  // Offline: no Google font stylesheet (the default would fetch fonts.googleapis.com in the browser).
  globalStylesheets: [],
  // No favicon request (the default would 404 on a static host and log a console error).
  head: `<link rel="icon" href="data:,">`,
  style: "style.css",
  // Offline: `null` removes the json/parquet extensions (`false` would still download them at build time).
  duckdb: {extensions: {json: null, parquet: null}},
  // Framework's built-in search tokenizes Chinese badly (see stack.md): pages search with src/components/search.js.
  search: false,
  footer: "政府信息公开工作年度报告数据 · Data: government information disclosure annual reports.",
  pager: true,
  toc: false
};
