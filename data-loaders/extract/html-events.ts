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

const formTags = ["input", "option", "optgroup", "select", "button", "datalist", "textarea"];
const tableSectionTags = ["thead", "tbody"];
const ddtTags = ["dd", "dt"];
const rtpTags = ["rt", "rp"];
/** The open elements an opening tag closes first (while the innermost open element is one of them). */
const openImpliesClose: Record<string, string[]> = {
  tr: ["tr", "th", "td"], th: ["th"], td: ["thead", "th", "td"], body: ["head", "link", "script"], li: ["li"],
  p: ["p"], h1: ["p"], h2: ["p"], h3: ["p"], h4: ["p"], h5: ["p"], h6: ["p"],
  select: formTags, input: formTags, output: formTags, button: formTags, datalist: formTags, textarea: formTags,
  option: ["option"], optgroup: ["optgroup", "option"], dd: ddtTags, dt: ddtTags,
  address: ["p"], article: ["p"], aside: ["p"], blockquote: ["p"], details: ["p"], div: ["p"], dl: ["p"],
  fieldset: ["p"], figcaption: ["p"], figure: ["p"], footer: ["p"], form: ["p"], header: ["p"], hr: ["p"],
  main: ["p"], nav: ["p"], ol: ["p"], pre: ["p"], section: ["p"], table: ["p"], ul: ["p"],
  rt: rtpTags, rp: rtpTags, tbody: tableSectionTags, tfoot: tableSectionTags,
};
const voidElements = new Set([
  "area", "base", "basefont", "br", "col", "command", "embed", "frame", "hr", "img", "input", "isindex", "keygen", "link", "meta",
  "param", "source", "track", "wbr",
]);
const foreignContextElements = new Set(["math", "svg"]);
const htmlIntegrationElements = new Set(["mi", "mo", "mn", "ms", "mtext", "annotation-xml", "foreignobject", "desc", "title"]);

/** What the Parser's rules say of one tag name, worked out once per name (a page names a few
 * dozen tags thousands of times): one Map lookup per tag instead of one per rule. */
interface Tag {
  /** the name, lower case: one string per name, so the open-element stack compares by identity */
  readonly name: string;
  readonly isVoid: boolean;
  /** "/>" closes a tag inside it (svg, math): pushes true on the foreign stack; an HTML
   * integration point (mi, desc, title…) pushes false; others push nothing */
  readonly foreign: boolean | null;
  /** the open elements its opening closes first, or null */
  readonly closes: readonly string[] | null;
}

const TAG_CACHE_MAX = 4096; // distinct names remembered; a page inventing more still parses, uncached
const tags = new Map<string, Tag>();

function tagOf(name: string): Tag {
  const known = tags.get(name);
  if (known !== undefined) return known;
  const foreign = foreignContextElements.has(name) ? true : htmlIntegrationElements.has(name) ? false : null;
  const closes = Object.hasOwn(openImpliesClose, name) ? openImpliesClose[name] : null;
  const tag: Tag = { name, isVoid: voidElements.has(name), foreign, closes };
  if (tags.size < TAG_CACHE_MAX) tags.set(name, tag);
  return tag;
}

class TagEvents implements TokenizerCallbacks {
  private html = "";
  /** open elements (their Tag's name), innermost last */
  private readonly stack: string[] = [];
  /** whether "/>" closes a tag, innermost last (the stock Parser's foreignContext, reversed) */
  private readonly foreign: boolean[] = [false];
  /** the opening tag being read, null between tags */
  private tag: Tag | null = null;
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
    this.openTag(tagOf(lowerSlice(this.html, start, endIndex)));
  }

  onopentagend(): void {
    this.endOpenTag();
  }

  onselfclosingtag(): void {
    if (this.foreign[this.foreign.length - 1]) this.closeCurrentTag();
    else this.endOpenTag();
  }

  onclosetag(start: number, endIndex: number): void {
    const tag = tagOf(lowerSlice(this.html, start, endIndex));
    const name = tag.name;
    if (tag.foreign !== null) this.foreign.pop();
    if (tag.isVoid) {
      if (name === "br") { // "</br>" is a <br>
        this.handler.onopentagname("br");
        this.handler.onclosetag("br");
      }
      return;
    }
    const stack = this.stack;
    const pos = stack.lastIndexOf(name);
    if (pos >= 0) {
      while (stack.length > pos) this.handler.onclosetag(stack.pop()!);
    } else if (name === "p") { // "</p>" without a <p>: an empty paragraph
      this.openTag(tagOf("p"));
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
    if (this.tag !== null) this.handler.oncuttag?.();
    for (let i = this.stack.length - 1; i >= 0; i--) this.handler.onclosetag(this.stack[i]);
  }

  oncomment(): void {}
  oncdata(): void {}
  ondeclaration(): void {}
  onprocessinginstruction(): void {}

  private openTag(tag: Tag): void {
    const name = tag.name;
    this.tag = tag;
    this.readsAttributes = this.filter.tags.has(name);
    const closes = tag.closes;
    if (closes !== null) {
      const stack = this.stack;
      while (stack.length > 0 && closes.includes(stack[stack.length - 1])) this.handler.onclosetag(stack.pop()!);
    }
    if (!tag.isVoid) {
      this.stack.push(name);
      if (tag.foreign !== null) this.foreign.push(tag.foreign);
    }
    this.handler.onopentagname(name);
  }

  private endOpenTag(): void {
    const tag = this.tag;
    if (tag !== null && tag.isVoid) this.handler.onclosetag(tag.name);
    this.tag = null;
  }

  /** A tag closed by "/>" in a foreign context, or an implied <p>. */
  private closeCurrentTag(): void {
    const name = this.tag === null ? "" : this.tag.name;
    this.endOpenTag();
    if (this.stack[this.stack.length - 1] === name) this.handler.onclosetag(this.stack.pop()!);
  }
}

/** Parse a whole HTML input, sending its events to `handler`; attributes are read as `filter` asks. */
export function parseTags(html: string, handler: TagHandler, filter: AttributeFilter): void {
  new TagEvents(handler, filter).parse(html);
}
