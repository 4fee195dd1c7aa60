/**
 * HTML to delimited text (htmlparser2). Also the table path of docx (mammoth's HTML).
 *
 * - script/style/noscript/iframe/template/svg/select and <head> are dropped; <head> only gives meta.
 * - Block elements (p, div, br, li, h1–h6, tr, td…) end a paragraph: "\n".
 * - A data table: each row ends with ROW, each cell with CELL, and the table with "\n".
 *   rowspan=N repeats the cell into the N-1 following rows at its column position (values that
 *   span rows are the same value for each row); colspan=N emits the cell once.
 * - Cell text: whitespace collapsed (incl. &nbsp;, U+3000, <br>, nested <p>/<div>, which join
 *   with a single space), so "自 然 人", "商业<br>企业" and one-character-per-<p> labels stay one cell.
 * - A table holding another table is a layout table: its cells are plain blocks and only the
 *   innermost tables are data tables.
 * Every walk is iterative (explicit stack), so deeply nested markup cannot overflow the call stack.
 */
import { parseDocument } from "htmlparser2";
import type { AnyNode, Document, Element } from "domhandler";
import { CELL, ROW, finding, type DocumentMeta, type Finding, type Result, type SourceDocument } from "../document.ts";
import { capDepth } from "./depth.ts";
import { decodeFinding, decodeText } from "./encoding.ts";
import { unreadable } from "./failure.ts";
import { isoDate, publishedIn, publisherIn, titleFromLines } from "./meta.ts";
import { cellText, collapse, scrub } from "./text.ts";

const SKIP = new Set(["script", "style", "noscript", "iframe", "frame", "frameset", "template", "svg", "math", "object", "embed", "canvas", "select", "textarea", "button", "head"]);
const BLOCK = new Set([
  "address", "article", "aside", "blockquote", "body", "caption", "center", "dd", "details", "dialog", "div", "dl", "dt",
  "fieldset", "figcaption", "figure", "footer", "form", "h1", "h2", "h3", "h4", "h5", "h6", "header", "hr", "html", "li",
  "main", "menu", "nav", "ol", "p", "pre", "section", "summary", "table", "tbody", "td", "tfoot", "th", "thead", "tr", "ul",
]);
const MAX_SPAN = 1000; // rowspan/colspan beyond this are markup errors
const MAX_REPEATS = 100_000; // cells a table may gain by rowspan repetition
const MAX_DEPTH = 1000; // container nesting kept before parsing (see depth.ts)

type Node = AnyNode;

function isElement(n: Node): n is Element {
  return n.type === "tag" || n.type === "script" || n.type === "style";
}

function children(n: Node): Node[] {
  return "children" in n ? (n.children as Node[]) : [];
}

function span(el: Element, name: "rowspan" | "colspan"): number {
  const raw = el.attribs[name];
  if (raw === undefined) return 1;
  const n = parseInt(raw, 10);
  if (name === "rowspan" && n === 0) return MAX_SPAN; // "to the end of the table"
  return Number.isFinite(n) && n >= 1 ? Math.min(n, MAX_SPAN) : 1;
}

/** Text of an element's subtree, blocks and <br> joined by single spaces, whitespace collapsed. */
function textOf(root: Node): string {
  const parts: string[] = [];
  const stack: Node[] = [root];
  while (stack.length) {
    const n = stack.pop()!;
    if (n.type === "text") {
      parts.push((n as unknown as { data: string }).data);
      continue;
    }
    if (!isElement(n) && n !== root && n.type !== "cdata") continue;
    if (isElement(n)) {
      const name = n.name.toLowerCase();
      if (n !== root && SKIP.has(name)) continue;
      if (name === "br" || BLOCK.has(name)) parts.push(" ");
    }
    const kids = children(n);
    for (let i = kids.length - 1; i >= 0; i--) stack.push(kids[i]);
  }
  return cellText(parts.join(""));
}

/** Elements named `names` under `root` (not root itself), not descending into matches. */
function findAll(root: Node, names: Set<string>): Element[] {
  const found: Element[] = [];
  const stack: Node[] = [...children(root)].reverse();
  while (stack.length) {
    const n = stack.pop()!;
    if (!isElement(n)) continue;
    if (names.has(n.name.toLowerCase())) {
      found.push(n);
      continue;
    }
    const kids = children(n);
    for (let i = kids.length - 1; i >= 0; i--) stack.push(kids[i]);
  }
  return found;
}

const TR = new Set(["tr"]);
const CELLS = new Set(["td", "th"]);
const CAPTION = new Set(["caption"]);

