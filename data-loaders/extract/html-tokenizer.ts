/**
 * htmlparser2's Tokenizer with fast paths for what a page is mostly made of: text, plain tags
 * with quoted attributes, closing tags. The stock tokenizer calls its state's method once per
 * character, and in most states most characters are no-ops. The fast paths
 * - skip to the next character that acts (text and quoted values with indexOf, names with a loop);
 * - read a quoted attribute without entities, an opening tag of a plain element made of such
 *   attributes, and a closing tag `</name>`, whole, with the events the stock states give them;
 * and hand anything else to the stock states, in the state the stock tokenizer would be in there.
 * The events, their order and their offsets are the stock tokenizer's
 * (test/extract/html-tokenizer.test.ts compares them on pages and soups, whole and in chunks).
 *
 * A tag or attribute read whole gives its events at once, so a callback must not pause the
 * tokenizer between them (nothing here pauses it).
 *
 * The fast paths move the tokenizer's own cursor and state (`buffer`, `index`, `offset`,
 * `sectionStart`, `state`), private in its typings: they follow htmlparser2 10.1.0, the version
 * package.json pins.
 */
import { QuoteType, Tokenizer, type TokenizerCallbacks } from "htmlparser2";
import { isAsciiLetter } from "./text.ts";

/** The members of the stock tokenizer the fast paths read or call (private in its typings). */
interface TokenizerState {
  readonly cbs: TokenizerCallbacks;
  state: number;
  /** inside <script>, <style>, <title>, <textarea> or <xmp> (their text is read raw) */
  isSpecial: boolean;
  buffer: string;
  sectionStart: number;
  /** absolute position of the character being read: `buffer[index - offset]` */
  index: number;
  offset: number;
  write(chunk: string): void;
  stateText(c: number): void;
  stateBeforeTagName(c: number): void;
  stateBeforeClosingTagName(c: number): void;
  stateBeforeAttributeName(c: number): void;
  stateInTagName(c: number): void;
  stateInClosingTagName(c: number): void;
  stateInAttributeName(c: number): void;
  stateInAttributeValueDoubleQuotes(c: number): void;
  stateInAttributeValueSingleQuotes(c: number): void;
}

type TokenizerOptions = ConstructorParameters<typeof Tokenizer>[0];

const StockTokenizer = Tokenizer as unknown as new (options: TokenizerOptions, cbs: TokenizerCallbacks) => TokenizerState;

const LT = 60, AMP = 38, GT = 62, SLASH = 47, EQ = 61, DQ = 34, SQ = 39;
/** The stock tokenizer's numbers of the states a fast path leaves it in. */
const TEXT = 1, BEFORE_ATTRIBUTE_NAME = 8;
/** The tokenizer's whitespace: space, \n, \t, \f, \r (not the other Unicode spaces). */
const WHITESPACE = [32, 10, 9, 12, 13];
const isWhitespace = (c: number): boolean => c === 32 || c === 10 || c === 9 || c === 12 || c === 13;

/** Whether a tag name starting with `first`, `second` may name a raw text element: the stock
 * tokenizer takes "s" then "c"/"t" (script, style) and "t"/"x" then "i"/"e"/"m" (title, textarea,
 * xmp) into its special-sequence states. */
function mayBeRawText(first: number, second: number): boolean {
  const a = first | 0x20, b = second | 0x20;
  if (a === 0x73) return b === 0x63 || b === 0x74;
  if (a === 0x74 || a === 0x78) return b === 0x69 || b === 0x65 || b === 0x6d;
  return false;
}

/** The characters a state acts on, as a table over ASCII (no state acts on another character):
 * a table lookup keeps the scanning loop the same code for every state. */
function stopsAt(codes: number[]): Uint8Array {
  const table = new Uint8Array(128);
  for (const c of codes) table[c] = 1;
  return table;
}

const TAG_NAME_STOPS = stopsAt([SLASH, GT, ...WHITESPACE]);
const CLOSING_TAG_NAME_STOPS = stopsAt([GT, ...WHITESPACE]);
const ATTRIBUTE_NAME_STOPS = stopsAt([EQ, SLASH, GT, ...WHITESPACE]);

const stops = (table: Uint8Array, c: number): boolean => c < 128 && table[c] === 1;

class FastPaths extends StockTokenizer {
  /** The first "&" at or after buffer position `ampFrom`, and any position up to it (buffer.length: none). */
  private amp = -1;
  private ampFrom = 0;

  override write(chunk: string): void {
    this.amp = -1; // a new buffer
    super.write(chunk);
  }

  /** Moves the cursor to just before buffer position `to`, so the parse loop's `index++` reads it next. */
  private skipTo(to: number): void {
    this.index = to - 1 + this.offset;
  }

  /** The buffer position of the first character from `from` on that `table` stops at (buffer.length if none):
   * a loop, for the short runs of names. */
  private scan(table: Uint8Array, from: number): number {
    const buffer = this.buffer;
    let i = from;
    while (i < buffer.length && !stops(table, buffer.charCodeAt(i))) i++;
    return i;
  }

  /** The buffer position of the first `stop` or "&" from `from` on (buffer.length if none): indexOf
   * (several times faster than a loop over the characters), for the long runs of text and values.
   * The next "&" is remembered, as text and values ask for it again and again until it is passed. */
  private nextOrAmp(stop: string, from: number): number {
    const buffer = this.buffer;
    const found = buffer.indexOf(stop, from);
    if (from < this.ampFrom || from > this.amp) {
      const amp = buffer.indexOf("&", from);
      this.amp = amp < 0 ? buffer.length : amp;
      this.ampFrom = from;
    }
    return Math.min(found < 0 ? buffer.length : found, this.amp);
  }

