/**
 * The element rules of HTML extraction, shared by the DOM walk (html.ts, also docx's table path)
 * and the streaming pass (html-stream.ts): which elements are dropped, which end a paragraph, the
 * span guards, and the preparation of the markup before htmlparser2 sees it.
 */
import { finding, type Finding } from "../document.ts";
import { Buffer } from "node:buffer";
import { capDepth, mayOpenAt } from "./depth.ts";
import { plainUtf8Text } from "./encoding.ts";

/** Elements whose content is dropped (<head> only gives meta). */
export const SKIP = new Set(["script", "style", "noscript", "iframe", "frame", "frameset", "template", "svg", "math", "object", "embed", "canvas", "select", "textarea", "button", "head"]);
/** Elements that end a paragraph (and join with a space inside a cell). */
export const BLOCK = new Set([
  "address", "article", "aside", "blockquote", "body", "caption", "center", "dd", "details", "dialog", "div", "dl", "dt",
  "fieldset", "figcaption", "figure", "footer", "form", "h1", "h2", "h3", "h4", "h5", "h6", "header", "hr", "html", "li",
  "main", "menu", "nav", "ol", "p", "pre", "section", "summary", "table", "tbody", "td", "tfoot", "th", "thead", "tr", "ul",
]);
export const MAX_SPAN = 1000; // rowspan/colspan beyond this are markup errors
export const MAX_REPEATS = 100_000; // cells a table may gain by rowspan repetition
export const MAX_DEPTH = 1000; // container nesting kept before parsing (see depth.ts)

/** htmlparser2's options, the same for both passes. */
export const PARSER_OPTIONS = { decodeEntities: true, lowerCaseTags: true, lowerCaseAttributeNames: true } as const;

/** A cell's rowspan or colspan attribute: 1 when absent or invalid, capped at MAX_SPAN; rowspan=0 spans to the table's end. */
export function span(attribs: Record<string, string>, name: "rowspan" | "colspan"): number {
  const raw = attribs[name];
  if (raw === undefined) return 1;
  const n = parseInt(raw, 10);
  if (name === "rowspan" && n === 0) return MAX_SPAN; // "to the end of the table"
  return Number.isFinite(n) && n >= 1 ? Math.min(n, MAX_SPAN) : 1;
}

/** Scripts, styles and comments are dropped anyway: cutting them before the parse saves a third
 * of the work on real pages (their chrome is mostly script). An unclosed one is left to the parser. */
const INERT = /<script\b[^>]*>[\s\S]*?<\/script\s*>|<style\b[^>]*>[\s\S]*?<\/style\s*>|<!--[\s\S]*?-->/gi;

/** The markup to parse: inert blocks cut, container tags nested deeper than MAX_DEPTH dropped (with a finding). */
export function prepareHtml(html: string): { html: string; findings: Finding[] } {
  return capNesting(html.replace(INERT, " "));
}

/**
 * prepareHtml(decodeText(bytes).text) for a page that isPlainUtf8, the inert blocks cut from the
 * bytes before they are decoded: the decoder then makes one string of the markup kept instead of
 * one of the whole page that INERT copies again (a string over 128 KB costs V8 ~0.2 ms).
 */
export function prepareUtf8Html(bytes: Uint8Array): { html: string; findings: Finding[] } {
  const { kept, opens } = cutInertUtf8(bytes);
  return capNesting(plainUtf8Text(kept), opens);
}

/** capDepth, given its count of opening tags when the caller made it (see capDepth). */
function capNesting(html: string, opens?: number): { html: string; findings: Finding[] } {
  const { html: safe, capped } = capDepth(html, MAX_DEPTH, opens);
  const findings = capped ? [finding("html_too_deep", "warning", `markup nested deeper than ${MAX_DEPTH} levels: ${capped} tags dropped (their text is kept)`)] : [];
  return { html: safe, findings };
}

/*
 * INERT on the bytes of valid UTF-8. The two agree because every character INERT names is ASCII,
 * and in UTF-8 an ASCII byte is always that character (the bytes of other characters are 0x80 and
 * above): a match starts at the same "<" and ends at the same ">". What INERT matches in any
 * character, [^>] and [\s\S], is then any byte; \b after the name sees a non-word character
 * either way; only \s must also know the multi-byte spaces. Cutting before "\r\n" becomes "\n" is
 * the same too: "\r" and "\n" are both \s and [^>], and no line break spans a cut's "<" or ">".
 */
const LT = 0x3c, GT = 0x3e, SLASH = 0x2f, BANG = 0x21, DASH = 0x2d;
/** The characters besides ASCII's \t \n \v \f \r and " " that JavaScript's \s matches, in UTF-8. */
const WIDE_SPACES = [
  "\u00a0", "\u1680", "\u2000", "\u2001", "\u2002", "\u2003", "\u2004", "\u2005", "\u2006", "\u2007", "\u2008", "\u2009", "\u200a",
  "\u2028", "\u2029", "\u202f", "\u205f", "\u3000", "\ufeff",
].map((c) => Buffer.from(c));

