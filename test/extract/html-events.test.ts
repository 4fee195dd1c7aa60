/**
 * The lean parser (html-events.ts) against htmlparser2's stock Parser: the same open, close,
 * text and attribute events (the attributes asked for), and the same cut tag at the end, on real
 * pages, on tag soup made of every tag the Parser has a rule for, on character soup and on every
 * prefix of a tricky page.
 */
import { test } from "node:test";
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { Parser } from "htmlparser2";
import { parseTags, type AttributeFilter } from "../../data-loaders/extract/html-events.ts";
import { PARSER_OPTIONS } from "../../data-loaders/extract/html-rules.ts";
import { htmlFiles, prng } from "./helpers.ts";

const FILTER: AttributeFilter = { tags: new Set(["td", "th", "meta", "svg"]), names: new Set(["rowspan", "colspan", "name", "content", "x"]) };

/** The stock Parser's events, the attributes outside FILTER left out. */
function stockEvents(html: string): string[] {
  const out: string[] = [];
  let tag = "";
  const parser = new (class extends Parser {
    override onend(): void {
      if ((this as unknown as { tagname: string }).tagname) out.push("cut");
      super.onend();
    }
  })({
    onopentagname: (name) => { tag = name; out.push(`open ${name}`); },
    onattribute: (name, value) => { if (FILTER.tags.has(tag) && FILTER.names.has(name)) out.push(`attr ${name}=${value}`); },
    onclosetag: (name) => out.push(`close ${name}`),
    ontext: (text) => out.push(`text ${text}`),
  }, PARSER_OPTIONS);
  parser.end(html);
  return out;
}

function leanEvents(html: string): string[] {
  const out: string[] = [];
  parseTags(html, {
    onopentagname: (name) => out.push(`open ${name}`),
    onattribute: (name, value) => out.push(`attr ${name}=${value}`),
    onclosetag: (name) => out.push(`close ${name}`),
    ontext: (text) => out.push(`text ${text}`),
    oncuttag: () => out.push("cut"),
  }, FILTER);
  return out;
}

function assertSameEvents(name: string, html: string): void {
  assert.deepEqual(leanEvents(html), stockEvents(html), name);
}

/** Every tag the Parser has a rule for (implied closes, void, foreign, integration), and some it has none for. */
const TAGS = [
  "tr", "th", "td", "body", "head", "link", "script", "li", "p", "h1", "h6", "select", "input", "output", "button", "datalist", "textarea",
  "option", "optgroup", "dd", "dt", "address", "div", "dl", "form", "hr", "nav", "ol", "pre", "table", "ul", "rt", "rp", "tbody", "tfoot",
  "thead", "area", "base", "br", "col", "command", "embed", "frame", "img", "isindex", "meta", "wbr", "math", "svg", "mi", "mtext",
  "annotation-xml", "foreignObject", "desc", "title", "span", "a", "TD", "Svg", "style", "xmp",
];
const ATTRIBUTES = ["", " rowspan=2", " ROWSPAN='3'", " colspan=\"a&amp;b\"", " name=x content", " x=&lt;&#49;", " x=1 x=2", " class=c", " nowrap", " x=\"\""];
const TEXTS = ["一", " ", "&nbsp;", "a&amp;b", "&#x4e00;", "<", ">", "&", "<!-- c -->", "<![CDATA[d]]>", "<!DOCTYPE html>", "<?pi?>", "\n"];

function tagSoup(r: () => number): string {
  let s = "";
  for (let n = 1 + Math.floor(r() * 60); n > 0; n--) {
    const x = r();
    const tag = TAGS[Math.floor(r() * TAGS.length)];
    if (x < 0.3) s += TEXTS[Math.floor(r() * TEXTS.length)];
    else if (x < 0.7) s += `<${tag}${ATTRIBUTES[Math.floor(r() * ATTRIBUTES.length)]}${r() < 0.15 ? "/" : ""}>`;
    else s += `</${tag}>`;
  }
  return s;
}

const PIECES = ["<", ">", "/", "=", "&", "\"", "'", " ", "\n", "td", "p", "br", "svg", "title", "script", "!", "-", "[", "?", ";", "#", "amp", "一"];

function charSoup(r: () => number): string {
  let s = "";
  for (let n = 1 + Math.floor(r() * 80); n > 0; n--) s += PIECES[Math.floor(r() * PIECES.length)];
  return s;
}

test("the lean parser gives the stock Parser's events on every html page under test/fixtures and reports-raw", () => {
  const pages = [...htmlFiles("test/fixtures"), ...htmlFiles("reports-raw")];
  assert.ok(pages.length >= 8);
  for (const p of pages) assertSameEvents(p, readFileSync(p, "utf8"));
});

test("the lean parser gives the stock Parser's events on 5000 tag soups (seed 8)", () => {
  const r = prng(8);
  for (let i = 0; i < 5000; i++) assertSameEvents(`tag soup ${i}`, tagSoup(r));
});

test("the lean parser gives the stock Parser's events on 5000 character soups (seed 9)", () => {
  const r = prng(9);
  for (let i = 0; i < 5000; i++) assertSameEvents(`character soup ${i}`, charSoup(r));
});

test("the lean parser gives the stock Parser's events on every prefix of a page with implied closes, foreign content and cut tags", () => {
  const page = `<html><head><title>T&amp;</title><meta name=a content='b&lt;'></head><body><p>一<div>二</p></br><table><tr><td rowspan=2 x=1>1`
    + `<td colspan=3>2<tr><th>3</table><svg><td/><title>s</title><path/></svg><math><mi/></math><select><option>a<option>b</select>`
    + `<ul><li>x<li>y</ul><dl><dt>d<dd>e</dl><img src=x><input><br/></body></html>`;
  for (let i = 0; i <= page.length; i++) assertSameEvents(`prefix ${i}`, page.slice(0, i));
});
