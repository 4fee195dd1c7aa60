/**
 * A guard against deeply nested HTML before it is parsed. htmlparser2 keeps its open-element stack
 * with Array#unshift, so parsing costs depth² (40 000 nested <div>s take seconds). This linear
 * scan estimates the nesting of container tags and, beyond `max`, drops the excess tags (their
 * text stays). Tags HTML closes implicitly (p, li, td, tr…) and void tags do not count. Most
 * pages cannot reach `max` at all, which a count of their opening tags shows for less.
 */
import { isAsciiLetter, isSpace, lowerSlice } from "./text.ts";

const NOT_COUNTED = new Set([
  "p", "li", "dt", "dd", "td", "th", "tr", "tbody", "thead", "tfoot", "option", "optgroup", "colgroup", "caption", "rb", "rt", "rp",
  "area", "base", "br", "col", "embed", "hr", "img", "input", "keygen", "link", "meta", "param", "source", "track", "wbr", "basefont", "frame", "isindex",
]);
const RAW = new Set(["script", "style", "textarea", "title", "xmp", "plaintext", "noscript", "iframe"]);

/** The regex class [\s/>] (JavaScript's \s), tested without a regex: this scan runs over every
 * character of every tag name of a page. */
const endsTagName = (c: number): boolean => c === 47 || c === 62 || isSpace(c);

/** Where the closing tag of a raw-text element starts (case-insensitive), or -1. */
function findClose(html: string, name: string, from: number): number {
  for (let i = html.indexOf("</", from); i >= 0; i = html.indexOf("</", i + 2)) {
    if (html.slice(i + 2, i + 2 + name.length).toLowerCase() === name) return i;
  }
  return -1;
}

/**
 * "<" then a letter, unless the name that follows is one of NOT_COUNTED (any ASCII case) ended as
 * the scan ends a name. Every tag the scan counts as an opening one matches here, so the number of
 * matches bounds the depth the scan can reach. (Without the u flag, /i matches an ASCII letter
 * only with an ASCII letter, and \s is the scan's isSpace.)
 */
const MAYBE_COUNTED_OPEN = new RegExp(`<(?!(?:${[...NOT_COUNTED].join("|")})[\\s/>])[A-Za-z]`, "gi");

/** The number of MAYBE_COUNTED_OPEN matches, counted up to max + 1. Ordinary pages have a few
 * hundred; counting them with a regex costs a quarter of the scan. */
function countOpens(html: string, max: number): number {
  MAYBE_COUNTED_OPEN.lastIndex = 0;
  let opens = 0;
  while (opens <= max && MAYBE_COUNTED_OPEN.test(html)) opens++;
  MAYBE_COUNTED_OPEN.lastIndex = 0;
  return opens;
}

/** NOT_COUNTED by the code of their first letter (an array: a Map's get costs more than the rest of mayOpenAt). */
const UNCOUNTED_BY_FIRST: string[][] = [];
for (const name of NOT_COUNTED) (UNCOUNTED_BY_FIRST[name.charCodeAt(0)] ??= []).push(name);

/** Whether `name` (lower-case ASCII) is at `i` in any case and ends there (white space, "/", ">"). */
function uncountedAt(b: Uint8Array, i: number, name: string): boolean {
  for (let k = 0; k < name.length; k++) if ((b[i + k] | 0x20) !== name.charCodeAt(k)) return false;
  const c = b[i + name.length];
  return c === 47 || c === 62 || c === 32 || (c >= 9 && c <= 13);
}

/**
 * MAYBE_COUNTED_OPEN at the "<" at `lt` in UTF-8 bytes, for a caller that visits every "<" of a
 * page anyway and passes the count to capDepth. Only ASCII white space ends a name here, so a tag
 * like "<p\u3000>" counts where the regex skips it: the count can only be larger, still a bound.
 */
export function mayOpenAt(b: Uint8Array, lt: number): boolean {
  if (!isAsciiLetter(b[lt + 1])) return false;
  const names = UNCOUNTED_BY_FIRST[b[lt + 1] | 0x20]; // the letter in lower case
  if (names) for (const name of names) if (uncountedAt(b, lt + 1, name)) return false;
  return true;
}

/**
 * The HTML with container tags nested deeper than `max` removed, and whether any were. `opens` is
 * at least the number of tags that may count as opening ones (MAYBE_COUNTED_OPEN, mayOpenAt):
 * the depth cannot exceed it, so the scan is needed only when it exceeds `max`.
 */
export function capDepth(html: string, max = 1000, opens = countOpens(html, max)): { html: string; capped: number } {
  if (opens <= max) return { html, capped: 0 };
  return scanDepth(html, max);
}

/** capDepth's scan over every tag. */
export function scanDepth(html: string, max: number): { html: string; capped: number } {
  const drop: [number, number][] = [];
  const lastGt = html.lastIndexOf(">"); // a tag must end before it
  let depth = 0;
  for (let i = html.indexOf("<"); i >= 0; i = html.indexOf("<", i + 1)) {
    if (html.charCodeAt(i + 1) === 33 && html.startsWith("<!--", i)) { // "!": most "<" start a tag
      const end = html.indexOf("-->", i + 4);
      if (end < 0) break;
      i = end + 2;
      continue;
    }
    // a tag: "<", an optional "/", a letter, the name up to white space, "/" or ">", then up to ">"
    const start = i;
    const close = html.charCodeAt(i + 1) === 47;
    const from = close ? i + 2 : i + 1;
    if (!isAsciiLetter(html.charCodeAt(from))) continue;
    let to = from + 1;
    while (to < html.length && !endsTagName(html.charCodeAt(to))) to++;
    if (to > lastGt) continue;
    const gt = html.indexOf(">", to);
    const name = lowerSlice(html, from, to);
    const selfClosing = html.charCodeAt(gt - 1) === 47;
    i = gt;
    if (RAW.has(name)) {
      if (close || selfClosing) continue;
      const end = findClose(html, name, gt + 1);
      if (end < 0) break;
      i = end - 1; // its closing tag is read next round (and not counted)
      continue;
    }
    if (NOT_COUNTED.has(name) || selfClosing) continue;
    if (close) {
      if (depth > max) drop.push([start, gt + 1]);
      if (depth > 0) depth--;
    } else {
      depth++;
      if (depth > max) drop.push([start, gt + 1]);
    }
  }
  if (!drop.length) return { html, capped: 0 };
  const parts: string[] = [];
  let from = 0;
  for (const [s, e] of drop) {
    parts.push(html.slice(from, s));
    from = e;
  }
  parts.push(html.slice(from));
  return { html: parts.join(""), capped: drop.length };
}
