/**
 * Every occurrence of any word of a fixed list in a text, in one pass: the words are indexed by
 * their first character (a table over all UTF-16 code units), and at each position only the words
 * starting with that character are tried. Occurrences may overlap ("不及时" holds "及时").
 * Matching is exact, code unit by code unit (callers fold width and case first). Empty words never
 * match.
 */
export class WordIndex {
  /** code unit → 1 + index in `buckets` of the ids of the words starting with it; 0: none. */
  private readonly first = new Uint32Array(0x10000);
  private readonly buckets: number[][] = [];

  constructor(readonly words: readonly string[]) {
    words.forEach((w, id) => {
      if (!w) return;
      const c = w.charCodeAt(0);
      if (!this.first[c]) this.first[c] = this.buckets.push([]);
      this.buckets[this.first[c] - 1].push(id);
    });
  }

  /** Start offsets of each word's occurrences, by word id (in the order of `words`); words that do
   * not occur are absent. */
  find(text: string): Map<number, number[]> {
    const out = new Map<number, number[]>();
    for (let i = 0; i < text.length; i++) {
      const b = this.first[text.charCodeAt(i)];
      if (!b) continue;
      for (const id of this.buckets[b - 1]) {
        if (!text.startsWith(this.words[id], i)) continue;
        const at = out.get(id);
        if (at) at.push(i);
        else out.set(id, [i]);
      }
    }
    return out;
  }
}
