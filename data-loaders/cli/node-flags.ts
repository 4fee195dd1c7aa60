/**
 * The node flags of the warehouse process (`npm run warehouse` and the benchmarks that time it).
 *
 * --max-semi-space-size=64: the run holds every parse result and the rows built from them (about
 * 3 GB at 100,000 reports) while it allocates millions of short-lived objects; with V8's default
 * young generation (16 MB semi-spaces) each scavenge copies survivors again and again. Measured on
 * a re-run of 104,942 cached files: garbage collection 16.3 s -> 8.4 s of the profile, CPU time
 * 96.7 s -> 88.2 s, peak RSS unchanged (3.40 GB). V8 reads the flag only at start-up
 * (v8.setFlagsFromString is too late), so it must be on the command line: package.json's
 * "warehouse" script carries the same flags (test/cli/node-flags.test.ts checks they agree).
 */
export const WAREHOUSE_NODE_FLAGS = ["--max-semi-space-size=64"];

/** argv (after node) that runs a TypeScript entry point with the warehouse's flags through tsx. */
export function warehouseNodeArgs(entry: string, args: string[] = []): string[] {
  return [...WAREHOUSE_NODE_FLAGS, "--import", "tsx", entry, ...args];
}