interface SourceCell { text: string; rowspan: number; colspan: number }
interface Spanning { col: number; width: number; text: string; left: number }

/**
 * The rows of a data table as cell texts, with rowspan cells repeated into the rows they span
 * (at their grid column) and colspan cells emitted once. Rows without cells of their own are
 * dropped (they still use up the rows a rowspan covers).
 */
export function tableRows(rows: SourceCell[][], maxRepeats = MAX_REPEATS): { rows: string[][]; capped: boolean } {
  const out: string[][] = [];
  let pending: Spanning[] = [];
  let repeats = 0, capped = false;
  for (const row of rows) {
    if (repeats > maxRepeats) {
      capped ||= pending.length > 0;
      pending = [];
    }
    const active = pending;
    pending = [];
    const cells: string[] = [];
    let col = 0, k = 0;
    const carry = (s: Spanning) => {
      cells.push(s.text);
      repeats++;
      col = Math.max(col, s.col + s.width);
      if (s.left > 1) pending.push({ ...s, left: s.left - 1 });
    };
    for (const c of row) {
      while (k < active.length && active[k].col <= col) carry(active[k++]);
      cells.push(c.text);
      if (c.rowspan > 1) pending.push({ col, width: c.colspan, text: c.text, left: c.rowspan - 1 });
      col += c.colspan;
    }
    while (k < active.length) carry(active[k++]);
    pending.sort((a, b) => a.col - b.col);
    if (row.length) out.push(cells);
  }
  return { rows: out, capped };
}

function readTable(table: Element): { caption: string; rows: string[][]; capped: boolean } {
  const caption = findAll(table, CAPTION).map(textOf).filter(Boolean).join(" ");
  const trs = findAll(table, TR);
  const source: SourceCell[][] = trs.map((tr) =>
    findAll(tr, CELLS).map((td) => ({ text: textOf(td), rowspan: span(td, "rowspan"), colspan: span(td, "colspan") })),
  );
  if (!trs.length) {
    // cells with no <tr> around them: one row
    const tds = findAll(table, CELLS);
    if (tds.length) source.push(tds.map((td) => ({ text: textOf(td), rowspan: 1, colspan: span(td, "colspan") })));
  }
  return { caption, ...tableRows(source) };
}

/** Tables that contain another table: layout tables, rendered as plain blocks. */
function layoutTables(doc: Node): Set<Element> {
  const layout = new Set<Element>();
  const stack: Node[] = [doc];
  while (stack.length) {
    const n = stack.pop()!;
    if (isElement(n) && n.name.toLowerCase() === "table") {
      for (let p = n.parent; p; p = p.parent) {
        if (p.type === "tag" && (p as Element).name.toLowerCase() === "table") {
          layout.add(p as Element);
          break;
        }
      }
    }
    const kids = children(n);
    for (let i = kids.length - 1; i >= 0; i--) stack.push(kids[i]);
  }
  return layout;
}

class Output {
  private parts: string[] = [];
  private line: string[] = [];
  tables = 0;
  inline(s: string): void {
    this.line.push(s);
  }
  flush(): void {
    if (!this.line.length) return;
    const t = collapse(scrub(this.line.join("")).text);
    this.line = [];
    if (t) this.parts.push(t + "\n");
  }
  table(caption: string, rows: string[][]): void {
    this.flush();
    if (caption) this.parts.push(caption + "\n");
    if (!rows.length) return;
    this.tables++;
    for (const r of rows) this.parts.push(r.map((c) => c + CELL).join("") + ROW);
    this.parts.push("\n");
  }
  toString(): string {
    this.flush();
    return this.parts.join("");
  }
}

interface HeadMeta { title: string | null; metas: Map<string, string> }

function readMeta(el: Element, head: HeadMeta): void {
  const name = el.name.toLowerCase();
  if (name === "title") {
    head.title ??= textOf(el) || null;
  } else if (name === "meta") {
    const key = (el.attribs.name ?? el.attribs.property ?? el.attribs["http-equiv"] ?? "").toLowerCase();
    const content = el.attribs.content;
    if (key && content !== undefined && !head.metas.has(key)) head.metas.set(key, collapse(content));
  }
}

export interface HtmlText {
  text: string;
  meta: DocumentMeta;
  /** data tables emitted */
  tables: number;
  findings: Finding[];
}

/** The page title without its site suffix ("报告_政府信息公开年报_某网站" → "报告"). */
function cleanTitle(title: string | null): string | null {
  if (!title) return null;
  const parts = title.split(/\s*(?:_|\||｜| - | — )\s*/).filter(Boolean);
  return parts.find((p) => p.includes("报告")) ?? parts[0] ?? null;
}

