/**
 * Everything the narrative of one report yields: proactive disclosure volume (一/二), problems and
 * improvements with their themes (五), the information-processing fee and other numbers (六), and
 * the narrative's figures against the tables. Findings of all of them together.
 */
import type { Result } from "../document.ts";
import type { ParseResult } from "../report.ts";
import { crossCheck, type Comparison } from "./crosscheck.ts";
import { readDisclosure, type Disclosure } from "./disclosure.ts";
import { readOtherMatters, type OtherMatters } from "./fees.ts";
import { readProblems, type ProblemItem } from "./problems.ts";
import { themesOf, type ThemeMatch } from "./themes.ts";

export interface ThemedItem extends ProblemItem { themes: ThemeMatch[] }

export interface Narrative {
  disclosure: Disclosure;
  problems: ThemedItem[];
  other: OtherMatters;
  checks: Comparison[];
}

export function mineReport(result: ParseResult): Result<Narrative> {
  const disclosure = readDisclosure(result.sections);
  const problems = readProblems(result.sections);
  const other = readOtherMatters(result.sections, result.format);
  const checks = crossCheck(result);
  return {
    value: {
      disclosure: disclosure.value,
      problems: problems.value.map((i) => ({ ...i, themes: themesOf(i.text) })),
      other: other.value,
      checks: checks.value,
    },
    findings: [...disclosure.findings, ...problems.findings, ...other.findings, ...checks.findings],
  };
}
