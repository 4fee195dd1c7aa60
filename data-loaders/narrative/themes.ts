/**
 * Themes of problem statements and improvement measures, from the lexicon in
 * data-loaders/format/themes.json (how it was built is written there). Explainable: each theme
 * given to an item comes with the words that matched.
 */
import lexicon from "../format/themes.json" with { type: "json" };
import { foldWidth } from "./text.ts";

export interface ThemeSpec { key: string; zh: string; en: string; words: string[]; exclude?: string[] }
export interface ThemeMatch { theme: string; words: string[] }

export const THEMES: ThemeSpec[] = lexicon.themes as ThemeSpec[];

function occurrences(text: string, word: string): number[] {
  const out: number[] = [];
  for (let i = text.indexOf(word); i >= 0; i = text.indexOf(word, i + 1)) out.push(i);
  return out;
}

/** Themes of one text, in lexicon order; words in the order of the lexicon, each once. */
export function themesOf(text: string, themes: ThemeSpec[] = THEMES): ThemeMatch[] {
  const t = foldWidth(text).toLowerCase();
  const out: ThemeMatch[] = [];
  for (const spec of themes) {
    const covered: [number, number][] = [];
    for (const e of spec.exclude ?? []) for (const i of occurrences(t, e.toLowerCase())) covered.push([i, i + e.length]);
    const words: string[] = [];
    for (const w of spec.words) {
      const lw = w.toLowerCase();
      if (occurrences(t, lw).some((i) => !covered.some(([a, b]) => a <= i && i + lw.length <= b))) words.push(w);
    }
    if (words.length) out.push({ theme: spec.key, words });
  }
  return out;
}

/** A theme's labels. */
export function theme(key: string): ThemeSpec | undefined {
  return THEMES.find((t) => t.key === key);
}
