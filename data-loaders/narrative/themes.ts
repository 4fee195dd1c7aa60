/**
 * Themes of problem statements and improvement measures, from the lexicon in
 * data-loaders/format/themes.json (how it was built is written there). Explainable: each theme
 * given to an item comes with the words that matched.
 *
 * The words and exclude phrases of all themes are found in one pass over the item (wordscan.ts);
 * the index is built once per lexicon array (do not change a lexicon array after first use).
 */
import lexicon from "../format/themes.json" with { type: "json" };
import { foldWidth } from "./text.ts";
import { WordIndex } from "./wordscan.ts";

export interface ThemeSpec { key: string; zh: string; en: string; words: string[]; exclude?: string[] }
export interface ThemeMatch { theme: string; words: string[] }

export const THEMES: ThemeSpec[] = lexicon.themes as ThemeSpec[];

/** A lexicon ready for matching: each word and exclude phrase (lower case) by its id in `index`. */
interface Compiled {
  index: WordIndex;
  themes: { key: string; words: { word: string; id: number; length: number }[]; exclude: { id: number; length: number }[] }[];
}

const COMPILED = new WeakMap<ThemeSpec[], Compiled>();

function compile(themes: ThemeSpec[]): Compiled {
  const ids = new Map<string, number>();
  const id = (s: string) => {
    const l = s.toLowerCase();
    let n = ids.get(l);
    if (n === undefined) ids.set(l, (n = ids.size));
    return n;
  };
  const out = themes.map((spec) => ({
    key: spec.key,
    // an exclude phrase covers its printed length; a word its lower-case length (as matched)
    exclude: (spec.exclude ?? []).map((e) => ({ id: id(e), length: e.length })),
    words: spec.words.map((w) => ({ word: w, id: id(w), length: w.toLowerCase().length })),
  }));
  return { index: new WordIndex([...ids.keys()]), themes: out };
}

/** Themes of one text, in lexicon order; words in the order of the lexicon, each once. */
export function themesOf(text: string, themes: ThemeSpec[] = THEMES): ThemeMatch[] {
  let c = COMPILED.get(themes);
  if (!c) COMPILED.set(themes, (c = compile(themes)));
  const hits = c.index.find(foldWidth(text).toLowerCase());
  const out: ThemeMatch[] = [];
  if (!hits.size) return out;
  for (const spec of c.themes) {
    const covered: [number, number][] = [];
    for (const e of spec.exclude) for (const i of hits.get(e.id) ?? []) covered.push([i, i + e.length]);
    const words: string[] = [];
    for (const w of spec.words) {
      const at = hits.get(w.id);
      if (at && at.some((i) => !covered.some(([a, b]) => a <= i && i + w.length <= b))) words.push(w.word);
    }
    if (words.length) out.push({ theme: spec.key, words });
  }
  return out;
}

/** A theme's labels. */
export function theme(key: string): ThemeSpec | undefined {
  return THEMES.find((t) => t.key === key);
}
