/**
 * The element rules of HTML extraction, shared by the DOM walk (html.ts, also docx's table path)
 * and the streaming pass (html-stream.ts): which elements are dropped, which end a paragraph, the
 * span guards, and the preparation of the markup before htmlparser2 sees it.
 */
import { finding, type Finding } from "../document.ts";
import { capDepth } from "./depth.ts";

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
  const { html: safe, capped } = capDepth(html.replace(INERT, " "), MAX_DEPTH);
  const findings = capped ? [finding("html_too_deep", "warning", `markup nested deeper than ${MAX_DEPTH} levels: ${capped} tags dropped (their text is kept)`)] : [];
  return { html: safe, findings };
}

export const tableTooLarge = (): Finding =>
  finding("table_too_large", "warning", `a table's rowspans repeat more than ${MAX_REPEATS} cells; the rest are not repeated`);