const isWordByte = (c: number): boolean => (c >= 48 && c <= 57) || (c >= 65 && c <= 90) || (c >= 97 && c <= 122) || c === 95;

/** Whether `name` (lower-case letters) is at `i` in any case. */
function nameAt(b: Buffer, i: number, name: string): boolean {
  for (let k = 0; k < name.length; k++) if ((b[i + k] | 0x20) !== name.charCodeAt(k)) return false;
  return true;
}

function bytesAt(b: Buffer, i: number, s: Buffer): boolean {
  for (let k = 0; k < s.length; k++) if (b[i + k] !== s[k]) return false;
  return true;
}

/** Past the run of \s characters starting at `i`. */
function skipSpaces(b: Buffer, i: number): number {
  for (;;) {
    const c = b[i];
    if (c === 32 || (c >= 9 && c <= 13)) {
      i++;
      continue;
    }
    const wide = c >= 0x80 ? WIDE_SPACES.find((s) => bytesAt(b, i, s)) : undefined;
    if (!wide) return i;
    i += wide.length;
  }
}

/**
 * The end of `<name\b[^>]*>[\s\S]*?<\/name\s*>` matched at `lt`, or -1. `unclosed` holds the
 * names whose closing tag was already looked for up to the end in vain: a later block cannot find
 * one either, and looking again would make a page of unclosed blocks cost its length squared.
 */
function elementEnd(b: Buffer, lt: number, name: string, unclosed: Set<string>): number {
  const after = lt + 1 + name.length;
  if (!nameAt(b, lt + 1, name) || isWordByte(b[after]) || unclosed.has(name)) return -1;
  const gt = b.indexOf(GT, after);
  if (gt < 0) return -1;
  for (let close = b.indexOf(LT, gt + 1); close >= 0; close = b.indexOf(LT, close + 1)) {
    if (b[close + 1] !== SLASH || !nameAt(b, close + 2, name)) continue;
    const end = skipSpaces(b, close + 2 + name.length);
    if (b[end] === GT) return end + 1;
  }
  unclosed.add(name);
  return -1;
}

/** The end of INERT's match at the "<" at `lt`, or -1. At most one of its alternatives can match
 * there (they differ in the first or second byte after "<"), so their order does not matter. */
function inertEnd(b: Buffer, lt: number, unclosed: Set<string>): number {
  if (b[lt + 1] === BANG) {
    if (b[lt + 2] !== DASH || b[lt + 3] !== DASH || unclosed.has("-->")) return -1;
    const close = b.indexOf("-->", lt + 4);
    if (close < 0) unclosed.add("-->");
    return close < 0 ? -1 : close + 3;
  }
  if ((b[lt + 1] | 0x20) !== 0x73) return -1; // "s"
  const end = elementEnd(b, lt, "script", unclosed);
  return end >= 0 ? end : elementEnd(b, lt, "style", unclosed);
}

/**
 * Valid UTF-8 with every INERT match replaced by " " (the same bytes when none), and the count of
 * the "<" kept that may open a tag capDepth counts (mayOpenAt): this loop visits them all anyway.
 */
export function cutInertUtf8(bytes: Uint8Array): { kept: Uint8Array; opens: number } {
  const b = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const cuts: [number, number][] = [];
  const unclosed = new Set<string>();
  let opens = 0;
  // every "<" in turn: memchr finds one in ~20 ns, where a search for "<s" or "</" costs ~300 ns
  for (let lt = b.indexOf(LT); lt >= 0; ) {
    const end = inertEnd(b, lt, unclosed);
    if (end < 0) {
      if (mayOpenAt(bytes, lt)) opens++;
      lt = b.indexOf(LT, lt + 1);
    } else {
      cuts.push([lt, end]);
      lt = b.indexOf(LT, end);
    }
  }
  return { kept: cuts.length ? replaceWithSpaces(bytes, cuts) : bytes, opens };
}

function replaceWithSpaces(bytes: Uint8Array, cuts: [number, number][]): Uint8Array {
  let size = bytes.length;
  for (const [start, end] of cuts) size -= end - start - 1;
  const out = new Uint8Array(size);
  let from = 0, at = 0;
  for (const [start, end] of cuts) {
    out.set(bytes.subarray(from, start), at);
    at += start - from;
    out[at++] = 0x20;
    from = end;
  }
  out.set(bytes.subarray(from), at);
  return out;
}

export const tableTooLarge = (): Finding =>
  finding("table_too_large", "warning", `a table's rowspans repeat more than ${MAX_REPEATS} cells; the rest are not repeated`);
