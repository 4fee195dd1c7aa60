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

// entities are decoded in text and attribute values, so "&" acts there
const TEXT_STOPS = stopsAt([LT, AMP]);
const TAG_NAME_STOPS = stopsAt([SLASH, GT, ...WHITESPACE]);
const CLOSING_TAG_NAME_STOPS = stopsAt([GT, ...WHITESPACE]);
const ATTRIBUTE_NAME_STOPS = stopsAt([EQ, SLASH, GT, ...WHITESPACE]);
const DOUBLE_QUOTED_STOPS = stopsAt([DQ, AMP]);
const SINGLE_QUOTED_STOPS = stopsAt([SQ, AMP]);

const stops = (table: Uint8Array, c: number): boolean => c < 128 && table[c] === 1;

class FastPaths extends StockTokenizer {
  /** Moves the cursor to just before the next character after the current one that the state
   * acts on (or to the buffer's last character), so the parse loop's `index++` reads it next. */
  private skipUntil(table: Uint8Array): void {
    const buffer = this.buffer;
    let i = this.index - this.offset + 1;
    while (i < buffer.length && !stops(table, buffer.charCodeAt(i))) i++;
    this.index = i - 1 + this.offset;
  }

  override stateText(c: number): void {
    if (stops(TEXT_STOPS, c)) super.stateText(c);
    else this.skipUntil(TEXT_STOPS);
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
    const start = this.index - offset;
    let eq = start + 1;
    while (eq < buffer.length && !stops(ATTRIBUTE_NAME_STOPS, buffer.charCodeAt(eq))) eq++;
    if (buffer.charCodeAt(eq) !== EQ) return false;
    const quote = buffer.charCodeAt(eq + 1);
    if (quote !== DQ && quote !== SQ) return false;
    const table = quote === DQ ? DOUBLE_QUOTED_STOPS : SINGLE_QUOTED_STOPS;
    let end = eq + 2;
    while (end < buffer.length && !stops(table, buffer.charCodeAt(end))) end++;
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
    else this.skipUntil(TAG_NAME_STOPS);
  }

  override stateInClosingTagName(c: number): void {
    if (stops(CLOSING_TAG_NAME_STOPS, c)) super.stateInClosingTagName(c);
    else this.skipUntil(CLOSING_TAG_NAME_STOPS);
  }

  override stateInAttributeName(c: number): void {
    if (stops(ATTRIBUTE_NAME_STOPS, c)) super.stateInAttributeName(c);
    else this.skipUntil(ATTRIBUTE_NAME_STOPS);
  }

  override stateInAttributeValueDoubleQuotes(c: number): void {
    if (stops(DOUBLE_QUOTED_STOPS, c)) super.stateInAttributeValueDoubleQuotes(c);
    else this.skipUntil(DOUBLE_QUOTED_STOPS);
  }

  override stateInAttributeValueSingleQuotes(c: number): void {
    if (stops(SINGLE_QUOTED_STOPS, c)) super.stateInAttributeValueSingleQuotes(c);
    else this.skipUntil(SINGLE_QUOTED_STOPS);
  }
}

/** The tokenizer with fast paths, typed as the stock one it stands in for (Parser's `Tokenizer` option). */
export const FastTokenizer = FastPaths as unknown as typeof Tokenizer;
