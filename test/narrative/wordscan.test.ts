/** One-pass search for the words of a list. */
import { test } from "node:test";
import assert from "node:assert/strict";
import { WordIndex } from "../../data-loaders/narrative/wordscan.ts";

test("every occurrence of every word, overlapping ones included, by word id", () => {
  const idx = new WordIndex(["及时", "不及时", "更新", "", "app"]);
  const hits = idx.find("网站更新不及时，更新及时app");
  assert.deepEqual([...hits].sort((a, b) => a[0] - b[0]), [[0, [5, 10]], [1, [4]], [2, [2, 8]], [4, [12]]]);
  assert.equal(idx.find("没有命中").size, 0);
  assert.deepEqual([...new WordIndex(["aa"]).find("aaa")], [[0, [0, 1]]]);
});

test("finds the same as indexOf word by word", () => {
  const words = ["公开", "公开栏", "开栏", "栏", "信息", "政府信息", "息公"];
  const text = "政府信息公开栏信息公开公开栏政府信息息公";
  const hits = new WordIndex(words).find(text);
  words.forEach((w, id) => {
    const want: number[] = [];
    for (let i = text.indexOf(w); i >= 0; i = text.indexOf(w, i + 1)) want.push(i);
    assert.deepEqual(hits.get(id) ?? [], want, w);
  });
});
