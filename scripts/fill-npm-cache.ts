// Fills Observable Framework's npm cache (src/.observablehq/cache/_npm/) from node_modules so that
// `observable build` / `observable preview` never touch the network (no jsDelivr, no npm registry).
//
// How Framework 1.13.4 uses that cache (node_modules/@observablehq/framework/dist/npm.js):
// - An `npm:NAME` import (explicit, or implicit: Plot, d3, htl, Inputs, Arrow, arquero, DuckDB...)
//   resolves its version from the directory names `_npm/NAME@VERSION/` (highest one wins); with no
//   such directory it asks registry.npmjs.org for the latest version.
// - The module itself is read from `_npm/NAME@VERSION/_esm.js` (the `+esm` path); sub-paths such as
//   `npm:@duckdb/duckdb-wasm/dist/duckdb-eh.wasm` from `_npm/NAME@VERSION/dist/duckdb-eh.wasm`.
//   A file that exists is used as is; a missing one is downloaded from cdn.jsdelivr.net.
// - Relative imports inside a cached file (`../../d3@7.9.2/_esm.js`) are followed and copied too.
// - Framework's client bundles (recommendedLibraries.js, fileAttachment.js...) mention libraries
//   lazily (react, lodash, echarts...). Resolving their version needs only the directory, so an
//   empty `NAME@0.0.0-offline` directory stops the registry look-up. A page that really imports
//   one of them fails at build time (no `_esm.js`): add the library to BUNDLES below instead.
//
// This script owns `_npm/` entirely: it deletes entries it does not produce, so a build is the
// same on every machine. It bundles each library in BUNDLES with esbuild (browser conditions, ESM),
// keeping imports of other BUNDLES libraries external (shared module instances, e.g. one d3 for
// Plot and pages, one apache-arrow for DuckDB-wasm and FileAttachment.arrow()).
// Run: `npm run fill-cache` (also run by `npm run build` and `npm run dev`).

import {build} from "esbuild";
import {createHash} from "node:crypto";
import {copyFile, mkdir, readFile, readdir, rm, writeFile} from "node:fs/promises";
import {existsSync} from "node:fs";
import {createRequire} from "node:module";
import {dirname, join, posix, resolve} from "node:path";
import {fileURLToPath} from "node:url";

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), "..");
const CACHE = join(ROOT, "src", ".observablehq", "cache", "_npm");

interface Bundle {
  name: string;
  /** Extra files copied verbatim from the package directory (relative paths). */
  files?: string[];
}

/** Libraries pages may use; each becomes `_npm/NAME@VERSION/_esm.js`. Versions come from node_modules. */
export const BUNDLES: Bundle[] = [
  {name: "d3"},
  {name: "d3-dsv"}, // FileAttachment.csv()/.tsv()
  {name: "@observablehq/plot"},
  {name: "htl"},
  {name: "isoformat"}, // implicit dependency of Inputs
  {name: "apache-arrow"}, // FileAttachment.arrow(), DuckDBClient
  {name: "arquero"}, // pages: import * as aq from "npm:arquero"
  {
    name: "@duckdb/duckdb-wasm", // must be the version Framework pins (1.29.0 for Framework 1.13.4)
    files: [
      "dist/duckdb-mvp.wasm",
      "dist/duckdb-eh.wasm",
      "dist/duckdb-browser-mvp.worker.js",
      "dist/duckdb-browser-eh.worker.js"
    ]
  }
];

/** Libraries Framework's client refers to lazily; only their version is resolved at build time. */
export const STUBS = [
  "react",
  "react-dom",
  "lodash",
  "echarts",
  "leaflet",
  "mapbox-gl",
  "topojson-client",
  "@observablehq/sample-datasets",
  "parquet-wasm"
];
const STUB_VERSION = "0.0.0-offline";

// Bump when the output format of this script changes (invalidates every stamp).
const FORMAT = "1";

function packageDir(name: string, from = ROOT): string {
  const req = createRequire(join(from, "package.json"));
  // Resolve package.json even when "exports" hides it: walk up from the resolved entry if needed.
  try {
    return dirname(req.resolve(`${name}/package.json`));
  } catch {
    const paths = req.resolve.paths(name) ?? [];
    for (const p of paths) if (existsSync(join(p, name, "package.json"))) return join(p, name);
    throw new Error(`fill-npm-cache: cannot find package ${name} in node_modules (run npm ci)`);
  }
}

async function packageJson(dir: string): Promise<{name: string; version: string; dependencies?: Record<string, string>; peerDependencies?: Record<string, string>}> {
  return JSON.parse(await readFile(join(dir, "package.json"), "utf-8"));
}

/** `_npm` path of an entry directory, e.g. `@duckdb/duckdb-wasm@1.29.0`. */
const entryName = (name: string, version: string) => `${name}@${version}`;

