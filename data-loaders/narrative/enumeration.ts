/**
 * Numbered lists inside a stretch of text: 一是/二是, （一）（二）, 1./1、/1．, (1)(2), ①②, 一、二、.
 * The list is the family of markers whose "1" comes first and that goes on at least to "2";
 * markers out of sequence (a nested list, a stray "3.") are skipped.
 */
import { chineseOrdinal } from "./text.ts";

export interface Marker { ordinal: number; start: number; end: number }

const CN = "[一二三四五六七八九十]{1,3}";
const FAMILIES: { name: string; re: RegExp; ordinal: (m: RegExpExecArray) => number | null }[] = [
  { name: "是", re: new RegExp(`(?<![统唯同单第万之其惟])(${CN})是`, "g"), ordinal: (m) => chineseOrdinal(m[1]) },
  { name: "（一）", re: new RegExp(`[（(]\\s*(${CN})\\s*[）)]`, "g"), ordinal: (m) => chineseOrdinal(m[1]) },
  { name: "1.", re: /(?<![\d.．\w%])(\d{1,2})\s*[.．、](?![\d.．])/g, ordinal: (m) => Number(m[1]) },
  { name: "(1)", re: /[（(]\s*(\d{1,2})\s*[）)]/g, ordinal: (m) => Number(m[1]) },
  { name: "①", re: /[①②③④⑤⑥⑦⑧⑨⑩]/g, ordinal: (m) => "①②③④⑤⑥⑦⑧⑨⑩".indexOf(m[0]) + 1 },
  { name: "一、", re: new RegExp(`(?<![\\u3400-\\u9fff])(${CN})、`, "g"), ordinal: (m) => chineseOrdinal(m[1]) },
];

/** The markers of the list in text[from, to), or [] when there is no list of two or more. */
export function enumeration(text: string, from = 0, to = text.length): Marker[] {
  let best: Marker[] = [];
  for (const f of FAMILIES) {
    const all: Marker[] = [];
    f.re.lastIndex = from;
    for (let m = f.re.exec(text); m && m.index < to; m = f.re.exec(text)) {
      const n = f.ordinal(m);
      if (n !== null) all.push({ ordinal: n, start: m.index, end: m.index + m[0].length });
    }
    const first = all.findIndex((m) => m.ordinal === 1);
    if (first < 0) continue;
    const seq = [all[first]];
    for (const m of all.slice(first + 1)) if (m.ordinal === seq.length + 1) seq.push(m);
    if (seq.length < 2) continue;
    if (!best.length || seq[0].start < best[0].start || (seq[0].start === best[0].start && seq.length > best.length)) best = seq;
  }
  return best;
}
