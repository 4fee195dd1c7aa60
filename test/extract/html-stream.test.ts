/**
 * The streaming HTML pass (html-stream.ts, behind extractHtml) against the DOM walk it replaces
 * (parseHtml + htmlToDelimited, behind extractHtmlDom): the same text, meta, layout, table count
 * and findings for real pages, generated pages, mutated pages, tricky pages and random tag soup.
 */
import { test } from "node:test";
import assert from "node:assert/strict";
import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { isDeepStrictEqual } from "node:util";
import { CELL, ROW } from "../../data-loaders/document.ts";
import { extractHtml, extractHtmlDom, htmlToDelimited, parseHtml } from "../../data-loaders/extract/html.ts";
import { prepareHtml } from "../../data-loaders/extract/html-rules.ts";
import { streamToDelimited } from "../../data-loaders/extract/html-stream.ts";
import { allAgencies } from "../../scripts/generate/names.ts";
import { renderHtml } from "../../scripts/generate/render.ts";
import { makeReport } from "../../scripts/generate/report.ts";
import { Rng } from "../../scripts/generate/rng.ts";
import { htmlFiles, prng } from "./helpers.ts";

const encode = (s: string) => new TextEncoder().encode(s);

/** How the two passes differ on one input: "" when they agree on everything. */
function difference(input: string | Uint8Array): string {
  const bytes = typeof input === "string" ? encode(input) : input;
  const streamed = extractHtml(bytes), dom = extractHtmlDom(bytes);
  if (!isDeepStrictEqual(streamed, dom)) return `extract: streamed ${JSON.stringify(streamed).slice(0, 400)}\n   dom ${JSON.stringify(dom).slice(0, 400)}`;
  if (typeof input === "string") {
    const s = streamToDelimited(prepareHtml(input).html), d = htmlToDelimited(parseHtml(input).doc);
    if (!isDeepStrictEqual(s, d)) return `walk: streamed ${JSON.stringify(s).slice(0, 400)}\n   dom ${JSON.stringify(d).slice(0, 400)}`;
  }
  return "";
}

function assertSame(cases: [string, string | Uint8Array][]): void {
  const diffs: string[] = [];
  for (const [name, input] of cases) {
    const d = difference(input);
    if (d) diffs.push(`${name}: ${d}`);
  }
  assert.deepEqual(diffs.slice(0, 5), []);
}

const pages = [...htmlFiles("test/fixtures"), ...htmlFiles("reports-raw")].map((p): [string, Uint8Array] => [p, new Uint8Array(readFileSync(p))]);

/** Generated report pages (scripts/generate, fixed seed), as the corpus generator writes them. */
function generated(n: number, seed = 7): [string, string][] {
  const agencies = new Rng(seed).shuffle(allAgencies());
  const out: [string, string][] = [];
  for (let i = 0; i < n; i++) {
    const rng = new Rng(seed * 1000 + i);
    out.push([`generated ${i}`, renderHtml(makeReport(rng, agencies[i % agencies.length], 2019 + (i % 6), { breakShare: 0.05 }), rng)]);
  }
  return out;
}

// ---------------------------------------------------------------- mutation (the fuzz test's kinds, plus markup)

const MARKUP = [
  "<table>", "</table>", "<tr>", "</tr>", "<td>", "</td>", "<th colspan=3>", "<td rowspan=0>", "<td rowspan=3 colspan=2>", "<caption>", "</caption>",
  "<tbody>", "<head>", "</head>", "<title>", "</title>", "<meta name=PubDate content='2021-03-04'>", "<button>", "</button>", "<br>", "</p>",
  "</br>", "<p>", "<div>", "</div>", "<!--", "-->", "<![CDATA[x]]>", "<svg>", "<script>", "</script>", "<style>", "&nbsp;", "&amp;", "\u3000",
  "</td><td>", "</tr><tr>", "\t", "|", CELL, ROW, "\n", "<select><tr><td>s</td></tr></select>", "<td",
];

type Rand = () => number;
const int = (r: Rand, n: number) => Math.floor(r() * n);

function mutate(s: string, r: Rand): string {
  for (let k = 1 + int(r, 4); k > 0; k--) {
    const a = int(r, s.length + 1), n = 1 + int(r, 2000);
    switch (int(r, 5)) {
      case 0: s = s.slice(0, a) + s.slice(a + n); break; // cut
      case 1: s = s.slice(0, a + n) + s.slice(a, a + n) + s.slice(a + n); break; // duplicate a span
      case 2: s = s.slice(0, a); break; // truncate
      default: s = s.slice(0, a) + MARKUP[int(r, MARKUP.length)] + s.slice(a); // markup or a separator
    }
  }
  return s;
}

function corrupt(b: Uint8Array, r: Rand): Uint8Array {
  const out = Uint8Array.from(b);
  for (let k = 1 + int(r, 16); k > 0 && out.length; k--) out[int(r, out.length)] = int(r, 256);
  return out;
}

// ---------------------------------------------------------------- random tag soup

