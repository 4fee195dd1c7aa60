/** Section 六: the information-processing fee and the other numbers, on every real report and on
 * sentences written for the test. */
import { test } from "node:test";
import assert from "node:assert/strict";
import { readOtherMatters } from "../../data-loaders/narrative/fees.ts";
import { report } from "./helpers.ts";

// status, and the sentence the status was read from (start of it)
const REAL: Record<string, [string, string | null]> = {
  "01": ["unstated", null], // 无 (2019 format: the fee was not asked for)
  "02": ["unstated", null],
  "03": ["unstated", null], // 暂无。
  "04": ["unstated", null],
  "05": ["unstated", null], // 无其他需要报告的事项。
  "06": ["unstated", null],
  "07": ["none", "按照《国务院办公厅关于印发〈政府信息公开信息处理费管理办法〉的通知》（国办函〔2020〕109号）规定的按件、按量收费标准，本年度没有产生信息公开处理费。"],
  "08": ["none", "按照《国务院办公厅关于印发<政府信息公开信息处理费管理办法>的通知》国办函〔2020〕109号）规定的按件、按量收费标准，本年度没有产生信息公开处理费。"],
  "09": ["none", "2021年，无收取信息处理费情况。"],
  "10": ["none", "2022年度我局未产生信息公开处理费。"],
  "11": ["unstated", null], // only the rule: 申请人申请公开政府信息的数量、频次明显超过合理范围的，本机关将…收取信息处理费
  "12": ["none", "按照《国务院办公厅关于印发<政府信息公开信息处理费管理办法>的通知》国办函〔2020〕109号）规定的按件、按量收费标准，本年度没有产生信息公开处理费。"],
  "13": ["none", "按照《国务院办公厅关于印发〈政府信息公开信息处理费管理办法〉的通知》（国办函〔2020〕109号）规定的按件、按量收费标准，本年度没有产生信息公开处理费。"],
  "14": ["none", "信息处理费收取情况通知收取件数通知收取金额（元）实际收取金额（元）信息处理费收取情况000"],
  "15": ["none", "按照《国务院办公厅关于印发<政府信息公开信息处理费管理办法>的通知》（国办函〔2020〕109号）规定的按件、按量收费标准，本年度没有产生信息公开处理费。"],
  "16": ["none", "2024年，无收取信息处理费情况。"],
  "17": ["none", "2024年度我局无收取信息公开处理费。"],
  "18": ["none", "2025年度本机关未收取信息处理费。"],
  "19": ["unstated", null],
  "20": ["unstated", null], // 2011: 无收费及减免情况 is about the old request fees, not 信息处理费
  "000": ["none", "本机关未收取信息处理费。"],
  "001": ["none", "本年度,我镇政府信息公开信息处理费为0,暂无其他需报告的事项。"],
  "002": ["none", "本机关未收取信息处理费。"],
  "003": ["none", "我办圆满完成了2024年政府信息公开的各项任务,并严格执行《政府信息公开信息处理费管理办法》标准,全年未收取政府信息公开信息处理费。"],
  "004": ["none", "本单位2024年度政府信息公开未收取信息处理费。"],
};

for (const [id, [status, sentence]] of Object.entries(REAL)) {
  test(`fee of report ${id}: ${status}`, async () => {
    const r = await report(id);
    const { value } = readOtherMatters(r.sections, r.format);
    assert.equal(value.fee.status, status);
    assert.equal(value.fee.sentence, sentence);
    assert.equal(value.fee.amount, status === "none" ? 0 : null);
    if (status === "none" && id !== "14") assert.equal(value.fee.section, "other_matters");
    if (id !== "14") assert.deepEqual(value.numbers, []); // nothing else is counted in these sections 六 (dates, 〔2020〕109号, phone numbers are not)
  });
}

test("report 14: the fee table at the end of section 四 gives none and its three cells", async () => {
  const r = await report("14");
  const { value, findings } = readOtherMatters(r.sections, r.format);
  assert.deepEqual([value.fee.status, value.fee.amount, value.fee.unit, value.fee.section], ["none", 0, "元", "review_litigation"]);
  assert.deepEqual(value.numbers.map((n) => [n.label, n.value, n.unit]), [["通知收取件数", 0, "件"], ["通知收取金额", 0, "元"], ["实际收取金额", 0, "元"]]);
  assert.equal(r.sections.review_litigation!.slice(value.fee.offset!, value.fee.offset! + 3), "000");
  assert.deepEqual(findings, []);
});

test("report 11 states only the rule: unstated, with an info finding in the 2021 format", async () => {
  const r = await report("11");
  const { findings } = readOtherMatters(r.sections, r.format);
  assert.deepEqual(findings.map((f) => [f.code, f.severity]), [["fee_unstated", "info"]]);
  assert.deepEqual(readOtherMatters((await report("01")).sections, "2019").findings, []); // not asked for in 2019
});

const fee = (text: string) => readOtherMatters({ other_matters: text }).value;

test("amounts in 元 and 万元, with the sentence", () => {
  assert.deepEqual(fee("2023年，本机关共收取信息处理费300元。").fee, { status: "amount", amount: 300, unit: "元", sentence: "2023年，本机关共收取信息处理费300元。", section: "other_matters", offset: 17 });
  const f = fee("本年度收取政府信息公开信息处理费共计0.12万元，涉及申请2件。").fee;
  assert.deepEqual([f.status, f.amount, f.unit], ["amount", 0.12, "万元"]);
  assert.deepEqual([fee("信息处理费为0元。").fee.status, fee("信息处理费为0元。").fee.amount], ["none", 0]);
  assert.equal(fee("本年度信息处理费：无。").fee.status, "none");
});

test("a fee table with spaced cells, and one that cannot be read", () => {
  const v = readOtherMatters({ review_litigation: "五、信息处理费收取情况 通知收取件数 通知收取金额（元） 实际收取金额（元） 信息处理费收取情况 2 150 100" }).value;
  assert.deepEqual([v.fee.status, v.fee.amount], ["amount", 100]);
  assert.deepEqual(v.numbers.map((n) => n.value), [2, 150, 100]);
  const bad = readOtherMatters({ review_litigation: "五、信息处理费收取情况通知收取件数通知收取金额（元）实际收取金额（元）信息处理费收取情况2150100" });
  assert.equal(bad.value.fee.status, "unstated");
  assert.deepEqual(bad.findings.map((f) => f.code), ["fee_table_unsure"]);
});

test("other numbers of section 六: counts with their label; dates, document numbers and phones are not numbers", () => {
  const v = fee("本年度未收取信息处理费。办理人大代表建议12件、政协提案8件，均已按时办结并公开答复。联系电话：0591-23163387。依据国办函〔2020〕109号。 平潭综合实验区某局 2025年1月6日");
  assert.equal(v.fee.status, "none");
  assert.deepEqual(v.numbers.map((n) => [n.label, n.value, n.unit]), [["办理人大代表建议", 12, "件"], ["政协提案", 8, "件"]]);
  assert.equal(v.numbers[0].sentence, "办理人大代表建议12件、政协提案8件，均已按时办结并公开答复。");
});
