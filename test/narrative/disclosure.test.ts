/**
 * Proactive disclosure volume: every total and every part of the real reports, read against the
 * sentences of test/fixtures, and the traps (counts of something else) with real sentences and
 * sentences written for the test.
 */
import { test } from "node:test";
import assert from "node:assert/strict";
import { readDisclosure, scanDisclosure } from "../../data-loaders/narrative/disclosure.ts";
import { report } from "./helpers.ts";

interface Want {
  total: number | null;
  unit?: string;
  section?: "overview" | "proactive_disclosure";
  channel?: string | null;
  approximate?: boolean;
  label?: string;
  parts?: number[][];        // values of each breakdown, in order
  channels?: number[];       // new-media counts
  findings?: string[];
}

// Each line: the sentence of the report the numbers are read from (abridged with …) and what it gives.
const REAL: Record<string, Want> = {
  // 全年共制发政府信息437条，其中，主动公开政府信息55条（涵盖政策及规范性文件类6条、规划计划类3条、行政许可类2条、重大建设项目类6条、为民办实事类5条、民政扶贫救灾社会保障就业类3条、其他应主动公开的政府信息30条）、依申请公开341条、不予公开41条
  "01": { total: 55, unit: "条", section: "overview", channel: null, label: "主动公开政府信息", parts: [[6, 3, 2, 6, 5, 3, 30]] },
  // 今年我局主动公开政府信息595条，其中规范性文件类信息6条，行政许可类信息126条，财政预算类信息7条，重大建设项目类信息411条，其他应主动公开的政府信息45条。… 微信公众号发布信息23条，订阅8509个
  "02": { total: 595, section: "overview", parts: [[6, 126, 7, 411, 45]], channels: [23] },
  // (section 二) 2020年，我局主动公开政府信息141条，公开类别主要涉及政策规范性文件信息2条、行政许可类信息3条、重大建设项目信息9条、为民办实事类信息9条、民政扶贫救灾社会保障就业类信息5条、国土资源城乡建设环保能源类信息26条、安全生产、应急管理类信息38条、其他类信息49条。
  "03": { total: 141, section: "proactive_disclosure", parts: [[2, 3, 9, 9, 5, 26, 38, 49]] },
  // 经统计，2019年全年我局主动公开信息数为140条，其中包括规范性文件信息数3条，机构职能类信息数4条，…42条，…34条，安全生产、应急管理类信息数1条，其他因主动公开的政府信息数56条。依申请公开信息数1条
  "04": { total: 140, label: "主动公开信息数为", parts: [[3, 4, 42, 34, 1, 56]] },
  // 一是通过“中国平潭”政府门户网站的“政府信息公开”专栏主动公开，共公开政府信息34条，信息类别包括…1条，…3条，…3条，…4条，…9条，其他应主动公开的政府信息14条。
  "05": { total: 34, channel: "website", parts: [[1, 3, 3, 4, 9, 14]] },
  // 全年主动公开政府信息15条，其中，行政法规、规章和规范性文件类信息1条；…3条；…5条；其他应主动公开的政府信息6条。
  "06": { total: 15, parts: [[1, 3, 5, 6]] },
  // …门户网站公开，全年公开公文类政府信息共152条，其中…5条、…1条，…4条，…16条，…10条，…46条，…2条，其他应主动公开的政府信息68条。… 2020年共发布244篇公众号信息
  "07": { total: 152, channel: "website", label: "公开公文类政府信息共", parts: [[5, 1, 4, 16, 10, 46, 2, 68]], channels: [244] },
  // 2022年我局共在“平潭综合实验区党工委管委会”门户网站公开政府信息117条，其中…6条；…1条；…1条；…3条；…1条；其他应主动公开的政府信息36条；在“基层政务公开标准化规范化建设”专题专栏公开信息69条。… 文章1195篇
  "08": { total: 117, channel: "website", parts: [[6, 1, 1, 3, 1, 36, 69]], channels: [1195] },
  // (一) 其中，主动公开政府信息125条、依申请公开176条、不予公开77条 — the parts from 二: 2021年，主动公开政府信息125条，涵盖政策及规范性文件类5条、规划计划类1条、…1条、科教文体卫生类24条、其他应主动公开的政府信息94条。
  "09": { total: 125, section: "overview", parts: [[5, 1, 1, 24, 94]] },
  // 其中主动公开信息数169，依申请公开信息数317条，不予公开24条；全年通过政府门户网站主动公开政策，规范性文件类信息5条，…77条，科教卫健类信息83条，…3条，其他应主动公开的政府信息2条 (170 > 169)
  "10": { total: 169, unit: "", label: "主动公开信息数", parts: [[5, 77, 83, 3, 2]], channels: [1210], findings: ["disclosure_parts_exceed_total"] },
  // 截至2022年12月31日，主动公开政府信息471条，其中公示公告栏109条，信息公开文章栏45条，价格详情栏188条，食品安全栏85条，药品安全栏50条，食品抽检情况栏15条，部门预算决算栏6条。(498 > 471)
  "11": { total: 471, parts: [[109, 45, 188, 85, 50, 15, 6]], channels: [1568], findings: ["disclosure_parts_exceed_total"] },
  // 2023年，我局主动公开政府信息74条，公开类别主要涉及机构职能类信息2条、…6条、…9条、…6条、…12条、安全生产和应急管理类信息17条和其他类信息22条。… 2023年度共发送784条信息
  "12": { total: 74, parts: [[2, 6, 9, 6, 12, 17, 22]], channels: [784] },
  // 2023年累计主动公开政府信息66条，其中…7条，…2条，…2条，…3条，…17条，其他应主动公开的政府信息35条。
  "13": { total: 66, parts: [[7, 2, 2, 3, 17, 35]] },
  // 2023年我局共在“平潭综合实验区党工委管委会”门户网站公开政府信息79条，其中…7条；…1条；…1条；…6条；…1条；其他应主动公开的政府信息62条。
  "14": { total: 79, channel: "website", parts: [[7, 1, 1, 6, 1, 62]], channels: [73] },
  // 2024年，主动公开政府信息310条，重大建设项目类信息279条，规范性文件类信息15条，行政许可类信息3条。其他应主动公开的政府信息13条。
  "15": { total: 310, parts: [[279, 15, 3, 13]], channels: [57, 350] },
  // 全年累计主动公开涵盖公安机关办事程序、便民政策、人事任免、计划总结、重点领域动态等政府信息135条
  "16": { total: 135, channel: "website", label: "主动公开涵盖公安机关办事程序、便民政策、人事任免、计划总结、重点领域动态等政府信息", parts: [] },
  // 2024年，我局通过“平潭综合实验区党工委管委会”门户网站主动公开政府信息1条，依申请公开信息数1条。微信公众号累计推送21条原创信息。
  "17": { total: 1, channel: "website", parts: [], channels: [21] },
  // 2025年，实验区政府门户网站累计主动公开政府信息7700余条，重点领域信息2000余条，政策文件解读81条，
  "18": { total: 7700, approximate: true, channel: "website", parts: [[2000, 81]] },
  // (section 二) 2017年全区主动公开政府信息2122条。其中，区管委会及区直各部门主动公开政府信息1509条，占71.11%。各乡镇主动公开政府信息613条，占28.89%…
  // 我办主动公开政府信息的主要类别有：机构职能类信息205条，…，其他信息1161条。
  "19": { total: 2122, section: "proactive_disclosure", parts: [[1509, 613], [205, 95, 19, 32, 2, 7, 15, 131, 21, 12, 276, 20, 6, 99, 21, 1161]] },
  // the parser finds no section 一 or 二 in this 2011 report
  "20": { total: null, findings: ["disclosure_no_narrative"] },
  // 2024年，国梁镇主动公开各类信息121条，其中政府机构和领导信息21条，涉农补贴领域25条，财政预决算10条。
  "000": { total: 121, label: "主动公开各类信息", parts: [[21, 25, 10]] },
  // 2024年以来，官塘驿镇累计发布政府信息56条，其中，政策落实类信息4条、工作动态类信息32条；其他类信息(含人事、采购、通知等内容)20条
  "001": { total: 56, label: "发布政府信息", parts: [[4, 32, 20]] },
  // 2023年，我镇网站主动公开政府信息总数为254条，其中：机构和领导信息13条，…1条，…1条，…2条，工作动态120条，焦点图片17条，解读、基层政务公开和其他信息等100条。
  "002": { total: 254, channel: "website", label: "主动公开政府信息总数为", parts: [[13, 1, 1, 2, 120, 17, 100]] },
  // 全年通过政府网站公开其他政务信息10条 (a rest, not the total); the other numbers count consultations, service items, hotline cases, letters
  "003": { total: null, findings: ["disclosure_total_unsure"] },
  // 我镇依托区政府门户网站，全年累计主动公开政府信息33条,其中财务信息6条，其余均为工作动态。
  "004": { total: 33, channel: "website", parts: [[6]] },
};