const SOUP_TAGS = [
  "table", "table", "tr", "tr", "td", "td", "td", "th", "caption", "tbody", "thead", "p", "div", "span", "b", "br", "li", "ul", "h1", "center",
  "head", "title", "meta", "script", "style", "noscript", "button", "select", "svg", "math", "template", "textarea", "iframe", "body", "html",
  "font", "a", "img", "hr", "option", "dd", "dt", "xmp", "object",
];
const SOUP_TEXT = ["一", "12", "0", " ", "&nbsp;", "\u3000", "报告", "发布时间：2022-01-05", "来源：某局", "a&amp;b", "\u200b", "\r\n", "x y", "<", ">", "&#x4e00;"];
const SOUP_ATTRS = ["", " rowspan=2", " rowspan=0", " colspan=3", " rowspan=x", " rowspan=2000 colspan=5000", " rowspan=1 rowspan=3",
  " name=ArticleTitle content='标题一'", " name=pubdate content=2020-02-03", " property=og:title content=''", " http-equiv=Content-Type content='text/html'", " ROWSPAN=3"];

function soup(r: Rand): string {
  const out: string[] = [];
  for (let n = 5 + int(r, 120); n > 0; n--) {
    const x = r();
    if (x < 0.35) out.push(SOUP_TEXT[int(r, SOUP_TEXT.length)]);
    else if (x < 0.7) out.push(`<${SOUP_TAGS[int(r, SOUP_TAGS.length)]}${SOUP_ATTRS[int(r, SOUP_ATTRS.length)]}${r() < 0.05 ? "/" : ""}>`);
    else if (x < 0.97) out.push(`</${SOUP_TAGS[int(r, SOUP_TAGS.length)]}>`);
    else out.push(["<!-- c -->", "<![CDATA[d]]>", "<!DOCTYPE html>", "<?xml x?>", "<td rowspan=2"][int(r, 5)]);
  }
  return out.join("");
}

// ---------------------------------------------------------------- tricky pages

const TRICKY: [string, string][] = [
  ["unclosed tags", "<html><body><div><p>一、总体情况<p>本年<b>新收<table><tr><td>1<td>2<tr><td>3"],
  ["a tr without a table", "<p>前</p><tr><td>1</td><td>2</td></tr><p>后</p>"],
  ["a td outside any tr", "<table><td>1</td><td colspan=2>2</td></table>"],
  ["cells outside rows next to rows", "<table><td>loose</td><tr><td>1</td></tr><td>also loose</td></table>"],
  ["nested tables", "<table><tr><td>导航</td><td><table><tr><td>1</td><td>2</td></tr></table><p>正文</p></td></tr></table>"],
  ["a table inside a button inside a table", "<table><tr><td>a</td><td><button><table><tr><td>b</td></tr></table></button></td></tr></table>"],
  ["a tr and caption inside a select inside a table", "<table><caption>表一</caption><tr><td>1<select><tr><td>s</td></tr></select></td></tr></table>"],
  ["rowspan=0", "<table><tr><td rowspan=0>x</td><td>1</td></tr><tr><td>2</td></tr><tr><td>3</td></tr></table>"],
  ["a huge colspan and rowspan", "<table><tr><td colspan=99999 rowspan=99999>x</td><td>1</td></tr><tr><td>2</td></tr></table>"],
  ["rowspan repetition beyond the cap", "<table>" + "<tr><td rowspan=1000 colspan=9>x</td></tr>".repeat(150) + "</table>"],
  ["comments", "<p>a<!-- <table><tr><td>no</td></tr></table> -->b</p><!-- unclosed <p>c"],
  ["CDATA", "<p>a<![CDATA[<td>x</td>]]>b</p><table><tr><td><![CDATA[1]]>2</td></tr></table>"],
  ["entities", "<p>&lt;b&gt; &amp;amp; &nbsp;&#12288;&#x4e00;&copy;&unknown; &amp</p><table><tr><td>&nbsp;</td><td>&#49;&#50;</td></tr></table>"],
  ["<br> in cells", "<table><tr><td>商业<br>企业</td><td><br/></td><td>科研<BR>机构</td></tr></table>"],
  ["an implied tbody and thead", "<table><thead><tr><th>a</th></tr></thead><tr><td>1</td></tr><tfoot><tr><td>f</td></tr></tfoot></table>"],
  ["deeply nested divs", "<div>".repeat(1500) + "深层<table><tr><td>1</td></tr></table>" + "</div>".repeat(1500)],
  ["deeply nested tables", "<table><tr><td>".repeat(400) + "<table><tr><td>1</td><td>2</td></tr></table>" + "</td></tr></table>".repeat(400)],
  ["a title and meta inside a data table", "<table><tr><td><title>标题</title>1</td><td><meta name=pubdate content=2021-01-01>2</td></tr></table>"],
  ["a head inside a data table and inside a layout table", "<table><tr><td><head><title>甲</title></head>1</td></tr></table><table><tr><td><head><title>乙</title><meta name=source content=丙></head><table><tr><td>2</td></tr></table></td></tr></table>"],
  ["a title and meta in a layout table", "<table><tr><td><title>某局2023年政府信息公开工作年度报告_网站</title><meta name=PubDate content=2024-01-02><table><tr><td>1</td></tr></table></td></tr></table>"],
  ["meta in head, first wins, empty title then a real one", "<head><title> </title><meta name=pubdate content=''><meta name=PUBDATE content=2022-05-06><title>报告_站</title></head><p>x</p>"],
  ["a title inside svg inside head", "<head><svg><title>svg标题<div>块</div></title></svg><meta name=source content=来源甲></head><p>x</p>"],
  ["nested captions and a caption in a cell", "<table><caption>甲<caption>乙</caption></caption><tr><td><caption>丙</caption>1</td></tr></table>"],
  ["a tr nested in a tr through a div", "<table><tr><td>1</td><div><tr><td>2</td></tr></div><td>3</td></tr></table>"],
  ["a td nested in a td through a div", "<table><tr><td>1<div><td>2</td></div></td><td>3</td></tr></table>"],
  ["skipped text inside a cell", "<table><tr><td>1<script>var x=9</script><button>按钮</button><noscript>请开启</noscript>2</td></tr></table>"],
  ["an unclosed script", "<p>a</p><script>var x = '<table><tr><td>9</td></tr></table>'"],
  ["an open tag cut by the end", "<table><tr><td rowspan=2>1</td><td colspan=2"],
  ["stray closing tags", "</td></tr></table></p></br></div><p>a</p></span>b"],
  ["text directly in a table", "<table>外<tr>内<td>1</td>尾</tr></table>"],
  ["an empty table and a table of empty rows", "<table></table><table><tr></tr><tr><td rowspan=2>a</td></tr><tr></tr></table>"],
  ["uppercase tags and attributes", "<TABLE><TR><TD ROWSPAN=2>a</TD><TD>1</TD></TR><TR><TD>2</TD></TR></TABLE>"],
  ["svg self-closing tags", "<svg><td/><table/></svg><table><tr><td>1</td></tr></table>"],
  ["control characters and delimiters in text", `<p>a${CELL}b${ROW}c\u0001d</p><table><tr><td>x${CELL}y</td></tr></table>`],
];

