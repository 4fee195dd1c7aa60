/**
 * docx to delimited text: guard the zip (truncation, zip bombs) from its central directory and
 * a bounded inflate of each entry, convert with mammoth to HTML, then take the same table path as HTML pages (html.ts).
 */
import { Buffer } from "node:buffer";
import mammoth from "mammoth";
import { finding, type Finding, type Result, type SourceDocument } from "../document.ts";
import { unreadable } from "./failure.ts";
import { htmlToDelimited, parseHtml } from "./html.ts";
import { metaFromText } from "./meta.ts";
import { inflatesWithin, readZipDirectory } from "./zip.ts";

export const MAX_UNCOMPRESSED = 200 * 1024 * 1024; // bytes, all entries together
export const MAX_RATIO = 100; // uncompressed / compressed, for archives above RATIO_FLOOR
const RATIO_FLOOR = 10 * 1024 * 1024;

/** Why the archive must not be unzipped, as an error finding; null when it may. */
export function docxGuard(bytes: Uint8Array): Finding | null {
  if (bytes[0] !== 0x50 || bytes[1] !== 0x4b) return finding("corrupt_docx", "error", "not a readable docx: the file is not a zip archive");
  const dir = readZipDirectory(bytes);
  if (!dir.ok) return finding(dir.problem === "truncated" ? "truncated_docx" : "corrupt_docx", "error", `not a readable docx: ${dir.message}`);
  let packed = 0, unpacked = 0;
  for (const e of dir.entries) {
    packed += e.compressed;
    unpacked += e.uncompressed;
  }
  if (unpacked > MAX_UNCOMPRESSED) return finding("docx_too_large", "error", `the docx unpacks to ${Math.round(unpacked / 1048576)} MB (limit ${MAX_UNCOMPRESSED / 1048576} MB)`);
  if (unpacked > RATIO_FLOOR && unpacked / Math.max(1, packed) > MAX_RATIO) {
    return finding("docx_too_large", "error", `the docx unpacks ${Math.round(unpacked / Math.max(1, packed))} times its packed size: a zip bomb`);
  }
  if (!dir.entries.some((e) => e.name === "word/document.xml")) return finding("corrupt_docx", "error", "the zip holds no word/document.xml: not a Word document");
  const liar = dir.entries.find((e) => !inflatesWithin(bytes, e, e.uncompressed));
  if (liar) return finding("docx_too_large", "error", `"${liar.name}" inflates beyond the ${liar.uncompressed} bytes its directory declares: a zip bomb`);
  return null;
}

/** mammoth's messages worth keeping: not the routine "unrecognised style" notes. */
function mammothFindings(messages: { type: string; message: string }[]): Finding[] {
  return messages
    .filter((m) => m.type === "error" || !/style/i.test(m.message))
    .slice(0, 20)
    .map((m) => finding("docx_conversion", m.type === "error" ? "warning" : "info", m.message));
}

export async function extractDocx(bytes: Uint8Array): Promise<Result<SourceDocument>> {
  if (bytes.length === 0) return unreadable("docx", "empty_file", "the file is empty (0 bytes)");
  const refused = docxGuard(bytes);
  if (refused) return unreadable("docx", refused.code, refused.message);
  let images = 0;
  let html: string;
  const findings: Finding[] = [];
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
  if (images) findings.push(finding("images_ignored", "info", `${images} image(s) in the document were not read (a table printed as an image has no text)`));
  const parsed = parseHtml(html);
  const { text, tables, findings: htmlFindings } = htmlToDelimited(parsed.doc);
  findings.push(...parsed.findings, ...htmlFindings);
  if (!text.trim()) return unreadable("docx", "empty_file", "the document holds no text", findings);
  if (!tables) findings.push(finding("no_table", "info", "the document has no table"));
  return { value: { type: "docx", layout: tables ? "html-table" : "none", meta: metaFromText(text), text }, findings };
}
