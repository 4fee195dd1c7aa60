/**
 * htmlparser2's Parser, lean, for the streaming pass (html-stream.ts): the same open, close and
 * text events for one whole input, in HTML mode with the options of PARSER_OPTIONS, straight from
 * the tokenizer. The stock Parser costs more than the tokenizer itself on a real page: it keeps
 * its open elements with Array#unshift/shift/indexOf, slices and lower-cases every attribute name,
 * concatenates every attribute value and calls optional callbacks through checks; here the stack
 * grows at its end and only the attributes asked for are read.
 *
 * The rules below are those of htmlparser2 10.1.0's Parser.js (package.json pins the version):
 * tags that an opening tag closes implicitly, void elements, the foreign (svg, math) context in
 * which "/>" closes a tag, "</p>" without a <p> giving an empty paragraph and "</br>" a <br>, and
 * the elements still open at the end closed, innermost first. Comments, CDATA (a comment in HTML
 * mode), declarations and processing instructions give no event, as the walk listens to none.
 * test/extract/html-events.test.ts compares the events with the stock Parser's.
 */
import type { TokenizerCallbacks } from "htmlparser2";
import { PARSER_OPTIONS } from "./html-rules.ts";
import { FastTokenizer } from "./html-tokenizer.ts";
import { lowerSlice } from "./text.ts";

/** What the events go to (the stock Parser's handler callbacks of the same names). */
export interface TagHandler {
  onopentagname(name: string): void;
  /** an attribute asked for (`AttributeFilter`), of the tag last opened */
  onattribute(name: string, value: string): void;
  onclosetag(name: string): void;
  ontext(text: string): void;
  /** the input ended inside an opening tag (its ">" never came): it was opened, never ended */
  oncuttag?(): void;
}

/** The attributes to read: those named `names` of the tags named `tags` (names in lower case). */
export interface AttributeFilter { tags: ReadonlySet<string>; names: ReadonlySet<string> }

const formTags = new Set(["input", "option", "optgroup", "select", "button", "datalist", "textarea"]);
const pTag = new Set(["p"]);
const tableSectionTags = new Set(["thead", "tbody"]);
const ddtTags = new Set(["dd", "dt"]);
const rtpTags = new Set(["rt", "rp"]);
/** The open elements an opening tag closes first (while the innermost open element is one of them). */
const openImpliesClose = new Map<string, ReadonlySet<string>>([
  ["tr", new Set(["tr", "th", "td"])], ["th", new Set(["th"])], ["td", new Set(["thead", "th", "td"])],
  ["body", new Set(["head", "link", "script"])], ["li", new Set(["li"])],
  ["p", pTag], ["h1", pTag], ["h2", pTag], ["h3", pTag], ["h4", pTag], ["h5", pTag], ["h6", pTag],
  ["select", formTags], ["input", formTags], ["output", formTags], ["button", formTags], ["datalist", formTags], ["textarea", formTags],
  ["option", new Set(["option"])], ["optgroup", new Set(["optgroup", "option"])], ["dd", ddtTags], ["dt", ddtTags],
  ["address", pTag], ["article", pTag], ["aside", pTag], ["blockquote", pTag], ["details", pTag], ["div", pTag], ["dl", pTag],
  ["fieldset", pTag], ["figcaption", pTag], ["figure", pTag], ["footer", pTag], ["form", pTag], ["header", pTag], ["hr", pTag],
  ["main", pTag], ["nav", pTag], ["ol", pTag], ["pre", pTag], ["section", pTag], ["table", pTag], ["ul", pTag],
  ["rt", rtpTags], ["rp", rtpTags], ["tbody", tableSectionTags], ["tfoot", tableSectionTags],
]);
const voidElements = new Set([
  "area", "base", "basefont", "br", "col", "command", "embed", "frame", "hr", "img", "input", "isindex", "keygen", "link", "meta",
  "param", "source", "track", "wbr",
]);
const foreignContextElements = new Set(["math", "svg"]);
const htmlIntegrationElements = new Set(["mi", "mo", "mn", "ms", "mtext", "annotation-xml", "foreignobject", "desc", "title"]);

