/**
 * Narrative against table: figures the narrative states that a table also holds.
 *
 * | what the narrative says                                  | table cell                                      |
 * |----------------------------------------------------------|-------------------------------------------------|
 * | 收到/受理/接到 … 申请 N件 ("共受理公开申请34件", "接到2次依申请公开政府信息") | table_3 new_received, total              |
 * | 未收到依申请公开 / 没有受理 / 无依申请公开政府信息            | table_3 new_received, total = 0                 |
 * | in the sentence after a request count: 予以公开/同意公开 N件,  | granted / partially_granted / denied (sum of    |
 * | 部分公开/区分处理 N件, 不予公开 N件, 无法提供 N件             | 8 rows) / unable (sum of 3 rows), total         |
 * | 行政复议 N起/件 ("因依申请公开引发行政复议1起")               | table_4 review_total                            |
 * | 行政诉讼 N起/件                                           | table_4 litigation_direct_total + after_review  |
 * | 未…行政复议(、行政诉讼)                                    | the same cells = 0                              |
 * | 现行有效(行政)规范性文件 N件 / 制发|制定|印发 … 规范性文件 N件 / | table_2 normative_documents currently_valid /  |
 * | 废止|失效 … 文件 N件 (2021 format; 2019: 制发 → newly_made)    | issued / repealed                               |
 *
 * "依申请公开信息数317条" (reports 10, 17) counts documents marked "disclose on request", not
 * requests: a request count needs a verb of receiving (收到, 受理, 接到, 接收) in its clause, and
 * outcome counts are only read next to a request count ("不予公开24条" in a list of issued documents
 * is not a refusal). A difference gives the finding "narrative_disagrees" (warning) with the table
 * cell, expected = table value, actual = narrative value and the sentence. A received count that
 * equals new + carried over is not a difference (受理 may include carried-over requests).
 */
import { finding, type Finding, type Result } from "../document.ts";
import type { ParseResult, SectionKey } from "../report.ts";
import { TABLE3_ROWS } from "../format/catalogue.ts";
import { proactiveLeadIn } from "./disclosure.ts";
import { scanText } from "./scan.ts";
import { foldWidth, type Span } from "./text.ts";

export type CheckKey = "requests_received" | "granted" | "partially_granted" | "denied" | "unable" | "reviews" | "lawsuits" | "normative_in_force" | "normative_issued" | "normative_repealed";

export interface Comparison {
  check: CheckKey;
  table: "table_2" | "table_3" | "table_4";
  row: string | null;
  column: string | null;
  narrative: number;
  table_value: number | null;   // null: the cell is blank or missing, nothing compared
  agrees: boolean | null;
  section: SectionKey;
  sentence: string;
  offset: number;
}

const RECEIVE = /收到|受理|接到|接收|收悉|共收/;
const REQUEST = /申请/;
const COUNT_UNITS = new Set(["件", "条", "次", "项", "个", "起", "份"]);
const NONE_REQUEST = /(?:未|没有|无)(?:收到|受理|接到|接收|发生)?(?:过)?[^，。；;,]{0,12}?(?:依申请公开|公开申请|信息公开申请|申请公开|政府信息公开的申请)/;
const NONE_REVIEW = /(?:未|没有|无)[^，。；;]{0,24}?(?:行政复议|复议)/;
const OUTCOMES: { check: CheckKey; re: RegExp }[] = [
  { check: "partially_granted", re: /部分公开|区分处理/ },
  { check: "denied", re: /不予公开/ },
  { check: "unable", re: /无法提供/ },
  { check: "granted", re: /^(?:其中[，,]?)?(?:予以公开|同意公开|全部公开|公开)$/ },
];

const rowsOf = (prefix: string) => TABLE3_ROWS.filter((r) => r.key.startsWith(prefix) && !r.key.endsWith("_header") && !r.key.endsWith("_total")).map((r) => r.key);

