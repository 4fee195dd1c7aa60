/** The theme lexicon (data-loaders/format/themes.json) and how items get themes. */
import { test } from "node:test";
import assert from "node:assert/strict";
import lexicon from "../../data-loaders/format/themes.json" with { type: "json" };
import { readProblems } from "../../data-loaders/narrative/problems.ts";
import { THEMES, themesOf, type ThemeSpec } from "../../data-loaders/narrative/themes.ts";
import { ALL, report } from "./helpers.ts";

test("the lexicon is bilingual data with unique keys and says how it was built", () => {
  assert.ok(typeof lexicon.$comment === "string" && lexicon.$comment.includes("reports-real"));
  const keys = THEMES.map((t) => t.key);
  assert.equal(new Set(keys).size, keys.length);
  for (const t of THEMES) {
    assert.match(t.key, /^[a-z_]+$/);
    assert.ok(/[\u4e00-\u9fa5]/.test(t.zh) && /^[A-Z][A-Za-z ,&-]+$/.test(t.en), t.key);
    assert.ok(t.words.length > 0 && t.words.every((w) => w.trim() === w && w.length > 0), t.key);
    assert.equal(new Set(t.words).size, t.words.length, `${t.key} repeats a word`);
  }
  for (const k of ["timeliness", "content", "interpretation", "platform", "new_media", "staff", "review", "requests", "grassroots", "participation"]) assert.ok(keys.includes(k), k);
});

test("themes come with the words that matched, in lexicon order", () => {
  assert.deepEqual(themesOf("网站更新不及时，个别栏目更新相对滞后"), [
    { theme: "timeliness", words: ["不及时", "及时", "滞后", "更新"] },
    { theme: "platform", words: ["网站", "栏目"] },
  ]);
  assert.deepEqual(themesOf("政策解读形式比较单一"), [{ theme: "interpretation", words: ["解读"] }, { theme: "channels", words: ["形式"] }]);
  assert.deepEqual(themesOf("依申请公开答复有待进一步规范"), [{ theme: "requests", words: ["依申请", "申请", "答复"] }]);
  assert.deepEqual(themesOf("推广政务微信、手机APP二维码的应用").map((t) => t.theme), ["new_media"]);
  assert.deepEqual(themesOf("推广政务微信、手机app").find((t) => t.theme === "new_media")!.words, ["微信", "APP"]); // Latin letters ignore case
});

test("an occurrence inside an exclude phrase does not count", () => {
  const own: ThemeSpec[] = [{ key: "x", zh: "甲", en: "X", words: ["意见"], exclude: ["指导意见"] }];
  assert.deepEqual(themesOf("根据指导意见", own), []);
  assert.deepEqual(themesOf("根据指导意见，收集群众意见", own), [{ theme: "x", words: ["意见"] }]);
  assert.deepEqual(themesOf("办事咨询答复等服务").map((t) => t.theme), []); // 答复 of a service desk is not request handling
  assert.deepEqual(themesOf("认真学习《关于全面推进政务公开工作的意见》").map((t) => t.theme), ["staff"]);
});

test("real items: every problem of report 04 and 18 gets the themes a reader gives it", async () => {
  const items = async (id: string) => readProblems((await report(id)).sections).value.filter((i) => i.kind === "problem").map((i) => themesOf(i.text).map((t) => t.theme));
  assert.deepEqual(await items("04"), [
    ["staff", "review"],                          // 对主动公开文件公开属性把控不够严格，部分人员在发文时未谨慎勾选公开属性
    ["timeliness", "platform"],                   // 网站更新不及时，个别栏目更新相对滞后
    ["platform", "participation", "channels"],    // 栏目建设不够优化，公开形式便民性待进一步提高
    ["review"],                                   // 保密性审查不够严格，存在公民身份信息泄露问题
  ]);
  assert.deepEqual(await items("18"), [
    ["content"],                                  // 政府信息主动公开力度仍需进一步加强
    ["platform"],                                 // 创新技术手段应用不足，网站政策检索、智能问答服务水平有待加强
    ["staff"],                                    // 政务公开队伍建设有待提升
  ]);
});

test("share of items without a theme in the fixtures stays small (measured: 2 of 129)", async () => {
  let n = 0, none = 0;
  for (const id of ALL) for (const i of readProblems((await report(id)).sections).value) { n++; if (!themesOf(i.text).length) none++; }
  assert.ok(n >= 120, `items ${n}`);
  assert.ok(none / n <= 0.05, `${none}/${n} without a theme`);
});
