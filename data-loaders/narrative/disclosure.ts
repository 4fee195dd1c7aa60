/**
 * Proactive disclosure volume from the narrative: the total number of items proactively disclosed
 * ("主动公开政府信息121条", "累计发布政府信息56条", "网站主动公开政府信息总数为254条", "主动公开各类
 * 信息121条") and, where stated, its parts ("其中政府机构和领导信息21条，涉农补贴领域25条…"), read from
 * section 一 (overview), else from the narrative that leads into table 2 in section 二.
 *
 * A total is a count whose label ends in a disclosure verb and a generic noun: 主动公开 + (政府|政务)?
 * 信息, or 公开/发布/公布 + 政府信息/政务信息, with at most a generic modifier in between (各类, 公文类,
 * "涵盖…等"). "主动公开采购信息25条" (one kind), "公开其他政务信息10条" (a rest) and "发布信息166条"
 * (bare 信息 after a weak verb) are not totals. Counts of requests, letters, consultations, visits,
 * service items, hotline cases, trainings... are never taken (traps.ts), and are listed in
 * `skipped` with the reason. When no total can be told apart, or two totals disagree, there is no
 * total and a finding "disclosure_total_unsure" quotes the sentences.
 *
 * Parts follow the total in the same sentence (and in the next sentences while the list goes on:
 * "…行政许可类信息3条。其他应主动公开的政府信息13条。"); a part labelled 其他… ends the list. A
 * later clause that announces kinds without a count ("主动公开政府信息的主要类别有：") starts a new
 * list of parts (a second breakdown, `group` + 1). Each list is checked against the total:
 * parts adding up to more than the total give "disclosure_parts_exceed_total".
 *
 * New-media counts ("微信公众号发布信息23条", "共发布244篇公众号信息") are kept apart as kind
 * "channel": they are not parts of the total (posts are often re-posts of the same information).
 */
import { finding, type Finding, type Result } from "../document.ts";
import type { SectionKey } from "../report.ts";
import { scanText } from "./scan.ts";
import { HEADING_START, trimPunct, type Mention, type Span } from "./text.ts";
import { trapOf, type TrapHit, type TrapReason } from "./traps.ts";

export type Channel = "website" | "new_media" | "gazette" | "notice_board";

export interface DisclosureItem {
  kind: "total" | "part" | "channel";
  label: string;          // the words the count was read from, list words ("其中", "涵盖") removed
  value: number;
  approximate: boolean;   // "7700余条"
  unit: string;           // 条, 件, 篇 ... ("" when the text left it out: "主动公开信息数169")
  channel: Channel | null;
  group: number | null;   // parts: which list (breakdown) of the total they belong to, from 1
  section: SectionKey;
  sentence: string;
  offset: number;         // offset of the number in the section text
}

export interface SkippedCount { value: number; unit: string; label: string; reason: TrapReason | "not_disclosure" | "restated" | "conflict"; section: SectionKey; offset: number }

export interface Disclosure {
  total: DisclosureItem | null;
  parts: DisclosureItem[];
  channels: DisclosureItem[];
  skipped: SkippedCount[];
}

const DOC_UNITS = new Set(["条", "件", "篇", "则", ""]);
const CHANNEL_UNITS = new Set(["条", "篇", "期", "则"]);

/** Total: disclosure verb + generic modifier + generic noun + (数|总数…)(为|共…), at the end of the label. */
const TOTAL_STRONG = /主动(?:公开|发布)(?:了)?(?:涵盖[^，。；]*?等|各类|各项|全部|公文类)?(?:政府信息|政务信息|信息)(?:数量|总数|总量|数|总条数)?(?:共计|合计|总计|共|为|达|计|约)*$/;
const TOTAL_WEAK = /(?:公开|发布|公布)(?:了)?(?:涵盖[^，。；]*?等|各类|各项|全部|公文类)?(?:政府信息|政务信息)(?:数量|总数|总量|数|总条数)?(?:共计|合计|总计|共|为|达|计|约)*$/;
/** Total with the count first: "主动公开123条政府信息". */
const TOTAL_VERB_END = /(?:主动公开|主动发布)(?:了)?(?:共计|合计|共|累计)?$/;
const TOTAL_NOUN_AFTER = /^(?:的)?(?:各类)?(?:政府信息|政务信息|信息)$/;
/** Near misses worth a finding when no total is found: a publishing verb and 信息 in the label. */
const NEAR = /(?:公开|发布|公布)[^，。；]{0,12}信息/;

