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

/** NFKC plus the few normalisations NFKC does not do. */
export function normalize(text: string): string {
  return text.normalize("NFKC").replace(/[－—–]/g, "-").replace(/\u00A0/g, " ");
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
  /** Replace the label's own ordinal by "any ordinal, required" (section headings). */
  anyOrdinal?: boolean;
}

/** Regex source for one label. */
export function labelPattern(label: string, opts: LabelOptions = {}): string {
  let t = normalize(label).replace(/\s+/g, "");
  let prefix = "";
  const m = t.match(ORDINAL);
  if (m) {
    t = t.slice(m[0].length);
    prefix = opts.anyOrdinal ? "" : ordinalPattern(m[0]);
  }
  if (opts.anyOrdinal) prefix = `(?:[${CN_NUM}]+\\s*[、.,]|\\(\\s*[${CN_NUM}]+\\s*\\))\\s*`;
  const paren = t.match(/\([^()]*\)$/);
  if (paren && paren.index! > 0) t = t.slice(0, paren.index);
  const core = [...t]
    .map((c) => (PUNCT.has(c) ? PUNCT_CLASS : opts.equivalents && EQUIV[c] ? EQUIV[c] : escape(c)))
    .join("\\s*");
  return `${prefix}${core}(?:\\s*\\([^()\\d]{0,40}\\))?`;
}

/** One global regex matching any of the given labels (longest first). */
export function labelRegex(labels: string[], opts: LabelOptions = {}): RegExp {
  const uniq = [...new Set(labels)].sort((a, b) => b.length - a.length);
  return new RegExp(uniq.map((l) => labelPattern(l, opts)).join("|"), "g");
}

export interface Match { start: number; end: number; text: string }

/** First match of `re` at or after `from`, or null. */
export function findFrom(text: string, re: RegExp, from: number, until = text.length): Match | null {
  re.lastIndex = from;
  const m = re.exec(text);
  if (!m || m.index >= until) return null;
  return { start: m.index, end: m.index + m[0].length, text: m[0] };
}
