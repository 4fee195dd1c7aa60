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
 *
 * --interrupt-budget=524288 (V8's default: 67584): how much a function runs before V8 considers
 * optimizing it. Each parse worker starts cold, and a 2,000-file run gives it 1,000 files: with the
 * default, TurboFan compiled ~220 functions per worker (readTable2 three times, ~110 ms each), about
 * 2 s of compiler CPU per 1,000 HTML pages on cores the two workers share; parsing only reaches its
 * steady speed after ~2,000 pages. With 8 times the budget only the really hot functions are
 * compiled (~110, ~0.8 s). Measured on the 2,000-file corpora of `npm run bench`, default and this
 * flag interleaved, 3 runs each (2026-11-24 01:41, 2 cores): html 9.95, 9.12, 8.96 s against 8.21,
 * 7.53, 8.25 s; txt 6.54, 6.73, 6.49 against 5.79, 5.88, 5.56; docx 4.28, 4.80, 4.46 against 4.23,
 * 4.12, 3.95; CPU of the run -15%. 262,144 to 786,432 gave the same within the noise; 1 M and 2 M
 * were slower. Not measured at 100,000 files, where a worker's code is hot after its first few thousand either way.
 *
 * V8 reads the flags only at start-up (v8.setFlagsFromString is too late), so it must be on the
 * command line: package.json's "warehouse" script carries the same flags
 * (test/cli/node-flags.test.ts checks they agree).
 */
export const WAREHOUSE_NODE_FLAGS = ["--max-semi-space-size=32", "--interrupt-budget=524288"];

/** The launcher of the CLI commands (launch.mjs: from an esbuild bundle, else through tsx). */
export const LAUNCHER = "data-loaders/cli/launch.mjs";

/** argv (after node) of `npm run warehouse -- ...args`, with `launcher` as the path of launch.mjs. */
export function warehouseNodeArgs(args: string[] = [], launcher = LAUNCHER): string[] {
  return [...WAREHOUSE_NODE_FLAGS, launcher, "warehouse", ...args];
}