  private get position(): number {
    return this.index - this.offset;
  }

  override stateText(c: number): void {
    if (c === LT || c === AMP) super.stateText(c);
    else this.skipTo(this.nextOrAmp("<", this.position + 1));
  }

  /** Before an attribute: a whole `name="value"` (or 'value') without an entity is read at once,
   * with the events the stock states give it one character at a time (name, data, end); anything
   * else (no value, white space around "=", an unquoted value, an entity) goes the stock way. */
  override stateBeforeAttributeName(c: number): void {
    const end = stops(ATTRIBUTE_NAME_STOPS, c) ? -1 : this.quotedAttribute(this.position);
    if (end < 0) return super.stateBeforeAttributeName(c);
    this.sectionStart = -1;
    this.skipTo(end); // the state stays "before an attribute name"
  }

  /** Reads the quoted attribute starting at buffer position `start`, if it is one, and gives the
   * position after its closing quote; -1 (nothing read) otherwise. */
  private quotedAttribute(start: number): number {
    const buffer = this.buffer, offset = this.offset;
    const eq = this.scan(ATTRIBUTE_NAME_STOPS, start + 1);
    if (buffer.charCodeAt(eq) !== EQ) return -1;
    const quote = buffer.charCodeAt(eq + 1);
    if (quote !== DQ && quote !== SQ) return -1;
    const end = this.nextOrAmp(quote === DQ ? "\"" : "'", eq + 2);
    if (buffer.charCodeAt(end) !== quote) return -1; // an entity, or the buffer's end
    this.cbs.onattribname(start + offset, eq + offset);
    this.cbs.onattribdata(eq + 2 + offset, end + offset);
    this.cbs.onattribend(quote === DQ ? QuoteType.Double : QuoteType.Single, end + 1 + offset);
    return end + 1;
  }

  /** After "<": an opening tag of a plain element is read whole up to its ">" when it has only
   * quoted attributes (see quotedAttribute); at anything else ("/", another attribute, the
   * buffer's end) the stock states take over before that attribute. Names that may start a raw
   * text element (script, style, title, textarea, xmp) go the stock way from the start. */
  override stateBeforeTagName(c: number): void {
    const start = this.position;
    if (!isAsciiLetter(c) || mayBeRawText(c, this.buffer.charCodeAt(start + 1))) return super.stateBeforeTagName(c);
    const buffer = this.buffer, offset = this.offset;
    const nameEnd = this.scan(TAG_NAME_STOPS, start + 1);
    if (nameEnd >= buffer.length) return super.stateBeforeTagName(c);
    this.cbs.onopentagname(start + offset, nameEnd + offset);
    this.sectionStart = -1;
    let i = nameEnd;
    for (;;) {
      const d = buffer.charCodeAt(i);
      if (isWhitespace(d)) {
        i++;
      } else if (d === GT && !this.isSpecial) {
        this.cbs.onopentagend(i + offset);
        this.state = TEXT;
        this.sectionStart = i + 1 + offset;
        return this.skipTo(i + 1);
      } else {
        const end = d === GT || d === SLASH || i >= buffer.length ? -1 : this.quotedAttribute(i);
        if (end < 0) break;
        i = end;
      }
    }
    this.state = BEFORE_ATTRIBUTE_NAME;
    this.skipTo(i);
  }

  /** After "</": a closing tag `</name>` is read whole; anything else goes the stock way. */
  override stateBeforeClosingTagName(c: number): void {
    const start = this.position;
    if (!isAsciiLetter(c)) return super.stateBeforeClosingTagName(c);
    const nameEnd = this.scan(CLOSING_TAG_NAME_STOPS, start + 1);
    if (this.buffer.charCodeAt(nameEnd) !== GT) return super.stateBeforeClosingTagName(c);
    this.cbs.onclosetag(start + this.offset, nameEnd + this.offset);
    this.state = TEXT;
    this.sectionStart = nameEnd + 1 + this.offset;
    this.skipTo(nameEnd + 1);
  }

  override stateInTagName(c: number): void {
    if (stops(TAG_NAME_STOPS, c)) super.stateInTagName(c);
    else this.skipTo(this.scan(TAG_NAME_STOPS, this.position + 1));
  }

  override stateInClosingTagName(c: number): void {
    if (stops(CLOSING_TAG_NAME_STOPS, c)) super.stateInClosingTagName(c);
    else this.skipTo(this.scan(CLOSING_TAG_NAME_STOPS, this.position + 1));
  }

  override stateInAttributeName(c: number): void {
    if (stops(ATTRIBUTE_NAME_STOPS, c)) super.stateInAttributeName(c);
    else this.skipTo(this.scan(ATTRIBUTE_NAME_STOPS, this.position + 1));
  }

  override stateInAttributeValueDoubleQuotes(c: number): void {
    if (c === DQ || c === AMP) super.stateInAttributeValueDoubleQuotes(c);
    else this.skipTo(this.nextOrAmp("\"", this.position + 1));
  }

  override stateInAttributeValueSingleQuotes(c: number): void {
    if (c === SQ || c === AMP) super.stateInAttributeValueSingleQuotes(c);
    else this.skipTo(this.nextOrAmp("'", this.position + 1));
  }
}

/** The tokenizer with fast paths, typed as the stock one it stands in for (Parser's `Tokenizer` option). */
export const FastTokenizer = FastPaths as unknown as typeof Tokenizer;
