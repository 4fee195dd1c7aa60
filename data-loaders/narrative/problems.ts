/**
 * Section 五 split into problem statements and improvement measures, each an item of its own.
 *
 * 1. Where problems end and improvements begin: a heading ("（一）存在的主要问题" … "（二）改进情况|
 *    改进措施", "存在问题：" … "改进计划："), else the first sentence after a problem that opens
 *    with an improvement word ("下一步", "下阶段", "针对上述问题", "对此", "为规范…", "2024年，我局将…").
 * 2. Inside each block, a numbered list (一是/二是, 1./1、, （一）, ①, (1)) gives one item per
 *    number; words before the first number (the lead-in) are not an item.
 * 3. Without a list, improvements are split at 。 and ；. Problems are read after their lead-in
 *    ("存在一些不足，主要表现在：", "如：", "但…") and split at ；, then at ， or 、 when every piece
 *    states a shortcoming on its own (有待, 不够, 欠缺, 尚未, 不及时, 单一…): "如：信息公开相关工作机制尚未
 *    完善，经办人员对信息公开相关业务不熟，监督保障机制欠缺等。" gives three problems. A piece that states
 *    none ("因人事变动") stays with the next one; a consequence ("导致…") stays with the one before.
 *
 * Offsets are into the section text the items were read from (`section`).
 */
import { finding, type Finding, type Result } from "../document.ts";
import type { SectionKey } from "../report.ts";
import { enumeration } from "./enumeration.ts";
import { foldWidth, narrativeEnd, sentences, type Span } from "./text.ts";

export interface ProblemItem {
  kind: "problem" | "improvement";
  ordinal: number;        // 1, 2, ... within its kind
  text: string;
  offset: number;         // offset of the item's first character in the section text
  section: SectionKey;
}

const ORD = `(?:[（(]\\s*[一二三四五六七八九十1-9]\\s*[）)]|[一二三四五六七八九十]、|\\d\\s*[.．、])`;
const PROBLEM_WORDS = `(?:工作中)?(?:存在的主要问题|存在的问题|主要问题|存在问题|存在的不足|存在不足|问题和不足|问题与不足|不足之处)`;
const IMPROVE_WORDS = `(?:下一步)?(?:改进情况|改进措施|改进计划|改进方向|整改措施|整改情况|下一步工作(?:计划|打算|措施)?|下一步计划|下一步打算|今后工作(?:计划|打算)?|明年工作计划|工作计划)`;
/** A heading: numbered, or alone at the start of the text or of a line and followed by ：or 。 */
const heading = (words: string) => new RegExp(`(?:${ORD}\\s*${words}(?:[及和与][^，。：:]{0,8})?\\s*[：:。.]?|(?:^|(?<=[\\n。]))\\s*${words}\\s*[：:。.])`, "g");
const PROBLEM_HEADING = heading(PROBLEM_WORDS);
const IMPROVE_HEADING = heading(IMPROVE_WORDS);

/** Words that state a shortcoming. */
export const SHORTCOMING = /不够|有待|待进一步|需进一步|还需|仍需|尚需|亟需|亟待|欠缺|尚未|缺乏|缺少|不及时|不规范|不准确|不准|不高|不强|不熟|不深|不全|不完善|不到位|不明确|不畅|不充分|不严|不足|单一|滞后|偏少|较少|过少|偏低|较低|较弱|薄弱|未能|没有|差距|短板|难以|模糊|狭隘|还要再|不多|不广|不平衡|不统一|不一致|低|窄/;
/** "问题与不足" names problems without stating one ("针对…提到的问题与不足，…着力…"). */
const GENERIC = /(?:问题|短板|差距)?[与和及]?(?:不足|问题)(?:之处)?|存在的不足/g;
export const statesShortcoming = (s: string): boolean => SHORTCOMING.test(s.replace(GENERIC, ""));

/** The lead-in of a list of problems; the problems are what follows its last occurrence. */
const INTRO = /(?:存在|有)(?:着)?(?:以下|如下|一些|部分|不少|诸多|一定的?|许多)?(?:的)?(?:问题和不足|不足和问题|问题与不足|不足与问题|短板与不足|短板和不足|差距和不足|差距与不足|不足之处|薄弱环节|短板|差距|不足|问题)(?:之处)?[，,]?\s*(?:(?:主要|具体)(?:表现|体现)(?:在|为)|主要是|表现为|如下|例如|比如|如)?\s*[：:，,]?/g;
const INTRO_ANY = new RegExp(INTRO.source);
/** A sentence that starts the improvements. */
const IMPROVE_START = new RegExp(
  "^\\s*(?:" + [
    "下一步", "下阶段", "下一阶段", "今后", "明年", "针对", "对此", "为此", "为规范", "为进一步", "为解决", "整改措施", "改进措施",
    "(?:\\d{4}年(?:度)?[，,]?\\s*)?(?:我们|我局|我镇|我区|我办|我委|我厅|我乡|我县|我市|我街道|我中心|本单位|本机关|本局|[\\u4e00-\\u9fa5]{2,14}(?:局|镇|办公室|政府|委员会|中心))(?:将|要|计划|拟)",
    "\\d{4}年(?:度)?[，,]?\\s*(?:将|要)",
  ].join("|") + ")",
);
const IMPROVE_LEAD = /^(?:(?:下一步|下阶段|下一阶段|今后|明年|对此|为此)[，,]?\s*)?(?:\d{4}年(?:度)?[，,]?\s*)?(?:(?:我们|我局|我镇|我区|我办|我委|我厅|我乡|我县|我市|我街道|我中心|本单位|本机关|本局)(?:将|要))?/;

