/**
 * Plain text to delimited text. A txt report lays its tables out in one of a few ways; the layout
 * is recognised by its class (how lines are shaped), then converted:
 *   - markdown-table:  "| a | b |" rows with a "|---|---|" separator → cells and rows.
 *   - tab-cells:       a cell per TAB-led line (spaces before the TAB allowed), rows split by
 *                      blank lines; a short line without a TAB right after a cell continues it
 *                      ("商业\n企业" → "商业 企业"), unless it looks like a section heading.
 *   - pipe-cells:      a cell per line ending in "|"; the text before the first "|" is the cell;
 *                      the extra pipes after it (merged-cell artefacts) are dropped. No row marks.
 *   - paragraph-cells: a cell per paragraph; blank cells cannot be seen, so no CELL marks: each
 *                      non-blank line becomes a "\n"-ended paragraph.
 *   - flattened:       a crawler glued the cells together; the text is kept as it is.
 * A table block (consecutive rows or cells) ends with "\n" before the next paragraph.
 * A crawler header ("标题: …", "发布时间: …", "发布机构: …", "==== 正文 ====") becomes meta.
 */
import { CELL, ROW, finding, type DocumentMeta, type Finding, type Layout, type Result, type SourceDocument } from "../document.ts";
import { decodeFinding, decodeText } from "./encoding.ts";
import { unreadable } from "./failure.ts";
import { isoDate, publishedIn, publisherIn, titleFromLines } from "./meta.ts";
import { cellText, scrub } from "./text.ts";

const MIN_CELL_LINES = 8; // lines of a layout's shape needed to call it that layout
const MIN_NUMBER_CELLS = 4; // of which hold a bare number

const DIGITS_ONLY = /^\s*[-+]?\d+(?:\.\d+)?\s*$/;
const TAB_LED = /^[ \u00a0\u3000]*\t/;
const PIPE_CELL = /^([^|]*)\|[\s|]*$/;
const MD_ROW = /^\s*\|(.*)\|\s*$/;
const HEADING = /^\s*(?:[一二三四五六七八九十]+[、.．]|[（(][一二三四五六七八九十\d]+[)）]|第[一二三四五六七八九十]+[章节部条])/;
const CRAWLER_RULE = /^=+\s*正文\s*=+\s*$/;
const MAX_CONTINUATION = 30; // characters: longer lines after a cell are narrative

// ---------------------------------------------------------------- layout detection

function isMarkdownSeparator(line: string): boolean {
  return line.includes("|") && line.includes("---") && /^[\s|:\-]+$/.test(line);
}

function numberRuns(line: string): number {
  let n = 0;
  for (let i = 0; i < line.length; i++) {
    const c = line.charCodeAt(i);
    if (c >= 48 && c <= 57 && !(i > 0 && line.charCodeAt(i - 1) >= 48 && line.charCodeAt(i - 1) <= 57)) n++;
  }
  return n;
}

/** The table layout of a text, judged by the shape of its lines. */
export function detectTxtLayout(lines: string[]): Layout {
  let mdRows = 0, mdSeparators = 0, tabLines = 0, tabNumbers = 0, tabPairs = 0, pipeLines = 0, pipeNumbers = 0, numberLines = 0, maxRuns = 0;
  let prevTab = false;
  for (const line of lines) {
    if (isMarkdownSeparator(line)) mdSeparators++;
    else if (MD_ROW.test(line)) mdRows++;
    const tab = TAB_LED.test(line);
    if (tab) {
      tabLines++;
      if (DIGITS_ONLY.test(line)) tabNumbers++;
      if (prevTab) tabPairs++;
    }
    prevTab = tab;
    const pipe = PIPE_CELL.exec(line);
    if (pipe) {
      pipeLines++;
      if (DIGITS_ONLY.test(pipe[1])) pipeNumbers++;
    }
    if (!tab && !pipe && DIGITS_ONLY.test(line)) numberLines++;
    if (line.length >= 20) maxRuns = Math.max(maxRuns, numberRuns(line));
  }
  if (mdSeparators > 0 && mdRows >= 2) return "markdown-table";
  if (tabLines >= MIN_CELL_LINES && tabNumbers >= MIN_NUMBER_CELLS && tabPairs >= MIN_NUMBER_CELLS) return "tab-cells";
  if (pipeLines >= MIN_CELL_LINES && pipeNumbers >= MIN_NUMBER_CELLS) return "pipe-cells";
  if (numberLines >= MIN_CELL_LINES) return "paragraph-cells";
  if (maxRuns >= 20) return "flattened";
  return "none";
}

// ---------------------------------------------------------------- conversion

class Delimited {
  private out: string[] = [];
  private row: string[] = [];
  private inTable = false;
  /** rowMarks false: cells whose rows cannot be seen (pipe-cells) get no ROW marks. */
  constructor(private readonly rowMarks = true) {}

