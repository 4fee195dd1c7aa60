// Deletes Observable Framework's cached loader outputs and client bundles (src/.observablehq/cache/*)
// but keeps the npm cache (_npm/, filled offline by scripts/fill-npm-cache.ts).
// Framework reuses a cached loader output whatever changed in its inputs (the warehouse), so
// `npm run build` and `npm run dev` run this first: data in the site can never be stale.
import {readdir, rm} from "node:fs/promises";
import {dirname, join, resolve} from "node:path";
import {fileURLToPath} from "node:url";

const CACHE = join(resolve(dirname(fileURLToPath(import.meta.url)), ".."), "src", ".observablehq", "cache");
const KEEP = new Set(["_npm"]);

let removed = 0;
for (const entry of await readdir(CACHE).catch(() => [] as string[])) {
  if (KEEP.has(entry)) continue;
  await rm(join(CACHE, entry), {recursive: true, force: true});
  ++removed;
}
console.log(`clean-cache: removed ${removed} entr${removed === 1 ? "y" : "ies"} from src/.observablehq/cache (kept _npm)`);