interface Block { kind: ProblemItem["kind"]; start: number; end: number; headed: boolean }

function firstMatch(re: RegExp, text: string, from: number, to: number): { start: number; end: number } | null {
  re.lastIndex = from;
  const m = re.exec(text);
  return m && m.index < to ? { start: m.index, end: m.index + m[0].length } : null;
}

/** Problem block and improvement block of a section 五 text[from, to). */
export function blocks(text: string, from = 0, to = text.length): Block[] {
  const folded = foldWidth(text);
  const ph = firstMatch(PROBLEM_HEADING, folded, from, to);
  const ih = firstMatch(IMPROVE_HEADING, folded, ph ? ph.end : from, to);
  if (ih) {
    const pStart = ph && ph.start < ih.start ? ph.end : from;
    return [{ kind: "problem", start: pStart, end: ih.start, headed: Boolean(ph) }, { kind: "improvement", start: ih.end, end: to, headed: true }];
  }
  const start = ph ? ph.end : from;
  let seenProblem = false;
  for (const s of sentences(text, start, to)) {
    if (seenProblem && IMPROVE_START.test(s.text)) return [{ kind: "problem", start, end: s.start, headed: Boolean(ph) }, { kind: "improvement", start: s.start, end: to, headed: false }];
    if (statesShortcoming(s.text) || INTRO_ANY.test(s.text)) seenProblem = true;
  }
  return [{ kind: "problem", start, end: to, headed: Boolean(ph) }];
}

/** Leading and trailing separators removed; returns the kept span. */
function trimSpan(text: string, start: number, end: number): { start: number; end: number } {
  while (start < end && /[\s，,；;：:。.、）)]/.test(text[start])) start++;
  while (end > start && /[\s，,；;：:。、（(]/.test(text[end - 1])) end--;
  return { start, end };
}

/** Piece of a problem statement with its span; `text` may drop words at both ends. */
interface Piece { start: number; end: number }

function splitAt(text: string, p: Piece, mark: RegExp): Piece[] {
  const out: Piece[] = [];
  let s = p.start;
  for (let i = p.start; i <= p.end; i++) {
    if (i === p.end || mark.test(text[i])) {
      if (i > s) out.push({ start: s, end: i });
      s = i + 1;
    }
  }
  return out;
}

/** Split at commas (or 、) only where each piece states a shortcoming; pieces that do not are joined
 * to the next piece (a cause, a context), consequences ("导致…") to the one before. */
function splitShortcomings(text: string, p: Piece, mark: RegExp): Piece[] {
  const raw = splitAt(text, p, mark);
  const out: Piece[] = [];
  let pending: Piece | null = null;
  for (const r of raw) {
    const t = text.slice(r.start, r.end);
    const cur: Piece = pending ? { start: pending.start, end: r.end } : r;
    if (/^\s*(?:导致|致使|造成|从而|使得|以致)/.test(t) && out.length && !pending) {
      out[out.length - 1] = { start: out[out.length - 1].start, end: r.end };
      continue;
    }
    if (!SHORTCOMING.test(t)) {
      // context in front of the first problem ("对照国家和省、区有关要求") is dropped; a cause is kept
      if (!pending && !out.length && /^\s*(?:对照|按照|面对|随着|根据)/.test(t)) continue;
      pending = cur;
      continue;
    }
    out.push(cur);
    pending = null;
  }
  if (pending) {
    if (out.length) out[out.length - 1] = { start: out[out.length - 1].start, end: pending.end };
    else out.push(pending);
  }
  return out;
}

const LEAD_WORDS = /^(?:如[：:]?|例如|比如|(?:还|仍|也|但|同时)*(?:存在|有)(?:着)?(?=[^待关]))/;
const TAIL_WORDS = /(?:等(?:问题|现象|情况|方面|不足)?|的问题|问题)$/;

function cleanProblem(text: string, p: Piece): Piece {
  let { start, end } = trimSpan(text, p.start, p.end);
  const lead = LEAD_WORDS.exec(text.slice(start, end));
  if (lead && lead[0].length < end - start) start += lead[0].length;
  const tail = TAIL_WORDS.exec(text.slice(start, end));
  if (tail && tail.index > 4 && /^等/.test(tail[0])) end = start + tail.index;
  return trimSpan(text, start, end);
}

