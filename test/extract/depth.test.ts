import { test } from "node:test";
import assert from "node:assert/strict";
import { capDepth } from "../../data-loaders/extract/depth.ts";

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