for (const [id, want] of Object.entries(REAL)) {
  test(`disclosure of report ${id}`, async () => {
    const r = await report(id);
    const { value, findings } = readDisclosure(r.sections);
    assert.equal(value.total?.value ?? null, want.total);
    if (value.total) {
      const t = value.total;
      const text = r.sections[t.section]!;
      assert.ok(text.slice(t.offset).startsWith(String(t.value).replace(/(\d)(?=(\d{3})+$)/g, "$1")), `offset ${t.offset} points at ${text.slice(t.offset, t.offset + 8)}`);
      assert.ok(text.includes(t.sentence), "the sentence is in the section");
      if (want.unit !== undefined) assert.equal(t.unit, want.unit);
      if (want.section) assert.equal(t.section, want.section);
      if (want.channel !== undefined) assert.equal(t.channel, want.channel);
      assert.equal(t.approximate, want.approximate ?? false);
      if (want.label) assert.equal(t.label, want.label);
    }
    if (want.parts) {
      const groups = [...new Set(value.parts.map((p) => p.group))];
      assert.deepEqual(groups.map((g) => value.parts.filter((p) => p.group === g).map((p) => p.value)), want.parts);
      for (const p of value.parts) {
        const text = r.sections[p.section]!;
        assert.ok(text.slice(p.offset).startsWith(String(p.value)), `part offset ${p.offset}`);
        assert.ok(text.includes(p.sentence));
      }
    }
    assert.deepEqual(value.channels.map((c) => c.value), want.channels ?? []);
    assert.deepEqual(findings.filter((f) => f.severity !== "info" || want.findings?.includes(f.code)).map((f) => f.code), want.findings ?? []);
  });
}

