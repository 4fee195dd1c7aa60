/**
 * The common document shape every extractor produces (txt, html, docx, later pdf/doc).
 *
 * A document is one string in "delimited text":
 *   - CELL (U+001F) ends a table cell,
 *   - ROW  (U+001E) ends a table row,
 *   - "\n" ends a paragraph (or a line of flattened text).
 * Text inside a cell never contains "\n" (internal line breaks become a space).
 * A blank table cell is an empty string followed by CELL. Text whose table cells were
 * flattened by a crawler has no CELL/ROW at all; the table parser recovers its cells.
 */
export const CELL = "\u001F";
export const ROW = "\u001E";

export type SourceType = "txt" | "html" | "docx" | "pdf" | "doc";

/** How the tables were laid out in the source; drives nothing but diagnostics. */
export type Layout =
  | "html-table"       // <table> markup (also docx through mammoth)
  | "tab-cells"        // txt: a cell per tab-indented line, rows split by blank lines
  | "paragraph-cells"  // txt: a cell per paragraph
  | "pipe-cells"       // txt: cells ended by "|"
  | "markdown-table"   // txt: | a | b | rows
  | "flattened"        // txt: cells glued together with no separator
  | "pdf-positions"    // pdf: rows and cells rebuilt from text positions and ruling lines
  | "doc-text"         // doc: Word's cell and row marks of the binary text (word-extractor)
  | "none";            // no table found

export interface DocumentMeta {
  title: string | null;      // page <title>, crawler "标题:" line, or first heading
  published: string | null;  // ISO date yyyy-mm-dd when the page states one ("发布时间")
  publisher: string | null;  // "发布机构" / "来源" when stated
}

export interface SourceDocument {
  type: SourceType;
  layout: Layout;
  meta: DocumentMeta;
  text: string; // delimited text, see above
}

/** A finding: something odd, with where it is. Severity "error" = a number is wrong or missing;
 * "warning" = a number is doubtful or the source breaks the format; "info" = noted, no doubt. */
export interface Finding {
  code: string;
  severity: "error" | "warning" | "info";
  message: string;
  table: string | null;   // "table_2" | "table_3" | "table_4" | null
  row: string | null;     // schema row key
  column: string | null;  // schema column key
  excerpt: string | null; // the source text the finding is about
  expected?: number | null;
  actual?: number | null;
  alternatives?: (number | null)[][];
}

/** mammoth's idea: a result carries its value and its messages instead of throwing. */
export interface Result<T> {
  value: T;
  findings: Finding[];
}

export function finding(code: string, severity: Finding["severity"], message: string, where: Partial<Finding> = {}): Finding {
  return { code, severity, message, table: null, row: null, column: null, excerpt: null, ...where };
}