async function main() {
  const started = performance.now();
  await mkdir(CACHE, {recursive: true});
  const versions = new Map<string, string>();
  for (const {name} of BUNDLES) versions.set(name, (await packageJson(packageDir(name))).version);
  const duckdbWasm = versions.get("@duckdb/duckdb-wasm");
  const frameworkPin = await frameworkDuckDBVersion();
  if (duckdbWasm !== frameworkPin) {
    throw new Error(`fill-npm-cache: @duckdb/duckdb-wasm ${duckdbWasm} installed, but Framework pins ${frameworkPin}: install that exact version`);
  }

  const wanted = new Set<string>();
  const selfHash = createHash("sha256").update(await readFile(fileURLToPath(import.meta.url), "utf-8")).digest("hex");
  let built = 0;
  for (const bundle of BUNDLES) {
    const version = versions.get(bundle.name)!;
    const entry = entryName(bundle.name, version);
    wanted.add(entry);
    const dir = join(CACHE, entry);
    const stamp = `${FORMAT} ${selfHash} ${version}`;
    const stampPath = join(dir, ".fill-stamp");
    if (existsSync(stampPath) && (await readFile(stampPath, "utf-8")) === stamp) continue;
    await rm(dir, {recursive: true, force: true});
    await mkdir(dir, {recursive: true});
    await bundleLibrary(bundle, version, versions, dir);
    for (const file of bundle.files ?? []) {
      await mkdir(dirname(join(dir, file)), {recursive: true});
      await copyFile(join(packageDir(bundle.name), file), join(dir, file));
    }
    await writeFile(stampPath, stamp);
    ++built;
  }
  for (const name of STUBS) {
    const entry = entryName(name, STUB_VERSION);
    wanted.add(entry);
    await mkdir(join(CACHE, entry), {recursive: true});
  }
  // Remove everything else (older versions, entries downloaded by an online run...).
  let removed = 0;
  for (const entry of await listEntries()) {
    if (!wanted.has(entry)) {
      await rm(join(CACHE, entry), {recursive: true, force: true});
      ++removed;
    }
  }
  const ms = Math.round(performance.now() - started);
  console.log(`fill-npm-cache: ${BUNDLES.length} libraries (${built} rebuilt), ${STUBS.length} stubs, ${removed} stale removed in ${ms} ms → ${posix.relative(ROOT, CACHE)}`);
}

async function bundleLibrary(bundle: Bundle, version: string, versions: Map<string, string>, dir: string) {
  const self = packageDir(bundle.name);
  const outfile = join(dir, "_esm.js");
  const result = await build({
    entryPoints: [bundle.name],
    absWorkingDir: ROOT,
    bundle: true,
    format: "esm",
    platform: "browser",
    target: ["es2022"],
    mainFields: ["browser", "module", "main"],
    conditions: ["browser", "import", "module", "default"],
    minify: true,
    legalComments: "none",
    sourcemap: false,
    write: false,
    outfile,
    logLevel: "warning",
    define: {"process.env.NODE_ENV": '"production"'},
    plugins: [
      {
        // Imports of another cached library (same version as ours) stay external, as relative paths.
        name: "shared-cache-libraries",
        setup(b) {
          b.onResolve({filter: /^[@\w]/}, async (args) => {
            const name = bareName(args.path);
            if (name === bundle.name || !versions.has(name) || args.kind === "entry-point") return undefined;
            const depVersion = await resolvedVersion(name, args.resolveDir || self);
            if (depVersion !== versions.get(name)) return undefined; // a different version: inline it
            if (args.path !== name) return undefined; // deep import (pkg/sub/path): inline it
            const target = posix.join("/_npm", entryName(name, depVersion), "_esm.js");
            const from = posix.join("/_npm", entryName(bundle.name, version), "_esm.js");
            let rel = posix.relative(posix.dirname(from), target);
            if (!rel.startsWith(".")) rel = `./${rel}`;
            return {path: rel, external: true};
          });
        }
      }
    ]
  });
  const [output] = result.outputFiles;
  await writeFile(outfile, output.contents);
}

function bareName(specifier: string): string {
  const parts = specifier.split("/");
  return specifier.startsWith("@") ? parts.slice(0, 2).join("/") : parts[0];
}

const resolvedVersionCache = new Map<string, string>();
async function resolvedVersion(name: string, fromDir: string): Promise<string> {
  const key = `${name}\0${fromDir}`;
  let version = resolvedVersionCache.get(key);
  if (version === undefined) {
    version = (await packageJson(packageDir(name, fromDir))).version;
    resolvedVersionCache.set(key, version);
  }
  return version;
}

async function listEntries(): Promise<string[]> {
  const entries: string[] = [];
  for (const entry of await readdir(CACHE)) {
    if (entry.startsWith("@")) for (const sub of await readdir(join(CACHE, entry))) entries.push(`${entry}/${sub}`);
    else entries.push(entry);
  }
  return entries;
}

async function frameworkDuckDBVersion(): Promise<string> {
  const source = await readFile(join(packageDir("@observablehq/framework"), "dist", "duckdb.js"), "utf-8");
  const match = /DUCKDB_WASM_VERSION\s*=\s*"([^"]+)"/.exec(source);
  if (!match) throw new Error("fill-npm-cache: cannot find DUCKDB_WASM_VERSION in Framework (did Framework change?)");
  return match[1];
}

await main();
