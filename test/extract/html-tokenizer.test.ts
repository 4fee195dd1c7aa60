/**
 * The tokenizer with fast paths (html-tokenizer.ts) against htmlparser2's stock tokenizer: the
 * same events, with the same offsets, in the same order, on real pages, on character soup dense
 * in the characters that change states, and when the input comes in chunks.
 */
import { test } from "node:test";
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { Tokenizer } from "htmlparser2";
import { PARSER_OPTIONS } from "../../data-loaders/extract/html-rules.ts";
import { FastTokenizer } from "../../data-loaders/extract/html-tokenizer.ts";
import { htmlFiles, prng } from "./helpers.ts";

type Callbacks = ConstructorParameters<typeof Tokenizer>[1];
const EVENTS = [
  "ontext", "ontextentity", "onopentagname", "onopentagend", "onselfclosingtag", "onclosetag", "onattribname", "onattribdata",
  "onattribentity", "onattribend", "oncomment", "oncdata", "ondeclaration", "onprocessinginstruction", "onend",
] as const;

/** Every event the tokenizer class emits on the chunks, as "name args" lines. */
function events(Class: typeof Tokenizer, chunks: string[]): string[] {
  const out: string[] = [];
  const cbs = Object.fromEntries(EVENTS.map((e) => [e, (...args: unknown[]) => void out.push(`${e} ${args.join(",")}`)])) as unknown as Callbacks;
  const tokenizer = new Class(PARSER_OPTIONS, cbs);
  for (const c of chunks) tokenizer.write(c);
  tokenizer.end();
  return out;
}

function assertSameEvents(name: string, chunks: string[]): void {
  assert.deepEqual(events(FastTokenizer, chunks), events(Tokenizer, chunks), name);
}

/** Pieces that move the tokenizer between its states, and plain text between them. */
const PIECES = [
  "<", ">", "/", "=", "&", "\"", "'", " ", "\t", "\n", "\r", "\f", "a", "td", "title", "script", "style", "textarea", "xmp",
  "!", "-", "--", "[", "]", "?", ";", "#", "x", "amp", "nbsp", "#12288", "#x4e00", "CDATA[", "一", "报告", "\u00a0", "\u3000",
];

function soup(r: () => number, n: number): string {
  let s = "";
  for (let i = 0; i < n; i++) s += PIECES[Math.floor(r() * PIECES.length)];
  return s;
}

/** Tag names that plain, raw-text (script, style, title, textarea, xmp) and raw-text-like names start with. */
const NAMES = ["td", "TR", "table", "a", "span", "st", "sc", "strong", "script", "style", "Title", "tbody", "textarea", "te", "xmp", "xa", "ti", "div", "b"];
const ATTRIBUTES = [" a=\"x\"", " b='y'", " c=z", " d", " e = \"1\"", " f=\"&amp;\"", " g='a&lt;'", " h=\"\"", " i=''", "  j=\"k\"\tl='m'", " n=\"o>p\"", " q=\"r", "/", " /"];
const ENDS = [">", "/>", " >", "", "\n>"];

function tagSoup(r: () => number, n: number): string {
  let s = "";
  for (let i = 0; i < n; i++) {
    const name = NAMES[Math.floor(r() * NAMES.length)];
    const x = r();
    if (x < 0.2) s += PIECES[Math.floor(r() * PIECES.length)];
    else if (x < 0.45) s += `</${name}${ENDS[Math.floor(r() * ENDS.length)]}`;
    else {
      s += `<${name}`;
      for (let k = Math.floor(r() * 4); k > 0; k--) s += ATTRIBUTES[Math.floor(r() * ATTRIBUTES.length)];
      s += ENDS[Math.floor(r() * ENDS.length)];
    }
  }
  return s;
}

/** The string cut into chunks of random lengths. */
function chunked(s: string, r: () => number): string[] {
  const out: string[] = [];
  for (let i = 0; i < s.length; ) {
    const n = 1 + Math.floor(r() * 40);
    out.push(s.slice(i, i + n));
    i += n;
  }
  return out;
}

test("the fast tokenizer emits the stock tokenizer's events on every html page under test/fixtures and reports-raw", () => {
  const pages = [...htmlFiles("test/fixtures"), ...htmlFiles("reports-raw")];
  assert.ok(pages.length >= 8);
  for (const p of pages) assertSameEvents(p, [readFileSync(p, "utf8")]);
});

test("the fast tokenizer emits the stock tokenizer's events on 5000 character soups (seed 3)", () => {
  const r = prng(3);
  for (let i = 0; i < 5000; i++) assertSameEvents(`soup ${i}`, [soup(r, 1 + Math.floor(r() * 80))]);
});

test("the fast tokenizer emits the stock tokenizer's events on 5000 tag soups (seed 6), whole and in chunks", () => {
  const r = prng(6);
  for (let i = 0; i < 5000; i++) {
    const s = tagSoup(r, 1 + Math.floor(r() * 30));
    assertSameEvents(`tag soup ${i}`, [s]);
    if (i % 10 === 0) assertSameEvents(`chunked tag soup ${i}`, chunked(s, r));
  }
});

test("the fast tokenizer emits the stock tokenizer's events when the input comes in chunks", () => {
  const r = prng(4);
  for (let i = 0; i < 500; i++) assertSameEvents(`chunked soup ${i}`, chunked(soup(r, 200), r));
  const page = readFileSync("test/fixtures/extract/chrome-page.html", "utf8");
  assertSameEvents("chunked chrome page", chunked(page, r));
});

test("the fast tokenizer emits the stock tokenizer's events on every prefix of a page with entities, attributes and special tags", () => {
  const page = `<!DOCTYPE html><html><head><title>A &amp; B</title><meta name=x content='a&lt;b' data-x="&#49;q"></head>`
    + `<body><p class=a&amp;b id="x">一&nbsp;二&copy三</p><td rowspan=2 colspan = "3" nowrap>1</td><br/><textarea><p></textarea>`
    + `<xmp><b></xmp><!-- c --><![CDATA[d]]><?pi x?></ p></body\n>`;
  for (let i = 0; i <= page.length; i++) assertSameEvents(`prefix ${i}`, [page.slice(0, i)]);
});
