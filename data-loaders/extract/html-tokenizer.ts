/**
 * htmlparser2's Tokenizer with fast paths for the states a page spends most of its characters in:
 * text, attribute values, tag and attribute names. The stock tokenizer calls its state's method
 * once per character, and in those states a character that does not end the state is a no-op; a
 * fast path scans the buffer up to the next character that does something and hands that one to
 * the stock method (the parse loop's `index++` lands on it). The events, their order and their
 * offsets are the stock tokenizer's (test/extract/html-tokenizer.test.ts compares them).
 *
 * A quoted attribute is read whole: its three events come at once, so a callback must not pause
 * the tokenizer between them (nothing here pauses it).
 *
 * The fast paths move the tokenizer's own cursor (`buffer`, `index`, `offset`, `sectionStart`),
 * private in its typings: they follow htmlparser2 10.1.0, the version package.json pins.
 */
import { QuoteType, Tokenizer, type TokenizerCallbacks } from "htmlparser2";

/** The members of the stock tokenizer the fast paths read or call (private in its typings). */
interface TokenizerState {
  readonly cbs: TokenizerCallbacks;
  buffer: string;
  sectionStart: number;
  /** absolute position of the character being read: `buffer[index - offset]` */
  index: number;
  offset: number;
  write(chunk: string): void;
  stateText(c: number): void;
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
/** The tokenizer's whitespace: space, \n, \t, \f, \r (not the other Unicode spaces). */
const WHITESPACE = [32, 10, 9, 12, 13];

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
    if (!stops(ATTRIBUTE_NAME_STOPS, c) && this.quotedAttribute()) return;
    super.stateBeforeAttributeName(c);
  }

  /** Reads the quoted attribute starting at the cursor, if it is one; false (nothing read) otherwise. */
  private quotedAttribute(): boolean {
    const buffer = this.buffer, offset = this.offset;
    const start = this.position;
    const eq = this.scan(ATTRIBUTE_NAME_STOPS, start + 1);
    if (buffer.charCodeAt(eq) !== EQ) return false;
    const quote = buffer.charCodeAt(eq + 1);
    if (quote !== DQ && quote !== SQ) return false;
    const end = this.nextOrAmp(quote === DQ ? "\"" : "'", eq + 2);
    if (buffer.charCodeAt(end) !== quote) return false; // an entity, or the buffer's end
    this.cbs.onattribname(start + offset, eq + offset);
    this.cbs.onattribdata(eq + 2 + offset, end + offset);
    this.cbs.onattribend(quote === DQ ? QuoteType.Double : QuoteType.Single, end + 1 + offset);
    this.sectionStart = -1;
    this.index = end + offset; // the state stays "before an attribute name"
    return true;
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
