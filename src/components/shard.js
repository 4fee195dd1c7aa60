// Shard keys shared by the loaders (src/data/agency/[archive].tar.ts, src/data/agency-search.tar.ts) and
// the pages (src/components/agency-shards.js): plain JS, no imports, so that tsx and the browser run the same code.
//
// Agency data: 1,024 shards keyed by the agency id (12 hex digits, src/data/lib/warehouse.ts AGENCY_ID):
// shard = the first 3 hex digits >> 2 ("000"…"3ff"); the shards live in 32 archives ("00"…"1f"), 32 per archive,
// so that the build streams each archive only 32 times (Framework extracts a member by reading the tar from its start).
// Name search: 256 shards keyed by a character bigram of the name (FNV-1a of its UTF-16 code units, mod 256).

export const AGENCY_SHARDS = 1024;
export const SHARDS_PER_ARCHIVE = 32;
export const SEARCH_SHARDS = 256;

const hex = (n, width) => n.toString(16).padStart(width, "0");

/** "3a7" (shard of agency id "e9c…") → {shard: "3a7", archive: "1d"}. */
export function agencyShard(id) {
  const n = parseInt(String(id).slice(0, 3), 16) >> 2;
  return {shard: hex(n, 3), archive: hex(Math.floor(n / SHARDS_PER_ARCHIVE), 2)};
}

/** Search shard ("00"…"ff") of a bigram. */
export function bigramShard(gram) {
  let h = 0x811c9dc5;
  for (let i = 0; i < gram.length; i++) {
    h ^= gram.charCodeAt(i);
    h = Math.imul(h, 0x01000193) >>> 0;
  }
  return hex(h % SEARCH_SHARDS, 2);
}

/** The same normalization as src/components/search.js (NFKC, lower case, collapsed spaces). */
export function normalizeName(text) {
  return String(text ?? "").normalize("NFKC").toLowerCase().replace(/\s+/g, " ").trim();
}

/** Distinct bigrams of a normalized text (pairs of consecutive non-space characters). */
export function nameBigrams(text) {
  const chars = Array.from(text);
  const out = new Set();
  for (let i = 0; i + 1 < chars.length; i++) if (chars[i] !== " " && chars[i + 1] !== " ") out.add(chars[i] + chars[i + 1]);
  return [...out];
}
