import { test } from "node:test";
import assert from "node:assert/strict";
import { join } from "node:path";
import { put, query, report, runFake, tempWorkspace } from "./helpers.ts";

test("a file over the size limit is rejected unread and the run goes on", async () => {
  const ws = tempWorkspace();
  put(ws.raw, "small.txt", report("甲局", 2023));
  put(ws.raw, "huge.txt", "x".repeat(5000));
  await runFake(ws, { maxFileBytes: 4000 });
  const rows = await query(`SELECT path, status, reason, sha256 FROM '${join(ws.out, "files.parquet")}' ORDER BY path`);
  assert.deepEqual(rows.map((r) => [r.path, r.status]), [["huge.txt", "rejected"], ["small.txt", "parsed"]]);
  assert.match(String(rows[0].reason), /file too large: 5000 bytes, the limit is 4000/);
});
