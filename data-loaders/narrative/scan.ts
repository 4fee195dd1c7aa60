/**
 * The sentences of a narrative text with the counts each one states, read once per text: the
 * disclosure miner and the cross-check read the same texts (section 一 and the lead-in of section
 * 二), so the few texts scanned last are remembered, by content. Callers must not change what they
 * get back.
 */
import { mentions, sentences, type Mention, type Span } from "./text.ts";

export interface ScannedSentence { sentence: Span; mentions: Mention[] }

const KEEP = 8;
const memo = new Map<string, ScannedSentence[]>();

/** sentences(text), each with mentions(text, sentence). */
export function scanText(text: string): ScannedSentence[] {
  let hit = memo.get(text);
  if (!hit) {
    hit = sentences(text).map((s) => ({ sentence: s, mentions: mentions(text, s) }));
    if (memo.size >= KEEP) memo.delete(memo.keys().next().value!);
    memo.set(text, hit);
  }
  return hit;
}
