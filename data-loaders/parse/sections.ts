/**
 * The six sections, found by their headings (schema.json labels and aliases) in order. A heading
 * needs an ordinal ("一、" or "(一)", any number: some reports insert extra sections) so that the
 * preamble's list of section names is not taken for headings.
 */
import { CELL, ROW } from "../document.ts";
import { SECTIONS } from "../format/catalogue.ts";
import { SECTION_KEYS, type SectionKey } from "../report.ts";
import { findFrom, labelRegex, type Match } from "./labels.ts";

/** Top-level headings are numbered "一、" (or "一" alone, not inside a word); reports that number them
 * "(一)" use that style for the overview too. Subsections "(一)主动公开…" inside 总体情况 must not count. */
const STYLES = [`(?<![\\u3400-\\u9fff])[一二三四五六七八九十]+\\s*[、.,]?\\s*`, `\\(\\s*[一二三四五六七八九十]+\\s*\\)\\s*`];
const HEADINGS = STYLES.map((ordinal) =>
  SECTIONS.map((s) => ({ key: s.key as SectionKey, re: labelRegex([s.zh, ...s.aliases.map((a) => a.text)], { ordinal, equivalents: true }) })),
);

export interface SectionSpan { key: SectionKey; heading: Match; start: number; end: number }

export function findSections(text: string): SectionSpan[] {
  let found = headings(text, HEADINGS[0]);
  if (found.length < 3) {
    const other = headings(text, HEADINGS[1]);
    if (other.length > found.length) found = other;
  }
  return found.map((f, i) => ({ ...f, start: f.heading.end, end: i + 1 < found.length ? found[i + 1].heading.start : text.length }));
}

function headings(text: string, specs: { key: SectionKey; re: RegExp }[]) {
  const found: { key: SectionKey; heading: Match }[] = [];
  let pos = 0;
  for (const h of specs) {
    const m = findFrom(text, h.re, pos);
    if (m) {
      found.push({ key: h.key, heading: m });
      pos = m.end;
    }
  }
  return found;
}

/** Plain text of a stretch of delimited text: cells joined by spaces, rows and paragraphs by newlines. */
export function plain(text: string): string {
  return text.replaceAll(ROW, "\n").replaceAll(CELL, " ").replace(/[ \t]+/g, " ").replace(/\n\s*\n+/g, "\n").trim();
}

export function sectionTexts(text: string, spans: SectionSpan[]): Partial<Record<SectionKey, string>> {
  const out: Partial<Record<SectionKey, string>> = {};
  for (const s of spans) out[s.key] = plain(text.slice(s.start, s.end));
  return Object.fromEntries(SECTION_KEYS.filter((k) => out[k] !== undefined).map((k) => [k, out[k]!]));
}