function firstMeta(metas: Map<string, string>, keys: string[]): string | null {
  for (const k of keys) {
    const v = metas.get(k);
    if (v) return v;
  }
  return null;
}

/** Parsed HTML (a page, or mammoth's output for a docx) to delimited text plus meta. */
export function htmlToDelimited(doc: Document): HtmlText {
  const layout = layoutTables(doc);
  const out = new Output();
  const findings: Finding[] = [];
  const head: HeadMeta = { title: null, metas: new Map() };
  const stack: (Node | null)[] = [...children(doc)].reverse(); // null: end of a block
  while (stack.length) {
    const n = stack.pop()!;
    if (n === null) {
      out.flush();
      continue;
    }
    if (n.type === "text") {
      out.inline((n as unknown as { data: string }).data);
      continue;
    }
    if (!isElement(n)) {
      if (n.type === "cdata") for (let i = children(n).length - 1; i >= 0; i--) stack.push(children(n)[i]);
      continue;
    }
    const name = n.name.toLowerCase();
    if (name === "head") {
      for (const el of findAll(n, new Set(["title", "meta"]))) readMeta(el, head);
      continue;
    }
    if (name === "title" || name === "meta") {
      readMeta(n, head);
      continue;
    }
    if (SKIP.has(name)) continue;
    if (name === "br") {
      out.flush();
      continue;
    }
    if (name === "table" && !layout.has(n)) {
      const { caption, rows, capped } = readTable(n);
      if (capped) findings.push(finding("table_too_large", "warning", `a table's rowspans repeat more than ${MAX_REPEATS} cells; the rest are not repeated`));
      out.table(caption, rows);
      continue;
    }
    if (BLOCK.has(name)) {
      out.flush();
      stack.push(null);
    }
    const kids = children(n);
    for (let i = kids.length - 1; i >= 0; i--) stack.push(kids[i]);
  }
  const text = out.toString();
  const top = text.slice(0, 20000);
  const m = head.metas;
  const meta: DocumentMeta = {
    title: firstMeta(m, ["articletitle", "og:title", "dc.title"]) ?? cleanTitle(head.title) ?? titleFromLines(top.split("\n", 40)),
    published: isoDate(firstMeta(m, ["pubdate", "publishdate", "firstpublishedtime", "article:published_time", "dc.date"])) ?? publishedIn(top),
    publisher: firstMeta(m, ["contentsource", "source", "dc.publisher"]) ?? publisherIn(top),
  };
  return { text, meta, tables: out.tables, findings };
}

/** Parse HTML text, first dropping container tags nested deeper than MAX_DEPTH (with a finding). */
/** Scripts, styles and comments are dropped anyway: cutting them before the parse saves a third
 * of the work on real pages (their chrome is mostly script). An unclosed one is left to the parser. */
const INERT = /<script\b[^>]*>[\s\S]*?<\/script\s*>|<style\b[^>]*>[\s\S]*?<\/style\s*>|<!--[\s\S]*?-->/gi;

export function parseHtml(html: string): { doc: Document; findings: Finding[] } {
  const { html: safe, capped } = capDepth(html.replace(INERT, " "), MAX_DEPTH);
  const findings = capped ? [finding("html_too_deep", "warning", `markup nested deeper than ${MAX_DEPTH} levels: ${capped} tags dropped (their text is kept)`)] : [];
  return { doc: parseDocument(safe, { decodeEntities: true, lowerCaseTags: true, lowerCaseAttributeNames: true }), findings };
}

export function extractHtml(bytes: Uint8Array): Result<SourceDocument> {
  if (bytes.length === 0) return unreadable("html", "empty_file", "the file is empty (0 bytes)");
  const decoded = decodeText(bytes);
  const findings: Finding[] = [];
  const bad = decodeFinding(decoded);
  if (bad?.severity === "error") return unreadable("html", bad.code, bad.message);
  if (bad) findings.push(bad);
  const parsed = parseHtml(decoded.text);
  findings.push(...parsed.findings);
  const { text, meta, tables, findings: tableFindings } = htmlToDelimited(parsed.doc);
  findings.push(...tableFindings);
  if (!text.trim()) return unreadable("html", "empty_file", "the page holds no text", findings);
  if (!tables) findings.push(finding("no_table", "info", "the page has no data table (<table>); tables may be images or flattened"));
  return { value: { type: "html", layout: tables ? "html-table" : "none", meta, text }, findings };
}