test("part labels keep the kind of information and drop the list words", async () => {
  const parts = readDisclosure((await report("03")).sections).value.parts;
  assert.deepEqual(parts.map((p) => p.label), ["政策规范性文件信息", "行政许可类信息", "重大建设项目信息", "为民办实事类信息", "民政扶贫救灾社会保障就业类信息", "国土资源城乡建设环保能源类信息", "安全生产、应急管理类信息", "其他类信息"]);
  const p01 = readDisclosure((await report("01")).sections).value.parts;
  assert.equal(p01[0].label, "政策及规范性文件类"); // "（涵盖" removed
  const p001 = readDisclosure((await report("001")).sections).value.parts;
  assert.equal(p001[2].label, "其他类信息(含人事、采购、通知等内容)");
  const p000 = readDisclosure((await report("000")).sections).value.parts;
  assert.deepEqual(p000.map((p) => p.label), ["政府机构和领导信息", "涉农补贴领域", "财政预决算"]);
});

test("the parts-exceed finding carries the total and the sum", async () => {
  const f = readDisclosure((await report("11")).sections).findings.find((x) => x.code === "disclosure_parts_exceed_total")!;
  assert.equal(f.expected, 471);
  assert.equal(f.actual, 498);
  assert.equal(f.severity, "warning");
});

test("the unsure finding quotes the sentence (report 003)", async () => {
  const f = readDisclosure((await report("003")).sections).findings.find((x) => x.code === "disclosure_total_unsure")!;
  assert.ok(f.excerpt!.includes("全年通过政府网站公开其他政务信息10条"));
});

// ---- traps: numbers that count something else ----

function scan(text: string) {
  return scanDisclosure(text, "overview");
}
const reasons = (text: string) => scan(text).skipped.map((s) => [s.value, s.reason]);

