import type { Finding, Result, SourceType, Layout } from "./document.ts";
import type { Narrative } from "./narrative/mine.ts";

/** What a file turned out to be. */
export type Status =
  | "parsed"        // a 2019/2021-format report, every table read, every identity holds
  | "flagged"       // a report with at least one warning/error finding (kept as printed)
  | "pre2019"       // a pre-2019 report: narrative only, no standard tables (never zeros)
  | "not_report"    // readable, but not an annual report (cover letter, work summary...)
  | "rejected";     // unreadable: empty, binary junk, truncated archive, wrong encoding...

export type FormatId = "2021" | "2019" | "pre2019";

export type Table2 = Record<string, Record<string, number | null>>; // "subtable/row" -> column -> value
export type Table3 = Record<string, (number | null)[]>;             // row key -> 7 values natural_person..total
export type Table4 = Record<string, number | null>;                 // column key -> value

export const SECTION_KEYS = ["overview", "proactive_disclosure", "requests", "review_litigation", "problems_improvements", "other_matters"] as const;
export type SectionKey = (typeof SECTION_KEYS)[number];

/** One parsed file. The JSON of this object is the public `npm run parse` interface. */
export interface ParseResult {
  file: string;
  sha256: string;
  size: number;
  detected_type: SourceType | "unknown";
  layout: Layout | null;
  status: Status;
  reason: string | null;          // why the status is not "parsed" (one line)
  format: FormatId | null;
  title: string | null;
  agency: string | null;          // as printed
  agency_normalized: string | null;
  level: string | null;           // province | city | county | township | department | ...
  region: string | null;
  year: number | null;
  published: string | null;       // yyyy-mm-dd
  table_2: Table2 | null;
  table_2_units: Record<string, string>; // "subtable/row/column" -> unit printed (元, 万元)
  table_3: Table3 | null;
  table_4: Table4 | null;
  sections: Partial<Record<SectionKey, string>>;
  findings: Finding[];
  /** The narrative mined in the parse worker (data-loaders/narrative): not part of `npm run parse`. */
  narrative?: Result<Narrative>;
}
