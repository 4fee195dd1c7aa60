/** Narrative against table on the real reports, and the traps. */
import { test } from "node:test";
import assert from "node:assert/strict";
import { claimsIn, crossCheck } from "../../data-loaders/narrative/crosscheck.ts";
import { ALL, report } from "./helpers.ts";

const claims = (text: string) => claimsIn(text, "overview").map((c) => [c.check, c.value]);

test("18: the text says 34 requests, the table 32 — a finding", async () => {
  const r = await report("18");
  const { value, findings } = crossCheck(r);
  const f = findings.filter((x) => x.code === "narrative_disagrees");
  assert.equal(f.length, 1);
  assert.deepEqual({ ...f[0], message: undefined }, {
    code: "narrative_disagrees", severity: "warning", message: undefined, table: "table_3", row: "new_received", column: "total",
    expected: 32, actual: 34, excerpt: "2025年，实验区管委会（办公室）共受理公开申请34件，均在法定期限内予以办理。",
  });
  // the other figures of 18 agree: 2 reviews, 9 issued, 7 repealed, 253 in force
  assert.deepEqual(value.filter((c) => c.agrees).map((c) => [c.check, c.narrative]), [["reviews", 2], ["normative_issued", 9], ["normative_repealed", 7], ["normative_in_force", 253]]);
});

test("10 and 17: 依申请公开信息数 is not a count of requests and is never compared", async () => {
  for (const id of ["10", "17"]) {
    const { value, findings } = crossCheck(await report(id));
    assert.ok(!value.some((c) => c.sentence.includes("依申请公开信息数") && c.check === "requests_received" && c.narrative !== 0), id);
    assert.deepEqual(findings, [], id);
  }
  assert.deepEqual(claims("全年印发公文类政府信息共510条，其中主动公开信息数169，依申请公开信息数317条，不予公开24条；全年通过政府门户网站回应依申请公开信息3条，解读政策性文件8条。"), []);
  assert.deepEqual(claims("2024年，我局通过“平潭综合实验区党工委管委会”门户网站主动公开政府信息1条，依申请公开信息数1条。"), []);
  // 17 states none received in another sentence: that one is compared (0 = 0)
  const v17 = crossCheck(await report("17")).value;
  assert.deepEqual(v17.map((c) => [c.check, c.narrative, c.agrees]), [["requests_received", 0, true], ["reviews", 0, true], ["lawsuits", 0, true]]);
});

test("15: the narrative's review (复议1起) against a table whose review total is 0", async () => {
  const { findings, value } = crossCheck(await report("15"));
  assert.deepEqual(findings.map((f) => [f.table, f.column, f.expected, f.actual]), [["table_4", "review_total", 0, 1]]);
  assert.deepEqual(value.filter((c) => c.agrees).map((c) => [c.check, c.narrative]), [["requests_received", 28], ["normative_repealed", 6], ["normative_issued", 15]]);
});

test("11: 不予公开2件 while the table files one of them under 无法提供", async () => {
  const { findings, value } = crossCheck(await report("11"));
  assert.deepEqual(findings.map((f) => [f.row, f.expected, f.actual]), [["denied_header", 1, 2]]);
  assert.deepEqual(value.map((c) => [c.check, c.narrative, c.table_value]), [["requests_received", 3, 3], ["granted", 1, 1], ["denied", 2, 1]]);
});

test("16: outcomes in the sentence after the request count", async () => {
  const { value, findings } = crossCheck(await report("16"));
  assert.deepEqual(findings, []);
  assert.deepEqual(value.map((c) => [c.check, c.narrative, c.agrees]), [
    ["requests_received", 8, true], ["granted", 3, true], ["unable", 4, true], ["partially_granted", 1, true], ["reviews", 0, true], ["lawsuits", 0, true],
  ]);
});

test("requests received in the real wordings agree with table 3", async () => {
  const want: Record<string, number> = { "02": 1, "06": 0, "08": 4, "11": 3, "12": 14, "13": 1, "14": 0, "15": 28, "16": 8, "17": 0, "18": 34, "000": 0, "001": 0, "002": 2, "003": 0, "004": 0 };
  for (const id of ALL) {
    const got = crossCheck(await report(id)).value.filter((c) => c.check === "requests_received").map((c) => c.narrative);
    assert.deepEqual(got, id in want ? [want[id]] : [], id);
  }
});

test("only 11, 15 and 18 disagree among the real reports", async () => {
  const bad: string[] = [];
  for (const id of ALL) if (crossCheck(await report(id)).findings.length) bad.push(id);
  assert.deepEqual(bad, ["11", "15", "18"]);
});

test("traps: hotline cases, letters, service items, refusals outside a request sentence (real sentences)", () => {
  assert.deepEqual(claims("2020年，我局通过关联12345平台受理群众政策解答、维权服务等方面的诉求累计受理1059件，办理率100%。"), []);
  assert.deepEqual(claims("全年通过政府网站接收群众来信2件,均在当日回复公开信箱信件。"), []);
  assert.deepEqual(claims("全年政务服务中心接受咨询501284人次,受理办理各类政务服务事项608337件次。"), []);
  assert.deepEqual(claims("全年共制发政府信息437条，其中，主动公开政府信息55条、依申请公开341条、不予公开41条。"), []);
  assert.deepEqual(claims("从申请方式看，信函申请28件，占100%。"), []);
  assert.deepEqual(claims("全年没有应公开而不予公开的情况。"), []);
});

test("statements of none, and the wordings of counts (own and real)", () => {
  assert.deepEqual(claims("2023年我镇接到2次依申请公开政府信息，已按相关规定完成回复。"), [["requests_received", 2]]);
  assert.deepEqual(claims("2024年度我镇没有受理“申请公开政府信息”数。"), [["requests_received", 0]]);
  assert.deepEqual(claims("全年未因政府信息公开被行政复议和行政诉讼。"), [["reviews", 0], ["lawsuits", 0]]);
  assert.deepEqual(claims("本年度发生行政诉讼1起，行政复议2起。"), [["lawsuits", 1], ["reviews", 2]]);
  assert.deepEqual(claims("本年度现行有效规范性文件共30件。"), [["normative_in_force", 30]]);
});

test("pre-2019 reports are not compared", async () => {
  assert.deepEqual(crossCheck(await report("19")).value, []);
  assert.deepEqual(crossCheck(await report("20")).value, []);
});
