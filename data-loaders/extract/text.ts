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
  let start = 0, end = s.length;
  while (start < end && isSpace(s.charCodeAt(start))) start++;
  while (end > start && isSpace(s.charCodeAt(end - 1))) end--;
  if (isClean(s, start, end)) return end - start === s.length ? s : s.slice(start, end);
  return collapse(SCRUBBED.test(s) ? scrub(s).text : s);
}

/** JavaScript's \s (and what trim() removes), one UTF-16 unit. */
export function isSpace(c: number): boolean {
  return c === 32 || (c >= 9 && c <= 13) || c === 0xa0 || c === 0x1680 || (c >= 0x2000 && c <= 0x200a)
    || c === 0x2028 || c === 0x2029 || c === 0x202f || c === 0x205f || c === 0x3000 || c === 0xfeff;
}

/** A–Z or a–z, one UTF-16 unit. */
export const isAsciiLetter = (c: number): boolean => (c >= 65 && c <= 90) || (c >= 97 && c <= 122);

/** Whether `s` holds a character that is not white space (the regex \S). */
export function hasNonSpace(s: string): boolean {
  for (let i = 0; i < s.length; i++) if (!isSpace(s.charCodeAt(i))) return true;
  return false;
}

/**
 * Whether cellText gives `s.slice(start, end)` (white space trimmed off both ends) back unchanged:
 * no character scrub changes and no white space other than single spaces between words. Most
 * cells and lines are so, and a loop over a short string costs less than the three regex passes.
 * (Trimming first is exact: at either end, scrub's space for a control character and its removal
 * of an invisible one are trimmed away too; such characters inside are not clean.)
 */
function isClean(s: string, start: number, end: number): boolean {
  let afterSpace = false; // s[start] is not white space
  for (let i = start; i < end; i++) {
    const c = s.charCodeAt(i);
    if (c === 32) {
      if (afterSpace) return false;
      afterSpace = true;
    } else if (c < 0x80 ? c < 32 || c === 0x7f : !isHan(c) && (isSpace(c) || isInvisible(c))) {
      return false;
    } else {
      afterSpace = false;
    }
  }
  return true;
}

/** CJK ideographs (U+3400–U+9FFF), most of a report's text: neither space nor invisible. */
const isHan = (c: number): boolean => c >= 0x3400 && c < 0xa000;

/** What scrub() drops: zero-width space and joiners, word joiner, BOM, soft hyphen. */
const isInvisible = (c: number): boolean => (c >= 0x200b && c <= 0x200d) || c === 0x2060 || c === 0xfeff || c === 0xad;

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
