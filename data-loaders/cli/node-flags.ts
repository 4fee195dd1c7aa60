/**
 * The node flags of the warehouse process (`npm run warehouse` and the benchmarks that time it).
 *
 * --max-semi-space-size=32: the run holds every parse result and the rows built from them (about
 * 3 GB at 100,000 reports) while it allocates millions of short-lived objects; with V8's default
 * young generation (16 MB semi-spaces) each scavenge copies survivors again and again. Measured:
 *   - 64 MB on a re-run of 104,942 cached files: garbage collection 16.3 s -> 8.4 s of the profile,
 *     CPU time 96.7 s -> 88.2 s. But V8 applies the flag to every isolate, the parse workers too
 *     (a Worker's resourceLimits.maxYoungGenerationSizeMb does not override it: checked), and the
 *     cold run of 103,901 files then peaked at 4.03 GiB, over the 4 GiB target;
 *   - 32 MB: the same cold run peaked at 3.60 GiB (362 s), the re-run after adding 1% at 3.48 GiB.
 * V8 reads the flag only at start-up (v8.setFlagsFromString is too late), so it must be on the
 * command line: package.json's "warehouse" script carries the same flags
 * (test/cli/node-flags.test.ts checks they agree).
 */
export const WAREHOUSE_NODE_FLAGS = ["--max-semi-space-size=32"];

/** The launcher of the CLI commands (launch.mjs: from an esbuild bundle, else through tsx). */
export const LAUNCHER = "data-loaders/cli/launch.mjs";

/** argv (after node) of `npm run warehouse -- ...args`, with `launcher` as the path of launch.mjs. */
export function warehouseNodeArgs(args: string[] = [], launcher = LAUNCHER): string[] {
  return [...WAREHOUSE_NODE_FLAGS, launcher, "warehouse", ...args];
}
