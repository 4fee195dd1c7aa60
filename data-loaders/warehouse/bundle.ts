/**
 * The parse workers' code as one file: esbuild bundles worker-entry.ts (the worker with the
 * default parser) into node_modules/.cache/gid-warehouse/parse-worker-<hash>.mjs, once per
 * version of the sources. A worker started through tsx spends about 1 s registering the loader
 * and loading ~100 modules through it, on a second thread (measured on 2 cores: 0.6 s of a
 * 2,000-file run). The bundle loads in a few tens of ms.
 *
 * - The name holds a hash of every source file under data-loaders/ and esbuild's version: a
 *   changed source gives a new bundle, never a stale one. Older bundles are removed.
 * - Packages stay outside the bundle (`packages: "external"`); the file lives inside the
 *   project's node_modules so that they resolve from there as they do from the sources.
 * - Written to a temporary name, then renamed: runs started at the same time never read half a
 *   file.
 * - Any failure (esbuild missing, read-only node_modules, a build error) returns the reason, and
 *   the pool starts its workers through tsx instead (worker-boot.mjs): slower, same results.
 */
import { existsSync, mkdirSync, readdirSync, renameSync, rmSync } from "node:fs";
import { createRequire } from "node:module";
import { join } from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";
import { sourceHash } from "./cache.ts";
import { errorText } from "./results.ts";

const ENTRY = fileURLToPath(new URL("./worker-entry.ts", import.meta.url));
const PROJECT = fileURLToPath(new URL("../../", import.meta.url));
export const BUNDLE_DIR = join(PROJECT, "node_modules", ".cache", "gid-warehouse");

type Esbuild = { version: string; buildSync(o: Record<string, unknown>): { errors: unknown[] } };

let memo: { url: string } | { error: string } | null = null;

/** The file: URL of the bundled worker (built now if needed), or why there is none. */
export function workerBundle(): { url: string } | { error: string } {
  memo ??= build();
  return memo;
}

function build(): { url: string } | { error: string } {
  try {
    const esbuild = createRequire(import.meta.url)("esbuild") as Esbuild;
    const name = `parse-worker-${sourceHash({}).slice(0, 16)}-esbuild${esbuild.version}.mjs`;
    const file = join(BUNDLE_DIR, name);
    if (!existsSync(file)) {
      mkdirSync(BUNDLE_DIR, { recursive: true });
      const tmp = `${file}.${process.pid}.tmp`;
      esbuild.buildSync({
        entryPoints: [ENTRY], outfile: tmp, bundle: true, platform: "node", format: "esm", target: "node20",
        packages: "external", logLevel: "silent", legalComments: "none", sourcemap: false,
      });
      renameSync(tmp, file);
      for (const old of readdirSync(BUNDLE_DIR)) {
        if (old !== name && /^parse-worker-.*\.mjs$/.test(old)) rmSync(join(BUNDLE_DIR, old), { force: true });
      }
    }
    return { url: pathToFileURL(file).href };
  } catch (e) {
    return { error: errorText(e) };
  }
}
