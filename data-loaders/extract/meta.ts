/**
 * Document meta read from plain text: the report title, the publication date and the publisher
 * as a page or a crawler header prints them ("发布时间：2021-01-27", "来源：区行政审批局").
 */
import type { DocumentMeta } from "../document.ts";

const DATE = /(\d{4})\s*[-/.年]\s*(\d{1,2})\s*[-/.月]\s*(\d{1,2})/;
const PUBLISHED = /(发布时间|发布日期|发文日期|成文日期|时间|日期)[ \t\u00a0\u3000]*[:：][ \t\u00a0\u3000]*(\d{4}\s*[-/.年]\s*\d{1,2}\s*[-/.月]\s*\d{1,2})/g;
const PUBLISHER = /(发布机构|信息来源|来源)[ \t\u00a0\u3000]*[:：][ \t\u00a0\u3000]*([^\s:：|｜]*)/g;
const PUBLISHER_STOP = /发布|时间|日期|浏览|点击|作者|字体|字号|打印|分享/;

/** "2025-01-24 15:17", "2021年1月27日", "2021/01/27" → "2025-01-24"; null when no valid date. */
export function isoDate(s: string | null | undefined): string | null {
  const m = s ? DATE.exec(s) : null;
  if (!m) return null;
  const [y, mo, d] = [Number(m[1]), Number(m[2]), Number(m[3])];
  if (mo < 1 || mo > 12 || d < 1 || d > 31 || y < 1990 || y > 2100) return null;
  return `${m[1]}-${String(mo).padStart(2, "0")}-${String(d).padStart(2, "0")}`;
}

/** The publication date printed in `text` ("发布时间" preferred over a bare "时间"). */
export function publishedIn(text: string): string | null {
  let fallback: string | null = null;
  for (const m of text.matchAll(PUBLISHED)) {
    const iso = isoDate(m[2]);
    if (!iso) continue;
    if (m[1] !== "时间" && m[1] !== "日期") return iso;
    fallback ??= iso;
  }
  return fallback;
}

/** The publisher printed after "来源：" / "发布机构：", cut before a following "发布时间" etc. */
export function publisherIn(text: string): string | null {
  for (const m of text.matchAll(PUBLISHER)) {
    let name = m[2];
    const stop = PUBLISHER_STOP.exec(name);
    if (stop) name = name.slice(0, stop.index);
    if (name) return name;
  }
  return null;
}

/**
 * The title among the first lines: the first short line containing 报告, joined with the line
 * directly above it when that one is a short name without punctuation ("重庆市…人民政府" +
 * "2024年政府信息公开工作年度报告"). Lines are as in the file; blank lines separate.
 */
export function titleFromLines(lines: string[], maxNonEmpty = 12): string | null {
  let seen = 0;
  for (let i = 0; i < lines.length && seen < maxNonEmpty; i++) {
    const line = lines[i].trim();
    if (!line) continue;
    seen++;
    if (!line.includes("报告") || line.length > 60) continue;
    const above = i > 0 ? lines[i - 1].trim() : "";
    if (above && above.length <= 40 && !above.includes("报告") && !/[。：:；;，,！!？?]$/.test(above)) return above + line;
    return line;
  }
  return null;
}

/** Meta found in the head of a text (first `limit` characters). */
export function metaFromText(text: string, limit = 3000): DocumentMeta {
  const head = text.slice(0, limit);
  return { title: titleFromLines(head.split("\n")), published: publishedIn(head), publisher: publisherIn(head) };
}
