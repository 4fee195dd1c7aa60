/**
 * The fast docx reader: word/document.xml alone, unzipped with node:zlib (docx-part.ts), read by
 * a streaming XML pass (docx-xml.ts) and rendered to delimited text (docx-render.ts). Same text,
 * meta and findings as the mammoth path (docx-mammoth.ts) for the files it accepts; for the rest
 * it answers "fallback" with its reason, and docx.ts hands the file to mammoth.
 *
 * It also falls back when the package's main part is not word/document.xml (mammoth follows
 * _rels/.rels) and when the package embeds a mammoth style map (mammoth/style-map).
 */
import { finding, type Finding, type Result, type SourceDocument } from "../document.ts";
import { unreadable } from "./failure.ts";
import { metaFromText } from "./meta.ts";
import { partText, readPart } from "./docx-part.ts";
import { readDocumentXml } from "./docx-xml.ts";
import { renderBody } from "./docx-render.ts";
import { imagesFinding, mammothFindings } from "./docx-mammoth.ts";
import type { ZipEntry } from "./zip.ts";

export const MAIN_PART = "word/document.xml";

export type FastDocx =
  | { kind: "read"; result: Result<SourceDocument> }
  | { kind: "refused"; finding: Finding } // a part read here is a zip bomb
  | { kind: "fallback"; reason: string };

const OFFICE_DOCUMENT = "http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument";
const RELATIONSHIP = /<(?:[\w.-]+:)?Relationship\b([^>]*)>/g;
const ATTRIBUTE = /([\w:.-]+)\s*=\s*(?:"([^"]*)"|'([^']*)')/g;

/** Whether mammoth's main document part (first officeDocument target present in the zip) is word/document.xml. */
function mainPartIsDefault(rels: string, names: Set<string>): boolean {
  for (const m of rels.matchAll(RELATIONSHIP)) {
    const attrs: Record<string, string> = {};
    for (const a of m[1].matchAll(ATTRIBUTE)) attrs[a[1]] = a[2] ?? a[3];
    if (attrs.Type !== OFFICE_DOCUMENT || !attrs.Target) continue;
    const target = attrs.Target.replace(/^\//, "");
    if (names.has(target)) return target === MAIN_PART;
  }
  return true;
}

function bombFinding(e: ZipEntry): Finding {
  return finding("docx_too_large", "error", `"${e.name}" inflates beyond the ${e.uncompressed} bytes its directory declares: a zip bomb`);
}

/** Read a guarded package (its directory in `entries`) without mammoth, or say why not. */
export function readDocxFast(bytes: Uint8Array, entries: ZipEntry[]): FastDocx {
  const names = new Set(entries.map((e) => e.name));
  if (names.has("mammoth/style-map")) return { kind: "fallback", reason: "an embedded mammoth style map" };
  const relsEntry = entries.find((e) => e.name === "_rels/.rels");
  if (relsEntry) {
    const rels = readPart(bytes, relsEntry);
    if (!rels.ok) return rels.problem === "bomb" ? { kind: "refused", finding: bombFinding(relsEntry) } : { kind: "fallback", reason: rels.message };
    if (!mainPartIsDefault(partText(rels.data), names)) return { kind: "fallback", reason: "the main part is not word/document.xml" };
  }
  const entry = entries.find((e) => e.name === MAIN_PART);
  if (!entry) return { kind: "fallback", reason: `no ${MAIN_PART}` };
  const part = readPart(bytes, entry);
  if (!part.ok) return part.problem === "bomb" ? { kind: "refused", finding: bombFinding(entry) } : { kind: "fallback", reason: part.message };
  const data = part.data;
  if ((data[0] === 0xff && data[1] === 0xfe) || (data[0] === 0xfe && data[1] === 0xff)) return { kind: "fallback", reason: "UTF-16 XML" };
  const read = readDocumentXml(partText(data));
  if (!read.ok) return { kind: "fallback", reason: read.reason };
  const { text, tables, images, findings: renderFindings } = renderBody(read.body);
  const findings = mammothFindings(read.warnings.map((message) => ({ type: "warning", message })));
  if (images) findings.push(imagesFinding(images));
  findings.push(...renderFindings);
  if (!text.trim()) return { kind: "read", result: unreadable("docx", "empty_file", "the document holds no text", findings) };
  if (!tables) findings.push(finding("no_table", "info", "the document has no table"));
  return { kind: "read", result: { value: { type: "docx", layout: tables ? "html-table" : "none", meta: metaFromText(text), text }, findings } };
}
