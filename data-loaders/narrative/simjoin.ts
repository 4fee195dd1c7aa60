/**
 * All pairs of sets whose Jaccard similarity is at least t, without comparing every pair:
 * prefix filtering with an inverted index (Bayardo et al., "Scaling up all pairs similarity
 * search", WWW 2007 — the AllPairs algorithm).
 *
 * with the positional filter of PPJoin (Xiao et al., "Efficient similarity joins for near
 * duplicate detection", WWW 2008).
 *
 * Tokens are ranked rarest first and each set sorted by rank. If J(x, y) ≥ t then x and y share
 * at least α = ⌈t/(1+t)·(|x|+|y|)⌉ tokens, so they share a token among the first |x| − ⌈t·|x|⌉ + 1
 * of x (probing prefix) and the first |y| − ⌈2t/(1+t)·|y|⌉ + 1 of y when |y| ≤ |x| (indexing
 * prefix). Sets are visited smallest first; each probes the index with its probing prefix, then is
 * indexed under its indexing prefix. A candidate is dropped as soon as the tokens left after the
 * matching positions cannot reach α. Rare tokens make short posting lists, so the work grows with
 * the number of true neighbours, not with n². Without `maxPerSet` the result is exact: the same
 * pairs as comparing every pair (test/narrative/recycled.test.ts checks it against brute force).
 */

import { HASH_BITS } from "./similarity.ts";

const SPACE = 2 ** HASH_BITS;
let buffers: { freq: Int32Array; rank: Int32Array } | null = null;
/** Token counts and ranks indexed by token, allocated once and left zeroed after each join. */
function scratch() {
  return (buffers ??= { freq: new Int32Array(SPACE), rank: new Int32Array(SPACE) });
}

export interface SimPair { a: number; b: number; jaccard: number; overlap: number }

export interface SimJoinResult {
  pairs: SimPair[];
  /** Sets whose search stopped at maxPerSet neighbours (their other neighbours, if any, are not listed). */
  capped: number;
}

/**
 * Pairs (a < b, indexes into `sets`) with Jaccard ≥ threshold. Sets are arrays of distinct tokens.
 * Tokens are integers in [0, 2^HASH_BITS) (shingleHashes), each set sorted and distinct. `maxPerSet` bounds the work inside a cluster of many near-identical sets: a set stops looking
 * once it has found that many neighbours among the smaller (earlier) sets. Without it the result is
 * exact.
 */
export function similarSets(sets: Int32Array[], threshold: number, maxPerSet = Infinity): SimJoinResult {
  if (!(threshold > 0 && threshold <= 1)) throw new Error(`threshold must be in (0, 1], got ${threshold}`);
  // rank tokens, rarest first (ties by token): count, then sort (count · space + token) numerically
  const { freq, rank } = scratch();
  const touched: number[] = [];
  for (const s of sets) for (let i = 0; i < s.length; i++) { if (freq[s[i]]++ === 0) touched.push(s[i]); }
  const keys = new Float64Array(touched.length);
  for (let i = 0; i < touched.length; i++) keys[i] = freq[touched[i]] * SPACE + touched[i];
  keys.sort();
  for (let r = 0; r < keys.length; r++) rank[keys[r] % SPACE] = r;
  const ranked: Int32Array[] = new Array(sets.length);
  for (let k = 0; k < sets.length; k++) {
    const s = sets[k], out = new Int32Array(s.length);
    for (let i = 0; i < s.length; i++) out[i] = rank[s[i]];
    ranked[k] = out.sort();
  }
  for (const t of touched) { freq[t] = 0; rank[t] = 0; }

  const visit = ranked.map((_, i) => i).filter((i) => ranked[i].length > 0).sort((x, y) => ranked[x].length - ranked[y].length || x - y);
  // postings: token -> (set, position of the token in the set), sets in visiting order (ascending size)
  const postings = new Map<number, { sets: number[]; pos: number[]; from: number }>();
  const stamp = new Int32Array(sets.length).fill(-1);
  const acc = new Int32Array(sets.length);
  const cands: number[] = [];
  const pairs: SimPair[] = [];
  const idxRatio = (2 * threshold) / (1 + threshold);
  let capped = 0;

  for (const x of visit) {
    const xs = ranked[x];
    const n = xs.length;
    const minSize = Math.ceil(threshold * n - 1e-9);
    const probe = n - minSize + 1;
    cands.length = 0;
    for (let i = 0; i < probe; i++) {
      const p = postings.get(xs[i]);
      if (!p) continue;
      while (p.from < p.sets.length && ranked[p.sets[p.from]].length < minSize) p.from++; // too small for x and every later set
      for (let k = p.from; k < p.sets.length; k++) {
        const y = p.sets[k];
        const m = ranked[y].length;
        if (stamp[y] !== x) { stamp[y] = x; acc[y] = 0; cands.push(y); }
        else if (acc[y] < 0) continue; // pruned
        const alpha = Math.ceil((threshold / (1 + threshold)) * (n + m) - 1e-9);
        // positional filter: what is left after these positions can still reach alpha?
        if (acc[y] + 1 + Math.min(n - i - 1, m - p.pos[k] - 1) >= alpha) acc[y]++;
        else acc[y] = -1;
      }
    }
    let found = 0;
    for (const y of cands) {
      if (acc[y] <= 0) continue;
      const ys = ranked[y];
      const o = overlap(xs, ys);
      const j = o / (n + ys.length - o);
      if (j >= threshold - 1e-12) {
        pairs.push({ a: Math.min(x, y), b: Math.max(x, y), jaccard: j, overlap: o });
        if (++found >= maxPerSet) { capped++; break; }
      }
    }
    // index x under its (shorter) indexing prefix: later sets are at least as large
    const index = n - Math.ceil(idxRatio * n - 1e-9) + 1;
    for (let i = 0; i < index; i++) {
      let p = postings.get(xs[i]);
      if (!p) postings.set(xs[i], (p = { sets: [], pos: [], from: 0 }));
      p.sets.push(x);
      p.pos.push(i);
    }
  }
  return { pairs, capped };
}

function overlap(a: Int32Array, b: Int32Array): number {
  let i = 0, j = 0, o = 0;
  while (i < a.length && j < b.length) {
    if (a[i] === b[j]) { o++; i++; j++; }
    else if (a[i] < b[j]) i++;
    else j++;
  }
  return o;
}
