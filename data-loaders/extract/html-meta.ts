/**
 * Page meta from an HTML page: the <title> and <meta> tags met (first of each wins), then the
 * document meta: ArticleTitle/og:title, else the title without its site suffix, else a title line
 * of the text; PubDate etc. else a printed 发布时间; ContentSource etc. else a printed 来源.
 */
import type { DocumentMeta } from "../document.ts";
import { isoDate, publishedIn, publisherIn, titleFromLines } from "./meta.ts";
import { collapse } from "./text.ts";

export interface HeadMeta { title: string | null; metas: Map<string, string> }

export const emptyHead = (): HeadMeta => ({ title: null, metas: new Map() });

/** A <title>'s text: the first non-empty title wins. */
export function addTitle(head: HeadMeta, text: string): void {
  head.title ??= text || null;
}

/** A <meta> tag's name (or property, or http-equiv), lower case, or "" when it has none. */
export function metaKey(attribs: Record<string, string>): string {
  return (attribs.name ?? attribs.property ?? attribs["http-equiv"] ?? "").toLowerCase();
}

/** A <meta> tag: the first content of each key wins. */
export function addMeta(head: HeadMeta, key: string, content: string | undefined): void {
  if (key && content !== undefined && !head.metas.has(key)) head.metas.set(key, collapse(content));
}

/** The page title without its site suffix ("报告_政府信息公开年报_某网站" → "报告"). */
function cleanTitle(title: string | null): string | null {
  if (!title) return null;
  const parts = title.split(/\s*(?:_|\||｜| - | — )\s*/).filter(Boolean);
  return parts.find((p) => p.includes("报告")) ?? parts[0] ?? null;
}

function firstMeta(metas: Map<string, string>, keys: string[]): string | null {
  for (const k of keys) {
    const v = metas.get(k);
    if (v) return v;
  }
  return null;
}

/** The document meta of a page from its head meta and its delimited text. */
export function pageMeta(head: HeadMeta, text: string): DocumentMeta {
  const top = text.slice(0, 20000);
  const m = head.metas;
  return {
    title: firstMeta(m, ["articletitle", "og:title", "dc.title"]) ?? cleanTitle(head.title) ?? titleFromLines(top.split("\n", 40)),
    published: isoDate(firstMeta(m, ["pubdate", "publishdate", "firstpublishedtime", "article:published_time", "dc.date"])) ?? publishedIn(top),
    publisher: firstMeta(m, ["contentsource", "source", "dc.publisher"]) ?? publisherIn(top),
  };
}
