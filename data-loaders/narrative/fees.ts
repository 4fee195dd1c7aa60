/**
 * Section 六: the information-processing fee (信息处理费, reported there since the 2021 format) and
 * the other numbers the section states.
 *
 * - amount: a sentence naming the fee with a sum of money ("收取信息处理费300元", "信息处理费共计0.12万元").
 * - none: "本年度没有产生信息(公开)处理费", "本机关未收取信息处理费", "无收取信息处理费情况", "信息处理费为0",
 *   or a fee table whose 实际收取金额 is 0 (report 14 adds a section "五、信息处理费收取情况" with
 *   通知收取件数 / 通知收取金额 / 实际收取金额; the parser leaves it at the end of section 四's text).
 * - unstated: nothing about the fee, or only the rule ("申请人申请公开政府信息的数量、频次明显超过合理
 *   范围的，本机关将…收取信息处理费" says what would happen, not what did).
 * The section is read first, then any other section that names the fee.
 * Other numbers: counts and sums with a unit ("办理人大代表建议12件"), with their label and sentence;
 * dates, document numbers, phone numbers and the signature are not numbers of the report.
 */
import { finding, type Finding, type Result } from "../document.ts";
import type { SectionKey } from "../report.ts";
import { foldWidth, mentions, narrativeEnd, sentences, trimPunct } from "./text.ts";

export interface FeeStatement {
  status: "amount" | "none" | "unstated";
  amount: number | null;   // 0 for none
  unit: string | null;     // 元 | 万元 (null when the text names no unit)
  sentence: string | null;
  section: SectionKey | null;
  offset: number | null;   // of the amount (or of the fee table's values); of the sentence for none
}

export interface StatedNumber { label: string; value: number; unit: string; sentence: string; section: SectionKey; offset: number }

export interface OtherMatters { fee: FeeStatement; numbers: StatedNumber[] }

const FEE = /信息(?:公开)?处理费|处理费/;
const NONE = /(?:未|没有|无|不)(?:产生|收取|收到|发生|涉及)?(?:过)?[^。；;]{0,12}?(?:信息(?:公开)?处理费|处理费)|(?:信息(?:公开)?处理费|处理费)[^。；;\d]{0,6}?(?:为|是|共|计)?\s*(?:0|零)(?:\.0+)?\s*(?:元|万元)?(?![\d.])|(?:信息(?:公开)?处理费|处理费)[^。；;]{0,8}?(?:无|没有)/;
const RULE_ONLY = /将(?:依照|按照|依据|根据)|明显超过合理范围|可以收取|可收取|按照规定收取|标准收取/;
const MONEY = /(\d+(?:,\d{3})*(?:\.\d+)?)\s*(万元|元)/;
const FEE_TABLE = /信息处理费收取情况[\s\S]{0,40}?通知收取件数[\s\S]{0,10}?通知收取金额[\s\S]{0,20}?实际收取金额[\s\S]{0,20}?信息处理费收取情况\s*([\d\s.\u001F\u001E]+)/;

function unstated(): FeeStatement {
  return { status: "unstated", amount: null, unit: null, sentence: null, section: null, offset: null };
}

/** The fee as a small table: three values, either spaced or glued zeros ("000"). */
function feeTable(text: string, section: SectionKey): { fee: FeeStatement; numbers: StatedNumber[]; findings: Finding[] } | null {
  const folded = foldWidth(text);
  const m = FEE_TABLE.exec(folded);
  if (!m) return null;
  const excerpt = text.slice(m.index, m.index + m[0].length).trim();
  const raw = m[1].trim();
  let cells = raw.split(/[\s\u001F\u001E]+/).filter(Boolean);
  if (cells.length === 1 && /^0{3}$/.test(cells[0])) cells = ["0", "0", "0"];
  if (cells.length !== 3 || cells.some((c) => !/^\d+(?:\.\d+)?$/.test(c))) {
    return { fee: unstated(), numbers: [], findings: [finding("fee_table_unsure", "warning", "the information-processing fee table's three values cannot be told apart", { excerpt })] };
  }
  const [notified, notifiedAmount, collected] = cells.map(Number);
  const offset = m.index + m[0].length - m[1].length + m[1].indexOf(raw);
  const numbers: StatedNumber[] = [
    { label: "通知收取件数", value: notified, unit: "件", sentence: excerpt, section, offset },
    { label: "通知收取金额", value: notifiedAmount, unit: "元", sentence: excerpt, section, offset },
    { label: "实际收取金额", value: collected, unit: "元", sentence: excerpt, section, offset },
  ];
  const fee: FeeStatement = { status: collected === 0 ? "none" : "amount", amount: collected, unit: "元", sentence: excerpt, section, offset };
  return { fee, numbers, findings: [] };
}

/** The fee stated in one text, or null. */
function feeIn(text: string, section: SectionKey): FeeStatement | null {
  const folded = foldWidth(text);
  for (const s of sentences(folded, 0, narrativeEnd(text))) {
    if (!FEE.test(s.text) || RULE_ONLY.test(s.text)) continue;
    const sentence = text.slice(s.start, s.end).trim();
    if (NONE.test(s.text)) return { status: "none", amount: 0, unit: MONEY.exec(s.text)?.[2] ?? null, sentence, section, offset: s.start };
    const money = MONEY.exec(s.text);
    if (money) {
      const amount = Number(money[1].replace(/,/g, ""));
      return { status: amount === 0 ? "none" : "amount", amount, unit: money[2], sentence, section, offset: s.start + money.index };
    }
  }
  return null;
}

/** Counts and sums with a unit in section 六, the fee's own numbers excepted. */
function numbersIn(text: string, section: SectionKey, fee: FeeStatement): StatedNumber[] {
  const end = narrativeEnd(text);
  const out: StatedNumber[] = [];
  for (const s of sentences(text, 0, end)) {
    for (const m of mentions(text, s)) {
      if (!m.unit) continue;
      if (fee.offset !== null && fee.section === section && s.start <= fee.offset && fee.offset < s.end && /元$/.test(m.unit) && FEE.test(s.text)) continue;
      out.push({ label: trimPunct(m.label) || trimPunct(m.after), value: m.value, unit: m.unit, sentence: s.text.trim(), section, offset: m.start });
    }
  }
  return out;
}

/** Section 六 of one report. */
export function readOtherMatters(sections: Partial<Record<SectionKey, string>>, format: string | null = null): Result<OtherMatters> {
  const findings: Finding[] = [];
  let fee: FeeStatement | null = null;
  const numbers: StatedNumber[] = [];
  const order: SectionKey[] = ["other_matters", "review_litigation", "problems_improvements", "requests", "proactive_disclosure", "overview"];
  for (const key of order) {
    const text = sections[key];
    if (!text || !FEE.test(text)) continue;
    const table = feeTable(text, key);
    if (table) {
      findings.push(...table.findings);
      numbers.push(...table.numbers);
      if (table.fee.status !== "unstated") { fee = table.fee; break; }
    }
    fee = feeIn(text, key);
    if (fee) break;
  }
  fee ??= unstated();
  if (sections.other_matters) numbers.push(...numbersIn(sections.other_matters, "other_matters", fee));
  if (fee.status === "unstated" && format === "2021") {
    findings.push(finding("fee_unstated", "info", "the report does not say whether an information-processing fee was collected (the 2021 format asks for it in section 六)",
      { excerpt: sections.other_matters ? sections.other_matters.slice(0, narrativeEnd(sections.other_matters)).slice(0, 200) : null }));
  }
  return { value: { fee, numbers }, findings };
}
