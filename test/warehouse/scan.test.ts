import { test } from "node:test";
import assert from "node:assert/strict";
import { mkdirSync, readFileSync, symlinkSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { extensionOf, scanRaw } from "../../data-loaders/warehouse/scan.ts";
import { tempWorkspace } from "./helpers.ts";

test("scanning lists every file of nested folders, sorted by path, and skips dot-files and dot-folders", () => {
  const { raw } = tempWorkspace();
  for (const rel of ["b.txt", "a/z.html", "a/b/c/d/deep.docx", "a-b.txt", "a/.hidden", ".git/config", "a/.cache/x.txt"]) {
    mkdirSync(join(raw, rel, ".."), { recursive: true });
    writeFileSync(join(raw, rel), rel);
  }
  const files = scanRaw(raw);
  assert.deepEqual(files.map((f) => f.path), ["a-b.txt", "a/b/c/d/deep.docx", "a/z.html", "b.txt"]);
  assert.equal(files.find((f) => f.path === "a/z.html")!.size, "a/z.html".length);
  assert.ok(files.every((f) => f.mtimeMs > 0));
});

test("odd names (spaces, quotes, newline, percent, Chinese, non-UTF-8 bytes) are listed once and can be read", () => {
  const { raw } = tempWorkspace();
  const names = ["with space.txt", "it's \"quoted\".txt", "new\nline.txt", "100%#?.html", "平潭 综合实验区（2020）.txt", "-dash.txt"];
  for (const n of names) writeFileSync(join(raw, n), n);
  // a GBK-encoded name, as left by unzipping a Chinese archive: "报告.txt" in GBK
  const gbkPath = Buffer.from([...Buffer.from(raw + "/"), 0xb1, 0xa8, 0xb8, 0xe6, ...Buffer.from(".txt")]);
  writeFileSync(gbkPath, "gbk");
  const files = scanRaw(raw);
  assert.equal(files.length, names.length + 1);
  for (const n of names) {
    const f = files.find((x) => x.path === n);
    assert.ok(f, `listed: ${JSON.stringify(n)}`);
    assert.equal(readFileSync(f.abs, "utf8"), n);
  }
  const gbk = files.find((x) => x.path === "报告.txt");
  assert.ok(gbk, "the GBK name is shown decoded");
  assert.equal(readFileSync(gbk.abs, "utf8"), "gbk", "and the file opens through its raw bytes");
  const again = scanRaw(raw).map((f) => f.path);
  assert.deepEqual(again, files.map((f) => f.path), "same order every time");
});

test("symbolic links to files are followed and a link loop is listed once", () => {
  const { raw } = tempWorkspace();
  mkdirSync(join(raw, "d"));
  writeFileSync(join(raw, "d/a.txt"), "a");
  symlinkSync(join(raw, "d/a.txt"), join(raw, "link.txt"));
  symlinkSync(raw, join(raw, "d/loop"));
  symlinkSync(join(raw, "missing"), join(raw, "dangling.txt"));
  assert.deepEqual(scanRaw(raw).map((f) => f.path), ["d/a.txt", "link.txt"]);
});

test("a missing raw folder is an error naming it", () => {
  assert.throws(() => scanRaw("/nonexistent/raw-folder"), /raw-folder/);
});

test("extensions are compared in lower case", () => {
  assert.equal(extensionOf("a/B.HTML"), "html");
  assert.equal(extensionOf("a.b/noext"), "");
  assert.equal(extensionOf(".hidden"), "");
});
