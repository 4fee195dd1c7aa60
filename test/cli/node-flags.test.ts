import { test } from "node:test";
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { LAUNCHER, WAREHOUSE_NODE_FLAGS, warehouseNodeArgs } from "../../data-loaders/cli/node-flags.ts";

const pkg = JSON.parse(readFileSync(new URL("../../package.json", import.meta.url), "utf8")) as { scripts: Record<string, string> };

test("npm run warehouse starts node with the warehouse's flags", () => {
  assert.equal(pkg.scripts.warehouse, `node ${WAREHOUSE_NODE_FLAGS.join(" ")} ${LAUNCHER} warehouse`);
});

test("the benchmarks' command line is the same as npm run warehouse's", () => {
  assert.deepEqual(warehouseNodeArgs(["--force"]), [...WAREHOUSE_NODE_FLAGS, LAUNCHER, "warehouse", "--force"]);
});
