// Chinese-aware text search for pages (agency names, problem text). Framework's built-in search
// tokenizes Chinese badly (a sentence is one token), so pages search here instead:
// - text and query are normalized (NFKC: full-width → half-width; lower case; whitespace collapsed);
// - the query is split on spaces into terms; a document matches when it contains every term;
// - an index of character bigrams (two consecutive characters, the usual unit of Chinese words) finds the
//   candidate documents fast; each candidate is then checked for the exact term.
// Also: `words(text)` segments Chinese into words with Intl.Segmenter (bigrams where it is missing), and
// `highlight(text, query)` marks the hits as DOM text nodes (never HTML parsing of the text).
import {html} from "npm:htl";

export function normalize(text) {
  return String(text ?? "").normalize("NFKC").toLowerCase().replace(/\s+/g, " ").trim();
}

export function terms(query) {
  return normalize(query).split(" ").filter(Boolean);
}

function bigrams(text) {
  const chars = Array.from(text);
  const out = new Set();
  for (let i = 0; i + 1 < chars.length; i++) if (chars[i] !== " " && chars[i + 1] !== " ") out.add(chars[i] + chars[i + 1]);
  return out;
}

/** An index over documents: `new TextIndex(rows, (d) => d.text).search("公开 网站")` → matching rows. */
export class TextIndex {
  constructor(docs, text) {
    this.docs = Array.from(docs);
    this.texts = this.docs.map((d) => normalize(text(d)));
    this.postings = new Map();
    this.texts.forEach((t, i) => {
      for (const g of bigrams(t)) {
        let list = this.postings.get(g);
        if (!list) this.postings.set(g, (list = []));
        list.push(i);
      }
    });
  }
  /** Indices of the documents matching every term of the query (all when the query is empty). */
  searchIndices(query) {
    const ts = terms(query);
    if (!ts.length) return this.docs.map((_, i) => i);
    let candidates = null;
    for (const t of ts) {
      for (const g of bigrams(t)) {
        const list = this.postings.get(g) ?? [];
        if (candidates) {
          const set = new Set(list);
          candidates = candidates.filter((i) => set.has(i));
        } else candidates = list.slice();
        if (!candidates.length) return [];
      }
    }
    const pool = candidates ?? this.docs.map((_, i) => i); // one-character terms: check every document
    return pool.filter((i) => ts.every((t) => this.texts[i].includes(t)));
  }
  search(query) {
    return this.searchIndices(query).map((i) => this.docs[i]);
  }
}

/** Does the text contain every term of the query? (No index: for one-off checks.) */
export function matches(text, query) {
  const t = normalize(text);
  return terms(query).every((q) => t.includes(q));
}

/**
 * The text as a fragment with every hit of the query's terms in <mark>. The text stays text (htl
 * interpolation creates text nodes), so markup inside it is shown, never run.
 */
export function highlight(text, query) {
  text = String(text ?? "");
  const ts = terms(query);
  if (!ts.length) return html`${text}`;
  // Match on the NFKC/lower-cased text; map positions back through a per-character normalization.
  const chars = Array.from(text);
  const normChars = chars.map((c) => c.normalize("NFKC").toLowerCase());
  const flat = normChars.join("");
  const starts = [];
  let pos = 0;
  for (const c of normChars) starts.push(pos), (pos += c.length);
  const hit = new Uint8Array(chars.length);
  for (const t of ts) {
    let k = 0;
    for (let i = flat.indexOf(t); i >= 0; i = flat.indexOf(t, i + 1)) {
      while (k < chars.length && starts[k] < i) k++;
      for (let j = k; j < chars.length && starts[j] < i + t.length; j++) hit[j] = 1;
    }
  }
  const parts = [];
  let run = "", marked = hit[0] === 1;
  chars.forEach((c, k) => {
    if ((hit[k] === 1) !== marked) parts.push(marked ? html`<mark>${run}</mark>` : run), (run = ""), (marked = hit[k] === 1);
    run += c;
  });
  parts.push(marked ? html`<mark>${run}</mark>` : run);
  return html`${parts}`;
}

/** Short excerpt around the first hit (or the start), as plain text. */
export function excerpt(text, query, size = 160) {
  text = String(text ?? "");
  const t = terms(query)[0];
  const i = t ? normalize(text).indexOf(t) : -1;
  if (text.length <= size) return text;
  const start = Math.max(0, Math.min(text.length - size, i < 0 ? 0 : i - size / 3));
  return `${start > 0 ? "…" : ""}${text.slice(start, start + size)}${start + size < text.length ? "…" : ""}`;
}

const segmenter = typeof Intl !== "undefined" && Intl.Segmenter ? new Intl.Segmenter("zh", {granularity: "word"}) : null;

/** Words of a Chinese text (Intl.Segmenter; bigrams where it is unavailable), punctuation dropped. */
export function words(text) {
  text = normalize(text);
  if (segmenter) return Array.from(segmenter.segment(text), (s) => (s.isWordLike ? s.segment : null)).filter((w) => w && !/^\d+$/.test(w));
  return Array.from(bigrams(text.replace(/[^\p{L}]/gu, " ")));
}