// ---------------------------------------------------------------- tests

test("every html page under test/fixtures and reports-raw reads the same streamed as through the DOM", () => {
  assert.ok(pages.length >= 8, `${pages.length} pages`);
  assertSame(pages);
});

test("60 generated report pages (seed 7) read the same streamed as through the DOM", () => {
  const cases = generated(60);
  assert.ok(extractHtml(encode(cases[0][1])).value.text.includes(ROW));
  assertSame(cases);
});

test("the fuzz fixtures and 400 mutated real and generated pages read the same streamed as through the DOM", () => {
  const fuzz = readdirSync("test/fixtures/fuzz").map((n): [string, Uint8Array] => [n, new Uint8Array(readFileSync(join("test/fixtures/fuzz", n)))]);
  const sources: [string, string][] = [...pages.map(([p, b]): [string, string] => [p, new TextDecoder().decode(b)]), ...generated(10, 11)];
  const r = prng(20240601);
  const cases: [string, string | Uint8Array][] = [...fuzz];
  for (let i = 0; i < 400; i++) {
    const [name, src] = sources[i % sources.length];
    cases.push([`mutation ${i} of ${name}`, i % 8 === 7 ? corrupt(encode(src), r) : mutate(src, r)]);
  }
  assertSame(cases);
});

test("3000 random tag soups (seed 5) read the same streamed as through the DOM", () => {
  const r = prng(5);
  assertSame(Array.from({ length: 3000 }, (_, i): [string, string] => [`soup ${i}`, soup(r)]));
});

for (const [name, html] of TRICKY) {
  test(`a page with ${name} reads the same streamed as through the DOM`, () => assertSame([[name, html]]));
}

test("the tricky pages mean something: inner data tables, loose cells as one row, nested rows and cells merged, meta in layout tables", () => {
  const page = (name: string) => extractHtml(encode(TRICKY.find(([n]) => n === name)![1])).value;
  assert.equal(page("nested tables").text, `导航\n1${CELL}2${CELL}${ROW}\n正文\n`);
  assert.equal(page("a td outside any tr").text, `1${CELL}2${CELL}${ROW}\n`);
  assert.equal(page("cells outside rows next to rows").text, `1${CELL}${ROW}\n`);
  assert.equal(page("an open tag cut by the end").text, `1${CELL}${ROW}\n`);
  assert.equal(page("a tr nested in a tr through a div").text, `1${CELL}2${CELL}3${CELL}${ROW}\n`);
  assert.equal(page("a td nested in a td through a div").text, `1 2${CELL}3${CELL}${ROW}\n`);
  assert.equal(page("a title and meta inside a data table").text, `标题1${CELL}2${CELL}${ROW}\n`);
  assert.deepEqual(page("a title and meta in a layout table").meta, { title: "某局2023年政府信息公开工作年度报告", published: "2024-01-02", publisher: null });
});
