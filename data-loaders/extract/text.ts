/**
 * Character-level cleaning shared by the extractors: what may not reach delimited text.
 *
 * - C0 control characters (other than "\n" and "\t") become a space: U+001F/U+001E are the
 *   document's own delimiters and must never come from the source.
 * - Invisible format characters (zero-width space/joiners, BOM, soft hyphen) are removed.
 * - Unicode spaces (NBSP U+00A0, ideographic space U+3000, en/em spaces…) count as whitespace:
 *   JavaScript's \s already matches them.
 */

const CONTROL = /[\u0000-\u0008\u000B-\u001F\u007F]/g;
const INVISIBLE = /[\u200B-\u200D\u2060\uFEFF\u00AD]/g;
const SPACE_RUN = /\s+/g;

/** Replace control characters by a space and drop invisible ones; counts what it replaced. */
export function scrub(s: string): { text: string; controls: number } {
  let controls = 0;
  const text = s.replace(CONTROL, () => (controls++, " ")).replace(INVISIBLE, "");
  return { text, controls };
}

/** Collapse every whitespace run (incl. NBSP, U+3000, newlines, tabs) to one space, and trim. */
export function collapse(s: string): string {
  return s.replace(SPACE_RUN, " ").trim();
}

/** The characters scrub() changes: without any, scrub is the identity (and its two passes are spared). */
const SCRUBBED = /[\u0000-\u0008\u000B-\u001F\u007F\u200B-\u200D\u2060\uFEFF\u00AD]/;

/** One table cell's text (or one line's): scrubbed, whitespace collapsed, trimmed; never contains "\n". */
export function cellText(s: string): string {
  return collapse(SCRUBBED.test(s) ? scrub(s).text : s);
}

/** `s.slice(from, to).toLowerCase()`, sparing the lower-casing (a runtime call and a second
 * string) when the slice is lower-case ASCII already, as nearly every tag and attribute name is. */
export function lowerSlice(s: string, from: number, to: number): string {
  const slice = s.slice(from, to);
  for (let i = from; i < to; i++) {
    const c = s.charCodeAt(i);
    if ((c >= 65 && c <= 90) || c > 127) return slice.toLowerCase();
  }
  return slice;
}
