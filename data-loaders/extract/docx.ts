/**
 * docx to delimited text. The zip is guarded first from its central directory (truncation,
 * declared sizes, zip bombs); then the fast reader (docx-fast.ts) reads word/document.xml
 * directly, and what it cannot read with certainty goes the mammoth way (docx-mammoth.ts:
 * mammoth's HTML, then html.ts), which gives the same text for the files both read.
 *
 * Zip bombs: the declared sizes of all entries are checked up front (total and ratio). An entry
 * is inflated only if it is read, and never beyond the size its directory declares: the fast
 * reader reads word/document.xml (and _rels/.rels) once with that bound and reuses the bytes;
 * the other parts (images, styles…) are not read by it, so they are not inflated. Before the
 * mammoth path, which reads many parts, every entry is checked with a bounded inflate as before.
 */
import { finding, type Finding, type Result, type SourceDocument } from "../document.ts";
import { unreadable } from "./failure.ts";
import { readDocxFast } from "./docx-fast.ts";
import { readDocxWithMammoth } from "./docx-mammoth.ts";
import { inflatesWithin, readZipDirectory, type ZipEntry } from "./zip.ts";

export const MAX_UNCOMPRESSED = 200 * 1024 * 1024; // bytes, all entries together
export const MAX_RATIO = 100; // uncompressed / compressed, for archives above RATIO_FLOOR
const RATIO_FLOOR = 10 * 1024 * 1024;

type Package = { ok: true; entries: ZipEntry[] } | { ok: false; refused: Finding };

/** The checks that need no inflating: a zip, complete, of plausible declared size, with a document part. */
function checkPackage(bytes: Uint8Array): Package {
  const refuse = (f: Finding): Package => ({ ok: false, refused: f });
  if (bytes[0] !== 0x50 || bytes[1] !== 0x4b) return refuse(finding("corrupt_docx", "error", "not a readable docx: the file is not a zip archive"));
  const dir = readZipDirectory(bytes);
  if (!dir.ok) return refuse(finding(dir.problem === "truncated" ? "truncated_docx" : "corrupt_docx", "error", `not a readable docx: ${dir.message}`));
  let packed = 0, unpacked = 0;
  for (const e of dir.entries) {
    packed += e.compressed;
    unpacked += e.uncompressed;
  }
  if (unpacked > MAX_UNCOMPRESSED) return refuse(finding("docx_too_large", "error", `the docx unpacks to ${Math.round(unpacked / 1048576)} MB (limit ${MAX_UNCOMPRESSED / 1048576} MB)`));
  if (unpacked > RATIO_FLOOR && unpacked / Math.max(1, packed) > MAX_RATIO) {
    return refuse(finding("docx_too_large", "error", `the docx unpacks ${Math.round(unpacked / Math.max(1, packed))} times its packed size: a zip bomb`));
  }
  if (!dir.entries.some((e) => e.name === "word/document.xml")) return refuse(finding("corrupt_docx", "error", "the zip holds no word/document.xml: not a Word document"));
  return { ok: true, entries: dir.entries };
}

/** An entry that inflates beyond its declared size, as a finding (every entry inflated, bounded). */
function liarFinding(bytes: Uint8Array, entries: ZipEntry[]): Finding | null {
  const liar = entries.find((e) => !inflatesWithin(bytes, e, e.uncompressed));
  return liar ? finding("docx_too_large", "error", `"${liar.name}" inflates beyond the ${liar.uncompressed} bytes its directory declares: a zip bomb`) : null;
}

/** Why the archive must not be unzipped at all (every entry checked), as an error finding; null when it may. */
export function docxGuard(bytes: Uint8Array): Finding | null {
  const pkg = checkPackage(bytes);
  return pkg.ok ? liarFinding(bytes, pkg.entries) : pkg.refused;
}

/** The mammoth path alone (guarded as before the fast reader existed): for tests and comparison. */
export async function extractDocxMammoth(bytes: Uint8Array): Promise<Result<SourceDocument>> {
  if (bytes.length === 0) return unreadable("docx", "empty_file", "the file is empty (0 bytes)");
  const refused = docxGuard(bytes);
  if (refused) return unreadable("docx", refused.code, refused.message);
  return readDocxWithMammoth(bytes);
}

/** The fast reader alone: its result, or why it leaves the file to mammoth. */
export function extractDocxFast(bytes: Uint8Array): { result: Result<SourceDocument> } | { fallback: string; entries: ZipEntry[] } {
  if (bytes.length === 0) return { result: unreadable("docx", "empty_file", "the file is empty (0 bytes)") };
  const pkg = checkPackage(bytes);
  if (!pkg.ok) return { result: unreadable("docx", pkg.refused.code, pkg.refused.message) };
  const fast = readDocxFast(bytes, pkg.entries);
  if (fast.kind === "read") return { result: fast.result };
  if (fast.kind === "refused") return { result: unreadable("docx", fast.finding.code, fast.finding.message) };
  return { fallback: fast.reason, entries: pkg.entries };
}

export async function extractDocx(bytes: Uint8Array): Promise<Result<SourceDocument>> {
  const fast = extractDocxFast(bytes);
  if ("result" in fast) return fast.result;
  const liar = liarFinding(bytes, fast.entries);
  if (liar) return unreadable("docx", liar.code, liar.message);
  return readDocxWithMammoth(bytes);
}