test("trap: consultations and service items (real, 003)", () => {
  const s = scan("全年政务服务中心接受咨询501284人次,受理办理各类政务服务事项608337件次。");
  assert.equal(s.total, null);
  assert.deepEqual(reasons("全年政务服务中心接受咨询501284人次,受理办理各类政务服务事项608337件次。"), [[501284, "consultation"], [608337, "service_items"]]);
});

test("trap: letters (real, 003) and visitors (own)", () => {
  assert.deepEqual(reasons("全年通过政府网站接收群众来信2件,均在当日回复公开信箱信件。"), [[2, "letter"]]);
  assert.deepEqual(reasons("全年接待群众来访35人次。"), [[35, "letter"]]);
  assert.deepEqual(reasons("全年政府网站访问量达12万次。"), [[120000, "visits"]]);
});

test("trap: hotline cases (real, 03 and 12)", () => {
  assert.deepEqual(reasons("2020年，我局通过关联12345平台受理群众政策解答、维权服务等方面的诉求累计受理1059件，办理率100%，满意率达99.9%以上。"), [[1059, "hotline"]]);
  assert.deepEqual(reasons("全年通过12345政务服务便民热线受理群众诉求560件。"), [[560, "hotline"]]);
});

test("trap: requests, documents issued and refusals next to the total (real, 10 and 01)", () => {
  const s = scan("全年印发公文类政府信息共510条，其中主动公开信息数169，依申请公开信息数317条，不予公开24条；");
  assert.equal(s.total!.value, 169);
  assert.deepEqual(s.skipped.map((x) => [x.value, x.reason]), [[510, "documents_issued"], [317, "request"], [24, "withheld"]]);
  const s01 = scan("全年共制发政府信息437条，其中，主动公开政府信息55条（涵盖政策及规范性文件类6条、其他应主动公开的政府信息49条）、依申请公开341条、不予公开41条，主动公开及依申请公开政府信息占比高达90.62%。");
  assert.equal(s01.total!.value, 55);
  assert.deepEqual(s01.parts.map((p) => p.value), [6, 49]);
  assert.deepEqual(s01.skipped.map((x) => [x.value, x.reason]), [[437, "documents_issued"], [341, "request"], [41, "withheld"]]);
});

test("trap: 依申请公开信息数 after the total (real, 17) and requests counted in 条 (real, 08)", () => {
  const s = scan("2024年，我局通过“平潭综合实验区党工委管委会”门户网站主动公开政府信息1条，依申请公开信息数1条。微信公众号累计推送21条原创信息。");
  assert.equal(s.total!.value, 1);
  assert.deepEqual(s.parts, []);
  assert.deepEqual(s.skipped.map((x) => x.reason), ["request"]);
  assert.deepEqual(s.channels.map((c) => c.value), [21]);
  assert.deepEqual(reasons("2022年，我局共受理政务信息公开的申请4条，均按期予以办理答复。"), [[4, "request"]]);
});

test("trap: new-media reading, followers and posts (real, 15 and 12)", () => {
  const s = scan("2024年，“平潭综合实验区行政审批局”微信公众号共发布推文57期，发布信息350条，阅读量2万余人次，关注人数1314人次。");
  assert.equal(s.total, null);
  assert.deepEqual(s.channels.map((c) => [c.value, c.unit]), [[57, "期"], [350, "条"]]);
  assert.deepEqual(s.skipped.map((x) => [x.value, x.reason]), [[20000, "reading"], [1314, "followers"]]);
  const s12 = scan("二是我局持续推进政务新媒体工作，2022年7月正式开通“平潭交通建设局”官方微信公众号，2023年度共发送784条信息，关注用户达1255人；截至目前累计发送1063条信息，累计总关注用户达1331人。");
  assert.deepEqual(s12.channels.map((c) => c.value), [784]);
  assert.deepEqual(s12.skipped.map((x) => [x.value, x.reason]), [[1255, "followers"], [1063, "cumulative"], [1331, "cumulative"]]);
});

