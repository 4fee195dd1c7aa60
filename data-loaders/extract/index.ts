/**
 * One file to a SourceDocument: detect its type from its bytes (then its name), run that type's
 * extractor. Never throws: what cannot be read comes back as empty text with an error finding.
 * For type "unknown" the document's own `type` is the extension's guess (or "txt").
 */
import type { Result, SourceDocument, SourceType } from "../document.ts";
import { detectType, extensionType } from "./detect.ts";
import { extractDoc } from "./doc.ts";
import { extractDocx } from "./docx.ts";
import { unreadable } from "./failure.ts";
import { extractHtml } from "./html.ts";
import { extractPdf } from "./pdf.ts";
import { extractTxt } from "./txt.ts";

export type Extracted = Result<SourceDocument> & { type: SourceType | "unknown" };

export { detectType } from "./detect.ts";
export { extractTxt } from "./txt.ts";
export { extractHtml, htmlToDelimited } from "./html.ts";
export { extractDocx } from "./docx.ts";
export { extractPdf } from "./pdf.ts";
export { extractDoc } from "./doc.ts";

async function run(type: SourceType | "unknown", path: string, bytes: Uint8Array): Promise<Result<SourceDocument>> {
  switch (type) {
    case "txt": return extractTxt(bytes);
    case "html": return extractHtml(bytes);
    case "docx": return extractDocx(bytes);
    case "pdf": return extractPdf(bytes);
    case "doc": return extractDoc(bytes);
    default: {
      const guess = extensionType(path) ?? "txt";
      return bytes.length === 0
        ? unreadable(guess, "empty_file", "the file is empty (0 bytes)")
        : unreadable(guess, "binary_file", "the file is neither text nor a known document format (binary content)");
    }
  }
}

export async function extract(path: string, bytes: Uint8Array): Promise<Extracted> {
  const type = detectType(path, bytes);
  try {
    return { ...(await run(type, path, bytes)), type };
  } catch (e) {
    // A bug in an extractor must not stop a batch: report it as this file's error.
    const r = unreadable(type === "unknown" ? extensionType(path) ?? "txt" : type, "extract_failed", `extraction failed: ${(e as Error).message}`);
    return { ...r, type };
  }
}
