/**
 * The mammoth path for a docx already guarded (docx.ts): mammoth converts the package to HTML,
 * then html.ts reads it as it reads a page. Slow (~18 ms a report) but complete: the fast reader
 * (docx-xml.ts) hands over every file it cannot read with certainty. mammoth is loaded on the first
 * such file only: loading it costs a parse worker ~130 ms that a run without one would waste.
 */
import { Buffer } from "node:buffer";
import { finding, type Finding, type Result, type SourceDocument } from "../document.ts";
import { unreadable } from "./failure.ts";
import { htmlToDelimited, parseHtml } from "./html.ts";
import { metaFromText } from "./meta.ts";

/** mammoth's messages worth keeping: not the routine "unrecognised style" notes. */
export function mammothFindings(messages: { type: string; message: string }[]): Finding[] {
  return messages
    .filter((m) => m.type === "error" || !/style/i.test(m.message))
    .slice(0, 20)
    .map((m) => finding("docx_conversion", m.type === "error" ? "warning" : "info", m.message));
}

export function imagesFinding(images: number): Finding {
  return finding("images_ignored", "info", `${images} image(s) in the document were not read (a table printed as an image has no text)`);
}

/** The delimited text of a docx through mammoth's HTML; `bytes` must have passed the zip guard. */
export async function readDocxWithMammoth(bytes: Uint8Array): Promise<Result<SourceDocument>> {
  let images = 0;
  let html: string;
  const findings: Finding[] = [];
  const { default: mammoth } = await import("mammoth");
  try {
    const result = await mammoth.convertToHtml(
      { buffer: Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength) },
      { convertImage: mammoth.images.imgElement(async () => (images++, { src: "" })) },
    );
    html = result.value;
    findings.push(...mammothFindings(result.messages));
  } catch (e) {
    return unreadable("docx", "corrupt_docx", `mammoth could not read the docx: ${(e as Error).message}`);
  }
  if (images) findings.push(imagesFinding(images));
  const parsed = parseHtml(html);
  const { text, tables, findings: htmlFindings } = htmlToDelimited(parsed.doc);
  findings.push(...parsed.findings, ...htmlFindings);
  if (!text.trim()) return unreadable("docx", "empty_file", "the document holds no text", findings);
  if (!tables) findings.push(finding("no_table", "info", "the document has no table"));
  return { value: { type: "docx", layout: tables ? "html-table" : "none", meta: metaFromText(text), text }, findings };
}