class TagEvents implements TokenizerCallbacks {
  private html = "";
  /** open elements, innermost last */
  private readonly stack: string[] = [];
  /** whether "/>" closes a tag, innermost last (the stock Parser's foreignContext, reversed) */
  private readonly foreign: boolean[] = [false];
  /** the opening tag being read, "" between tags */
  private tagname = "";
  private readsAttributes = false;
  private attribname: string | null = null; // null: an attribute not asked for
  private attribvalue = "";

  constructor(private readonly handler: TagHandler, private readonly filter: AttributeFilter) {}

  parse(html: string): void {
    this.html = html;
    const tokenizer = new FastTokenizer(PARSER_OPTIONS, this);
    if (html) tokenizer.write(html);
    tokenizer.end();
  }

  ontext(start: number, endIndex: number): void {
    this.handler.ontext(this.html.slice(start, endIndex));
  }

  ontextentity(codePoint: number): void {
    this.handler.ontext(String.fromCodePoint(codePoint));
  }

  onopentagname(start: number, endIndex: number): void {
    this.openTag(lowerSlice(this.html, start, endIndex));
  }

  onopentagend(): void {
    this.endOpenTag();
  }

  onselfclosingtag(): void {
    if (this.foreign[this.foreign.length - 1]) this.closeCurrentTag();
    else this.endOpenTag();
  }

  onclosetag(start: number, endIndex: number): void {
    const name = lowerSlice(this.html, start, endIndex);
    if (foreignContextElements.has(name) || htmlIntegrationElements.has(name)) this.foreign.pop();
    if (voidElements.has(name)) {
      if (name === "br") { // "</br>" is a <br>
        this.handler.onopentagname("br");
        this.handler.onclosetag("br");
      }
      return;
    }
    const pos = this.stack.lastIndexOf(name);
    if (pos >= 0) {
      while (this.stack.length > pos) this.handler.onclosetag(this.stack.pop()!);
    } else if (name === "p") { // "</p>" without a <p>: an empty paragraph
      this.openTag("p");
      this.closeCurrentTag();
    }
  }

  onattribname(start: number, endIndex: number): void {
    const name = this.readsAttributes ? lowerSlice(this.html, start, endIndex) : null;
    this.attribname = name !== null && this.filter.names.has(name) ? name : null;
  }

  onattribdata(start: number, endIndex: number): void {
    if (this.attribname !== null) this.attribvalue += this.html.slice(start, endIndex);
  }

  onattribentity(codePoint: number): void {
    if (this.attribname !== null) this.attribvalue += String.fromCodePoint(codePoint);
  }

  onattribend(): void {
    if (this.attribname !== null) this.handler.onattribute(this.attribname, this.attribvalue);
    this.attribname = null;
    this.attribvalue = "";
  }

  onend(): void {
    if (this.tagname) this.handler.oncuttag?.();
    for (let i = this.stack.length - 1; i >= 0; i--) this.handler.onclosetag(this.stack[i]);
  }

  oncomment(): void {}
  oncdata(): void {}
  ondeclaration(): void {}
  onprocessinginstruction(): void {}

  private openTag(name: string): void {
    this.tagname = name;
    this.readsAttributes = this.filter.tags.has(name);
    const closes = openImpliesClose.get(name);
    if (closes) {
      while (this.stack.length > 0 && closes.has(this.stack[this.stack.length - 1])) this.handler.onclosetag(this.stack.pop()!);
    }
    if (!voidElements.has(name)) {
      this.stack.push(name);
      if (foreignContextElements.has(name)) this.foreign.push(true);
      else if (htmlIntegrationElements.has(name)) this.foreign.push(false);
    }
    this.handler.onopentagname(name);
  }

  private endOpenTag(): void {
    if (voidElements.has(this.tagname)) this.handler.onclosetag(this.tagname);
    this.tagname = "";
  }

  /** A tag closed by "/>" in a foreign context, or an implied <p>. */
  private closeCurrentTag(): void {
    const name = this.tagname;
    this.endOpenTag();
    if (this.stack[this.stack.length - 1] === name) this.handler.onclosetag(this.stack.pop()!);
  }
}

/** Parse a whole HTML input, sending its events to `handler`; attributes are read as `filter` asks. */
export function parseTags(html: string, handler: TagHandler, filter: AttributeFilter): void {
  new TagEvents(handler, filter).parse(html);
}