function t3(r: ParseResult, rows: string[]): number | null {
  if (!r.table_3) return null;
  let sum = 0;
  for (const k of rows) {
    const v = r.table_3[k]?.[6];
    if (v === null || v === undefined) return null;
    sum += v;
  }
  return sum;
}

function t4(r: ParseResult, cols: string[]): number | null {
  if (!r.table_4) return null;
  let sum = 0;
  for (const c of cols) {
    const v = r.table_4[c];
    if (v === null || v === undefined) return null;
    sum += v;
  }
  return sum;
}

function t2(r: ParseResult, column: string): number | null {
  const v = r.table_2?.["art20_1_normative_documents/normative_documents"]?.[column];
  return v === undefined ? null : v;
}

interface Claim { check: CheckKey; value: number; section: SectionKey; sentence: Span; offset: number }

/** Figures stated in one narrative text. */
export function claimsIn(text: string, section: SectionKey): Claim[] {
  const folded = foldWidth(text);
  const out: Claim[] = [];
  let requestContext = -1; // index of the last sentence with a request count
  scanText(text).forEach(({ sentence: s, mentions: ms }, si) => {
    let sawRequest = false;
    for (const m of ms) {
      const clause = m.label + m.after;
      if (!COUNT_UNITS.has(m.unit)) continue;
      if (/复议|诉讼|起诉/.test(clause)) {
        const review = /复议/.test(clause), suit = /诉讼|起诉/.test(clause);
        if (review !== suit) out.push({ check: review ? "reviews" : "lawsuits", value: m.value, section, sentence: s, offset: m.start });
        continue;
      }
      if (RECEIVE.test(m.label) && REQUEST.test(clause) && !/依申请公开信息数/.test(m.label) && !m.approximate) {
        out.push({ check: "requests_received", value: m.value, section, sentence: s, offset: m.start });
        sawRequest = true;
        continue;
      }
      if (sawRequest || (requestContext >= 0 && si === requestContext + 1)) {
        const label = m.label.replace(/^[\s，,；;：:、]+/, "").replace(/后$/, "");
        const o = OUTCOMES.find((x) => x.re.test(label.replace(/^其中[，,]?/, "").replace(/后公开$/, "")));
        if (o) out.push({ check: o.check, value: m.value, section, sentence: s, offset: m.start });
      }
      if (/规范性文件|文件/.test(clause) && /件$/.test(m.unit)) {
        if (/现行有效/.test(m.label)) out.push({ check: "normative_in_force", value: m.value, section, sentence: s, offset: m.start });
        else if (/制发|制定|印发|出台/.test(m.label) && /规范性文件/.test(m.label)) out.push({ check: "normative_issued", value: m.value, section, sentence: s, offset: m.start });
        else if (/废止|失效/.test(m.label) && /规范性文件/.test(s.text)) out.push({ check: "normative_repealed", value: m.value, section, sentence: s, offset: m.start });
      }
    }
    if (sawRequest) requestContext = si;
    // statements of none, clause by clause
    for (const clause of folded.slice(s.start, s.end).split(/[，,；;。]/)) {
      if (/复议/.test(clause) && NONE_REVIEW.test(clause)) {
        out.push({ check: "reviews", value: 0, section, sentence: s, offset: s.start + folded.slice(s.start, s.end).indexOf(clause) });
        if (/诉讼|起诉/.test(clause)) out.push({ check: "lawsuits", value: 0, section, sentence: s, offset: s.start + folded.slice(s.start, s.end).indexOf(clause) });
      } else if (!/复议|诉讼/.test(clause) && NONE_REQUEST.test(clause) && !/\d+\s*(?:件|条|次|项|个)/.test(clause)) {
        out.push({ check: "requests_received", value: 0, section, sentence: s, offset: s.start + folded.slice(s.start, s.end).indexOf(clause) });
      }
    }
  });
  return out;
}