const LIST_WORDS = /^(?:[（(]|其中|包括|包含|涵盖|主要涉及|主要有|主要是|公开类别|信息类别|主要类别|分别为|分别是|具体为|含|和|及|以及|与|[：:，,、])+/;
const OPENER = /主动公开|公开类别|信息类别|主要类别/;
const TIME_START = /^(?:全年|今年|本年|年内|截至|截止|\d{4}年)/;
const NEW_MEDIA = /公众号|微信|微博|新媒体|客户端|APP|抖音|视频号|头条号|小程序/i;

function channelOf(text: string): Channel | null {
  if (NEW_MEDIA.test(text)) return "new_media";
  if (/公报/.test(text)) return "gazette";
  if (/网站|门户|政府网|网页|网上/.test(text)) return "website";
  if (/公开栏|公示栏|公告栏|宣传栏/.test(text)) return "notice_board";
  return null;
}

/** trapOf of a mention's label and the words after it, read once: isPart, isChannel and the list of
 * skipped counts all ask (mentions of a text are shared, see scan.ts). */
const TRAP_AFTER = new WeakMap<Mention, TrapHit | null>();
function trapAfter(m: Mention): TrapHit | null {
  let hit = TRAP_AFTER.get(m);
  if (hit === undefined) TRAP_AFTER.set(m, (hit = trapOf(m.label, m.after, m.unit)));
  return hit;
}

function cleanLabel(label: string): string {
  return trimPunct(label.replace(LIST_WORDS, "").replace(/[（(]$/, ""));
}

/** The words of a total's label that made it a total ("主动公开各类信息", "公开政府信息总数为"). */
function totalLabel(m: Mention): string {
  const hit = TOTAL_STRONG.exec(m.label) ?? TOTAL_WEAK.exec(m.label);
  if (hit) return hit[0];
  return (TOTAL_VERB_END.exec(m.label)?.[0] ?? "") + m.after.trim();
}

function isTotal(m: Mention): boolean {
  if (!DOC_UNITS.has(m.unit)) return false;
  if (trapOf(m.label, "", m.unit)) return false;
  if (TOTAL_STRONG.test(m.label) || TOTAL_WEAK.test(m.label)) return true;
  return m.unit !== "" && TOTAL_VERB_END.test(m.label) && TOTAL_NOUN_AFTER.test(m.after.trim());
}

/** A count that may stand in a list of parts: a document unit, a label that is not a trap (weak
 * traps such as 服务事项 or 解读 are kinds of information here) and no new time frame. */
function isPart(m: Mention, unit: string): boolean {
  if (m.unit !== unit && !(unit === "" && m.unit === "条")) return false;
  const hit = trapAfter(m);
  if (hit?.strong) return false;
  const label = cleanLabel(m.label);
  return label.length > 0 && !TIME_START.test(label);
}

function isChannel(m: Mention, before: string): boolean {
  if (!CHANNEL_UNITS.has(m.unit)) return false;
  const hit = trapAfter(m);
  if (hit && hit.reason !== "service_items") return false;
  if (!NEW_MEDIA.test(before + m.label + m.after)) return false;
  return /发布|推送|发送|推出|公开|刊发|刊登/.test(m.label + m.after) || /推文|文章|信息/.test(m.label + m.after);
}

function item(kind: DisclosureItem["kind"], m: Mention, section: SectionKey, group: number | null, label: string, channel: Channel | null): DisclosureItem {
  return { kind, label, value: m.value, approximate: m.approximate, unit: m.unit, channel, group, section, sentence: m.sentence.text.trim(), offset: m.start };
}

/** What one section's narrative gives, before the choice between sections. `near`: sentences with a
 * count of published information that is not the total (for the unsure finding). */
export interface DisclosurePass { total: DisclosureItem | null; parts: DisclosureItem[]; channels: DisclosureItem[]; skipped: SkippedCount[]; near: Span[]; conflicts: DisclosureItem[] }

/** One section's narrative. */
export function scanDisclosure(text: string, section: SectionKey): DisclosurePass {
  const out: DisclosurePass = { total: null, parts: [], channels: [], skipped: [], near: [], conflicts: [] };
  let group = 0;
  let listOpen = false;        // parts may follow
  let lastWasRest = false;     // the last part was "其他…": the list does not go on into the next sentence
  const skip = (m: Mention, reason: SkippedCount["reason"]) => out.skipped.push({ value: m.value, unit: m.unit, label: trimPunct(m.label), reason, section, offset: m.start });

  for (const { sentence: s, mentions: ms } of scanText(text)) {
    if (listOpen) {
      // the list goes on into this sentence only if it starts with a part ("其他应主动公开的政府信息13条。")
      // and did not already end with the rest ("其他…N条。")
      const first = ms[0];
      const lead = first ? text.slice(s.start, first.labelStart) : "";
      if (lastWasRest || !first || HEADING_START.test(s.text) || lead.replace(LIST_WORDS, "").replace(/[\s，,；;：:]/g, "") !== "" || !isPart(first, out.total!.unit)) listOpen = false;
    }
    let prevEnd = s.start;
    for (const m of ms) {
      const before = text.slice(prevEnd, m.labelStart);
      prevEnd = m.end;
      // a clause announcing kinds without a count opens another breakdown of a known total
      if (!listOpen && out.total && OPENER.test(before) && !trapOf(before, "", "")) {
        listOpen = true;
        lastWasRest = false;
        group++;
      }
      if (listOpen && out.total) {
        if (isPart(m, out.total.unit)) {
          const label = cleanLabel(m.label);
          out.parts.push(item("part", m, section, group, label, channelOf(label)));
          lastWasRest = /^(?:其他|其它|其余)/.test(label);
          continue;
        }
        listOpen = false;
      }
      if (isTotal(m)) {
        const channel = channelOf(text.slice(s.start, m.start));
        if (!out.total) {
          out.total = item("total", m, section, null, totalLabel(m), channel);
          group++;
          listOpen = true;
          lastWasRest = false;
        } else if (out.total.value === m.value) skip(m, "restated");
        else { out.conflicts.push(item("total", m, section, null, totalLabel(m), channel)); skip(m, "conflict"); }
        continue;
      }
      if (isChannel(m, text.slice(s.start, m.start))) {
        out.channels.push(item("channel", m, section, null, cleanLabel(m.label + m.after), "new_media"));
        continue;
      }
      const hit = trapAfter(m);
      skip(m, hit ? hit.reason : "not_disclosure");
      if (!hit && DOC_UNITS.has(m.unit) && NEAR.test(m.label + m.after)) out.near.push(m.sentence);
    }
  }
  return out;
}

/** The narrative part of section 二: the text before table 2 ("第二十条…") and before a table 3
 * that the parser may have left in it. */
export function proactiveLeadIn(text: string): string {
  const m = /第二十条|信息内容\s*本年|三、收到和处理/.exec(text);
  return m ? text.slice(0, m.index) : text;
}

/** Proactive disclosure volume of one report. */
export function readDisclosure(sections: Partial<Record<SectionKey, string>>): Result<Disclosure> {
  const findings: Finding[] = [];
  const passes: DisclosurePass[] = [];
  if (sections.overview) passes.push(scanDisclosure(sections.overview, "overview"));
  if (sections.proactive_disclosure) passes.push(scanDisclosure(proactiveLeadIn(sections.proactive_disclosure), "proactive_disclosure"));
  const value: Disclosure = { total: null, parts: [], channels: passes.flatMap((p) => p.channels), skipped: passes.flatMap((p) => p.skipped) };

  const chosen = passes.find((p) => p.total);
  if (chosen) {
    if (chosen.conflicts.length) {
      findings.push(finding("disclosure_total_unsure", "warning",
        `the narrative states ${[chosen.total!, ...chosen.conflicts].map((t) => t.value).join(" and ")} as the number of items proactively disclosed; none is taken`,
        { excerpt: [chosen.total!, ...chosen.conflicts].map((t) => t.sentence).join(" … ") }));
    } else {
      value.total = chosen.total;
      value.parts = chosen.parts;
      // the total without parts in 一, restated with its parts in 二's lead-in: take those parts
      if (!value.parts.length) {
        const other = passes.find((p) => p !== chosen && p.total?.value === chosen.total!.value && p.parts.length);
        if (other) value.parts = other.parts;
      }
    }
  } else {
    const near = passes.flatMap((p) => p.near);
    if (near.length) {
      findings.push(finding("disclosure_total_unsure", "warning", "the narrative states counts of published information but none reads as the total proactively disclosed",
        { excerpt: [...new Set(near.map((s) => s.text.trim()))].join(" … ") }));
    } else if (!sections.overview && !sections.proactive_disclosure) {
      findings.push(finding("disclosure_no_narrative", "info", "no overview or proactive-disclosure section was found, so no disclosure total"));
    } else {
      findings.push(finding("disclosure_total_missing", "info", "the narrative states no number of items proactively disclosed"));
    }
  }
  if (value.total) findings.push(...checkParts(value.total, value.parts));
  return { value, findings };
}

/** Each list of parts against the total: more than the total is a finding. */
export function checkParts(total: DisclosureItem, parts: DisclosureItem[]): Finding[] {
  const out: Finding[] = [];
  const groups = [...new Set(parts.map((p) => p.group))];
  for (const g of groups) {
    const ps = parts.filter((p) => p.group === g);
    if (total.approximate || ps.some((p) => p.approximate)) continue;
    const sum = Math.round(ps.reduce((a, p) => a + p.value, 0) * 100) / 100;
    if (sum > total.value) {
      out.push(finding("disclosure_parts_exceed_total", "warning",
        `the ${ps.length} parts of the proactive-disclosure total add up to ${sum}, more than the total ${total.value}`,
        { expected: total.value, actual: sum, excerpt: [...new Set([total.sentence, ...ps.map((p) => p.sentence)])].join(" … ") }));
    }
  }
  return out;
}