  paragraph(line: string): void {
    this.endTable();
    const t = line.trim();
    if (t) this.out.push(t + "\n");
  }
  cell(text: string): void {
    this.inTable = true;
    this.row.push(text);
  }
  /** Append a continuation line to the last cell (a line break inside a cell is a space). */
  continueCell(text: string): void {
    const last = this.row.length - 1;
    this.row[last] = cellText(this.row[last] + " " + text);
  }
  get hasCell(): boolean {
    return this.row.length > 0;
  }
  endRow(): void {
    if (!this.row.length) return;
    this.out.push(this.row.map((c) => c + CELL).join("") + (this.rowMarks ? ROW : ""));
    this.row = [];
  }
  endTable(): void {
    this.endRow();
    if (this.inTable) this.out.push("\n");
    this.inTable = false;
  }
  toString(): string {
    this.endTable();
    return this.out.join("");
  }
}

function tabCells(lines: string[]): string {
  const d = new Delimited();
  let afterCell = false;
  for (const line of lines) {
    if (TAB_LED.test(line)) {
      d.cell(cellText(line));
      afterCell = true;
    } else if (!line.trim()) {
      d.endRow();
      afterCell = false;
    } else if (afterCell && d.hasCell && line.trim().length <= MAX_CONTINUATION && !HEADING.test(line)) {
      d.continueCell(line);
    } else {
      d.paragraph(line);
      afterCell = false;
    }
  }
  return d.toString();
}

function pipeCells(lines: string[]): string {
  const d = new Delimited(false);
  for (const line of lines) {
    const m = PIPE_CELL.exec(line);
    if (m) d.cell(cellText(m[1]));
    else if (line.trim()) d.paragraph(line);
  }
  return d.toString();
}

function markdownCells(lines: string[]): string {
  const d = new Delimited();
  for (const line of lines) {
    const m = MD_ROW.exec(line);
    if (isMarkdownSeparator(line)) continue;
    if (m) {
      for (const c of m[1].split(/(?<!\\)\|/)) d.cell(cellText(c.replace(/\\\|/g, "|")));
      d.endRow();
    } else if (line.trim()) d.paragraph(line);
    else d.endTable();
  }
  return d.toString();
}

function paragraphs(lines: string[]): string {
  let out = "";
  for (const line of lines) {
    const t = line.trim();
    if (t) out += t + "\n";
  }
  return out;
}

export function toDelimited(lines: string[], layout: Layout): string {
  switch (layout) {
    case "tab-cells": return tabCells(lines);
    case "pipe-cells": return pipeCells(lines);
    case "markdown-table": return markdownCells(lines);
    case "flattened": return lines.join("\n");
    default: return paragraphs(lines);
  }
}

// ---------------------------------------------------------------- crawler header and meta

interface Split { header: Record<string, string> | null; body: string }

/** "标题: …\n发布时间: …\n…\n==== 正文 ====\n<body>": the header fields and the body. */
export function splitCrawlerHeader(text: string): Split {
  if (!/^\s*标题\s*[:：]/.test(text)) return { header: null, body: text };
  const lines = text.split("\n", 40);
  const rule = lines.findIndex((l) => CRAWLER_RULE.test(l));
  if (rule < 0) return { header: null, body: text };
  const header: Record<string, string> = {};
  for (const l of lines.slice(0, rule)) {
    const m = /^\s*([^:：]{1,12})\s*[:：]\s?(.*)$/.exec(l);
    if (m) header[m[1].trim()] = m[2].trim();
  }
  let offset = 0;
  for (let i = 0; i <= rule; i++) offset += lines[i].length + 1;
  return { header, body: text.slice(offset) };
}

function metaOf(header: Record<string, string> | null, body: string, lines: string[]): DocumentMeta {
  const head = body.slice(0, 3000);
  return {
    title: header?.["标题"] || titleFromLines(lines.slice(0, 40).map((l) => l.replace(/^\s*#+\s*/, ""))),
    published: isoDate(header?.["发布时间"] ?? header?.["发布日期"]) ?? publishedIn(head),
    publisher: header?.["发布机构"] || header?.["来源"] || publisherIn(head),
  };
}

// ---------------------------------------------------------------- entry point

export function extractTxt(bytes: Uint8Array): Result<SourceDocument> {
  if (bytes.length === 0) return unreadable("txt", "empty_file", "the file is empty (0 bytes)");
  const decoded = decodeText(bytes);
  const findings: Finding[] = [];
  const bad = decodeFinding(decoded);
  if (bad?.severity === "error") return unreadable("txt", bad.code, bad.message);
  if (bad) findings.push(bad);
  const { text, controls } = scrub(decoded.text);
  if (controls) findings.push(finding("control_characters", "info", `${controls} control character(s) replaced by spaces`));
  const { header, body } = splitCrawlerHeader(text);
  if (!body.trim()) {
    return unreadable("txt", "empty_file", header ? "the crawler header is followed by no text" : "the file holds only whitespace", findings);
  }
  const lines = body.split("\n");
  const layout = detectTxtLayout(lines);
  return {
    value: { type: "txt", layout, meta: metaOf(header, body, lines), text: toDelimited(lines, layout) },
    findings,
  };
}
