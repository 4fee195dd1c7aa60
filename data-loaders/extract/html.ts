/**
 * HTML to delimited text (htmlparser2). Pages are read in one streaming pass (html-stream.ts);
 * the DOM walk here (parseHtml + htmlToDelimited) is the table path of docx (mammoth's HTML) and
 * the reference the streaming pass must equal. Shared rules: html-rules.ts, html-spans.ts
 * (rowspan/colspan), html-output.ts, html-meta.ts.
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
import { finding, type Finding, type Result, type SourceDocument } from "../document.ts";
import { decodeFinding, decodeText, isPlainUtf8 } from "./encoding.ts";
import { unreadable } from "./failure.ts";
import { addMeta, addTitle, emptyHead, metaKey, pageMeta, type HeadMeta } from "./html-meta.ts";
import { Output, type HtmlText } from "./html-output.ts";
import { BLOCK, PARSER_OPTIONS, SKIP, prepareHtml, prepareUtf8Html, span as spanOf, tableTooLarge } from "./html-rules.ts";
import { tableRows, type SourceCell } from "./html-spans.ts";
import { streamToDelimited } from "./html-stream.ts";
import { cellText } from "./text.ts";

export { tableRows } from "./html-spans.ts";
export type { HtmlText } from "./html-output.ts";

type Node = AnyNode;

function isElement(n: Node): n is Element {
  return n.type === "tag" || n.type === "script" || n.type === "style";
}

function children(n: Node): Node[] {
  return "children" in n ? (n.children as Node[]) : [];
}

const span = (el: Element, name: "rowspan" | "colspan"): number => spanOf(el.attribs, name);

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

function readMeta(el: Element, head: HeadMeta): void {
  const name = el.name.toLowerCase();
  if (name === "title") addTitle(head, textOf(el));
  else if (name === "meta") addMeta(head, metaKey(el.attribs), el.attribs.content);
}

/** Parsed HTML (a page, or mammoth's output for a docx) to delimited text plus meta. */
export function htmlToDelimited(doc: Document): HtmlText {
  const layout = layoutTables(doc);
  const out = new Output();
  const findings: Finding[] = [];
  const head = emptyHead();
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
      if (capped) findings.push(tableTooLarge());
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
  return { text, meta: pageMeta(head, text), tables: out.tables, findings };
}

/** Parse HTML text to a DOM, first cutting inert blocks and container tags nested deeper than MAX_DEPTH (with a finding). */
export function parseHtml(html: string): { doc: Document; findings: Finding[] } {
  const { html: safe, findings } = prepareHtml(html);
  return { doc: parseDocument(safe, PARSER_OPTIONS), findings };
}

/** An HTML page's bytes to a document, its markup read by `read` after decoding and preparing. */
function extractWith(bytes: Uint8Array, read: (html: string) => HtmlText): Result<SourceDocument> {
  if (bytes.length === 0) return unreadable("html", "empty_file", "the file is empty (0 bytes)");
  const findings: Finding[] = [];
  let prepared: { html: string; findings: Finding[] };
  if (isPlainUtf8(bytes)) {
    prepared = prepareUtf8Html(bytes); // most pages: nothing to report on the decoding
  } else {
    const decoded = decodeText(bytes);
    const bad = decodeFinding(decoded);
    if (bad?.severity === "error") return unreadable("html", bad.code, bad.message);
    if (bad) findings.push(bad);
    prepared = prepareHtml(decoded.text);
  }
  findings.push(...prepared.findings);
  const { text, meta, tables, findings: tableFindings } = read(prepared.html);
  findings.push(...tableFindings);
  if (!text.trim()) return unreadable("html", "empty_file", "the page holds no text", findings);
  if (!tables) findings.push(finding("no_table", "info", "the page has no data table (<table>); tables may be images or flattened"));
  return { value: { type: "html", layout: tables ? "html-table" : "none", meta, text }, findings };
}

/** An HTML page's bytes to a document, read in one streaming pass (html-stream.ts). */
export function extractHtml(bytes: Uint8Array): Result<SourceDocument> {
  return extractWith(bytes, streamToDelimited);
}

/** The same through a DOM (parseDocument + htmlToDelimited): the reference the streaming pass is
 * tested against (test/extract/html-stream.test.ts), about twice as slow. */
export function extractHtmlDom(bytes: Uint8Array): Result<SourceDocument> {
  return extractWith(bytes, (html) => htmlToDelimited(parseDocument(html, PARSER_OPTIONS)));
}