const TARGET: Record<CheckKey, { table: Comparison["table"]; row: string | null; column: string | null; what: string }> = {
  requests_received: { table: "table_3", row: "new_received", column: "total", what: "requests received" },
  granted: { table: "table_3", row: "granted", column: "total", what: "requests granted" },
  partially_granted: { table: "table_3", row: "partially_granted", column: "total", what: "requests partly granted" },
  denied: { table: "table_3", row: "denied_header", column: "total", what: "requests refused (sum of the 8 grounds)" },
  unable: { table: "table_3", row: "unable_header", column: "total", what: "requests where the information could not be provided (sum of 3 rows)" },
  reviews: { table: "table_4", row: null, column: "review_total", what: "administrative reviews" },
  lawsuits: { table: "table_4", row: null, column: null, what: "lawsuits (table: sued directly + sued after review)" },
  normative_in_force: { table: "table_2", row: "art20_1_normative_documents/normative_documents", column: "currently_valid", what: "normative documents in force" },
  normative_issued: { table: "table_2", row: "art20_1_normative_documents/normative_documents", column: "issued", what: "normative documents issued" },
  normative_repealed: { table: "table_2", row: "art20_1_normative_documents/normative_documents", column: "repealed", what: "normative documents repealed" },
};

function tableValue(r: ParseResult, check: CheckKey): { value: number | null; column: string | null } {
  switch (check) {
    case "requests_received": return { value: t3(r, ["new_received"]), column: "total" };
    case "granted": return { value: t3(r, ["granted"]), column: "total" };
    case "partially_granted": return { value: t3(r, ["partially_granted"]), column: "total" };
    case "denied": return { value: t3(r, rowsOf("denied_")), column: "total" };
    case "unable": return { value: t3(r, rowsOf("unable_")), column: "total" };
    case "reviews": return { value: t4(r, ["review_total"]), column: "review_total" };
    case "lawsuits": return { value: t4(r, ["litigation_direct_total", "litigation_after_review_total"]), column: null };
    case "normative_in_force": return { value: r.format === "2021" ? t2(r, "currently_valid") : null, column: "currently_valid" };
    case "normative_issued": return r.format === "2019" ? { value: t2(r, "newly_made"), column: "newly_made" } : { value: t2(r, "issued"), column: "issued" };
    case "normative_repealed": return { value: r.format === "2021" ? t2(r, "repealed") : null, column: "repealed" };
  }
}

/** Every narrative figure of one report compared with its table cell. */
export function crossCheck(r: ParseResult): Result<Comparison[]> {
  const findings: Finding[] = [];
  const value: Comparison[] = [];
  if (r.format !== "2021" && r.format !== "2019") return { value, findings };
  // the narrative is section 一 and the lead-in of section 二; sections 三 and 四 are the tables themselves
  const texts: [SectionKey, string | undefined][] = [["overview", r.sections.overview], ["proactive_disclosure", r.sections.proactive_disclosure && proactiveLeadIn(r.sections.proactive_disclosure)]];
  for (const [section, text] of texts) {
    if (!text) continue;
    for (const c of claimsIn(text, section)) {
      const t = tableValue(r, c.check);
      let agrees: boolean | null = t.value === null ? null : t.value === c.value;
      if (agrees === false && c.check === "requests_received") {
        const withCarried = t3(r, ["new_received", "carried_over"]);
        if (withCarried === c.value) agrees = true;
      }
      const target = TARGET[c.check];
      const sentence = c.sentence.text.trim();
      value.push({ check: c.check, table: target.table, row: target.row, column: t.column, narrative: c.value, table_value: t.value, agrees, section, sentence, offset: c.offset });
      if (agrees === false) {
        findings.push(finding("narrative_disagrees", "warning", `the narrative states ${c.value} ${target.what}, the table ${t.value}`, {
          table: target.table, row: target.row, column: t.column, expected: t.value, actual: c.value, excerpt: sentence,
        }));
      }
    }
  }
  return { value, findings };
}

