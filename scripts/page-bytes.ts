// Bytes of data each built page can load (dist/ after `observable build`): the files a page registers
// (FileAttachment) under _file/data/, from the sizes Framework writes into the page. Agency shards are
// counted as fetched: one (the largest) for the agency page, three (the largest) for Compare's default picks;
// every other registered file counts in full. Page HTML and JS modules are listed apart.
//   node --import tsx scripts/page-bytes.ts [dist]
import {readdirSync, readFileSync, statSync} from "node:fs";
import {join} from "node:path";

const DIST = process.argv[2] ?? "dist";
const rows: string[] = [];
for (const file of readdirSync(DIST).filter((f) => f.endsWith(".html")).sort()) {
  const html = readFileSync(join(DIST, file), "utf-8");
  const files = [...html.matchAll(/registerFile\("([^"]+)", (\{[^}]*\})\)/g)].map(([, name, meta]) => ({name, ...JSON.parse(meta)}))
    .filter((f) => /^\.\/_file\/data\//.test(f.path ?? "") || /^data\//.test(f.name.replace(/^\.\//, "")) || f.name.includes("/data/"));
  const shards = files.filter((f) => /data\/agency\/[0-9a-f]{2}\/[0-9a-f]{3}\.json$/.test(f.name)).map((f) => f.size).sort((a, b) => b - a);
  const others = files.filter((f) => !/data\/agency\/[0-9a-f]{2}\/[0-9a-f]{3}\.json$/.test(f.name));
  const fetchedShards = shards.slice(0, file === "agency.html" ? 1 : file === "compare.html" ? 3 : 0);
  const bytes = others.reduce((s, f) => s + f.size, 0) + fetchedShards.reduce((s, n) => s + n, 0);
  const list = others.map((f) => `${f.name.replace(/^.*data\//, "")} ${f.size}`).join(", ") + (shards.length ? `, ${fetchedShards.length} of ${shards.length} agency shards ${fetchedShards.join("+")}` : "");
  rows.push(`| ${file.replace(/\.html$/, "")} | ${bytes.toLocaleString("en-US")} | ${statSync(join(DIST, file)).size.toLocaleString("en-US")} | ${list} |`);
}
console.log("| page | data bytes loaded | page HTML bytes | files (bytes) |\n|---|---|---|---|\n" + rows.join("\n"));
