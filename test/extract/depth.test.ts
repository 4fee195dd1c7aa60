import { test } from "node:test";
import assert from "node:assert/strict";
import { capDepth, scanDepth } from "../../data-loaders/extract/depth.ts";

test("capDepth drops the container tags nested deeper than max and keeps their text", () => {
  const html = "<div><div><div>深<span>文</span></div></div></div>";
  assert.deepEqual(capDepth(html, 2), { html: "<div><div>深文</div></div>", capped: 4 });
  assert.deepEqual(capDepth(html, 10), { html, capped: 0 });
});

test("capDepth ends a tag name at any JavaScript white space, '/' or '>'", () => {
  // U+3000 (ideographic space) and U+00A0 end the name as \s does: <div　x> is a div
  for (const sep of [" ", "\t", "\n", "\u3000", "\u00a0", "\ufeff", "/", ">"]) {
    const open = sep === ">" ? "<div>" : sep === "/" ? "<div/>" : `<div${sep}x>`;
    const html = `${open}${open}a</div></div>`;
    const r = capDepth(html, 1);
    if (sep === "/") assert.equal(r.capped, 0, "a self-closing tag does not count");
    else assert.equal(r.html, `${open}a</div>`, `separator U+${sep.charCodeAt(0).toString(16)}`);
  }
});

test("capDepth does not count void, implicitly closed and raw-text tags", () => {
  const html = "<p><li><td><br><script><div><div></script><div>x</div>";
  assert.deepEqual(capDepth(html, 1), { html, capped: 0 });
});

test("capDepth reads tag names in any case, and a tag without a closing '>' is no tag", () => {
  const html = "<DIV><Div><TD><SCRIPT><div><div></Script><SPAN>x</SPAN></Div></DIV><div <div";
  assert.deepEqual(capDepth(html, 2), { html: "<DIV><Div><TD><SCRIPT><div><div></Script>x</Div></DIV><div <div", capped: 2 });
});

test("capDepth's count of opening tags never skips a page the scan would cap", () => {
  // names that start like an uncounted one but are counted, in any case, at exactly max + 1
  for (const open of ["<pre>", "<LIST>", "<tda>", "<p-x>", "<Brx/ >", "<colx>", "<i>", "<B\u00e9>", "<t\u212a>"]) {
    const name = open.slice(1).split(/[\s/>]/)[0];
    const deep = open.repeat(3) + "x" + `</${name}>`.repeat(3);
    assert.equal(capDepth(deep, 2).capped, 2, open);
    assert.equal(capDepth(open.repeat(2) + "x", 2).capped, 0, open);
  }
  // uncounted names ended by any white space, "/" or ">" keep the count low, and the scan agrees
  for (const open of ["<p>", "<LI\u3000x>", "<td/>", "<Br\ufeff>", "<img\u00a0src=x>", "<p\u2028>"]) {
    assert.deepEqual(capDepth(open.repeat(50) + "<div>", 1), { html: open.repeat(50) + "<div>", capped: 0 }, open);
  }
});

test("capDepth gives the scan's result on random markup near the cap", () => {
  const parts = ["<div>", "</div>", "<p>", "<P x>", "<pre>", "</PRE>", "<li", "<td/>", "<br>", "<span\u3000a>", "</span>", "<title>", "</title>",
    "<script>", "</script>", "<!--", "-->", "<", ">", "/", " ", "\u212a", "x", "<textarea>", "</textarea >", "<a/>", "</b>", "<b>", "<ul\t>"];
  let seed = 7;
  const rand = (n: number) => { seed = (seed * 1103515245 + 12345) % 2147483648; return seed % n; };
  for (let round = 0; round < 3000; round++) {
    let html = "";
    for (let k = rand(40); k > 0; k--) html += parts[rand(parts.length)];
    const max = rand(4);
    assert.deepEqual(capDepth(html, max), scanDepth(html, max), JSON.stringify({ html, max }));
  }
});
