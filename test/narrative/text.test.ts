/** Sentences, counts and the end of the narrative. */
import { test } from "node:test";
import assert from "node:assert/strict";
import { allMentions, chineseOrdinal, foldWidth, narrativeEnd, sentences } from "../../data-loaders/narrative/text.ts";

test("width folding keeps offsets", () => {
  const s = "主动公开１２３条，ＡＰＰ";
  assert.equal(foldWidth(s), "主动公开123条，APP");
  assert.equal(foldWidth(s).length, s.length);
});

test("sentences end at 。！？ and line breaks, with offsets", () => {
  const t = "第一句。 第二句！\n第三句";
  assert.deepEqual(sentences(t).map((s) => [s.text, t.slice(s.start, s.end)]), [["第一句。", "第一句。"], ["第二句！", "第二句！"], ["第三句", "第三句"]]);
});

test("counts: unit, 余, 万, thousands; not years, dates, document numbers, percentages, phones", () => {
  const m = allMentions("截至2022年12月31日，主动公开政府信息1,234条，阅读量2万余人次，依据国办函〔2020〕109号，占比90.62%，电话0591-23163387，H5页面3个，主动公开信息数169，其他。");
  assert.deepEqual(m.map((x) => [x.value, x.unit, x.approximate, x.label]), [
    [1234, "条", false, "主动公开政府信息"], [20000, "人次", true, "阅读量"], [3, "个", false, "H5页面"], [169, "", false, "主动公开信息数"],
  ]);
  assert.deepEqual(allMentions("共发布244篇公众号信息。").map((x) => [x.value, x.label, x.after]), [[244, "共发布", "公众号信息"]]);
});

test("the narrative ends before the signature, the date and the page furniture", () => {
  const t = "本年度没有产生信息公开处理费。 平潭综合实验区金井片区管理局2021年1月26日 附件下载";
  assert.equal(t.slice(0, narrativeEnd(t)), "本年度没有产生信息公开处理费。");
  const u = "本机关未收取信息处理费。\n重庆市大足区国梁镇人民政府\n2025年1月16日\n（此件公开发布）";
  assert.equal(u.slice(0, narrativeEnd(u)), "本机关未收取信息处理费。");
  const v = "在报告中所列数据统计时间为2024年1月1日至2024年12月31日。市中区政府网站网址http://www.lsszq.gov.cn/";
  assert.equal(narrativeEnd(v), v.length);
  const w = "三是抓好新媒体的应用普及。六、政府信息公开情况统计表指标名称计量单位";
  assert.equal(w.slice(0, narrativeEnd(w)), "三是抓好新媒体的应用普及。");
});

test("Chinese ordinals", () => {
  assert.deepEqual(["一", "九", "十", "十二", "二十", "二十三", "甲"].map(chineseOrdinal), [1, 9, 10, 12, 20, 23, null]);
});
