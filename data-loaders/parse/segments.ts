/**
 * Locating row labels in order and cutting the value segment that follows each one.
 */
import { CELL, ROW } from "../document.ts";
import { findFrom, labelRegex, type Match } from "./labels.ts";

export interface LabelSpec { key: string; labels: string[]; group?: boolean }
export interface Located { key: string; match: Match | null; segment: string; group: boolean; /** uncut text up to the next label */ between: string }

const LABEL_RUN = /[\u3400-\u9fff]+/g;
/** The label regexes of a spec list, by list (callers keep their lists: built once per format). */
const REGEXES = new WeakMap<LabelSpec[], RegExp[]>();

/** The value text that follows a label: up to the next label, cut at the row's end. */
export function cutSegment(text: string, from: number, to: number): string {
  let seg = text.slice(from, to);
  const firstCell = seg.indexOf(CELL);
  if (firstCell >= 0) {
    const row = seg.indexOf(ROW, firstCell);
    if (row >= 0) seg = seg.slice(0, row);
  }
  // Label text after the values (a heading, a note) ends the row. Units are not labels.
  LABEL_RUN.lastIndex = firstCell >= 0 ? firstCell : 0;
  for (let m = LABEL_RUN.exec(seg); m; m = LABEL_RUN.exec(seg)) {
    const unit = /\d\s*$/.test(seg.slice(0, m.index)) ? m[0].match(/^(万元|元)/)?.[0].length ?? 0 : 0;
    if (unit === m[0].length || m[0] === "无") continue;
    seg = seg.slice(0, m.index + unit);
    break;
  }
  return seg;
}

/**
 * Find each label in order, each search starting where the previous label ended, within `window`
 * characters; a label not found yields match null and the search goes on from the same place.
 */
export function locate(text: string, specs: LabelSpec[], start: number, end: number, window = 4000): Located[] {
  let regexes = REGEXES.get(specs);
  if (!regexes) REGEXES.set(specs, (regexes = specs.map((s) => labelRegex(s.labels))));
  const matches: (Match | null)[] = [];
  let pos = start;
  specs.forEach((_, i) => {
    const m = findFrom(text, regexes[i], pos, Math.min(end, pos + window));
    matches.push(m);
    if (m) pos = m.end;
  });
  return specs.map((s, i) => {
    const m = matches[i];
    let next = end;
    for (let j = i + 1; j < matches.length; j++) if (matches[j]) { next = matches[j]!.start; break; }
    return { key: s.key, match: m, group: !!s.group, segment: m ? cutSegment(text, m.end, next) : "", between: m ? text.slice(m.end, next) : "" };
  });
}