/** Problems stated without a numbered list. */
function runOnProblems(text: string, b: Block): Piece[] {
  const out: Piece[] = [];
  for (const s of sentences(text, b.start, b.end)) {
    let from = s.start;
    let last: RegExpExecArray | null = null;
    INTRO.lastIndex = 0;
    for (let m = INTRO.exec(s.text); m; m = INTRO.exec(s.text)) if (m[0].length) last = m;
    if (last) from = s.start + last.index + last[0].length;
    else {
      if (!statesShortcoming(s.text)) continue; // lead-in, context or achievements
      const but = /但(?:是)?/g;
      let cut = -1;
      for (let m = but.exec(s.text); m; m = but.exec(s.text)) if (SHORTCOMING.test(s.text.slice(m.index))) cut = m.index + m[0].length;
      if (cut >= 0) from = s.start + cut;
    }
    const rest = trimSpan(text, from, s.end);
    if (rest.end <= rest.start) continue;
    for (const semi of splitAt(text, rest, /[；;]/)) {
      let pieces = splitShortcomings(text, semi, /[，,]/);
      if (pieces.length === 1) {
        const dun = splitShortcomings(text, pieces[0], /[、]/);
        if (dun.length > 1 && dun.every((d) => SHORTCOMING.test(text.slice(d.start, d.end)))) pieces = dun;
      }
      for (const p of pieces) {
        const c = cleanProblem(text, p);
        if (c.end > c.start) out.push(c);
      }
    }
  }
  return out;
}

/** Improvements stated without a numbered list: one per sentence or ；-clause. */
function runOnImprovements(text: string, b: Block): Piece[] {
  const out: Piece[] = [];
  for (const s of sentences(text, b.start, b.end)) {
    for (const p of splitAt(text, { start: s.start, end: s.end }, /[；;]/)) {
      let { start, end } = trimSpan(text, p.start, p.end);
      const lead = IMPROVE_LEAD.exec(text.slice(start, end));
      if (lead && lead[0].length) start += lead[0].length;
      ({ start, end } = trimSpan(text, start, end));
      if (end > start && /[\u4e00-\u9fa5]/.test(text.slice(start, end))) out.push({ start, end });
    }
  }
  return out;
}

function listItems(text: string, b: Block): Piece[] | null {
  const marks = enumeration(foldWidth(text), b.start, b.end);
  if (!marks.length) return null;
  return marks.map((m, i) => trimSpan(text, m.end, i + 1 < marks.length ? marks[i + 1].start : b.end)).filter((p) => p.end > p.start);
}

/** Split a section 五 text into items. */
export function splitProblems(text: string, section: SectionKey = "problems_improvements"): Result<ProblemItem[]> {
  const findings: Finding[] = [];
  const end = narrativeEnd(text);
  const items: ProblemItem[] = [];
  for (const b of blocks(text, 0, end)) {
    const pieces = listItems(text, b) ?? (b.kind === "problem" ? runOnProblems(text, b) : runOnImprovements(text, b));
    pieces.forEach((p, i) => items.push({ kind: b.kind, ordinal: i + 1, text: text.slice(p.start, p.end), offset: p.start, section }));
  }
  if (!items.some((i) => i.kind === "problem") && text.trim()) {
    findings.push(finding("problems_none_found", "info", "section 五 states no problem that could be told apart", { excerpt: text.slice(0, 200) }));
  }
  return { value: items, findings };
}

/** Where section 五's text is: its own section, else after a "五、存在的主要问题…" heading the parser
 * left inside another section (report 16 puts it at the end of section 四's text). */
export function problemsText(sections: Partial<Record<SectionKey, string>>): { text: string; section: SectionKey; from: number } | null {
  if (sections.problems_improvements?.trim()) return { text: sections.problems_improvements, section: "problems_improvements", from: 0 };
  for (const key of ["review_litigation", "other_matters", "requests", "proactive_disclosure", "overview"] as SectionKey[]) {
    const t = sections[key];
    if (!t) continue;
    const h = /[五六]\s*[、.．]\s*(?:政府信息公开工作)?存在的?主要问题[^，。：:]{0,12}?(?:改进情况|改进措施|工作计划|整改情况)/.exec(foldWidth(t));
    if (h) return { text: t, section: key, from: h.index + h[0].length };
  }
  return null;
}

/** Problems and improvements of one report. */
export function readProblems(sections: Partial<Record<SectionKey, string>>): Result<ProblemItem[]> {
  const where = problemsText(sections);
  if (!where) return { value: [], findings: [finding("problems_no_section", "info", "no section 五 (problems and improvements) was found")] };
  if (where.from === 0) return splitProblems(where.text, where.section);
  // blank out what precedes the heading so that offsets stay those of the section text
  const masked = " ".repeat(where.from) + where.text.slice(where.from);
  const r = splitProblems(masked, where.section);
  const stop = /[六七]\s*[、.．]\s*(?:其他需要报告|需要说明)/.exec(masked);
  const value = stop ? r.value.filter((i) => i.offset < stop.index).map((i) => ({ ...i, text: i.text.slice(0, Math.max(0, stop.index - i.offset)).replace(/[\s，,；;：:。、]+$/, "") })) : r.value;
  return { value, findings: [finding("problems_in_other_section", "info", `section 五 was found inside the text of section ${where.section}`), ...r.findings] };
}
