/**
 * Text helpers shared by the narrative miners: width folding that keeps offsets, sentences with
 * offsets, and "count mentions" (a number with its unit and the words in front of it).
 *
 * Every offset is a JavaScript string index into the section text as the parser gave it (CJK
 * characters are one code unit each, so it is also the character position).
 */

/** Full-width digits, Latin letters, % and . folded to ASCII, one character for one character, so
 * that offsets into the folded text are offsets into the original (other full-width marks such as
 * "，" and "：" stay). The last text folded is remembered: the miners fold one section text many times. */
export function foldWidth(text: string): string {
  if (text !== lastFoldIn) {
    lastFoldIn = text;
    lastFoldOut = text.replace(FOLDABLE, (c) => String.fromCharCode(c.charCodeAt(0) - 0xfee0));
  }
  return lastFoldOut;
}
const FOLDABLE = /[\uFF05\uFF0E\uFF10-\uFF19\uFF21-\uFF3A\uFF41-\uFF5A]/g;
let lastFoldIn = "";
let lastFoldOut = "";

export interface Span { text: string; start: number; end: number }

/** 。！？!? or a line break. */
const isSentenceEnd = (c: number) => c === 0x3002 || c === 0xff01 || c === 0xff1f || c === 0x21 || c === 0x3f || c === 0x0a;
const NOT_BLANK = /[^\s。！？!?]/;

/** Sentences: runs ended by 。！？ or a line break; the end mark belongs to the sentence. Blank
 * runs are dropped; leading spaces are skipped (start points at the first non-space). */
export function sentences(text: string, from = 0, to = text.length): Span[] {
  const out: Span[] = [];
  let start = from;
  for (let i = from; i <= to; i++) {
    if (i === to || isSentenceEnd(text.charCodeAt(i))) {
      let s = start;
      while (s < i && /\s/.test(text[s])) s++;
      const end = i === to ? to : i + 1;
      const t = text.slice(s, end);
      if (NOT_BLANK.test(t)) out.push({ text: t, start: s, end });
      start = i + 1;
    }
  }
  return out;
}

/** The sentence of `spans` holding offset `at`. */
export function sentenceAt(spans: Span[], at: number): Span | undefined {
  return spans.find((s) => s.start <= at && at < s.end);
}

/** Clause boundaries inside a sentence. "、" is not one: it joins the words of a label
 * ("安全生产、应急管理类信息38条"). */
export const CLAUSE_MARK = /[，,；;：:]/;

/** A heading at the start of a sentence: "（一）", "(二)", "一、", "1." ... */
export const HEADING_START = /^\s*(?:[（(]\s*[一二三四五六七八九十]+\s*[）)]|[一二三四五六七八九十]+、)/;

/** Units a count can carry, longest first. */
const UNITS = ["人次", "件次", "批次", "轮次", "篇次", "万元", "亿元", "条", "件", "篇", "项", "个", "次", "人", "名", "位", "期", "场", "起", "份", "家", "元", "则", "户", "所"];
const UNIT_RE = UNITS.join("|");
/** A number with what may follow it, read at a digit (sticky). */
const COUNT = new RegExp(`(\\d+(?:,\\d{3})*(?:\\.\\d+)?)\\s*(万|千)?\\s*(余|多)?\\s*(${UNIT_RE})?`, "y");

/** A number followed by what a count is never followed by: dates, document numbers, percentages. */
const NOT_A_COUNT_AFTER = /^(?:年|月|日|号|时|点|%|％|‰|个百分点|个工作日|个月|周岁|小时|分钟|天|秒|倍|\.\d)/;

/** ，,；;：: (CLAUSE_MARK) by character code. */
const isClauseMark = (c: number) => c === 0xff0c || c === 0x2c || c === 0xff1b || c === 0x3b || c === 0xff1a || c === 0x3a;
/** What ends the words after a unit: a clause mark, 。！？!?, a line break, 、（(, or a digit. */
const endsAfter = (c: number) => isClauseMark(c) || isSentenceEnd(c) || c === 0x3001 || c === 0xff08 || c === 0x28 || (c >= 0x30 && c <= 0x39);

/** The number starting at the first ASCII digit of folded[from, to), or null. */
function nextNumber(folded: string, from: number, to: number): RegExpExecArray | null {
  for (let i = from; i < to; i++) {
    const c = folded.charCodeAt(i);
    if (c >= 0x30 && c <= 0x39) {
      COUNT.lastIndex = i;
      return COUNT.exec(folded);
    }
  }
  return null;
}

export interface Mention {
  value: number;
  approximate: boolean;   // "7700余条", "2000多条"
  unit: string;           // "" only for "信息数169" (a count whose unit the text left out)
  start: number;          // offset of the first digit
  end: number;            // offset after the unit
  label: string;          // words in front of the number, from the clause start or the previous mention
  labelStart: number;
  after: string;          // words after the unit up to the next clause mark ("发布244篇公众号信息")
  sentence: Span;
}

/**
 * Counts in a sentence: an Arabic number (thousands commas, decimals and 万 allowed) with a unit,
 * or with no unit right after a label ending in 数/数为 ("主动公开信息数169，"). Years, dates,
 * document numbers (〔2020〕109号), percentages, phone numbers and numbers glued to Latin letters
 * (H5, 12345 without a unit) are not counts.
 */
