/**
 * Character n-gram similarity of short Chinese texts.
 *
 * Texts are compared after folding width, dropping punctuation and spaces and replacing every
 * digit by "0" (so "2022年" and "2023年" do not make two copies of one statement differ); what is
 * left are characters, compared as sets of overlapping 3-grams ("shingles").
 */
import { foldWidth } from "./text.ts";

export const SHINGLE = 3;

export function normalizeForSimilarity(text: string): string {
  return foldWidth(text).toLowerCase().replace(/\d/g, "0").replace(/[^\p{L}\p{N}]/gu, "");
}

/** The distinct n-grams of a normalised text (a text shorter than n is its own single gram). */
export function shingles(text: string, n = SHINGLE): string[] {
  return shinglesOfNormalized(normalizeForSimilarity(text), n);
}

/** shingles() of a text already normalised (normalizeForSimilarity). */
export function shinglesOfNormalized(t: string, n = SHINGLE): string[] {
  if (t.length === 0) return [];
  if (t.length <= n) return [t];
  const set = new Set<string>();
  for (let i = 0; i + n <= t.length; i++) set.add(t.slice(i, i + n));
  return [...set];
}

/** Bits of a hashed n-gram (hashSpace = 2^HASH_BITS). */
export const HASH_BITS = 22;

/**
 * The same n-grams hashed to integers in [0, 2^HASH_BITS), sorted and distinct: compact tokens for
 * the all-pairs search over many statements (typed arrays instead of string maps). Two different
 * grams may share a hash; for statements of ~40 grams the expected number of extra shared tokens
 * between two statements is 40·40/2^22 ≈ 0.0004, so similarities move by less than 0.001.
 */
export function shingleHashes(text: string, n = SHINGLE): Int32Array {
  return shingleHashesOfNormalized(normalizeForSimilarity(text), n);
}

/** shingleHashes() of a text already normalised (normalizeForSimilarity). */
export function shingleHashesOfNormalized(t: string, n = SHINGLE): Int32Array {
  if (t.length === 0) return new Int32Array(0);
  const hash = (i: number, len: number) => {
    let h = 0x811c9dc5 ^ len;
    for (let k = 0; k < len; k++) h = Math.imul(h ^ t.charCodeAt(i + k), 0x01000193);
    h ^= h >>> 15; h = Math.imul(h, 0x2c1b3c6d); h ^= h >>> 12;
    return (h >>> 0) & ((1 << HASH_BITS) - 1);
  };
  const out: number[] = [];
  if (t.length <= n) out.push(hash(0, t.length));
  else for (let i = 0; i + n <= t.length; i++) out.push(hash(i, n));
  const a = Int32Array.from(out).sort();
  let w = 0;
  for (let i = 0; i < a.length; i++) if (i === 0 || a[i] !== a[i - 1]) a[w++] = a[i];
  return a.slice(0, w);
}

/** |A∩B| of two lists of distinct values. */
export function intersectionSize<T>(a: T[], b: T[]): number {
  const sb = new Set(b);
  let inter = 0;
  for (const x of a) if (sb.has(x)) inter++;
  return inter;
}

/** |A∩B| / |A∪B|; `inter` when the caller already has |A∩B|. */
export function jaccard<T>(a: T[], b: T[], inter?: number): number {
  if (!a.length && !b.length) return 0;
  const i = inter ?? intersectionSize(a, b);
  return i / (a.length + b.length - i);
}

/** |A∩B| / min(|A|, |B|): how much of the shorter text is inside the longer one; `inter` as for jaccard. */
export function containment<T>(a: T[], b: T[], inter?: number): number {
  if (!a.length || !b.length) return 0;
  return (inter ?? intersectionSize(a, b)) / Math.min(a.length, b.length);
}

export function similarity(a: string, b: string): { jaccard: number; containment: number } {
  const sa = shingles(a), sb = shingles(b);
  return { jaccard: jaccard(sa, sb), containment: containment(sa, sb) };
}
