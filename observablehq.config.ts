// Observable Framework configuration for the GID annual-report dashboard.
// The build must work with the network off (see /work/shared/notes/stack.md and scripts/fill-npm-cache.ts).
export default {
  root: "src",
  title: "政府信息公开年报 · GID Annual Reports",
  // Bilingual sidebar. Each path is a Markdown page under src/; the agency page (src/agency.md, /agency?id=<id>) is not in the sidebar: it is reached from links.
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
