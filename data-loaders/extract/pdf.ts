/**
 * PDF with a text layer to delimited text, with pdf.js (pdfjs-dist, legacy build for Node; its
 * CMaps and standard fonts are read from node_modules, nothing is fetched).
 *
 * Per page: the text items with their positions (getTextContent) and the ruling lines drawn on
 * the page (axis-aligned strokes and thin filled rectangles of getOperatorList, through the
 * current transformation matrix). pdf-layout.ts turns them into paragraphs and table rows/cells,
 * which then take the same table path as HTML and docx.
 *
 * What cannot be read is an error finding with empty text, never a throw:
 *   corrupt_pdf    truncated, damaged streams (pdf-check.ts), invalid structure, or encrypted
 *                  with a password;
 *   scanned_pdf    no text layer at all (a scan: OCR is not done);
 *   pdf_text_unmapped  text whose fonts map to no Unicode (private-use or replacement characters);
 *   pdf_too_large  over MAX_BYTES, or a stream that inflates too far;
 *   pdf_time_limit the pages took longer than the time limit (checked between pages).
 * Over MAX_PAGES pages only the first MAX_PAGES are read (a warning). Pages without text in a
 * PDF that has text elsewhere are named in a "scanned_pages" warning.
 */
import { createRequire } from "node:module";
import { dirname, join } from "node:path";
import { finding, type Finding, type Result, type SourceDocument } from "../document.ts";
import { unreadable } from "./failure.ts";
import { metaFromText } from "./meta.ts";
import { checkPdf } from "./pdf-check.ts";
import { layoutPages, type PdfItem, type PdfPage, type PdfSeg } from "./pdf-layout.ts";

export const MAX_PAGES = 200;
export const MAX_BYTES = 100 * 1024 * 1024;
export const TIME_LIMIT_MS = 60_000;

export interface PdfOptions { maxPages?: number; timeLimitMs?: number }

const pdfjsRoot = dirname(createRequire(import.meta.url).resolve("pdfjs-dist/package.json"));
type PdfJs = typeof import("pdfjs-dist/legacy/build/pdf.mjs");
let pdfjs: Promise<PdfJs> | null = null;
const load = () => (pdfjs ??= import("pdfjs-dist/legacy/build/pdf.mjs"));

type Matrix = [number, number, number, number, number, number];
const multiply = (m: Matrix, n: Matrix): Matrix => [
  m[0] * n[0] + m[2] * n[1], m[1] * n[0] + m[3] * n[1],
  m[0] * n[2] + m[2] * n[3], m[1] * n[2] + m[3] * n[3],
  m[0] * n[4] + m[2] * n[5] + m[4], m[1] * n[4] + m[3] * n[5] + m[5],
];
const apply = (m: Matrix, x: number, y: number): [number, number] => [m[0] * x + m[2] * y + m[4], m[1] * x + m[3] * y + m[5]];

const THIN = 3; // points: a filled rectangle this thin is a ruling line

