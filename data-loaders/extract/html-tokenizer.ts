/**
 * htmlparser2's Tokenizer with fast paths for the states a page spends most of its characters in:
 * text, attribute values, tag and attribute names. The stock tokenizer calls its state's method
 * once per character, and in those states a character that does not end the state is a no-op; a
 * fast path scans the buffer up to the next character that does something and hands that one to
 * the stock method (the parse loop's `index++` lands on it). The events, their order and their
 * offsets are the stock tokenizer's (test/extract/html-tokenizer.test.ts compares them).
 *
 * The fast paths move the tokenizer's own cursor (`buffer`, `index`, `offset`), private in its
 * typings: they follow htmlparser2 10.1.0, the version package.json pins.
 */
import { Tokenizer } from "htmlparser2";

/** The members of the stock tokenizer the fast paths read or call (private in its typings). */
interface TokenizerState {
  buffer: string;
  /** absolute position of the character being read: `buffer[index - offset]` */
  index: number;
  offset: number;
  stateText(c: number): void;
  stateInTagName(c: number): void;
  stateInClosingTagName(c: number): void;
  stateInAttributeName(c: number): void;
  stateInAttributeValueDoubleQuotes(c: number): void;
  stateInAttributeValueSingleQuotes(c: number): void;
}

type TokenizerOptions = ConstructorParameters<typeof Tokenizer>[0];
type TokenizerCallbacks = ConstructorParameters<typeof Tokenizer>[1];

const StockTokenizer = Tokenizer as unknown as new (options: TokenizerOptions, cbs: TokenizerCallbacks) => TokenizerState;

const LT = 60, AMP = 38, GT = 62, SLASH = 47, EQ = 61, DQ = 34, SQ = 39;

/** The tokenizer's whitespace: space, \n, \t, \f, \r (not the other Unicode spaces). */
const isWhitespace = (c: number): boolean => c === 32 || c === 10 || c === 9 || c === 12 || c === 13;

const endsTagSection = (c: number): boolean => c === SLASH || c === GT || isWhitespace(c);

class FastPaths extends StockTokenizer {
  /** Moves the cursor to just before the first character from the current one's successor on
   * that `stops` (or to the last character of the buffer), so the loop's `index++` reads it next. */
  private skipUntil(stops: (c: number) => boolean): void {
    const buffer = this.buffer;
    let i = this.index - this.offset + 1;
    while (i < buffer.length && !stops(buffer.charCodeAt(i))) i++;
    this.index = i - 1 + this.offset;
  }

  override stateText(c: number): void {
    if (c === LT || c === AMP) super.stateText(c);
    else this.skipUntil(endsText);
  }

  override stateInTagName(c: number): void {
    if (endsTagSection(c)) super.stateInTagName(c);
    else this.skipUntil(endsTagSection);
  }

  override stateInClosingTagName(c: number): void {
    if (c === GT || isWhitespace(c)) super.stateInClosingTagName(c);
    else this.skipUntil(endsClosingTagName);
  }

  override stateInAttributeName(c: number): void {
    if (c === EQ || endsTagSection(c)) super.stateInAttributeName(c);
    else this.skipUntil(endsAttributeName);
  }

  override stateInAttributeValueDoubleQuotes(c: number): void {
    if (c === DQ || c === AMP) super.stateInAttributeValueDoubleQuotes(c);
    else this.skipUntil(endsDoubleQuoted);
  }

  override stateInAttributeValueSingleQuotes(c: number): void {
    if (c === SQ || c === AMP) super.stateInAttributeValueSingleQuotes(c);
    else this.skipUntil(endsSingleQuoted);
  }
}

// The characters each state acts on (entities are decoded in text and attribute values).
const endsText = (c: number): boolean => c === LT || c === AMP;
const endsClosingTagName = (c: number): boolean => c === GT || isWhitespace(c);
const endsAttributeName = (c: number): boolean => c === EQ || endsTagSection(c);
const endsDoubleQuoted = (c: number): boolean => c === DQ || c === AMP;
const endsSingleQuoted = (c: number): boolean => c === SQ || c === AMP;

/** The tokenizer with fast paths, typed as the stock one it stands in for (Parser's `Tokenizer` option). */
export const FastTokenizer = FastPaths as unknown as typeof Tokenizer;
