/**
 * Label matching that survives extraction: NFKC, whitespace inside labels ("商业 企业"),
 * optional or variant punctuation and quotes, optional ordinal prefixes ("1." "(一)" "一、"),
 * and an optional trailing parenthetical note.
 */

const CN_NUM = "一二三四五六七八九十";
const PUNCT = new Set([..."、,，.．;；:：“”\"'‘’「」《》<>"]);
const PUNCT_CLASS = `[、,.;:“”"'‘’「」《》<>]?`;
/** Characters that real reports use interchangeably inside headings. */
const EQUIV: Record<string, string> = { 及: "[及和与、]", 和: "[及和与、]", 与: "[及和与、]" };

const escape = (c: string) => c.replace(/[.*+?^${}()|[\]\\/]/g, "\\$&");

/** NFKC of one code unit (as in normalizeUnits), by code: a code unit's own string is not built to look it up. */
const CHAR = new Map<number, string>();
const DASHES = new Set(["－", "—", "–"]);

/**
 * NFKC, one UTF-16 unit at a time, keeping the length: positions in the normalized text are
 * positions in the original, so the original wording can be cut out (sections keep "，").
 * Characters whose NFKC form is longer than one unit stay as they are; dashes become "-".
 * Normalizing twice changes nothing, and the last long text normalized is remembered (a report's
 * text is asked for again by the identity reader, after its short title lines).
 */
export function normalize(text: string): string {
  if (text.length < 1000) return normalizeUnits(text);
  if (text === lastOut || text === lastIn) return lastOut;
  lastIn = text;
  lastOut = normalizeUnits(text);
  return lastOut;
}
let lastIn = "";
let lastOut = "";

function normalizeUnits(text: string): string {
  let out = "";
  let start = 0;
  for (let i = 0; i < text.length; i++) {
    const code = text.charCodeAt(i);
    if (code < 0xa0 || (code >= 0x3400 && code < 0xa000) || (code >= 0xd800 && code < 0xe000)) continue;
    let n = CHAR.get(code);
    if (n === undefined) {
      const c = text[i];
      n = DASHES.has(c) ? "-" : c.normalize("NFKC");
      if (n.length !== 1) n = c;
      CHAR.set(code, n);
    }
    if (n.charCodeAt(0) !== code) {
      out += text.slice(start, i) + n;
      start = i + 1;
    }
  }
  return start === 0 ? text : out + text.slice(start);
}

export const ORDINAL = new RegExp(`^(?:[${CN_NUM}]+[、.,]|\\([${CN_NUM}]+\\)|\\d+[.、,])`);

function ordinalPattern(ordinal: string): string {
  const cn = ordinal.match(new RegExp(`[${CN_NUM}]+`));
  if (ordinal.startsWith("(")) return `(?:\\(\\s*${cn![0]}\\s*\\)\\s*)?`;
  if (cn) return `(?:${cn[0]}\\s*[、.,]?\\s*)?`;
  const digits = ordinal.match(/\d+/)![0];
  return `(?:${digits}\\s*[.、,]\\s*)?`;
}

export interface LabelOptions {
  /** Let 及/和/与 stand for each other (section headings). */
  equivalents?: boolean;
  /** Replace the label's own ordinal by this required ordinal pattern (section headings). */
  ordinal?: string;
}

/** Regex source for one label. */
export function labelPattern(label: string, opts: LabelOptions = {}): string {
  let t = normalize(label).replace(/\s+/g, "");
  let prefix = "";
  const m = t.match(ORDINAL);
  if (m) {
    t = t.slice(m[0].length);
    prefix = ordinalPattern(m[0]);
    // A short label ("3.其他") without its ordinal would match inside other labels ("(六)其他处理").
    if (t.replace(/\([^()]*\)$/, "").length < 4) prefix = prefix.replace(/\)\?$/, ")");
  }
  if (opts.ordinal) prefix = opts.ordinal;
  const paren = t.match(/\([^()]*\)$/);
  if (paren && paren.index! > 0) t = t.slice(0, paren.index);
  const core = [...t]
    .map((c) => (PUNCT.has(c) ? PUNCT_CLASS : opts.equivalents && EQUIV[c] ? EQUIV[c] : escape(c)))
    .join("\\s*");
  // an optional note in brackets after the label, but not the next label's ordinal "(七)"
  return `${prefix}${core}(?:\\s*\\((?![${CN_NUM}]+\\))[^()\\d]{0,40}\\))?`;
}

/** One global regex matching any of the given labels (longest first). */
export function labelRegex(labels: string[], opts: LabelOptions = {}): RegExp {
  // options that build the same pattern share a key (equivalents off = absent, ordinal "" = absent)
  const key = `${opts.equivalents ? 1 : 0}\u0002${opts.ordinal ?? ""}\u0002${labels.join("\u0001")}`;
  let re = COMPILED.get(key);
  if (!re) {
    const uniq = [...new Set(labels)].sort((a, b) => b.length - a.length);
    re = new RegExp(uniq.map((l) => labelPattern(l, opts)).join("|"), "g");
    COMPILED.set(key, re);
  }
  return re;
}
/** Compiled label regexes: labels come from the catalogue, so this stays small. Callers use
 * lastIndex (findFrom sets it), so sharing one object is safe in single-threaded code. */
const COMPILED = new Map<string, RegExp>();

export interface Match { start: number; end: number; text: string }

/** First match of `re` at or after `from`, or null. */
export function findFrom(text: string, re: RegExp, from: number, until = text.length): Match | null {
  re.lastIndex = from;
  const m = re.exec(text);
  if (!m || m.index >= until) return null;
  return { start: m.index, end: m.index + m[0].length, text: m[0] };
}