/** Axis-aligned ruling lines of a page's operator list, in viewport (top-down) coordinates. */
function rulingLines(OPS: PdfJs["OPS"], fnArray: number[], argsArray: unknown[][], viewport: Matrix): PdfSeg[] {
  const segs: PdfSeg[] = [];
  let ctm: Matrix = viewport;
  const stack: Matrix[] = [];
  const FILL = new Set([OPS.fill, OPS.eoFill, OPS.fillStroke, OPS.eoFillStroke, OPS.closeFillStroke, OPS.closeEOFillStroke]);
  const STROKE = new Set([OPS.stroke, OPS.closeStroke, OPS.fillStroke, OPS.eoFillStroke, OPS.closeFillStroke, OPS.closeEOFillStroke]);
  const add = (x1: number, y1: number, x2: number, y2: number) => {
    if (Math.abs(y1 - y2) <= 0.5) segs.push({ x1: Math.min(x1, x2), x2: Math.max(x1, x2), y1: (y1 + y2) / 2, y2: (y1 + y2) / 2 });
    else if (Math.abs(x1 - x2) <= 0.5) segs.push({ x1: (x1 + x2) / 2, x2: (x1 + x2) / 2, y1: Math.min(y1, y2), y2: Math.max(y1, y2) });
  };
  for (let i = 0; i < fnArray.length; i++) {
    const fn = fnArray[i], args = argsArray[i];
    if (fn === OPS.save) stack.push(ctm);
    else if (fn === OPS.restore) ctm = stack.pop() ?? ctm;
    else if (fn === OPS.transform) ctm = multiply(ctm, args as unknown as Matrix);
    else if (fn === OPS.paintFormXObjectBegin) {
      stack.push(ctm);
      const m = args?.[0] as unknown as Matrix | null;
      if (m && m.length === 6) ctm = multiply(ctm, Array.from(m) as Matrix);
    } else if (fn === OPS.paintFormXObjectEnd) ctm = stack.pop() ?? ctm;
    else if (fn === OPS.constructPath) {
      const paint = args[0] as number;
      const fill = FILL.has(paint), stroke = STROKE.has(paint);
      if (!fill && !stroke) continue;
      const data = (args[1] as ArrayLike<number>[] | null)?.[0];
      if (!data) continue;
      const subpaths: [number, number][][] = [];
      let cur: [number, number][] = [];
      let curved = false;
      for (let k = 0; k < data.length;) {
        const op = data[k++];
        if (op === 0) {
          if (cur.length) subpaths.push(cur);
          cur = [apply(ctm, data[k], data[k + 1])];
          k += 2;
        } else if (op === 1) {
          cur.push(apply(ctm, data[k], data[k + 1]));
          k += 2;
        } else if (op === 2) {
          k += 6;
          curved = true;
        } else if (op === 3) {
          k += 4;
          curved = true;
        } else if (op === 4) {
          if (cur.length) cur.push(cur[0]);
        } else break;
      }
      if (cur.length) subpaths.push(cur);
      if (curved) continue;
      for (const p of subpaths) {
        if (fill && p.length >= 4) {
          const xs = p.map((q) => q[0]), ys = p.map((q) => q[1]);
          const x0 = Math.min(...xs), x1 = Math.max(...xs), y0 = Math.min(...ys), y1 = Math.max(...ys);
          if (y1 - y0 <= THIN && x1 - x0 > THIN) add(x0, (y0 + y1) / 2, x1, (y0 + y1) / 2);
          else if (x1 - x0 <= THIN && y1 - y0 > THIN) add((x0 + x1) / 2, y0, (x0 + x1) / 2, y1);
          else if (stroke) for (let k = 1; k < p.length; k++) add(p[k - 1][0], p[k - 1][1], p[k][0], p[k][1]);
        } else if (stroke) for (let k = 1; k < p.length; k++) add(p[k - 1][0], p[k - 1][1], p[k][0], p[k][1]);
      }
    }
  }
  return segs;
}

const UNMAPPED = /[\uE000-\uF8FF\uFFFD\u0000-\u0008\u000E-\u001F]/g;

