// node [flags] data-loaders/cli/launch.mjs <name> [args...]: runs data-loaders/cli/<name>.ts.
//
// Plain JavaScript so that node starts it without a TypeScript loader. It runs the command from an
// esbuild bundle of its sources (node_modules/.cache/gid-warehouse/cli-<name>-<hash>/), built on
// first use and again whenever one of the bundled sources changes (their SHA-256 is checked at
// every start, ~2 ms). Starting through tsx costs ~0.25 s more, a no-change warehouse re-run
// ~0.45 s instead of ~0.2 s (measured on 2,000 files). Packages stay outside the bundle; each
// source's `import.meta.url` is replaced by its own file's URL, so paths computed from it do not
// move with the bundle. The code the bundle holds is loaded in chunks (DuckDB only when a run
// writes). When the bundle cannot be built (esbuild missing, node_modules read-only, ...) or
// GID_NO_BUNDLE=1 is set, the command runs through tsx instead: slower, same results.
import { createHash } from "node:crypto";
import { existsSync, mkdirSync, readdirSync, readFileSync, renameSync, rmSync, statSync, writeFileSync } from "node:fs";
import { createRequire } from "node:module";
import { join, resolve } from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";

const PROJECT = fileURLToPath(new URL("../../", import.meta.url));
// GID_BUNDLE_CACHE (tests): another folder, which must lie inside the project so that packages resolve
const CACHE = process.env.GID_BUNDLE_CACHE ? resolve(PROJECT, process.env.GID_BUNDLE_CACHE) : join(PROJECT, "node_modules", ".cache", "gid-warehouse");
const KEEP_OLD_MS = 3600_000; // an older bundle may still be loading chunks in a run started before

const name = process.argv[2];
if (!name || !/^[a-z][a-z0-9-]*$/.test(name) || !existsSync(fileURLToPath(new URL(`./${name}.ts`, import.meta.url)))) {
  console.error(`usage: node data-loaders/cli/launch.mjs <command> [args...], where data-loaders/cli/<command>.ts exists (got ${JSON.stringify(name)})`);
  process.exit(2);
}
process.argv.splice(2, 1); // the command sees its own arguments only
const entry = fileURLToPath(new URL(`./${name}.ts`, import.meta.url));

const sha = (file) => createHash("sha256").update(readFileSync(file)).digest("hex");

/** The bundle's main file when its record says it was built from the sources as they are now. */
function fresh(record, esbuildVersion) {
  try {
    const r = JSON.parse(readFileSync(record, "utf8"));
    if (r.esbuild !== esbuildVersion || !existsSync(join(CACHE, r.main))) return null;
    for (const [rel, h] of Object.entries(r.inputs)) if (sha(join(PROJECT, rel)) !== h) return null;
    return join(CACHE, r.main);
  } catch {
    return null;
  }
}

async function bundle() {
  const esbuild = createRequire(import.meta.url)("esbuild");
  const record = join(CACHE, `cli-${name}.json`);
  const known = fresh(record, esbuild.version);
  if (known) return known;
  mkdirSync(CACHE, { recursive: true });
  const tmp = join(CACHE, `.tmp-cli-${name}-${process.pid}`);
  rmSync(tmp, { recursive: true, force: true });
  const ownUrl = {
    name: "own-import-meta-url",
    setup(b) {
      b.onLoad({ filter: /\.(m?ts|m?js)$/ }, (a) => {
        if (a.path.includes(`${join("node_modules", "")}`)) return undefined;
        const src = readFileSync(a.path, "utf8");
        return { contents: src.replaceAll("import.meta.url", JSON.stringify(pathToFileURL(a.path).href)), loader: a.path.endsWith("ts") ? "ts" : "js" };
      });
    },
  };
  const built = await esbuild.build({
    entryPoints: [entry], outdir: tmp, absWorkingDir: PROJECT, bundle: true, splitting: true, format: "esm", platform: "node", target: "node20",
    packages: "external", outExtension: { ".js": ".mjs" }, logLevel: "silent", legalComments: "none", metafile: true, plugins: [ownUrl],
  });
  const inputs = {};
  for (const rel of Object.keys(built.metafile.inputs).sort()) inputs[rel] = sha(join(PROJECT, rel));
  const hash = createHash("sha256").update(JSON.stringify(inputs)).digest("hex").slice(0, 16);
  const dir = `cli-${name}-${hash}`;
  try {
    if (!existsSync(join(CACHE, dir))) renameSync(tmp, join(CACHE, dir));
  } catch (e) {
    if (!existsSync(join(CACHE, dir))) throw e; // else a run started at the same time built it first
  }
  rmSync(tmp, { recursive: true, force: true });
  writeFileSync(`${record}.${process.pid}`, JSON.stringify({ esbuild: esbuild.version, main: `${dir}/${name}.mjs`, inputs }, null, 1));
  renameSync(`${record}.${process.pid}`, record);
  for (const old of readdirSync(CACHE)) {
    if (old === dir || !(old.startsWith(`cli-${name}-`) || old.startsWith(`.tmp-cli-${name}-`))) continue;
    const at = join(CACHE, old);
    try { if (Date.now() - statSync(at).mtimeMs > KEEP_OLD_MS) rmSync(at, { recursive: true, force: true }); } catch { /* gone */ }
  }
  return join(CACHE, dir, `${name}.mjs`);
}

let main = null;
if (process.env.GID_NO_BUNDLE !== "1") {
  try {
    main = await bundle();
  } catch (e) {
    console.error(`note: cannot bundle data-loaders/cli/${name}.ts (${String(e?.message ?? e).split("\n")[0]}); running it through tsx (slower, same results)`);
  }
}
if (main) {
  await import(pathToFileURL(main).href);
} else {
  const { register } = await import("tsx/esm/api");
  register();
  await import(pathToFileURL(entry).href);
}
