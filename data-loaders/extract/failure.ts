/** The result for a file that cannot be read at all: empty text and one error finding. */
import { finding, type Finding, type Layout, type Result, type SourceDocument, type SourceType } from "../document.ts";

export function emptyDocument(type: SourceType, layout: Layout = "none"): SourceDocument {
  return { type, layout, meta: { title: null, published: null, publisher: null }, text: "" };
}

export function unreadable(type: SourceType, code: string, message: string, extra: Finding[] = []): Result<SourceDocument> {
  return { value: emptyDocument(type), findings: [...extra, finding(code, "error", message)] };
}
