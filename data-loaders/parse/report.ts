/**
 * From a document to a report record: find the sections and the three tables, read identity,
 * classify, and check every identity. Returns the record and its findings; never throws on
 * odd input.
 */
import { finding, type Finding, type SourceDocument } from "../document.ts";
import { FORMAT_MARKERS, REPORT_TITLE } from "../format/catalogue.ts";
import { checkIdentities } from "../check/identities.ts";
import type { FormatId, ParseResult, Status } from "../report.ts";
import { agencyLevel, agencyRegion, normalizeAgency, readIdentity } from "./agency.ts";
import { findFrom, labelRegex, normalize } from "./labels.ts";
import { findSections, sectionTexts } from "./sections.ts";
import { readTable2 } from "./table2.ts";
import { readTable3 } from "./table3.ts";
import { readTable4 } from "./table4.ts";

type Record = Omit<ParseResult, "file" | "sha256" | "size" | "detected_type">;

const TITLE_RE = labelRegex([REPORT_TITLE.canonical, ...REPORT_TITLE.aliases.map((a) => a.text)].filter((t) => t.length > 2));
const PRE2019_RE = labelRegex(FORMAT_MARKERS.pre2019);

/** `carried`: findings already made about this document (by its extractor); they count for the status. */
export function readReport(doc: SourceDocument, carried: Finding[] = []): Record {
  const text = normalize(doc.text);
  const findings: Finding[] = [];
  const spans = findSections(text);
  const at = (k: string) => spans.find((s) => s.key === k);
  const id = readIdentity(doc.meta, text);

  const t2 = readTable2(text, at("proactive_disclosure")?.start ?? 0, at("requests")?.heading.start ?? text.length);
  const t3 = readTable3(text, at("requests")?.start ?? t2?.end ?? 0, at("review_litigation")?.heading.start ?? text.length);
  const t4 = readTable4(text, t3?.end ?? at("review_litigation")?.start ?? 0, at("problems_improvements")?.heading.start ?? text.length);
  for (const t of [t2, t3, t4]) if (t) findings.push(...t.findings);

  let format: FormatId | null = t3?.format ?? t2?.format ?? null;
  if (t2 && t3 && t2.format !== t3.format) findings.push(finding("mixed_format", "info", `table 2 follows the ${t2.format} format, table 3 the ${t3.format} format; each is read in its own`, {}));
  const hasTables = !!(t2 || t3 || t4);
  const looksLikeReport = !!findFrom(normalize(doc.meta.title ?? ""), TITLE_RE, 0) || !!findFrom(text, TITLE_RE, 0, 2000) || spans.length >= 3;
  let status: Status;
  let reason: string | null = null;
  if (hasTables) {
    for (const [name, t] of [["table 2", t2], ["table 3", t3], ["table 4", t4]] as const) if (!t) findings.push(finding("table_missing", "error", `${name} not found`, { table: name.replace(" ", "_") }));
    findings.push(...checkIdentities({ format: format!, table_3: t3?.value ?? null, table_4: t4?.value ?? null, unresolved: new Set([...(t3?.unresolved ?? []), ...(t4?.unresolved ?? [])]) }));
    const serious = [...carried, ...findings].filter((f) => f.severity !== "info");
    status = serious.length ? "flagged" : "parsed";
    if (serious.length) reason = summarize(serious);
  } else if (looksLikeReport && (!!findFrom(text, PRE2019_RE, 0) || (id.year !== null && id.year <= 2018))) {
    format = "pre2019";
    status = "pre2019";
    reason = "pre-2019 report: no standard tables (narrative only); no cells recorded";
    findings.push(finding("pre2019_no_standard_table", "info", "pre-2019 format: the 2019/2021 standard tables do not exist in it; its own statistics are not mapped onto them", {}));
  } else if (looksLikeReport) {
    status = "flagged";
    reason = "annual report without readable standard tables (images, or a layout not recognised)";
    findings.push(finding("no_standard_tables", "error", reason, {}));
  } else {
    status = "not_report";
    reason = "not an annual report: no report title, fewer than 3 section headings, no standard table";
  }
  const agency = id.agency;
  const norm = agency ? normalizeAgency(agency) : null;
  return {
    layout: doc.layout,
    status,
    reason,
    format,
    title: doc.meta.title,
    agency,
    agency_normalized: norm,
    level: norm ? agencyLevel(norm) : null,
    region: norm ? agencyRegion(norm).region : null,
    year: id.year,
    published: id.published,
    table_2: t2?.value ?? null,
    table_2_units: t2?.units ?? {},
    table_3: t3?.value ?? null,
    table_4: t4?.value ?? null,
    sections: status === "not_report" ? {} : sectionTexts(doc.text, spans), // original wording, same positions
    findings,
  };
}

function summarize(f: Finding[]): string {
  const counts = new Map<string, number>();
  for (const x of f) counts.set(x.code, (counts.get(x.code) ?? 0) + 1);
  return [...counts].map(([c, n]) => `${c}×${n}`).join(", ");
}