test("trap: trainings, meetings and events (real, 16) and staff (real, 01)", () => {
  assert.deepEqual(reasons("持续推动加强全局政府信息公开工作规范，召开专题会议1场、培训会2场，组织学习上级精神。"), [[1, "training"], [2, "training"]]);
  assert.deepEqual(reasons("围绕海防、反诈、禁毒、交通安全等职责业务，召开媒体通气、新闻发布会等17场，开展局领导在线访谈1场，转载、发布政策解读2篇。"), [[17, "event"], [1, "event"], [2, "interpretation"]]);
  assert.deepEqual(reasons("领导小组下设办公室，挂靠局办公室开展政府信息公开日常业务工作，安排1名业务人员，明确专人专责。"), [[1, "staff"]]);
  assert.deepEqual(reasons("全年组织政务公开业务培训3次，参训人员120人。"), [[3, "training"], [120, "staff"]]);
});

test("trap: interpretations are not the total (own) but may be a part (real, 18 and 002)", () => {
  const own = scan("2024年，我局发布政策解读30条。");
  assert.equal(own.total, null);
  assert.deepEqual(own.skipped.map((x) => x.reason), ["interpretation"]);
  const s18 = scan("2025年，实验区政府门户网站累计主动公开政府信息7700余条，重点领域信息2000余条，政策文件解读81条，围绕科技创新等重点领域。");
  assert.deepEqual(s18.parts.map((p) => p.label), ["重点领域信息", "政策文件解读"]);
});

test("trap: one kind of information is not the total (real, 19) and gives the unsure finding", () => {
  const s = scan("加大政府采购决策、执行、结果等主要运行环节的公开，今年累计主动公开采购信息25条、工程招投标信息188条。");
  assert.equal(s.total, null);
  assert.equal(s.near.length, 1);
  const r = readDisclosure({ overview: "加大政府采购决策、执行、结果等主要运行环节的公开，今年累计主动公开采购信息25条、工程招投标信息188条。" });
  assert.equal(r.value.total, null);
  assert.deepEqual(r.findings.map((f) => f.code), ["disclosure_total_unsure"]);
  assert.equal(scan("全年共发布信息166条。").total, null); // bare 信息 after 发布: one column of the site (19)
});

test("trap: inspections and money (real, 11 and 04)", () => {
  const s11 = scan("截至2022年12月31日，我局通过官方微信公众号发布365篇系列文章，累计共抽检25291批次农产品，其中不合格156批次。");
  assert.deepEqual(s11.channels.map((c) => c.value), [365]);
  assert.deepEqual(s11.skipped.map((x) => [x.value, x.reason]), [[25291, "inspection"], [156, "inspection"]]);
  assert.deepEqual(reasons("公示公开了城乡低保一体化标准每人每年7920元。"), [[7920, "money"]]);
});

test("a total with thousands separators and the count-first order (own)", () => {
  assert.equal(scan("2024年，全镇主动公开政府信息1,234条。").total!.value, 1234);
  assert.equal(scan("全年共主动公开1234条政府信息。").total!.value, 1234);
});

test("two different totals: no number and a finding (own)", () => {
  const r = readDisclosure({ overview: "2024年，我局主动公开政府信息120条。（四）平台建设。全年通过门户网站主动公开政府信息150条。" });
  assert.equal(r.value.total, null);
  assert.deepEqual(r.findings.map((f) => f.code), ["disclosure_total_unsure"]);
  // the same total said twice is fine
  assert.equal(readDisclosure({ overview: "全年主动公开政府信息120条。上网主动公开的政府信息120条均经审核。" }).value.total!.value, 120);
});

test("parts adding up to more than the total (own); a breakdown short of the total is fine", () => {
  const r = readDisclosure({ overview: "2024年主动公开政府信息100条，其中工作动态80条，通知公告30条。" });
  assert.deepEqual(r.findings.map((f) => [f.code, f.expected, f.actual]), [["disclosure_parts_exceed_total", 100, 110]]);
  assert.deepEqual(readDisclosure({ overview: "2024年主动公开政府信息100条，其中工作动态60条。" }).findings, []);
});

test("no narrative number at all: an info finding", () => {
  const r = readDisclosure({ overview: "我局认真贯彻落实条例，扎实推进政务公开工作。" });
  assert.deepEqual(r.findings.map((f) => [f.code, f.severity]), [["disclosure_total_missing", "info"]]);
});