export function mentions(text: string, sentence: Span): Mention[] {
  const folded = foldWidth(text);
  const out: Mention[] = [];
  let prevEnd = sentence.start;
  for (let m = nextNumber(folded, sentence.start, sentence.end); m; m = nextNumber(folded, m.index + m[0].length, sentence.end)) {
    const start = m.index;
    const before = folded[start - 1] ?? "";
    if (/[0-9A-Za-z.\-_/〔\[【第]/.test(before)) continue;
    const afterNum = folded.slice(start + m[1].length + (m[2] ? m[2].length : 0), start + m[0].length + 6);
    let unit = m[4] ?? "";
    if (!unit && NOT_A_COUNT_AFTER.test(folded.slice(start + m[1].length))) continue;
    if (unit && NOT_A_COUNT_AFTER.test(folded.slice(start + m[0].length))) continue; // "3个月"
    if (/^\d+-\d/.test(folded.slice(start, start + 20)) || /^[-—]\d/.test(afterNum)) continue; // phone, range
    let end = start + m[0].length;
    // the label: from the later of the sentence start, the previous mention and the last clause mark
    let labelStart = Math.max(prevEnd, sentence.start);
    for (let i = start - 1; i >= labelStart; i--) if (isClauseMark(folded.charCodeAt(i))) { labelStart = i + 1; break; }
    const label = text.slice(labelStart, start).trim();
    if (!unit) {
      // a bare number counts only after "数"/"数为"/"总数为" and before a clause mark or the end
      if (m[2] || m[3] || !/数(?:为|是)?$/.test(label) || !/^\s*(?:[，,；;。]|$)/.test(folded.slice(start + m[1].length, start + m[1].length + 2))) continue;
      end = start + m[1].length;
    }
    let value = Number(m[1].replace(/,/g, ""));
    if (m[2] === "万") value = Math.round(value * 10000 * 100) / 100;
    if (m[2] === "千") value = value * 1000;
    let afterEnd = end;
    while (afterEnd < sentence.end && !endsAfter(folded.charCodeAt(afterEnd))) afterEnd++;
    out.push({ value, approximate: Boolean(m[3]), unit, start, end, label, labelStart, after: text.slice(end, afterEnd), sentence });
    prevEnd = end;
  }
  return out;
}

/** Mentions of every sentence of a text. */
export function allMentions(text: string): Mention[] {
  return sentences(text).flatMap((s) => mentions(text, s));
}

/**
 * Where the narrative ends and page furniture begins: the signature (agency name and date), the
 * "附件下载"/"扫一扫" lines of crawled pages, an appended statistics table. Returns the end offset.
 * The last answer is remembered (section 六 is asked for by the fee and the stated numbers).
 */
export function narrativeEnd(text: string): number {
  if (text !== lastEndIn) {
    lastEndIn = text;
    lastEnd = findNarrativeEnd(text);
  }
  return lastEnd;
}
let lastEndIn = "";
let lastEnd = 0;

function findNarrativeEnd(text: string): number {
  const folded = foldWidth(text);
  let end = text.length;
  const cut = (re: RegExp) => {
    const m = re.exec(folded);
    if (m && m.index < end) end = m.index;
  };
  cut(/附件下载|扫一扫|分享到[:：]?|附件[:：]|附表[:：]|（此件公开发布）|\(此件公开发布\)|此函/);
  cut(/[六七八九]、\s*(?:政府信息公开(?:工作)?情况统计表|其他需要报告|需要说明|其他事项)/);
  // a date line: "2020年1月2日", "二○一二年元月二十日" preceded by the signing agency
  const date = /(?:^|[\s。])([^\s。，,；;]{0,40}?)\s*(?:\d{4}年\d{1,2}月\d{1,2}\s*日|[〇○零一二三四五六七八九]{4}年[元一二三四五六七八九十]{1,3}月[一二三四五六七八九十]{1,3}日)/g;
  for (let m = date.exec(folded); m; m = date.exec(folded)) {
    // a date inside a sentence ("截至2022年12月31日，…") is not a signature: the date must close the text or a line
    const after = folded.slice(m.index + m[0].length, m.index + m[0].length + 3);
    if (/^\s*(?:$|\n|印发|[（(]|附件|\s)/.test(after)) {
      const at = m.index + (m[0].startsWith("。") ? 1 : 0);
      if (at < end) end = at;
      break;
    }
  }
  while (end > 0 && /\s/.test(text[end - 1])) end--;
  return end;
}

/** Chinese ordinal words up to 99 ("一"..."九十九"); null when the string is not one. */
export function chineseOrdinal(s: string): number | null {
  const d: Record<string, number> = { 一: 1, 二: 2, 三: 3, 四: 4, 五: 5, 六: 6, 七: 7, 八: 8, 九: 9 };
  if (/^[一二三四五六七八九]$/.test(s)) return d[s];
  const m = /^([一二三四五六七八九])?十([一二三四五六七八九])?$/.exec(s);
  if (m) return (m[1] ? d[m[1]] : 1) * 10 + (m[2] ? d[m[2]] : 0);
  return null;
}

/** Remove leading and trailing separators and spaces from an item or label. */
export function trimPunct(s: string): string {
  return s.replace(/^[\s，,；;：:。、.]+/, "").replace(/[\s，,；;：:。、]+$/, "");
}