export async function extractPdf(bytes: Uint8Array, options: PdfOptions = {}): Promise<Result<SourceDocument>> {
  const maxPages = options.maxPages ?? MAX_PAGES;
  const deadline = Date.now() + (options.timeLimitMs ?? TIME_LIMIT_MS);
  if (bytes.length === 0) return unreadable("pdf", "empty_file", "the file is empty (0 bytes)");
  if (bytes.length > MAX_BYTES) return unreadable("pdf", "pdf_too_large", `the PDF is ${Math.round(bytes.length / 1048576)} MB (limit ${MAX_BYTES / 1048576} MB)`);
  const check = checkPdf(bytes);
  if (check.error) return unreadable("pdf", check.error.code, check.error.message);
  const findings: Finding[] = [...check.notes];
  const { getDocument, OPS } = await load();
  const task = getDocument({
    data: new Uint8Array(bytes), // pdf.js takes ownership of the buffer it gets
    cMapUrl: join(pdfjsRoot, "cmaps") + "/",
    cMapPacked: true,
    standardFontDataUrl: join(pdfjsRoot, "standard_fonts") + "/",
    wasmUrl: join(pdfjsRoot, "wasm") + "/",
    useSystemFonts: false,
    disableFontFace: true,
    isEvalSupported: false,
    isOffscreenCanvasSupported: false,
    useWorkerFetch: false,
    verbosity: 0,
  });
  try {
    let doc;
    try {
      doc = await task.promise;
    } catch (e) {
      const err = e as Error;
      if (err.name === "PasswordException") return unreadable("pdf", "corrupt_pdf", "the PDF is encrypted and needs a password to open");
      return unreadable("pdf", "corrupt_pdf", `the PDF cannot be opened: ${err.message || err.name} (damaged or not a PDF)`);
    }
    const n = Math.min(doc.numPages, maxPages);
    if (doc.numPages > maxPages) findings.push(finding("pdf_too_many_pages", "warning", `the PDF has ${doc.numPages} pages; only the first ${maxPages} were read`));
    const pages: PdfPage[] = [];
    const textless: number[] = [];
    let chars = 0, unmapped = 0;
    for (let p = 1; p <= n; p++) {
      if (Date.now() > deadline) {
        return unreadable("pdf", "pdf_time_limit", `reading the PDF took longer than ${Math.round((options.timeLimitMs ?? TIME_LIMIT_MS) / 1000)} s (stopped at page ${p} of ${n})`);
      }
      let page;
      try {
        page = await doc.getPage(p);
        const viewport = page.getViewport({ scale: 1 });
        const vt = viewport.transform as Matrix;
        const content = await page.getTextContent();
        const items: PdfItem[] = [];
        for (const it of content.items) {
          if (!("str" in it) || !it.str.trim()) continue;
          const t = multiply(vt, it.transform as Matrix);
          const size = Math.hypot(t[2], t[3]) || it.height || 1;
          const scale = Math.hypot(vt[0], vt[1]) || 1;
          items.push({ text: it.str, x: t[4], y: t[5], w: it.width * scale, size });
          chars += it.str.replace(/\s+/g, "").length;
          unmapped += it.str.match(UNMAPPED)?.length ?? 0;
        }
        let segs: PdfSeg[] = [];
        if (items.length) {
          const ops = await page.getOperatorList();
          segs = rulingLines(OPS, ops.fnArray, ops.argsArray as unknown[][], vt);
        } else textless.push(p);
        pages.push({ width: viewport.width, height: viewport.height, items, segs });
      } catch (e) {
        return unreadable("pdf", "corrupt_pdf", `page ${p} of the PDF cannot be read: ${(e as Error).message} (the file is damaged)`);
      } finally {
        page?.cleanup();
      }
    }
    if (chars === 0) {
      return unreadable("pdf", "scanned_pdf", check.images
        ? `the PDF has no text layer: its ${n} page(s) are images (a scan); OCR is not done, so nothing was read`
        : `the PDF has no text layer and no images (${n} page(s) of drawings or blank pages); OCR is not done, so nothing was read`);
    }
    if (unmapped > chars * 0.3) {
      return unreadable("pdf", "pdf_text_unmapped", `the PDF's text cannot be decoded: ${unmapped} of ${chars} characters map to no Unicode (fonts without a character map)`);
    }
    if (textless.length) {
      findings.push(finding("scanned_pages", "warning", `page(s) ${textless.join(", ")} have no text layer${check.images ? " (images: scanned pages)" : ""}; their content is not read (OCR is not done)`));
    }
    const laid = layoutPages(pages);
    if (laid.rulelessTables) findings.push(finding("pdf_ruleless_table", "info", `${laid.rulelessTables} table(s) without ruling lines: columns were found from the text positions`));
    const text = laid.text;
    if (!text.trim()) return unreadable("pdf", "empty_file", "the PDF holds no text", findings);
    if (!laid.tables) findings.push(finding("no_table", "info", "the PDF has no table (no ruling lines and no column-aligned text)"));
    const meta = metaFromText(text);
    if (!meta.title) {
      const info = (await doc.getMetadata().catch(() => null))?.info as { Title?: unknown } | undefined;
      if (typeof info?.Title === "string" && info.Title.includes("报告")) meta.title = info.Title.trim();
    }
    return { value: { type: "pdf", layout: laid.tables ? "pdf-positions" : "none", meta, text }, findings };
  } finally {
    await task.destroy().catch(() => undefined);
  }
}
