/**
 * Reading the cells of one table row out of the text between two row labels (a "segment").
 * Structured sources (CELL-delimited) give exact cells, blank ones included; paragraph layouts
 * give exact cells but hide blanks; flattened text gives chunks that may hold several glued
 * cells (see split.ts).
 */
import { CELL } from "../document.ts";

/** A cell value as printed: number, the unit printed with it, the raw text. */
export interface CellValue { value: number; unit: string | null; raw: string; zeroMarker?: boolean }
export type Cell = CellValue | null; // null = blank

/** exact: the chunk is one cell; otherwise it may be several glued cells. */
export interface Chunk { text: string; exact: boolean }
export interface Segment { chunks: Chunk[]; blanksVisible: boolean; layout: "cells" | "lines" | "glued" }

const UNIT = "(?:万元|元|件|条|个|项|次)";
const NUMBER_CELL = new RegExp(`^([+-]?\\d+(?:\\.\\d+)?)(${UNIT})?$`);
/** Printed stand-ins for zero (spec: "0 may be printed as 0, blank, -, —, / or 无"). */
export const ZERO_MARKERS = new Set(["-", "/", "无", "\\"]);
const GLUED_NUMBERS = /-?\d[\d.]*(?:万元|元)?/g;

/** Parse one exact cell: a value, blank (null), or undefined when it is not a value (a label). */
export function parseCell(raw: string): Cell | undefined {
  const t = raw.replace(/\s+/g, "");
  if (t === "") return null;
  if (ZERO_MARKERS.has(t)) return { value: 0, unit: null, raw: t, zeroMarker: true };
  const m = t.match(NUMBER_CELL);
  return m ? { value: Number(m[1]), unit: m[2] ?? null, raw: t } : undefined;
}

/** Chunks of a piece of text that is not one exact cell: number runs, split at spaces, signs and text. */
function gluedChunks(text: string): Chunk[] {
  const out: Chunk[] = [];
  for (const tok of text.trim().split(/\s+/)) {
    if (ZERO_MARKERS.has(tok)) out.push({ text: tok, exact: true });
    else for (const m of tok.matchAll(GLUED_NUMBERS)) out.push({ text: m[0], exact: false });
  }
  return out;
}

function lineChunks(line: string): Chunk[] {
  const t = line.trim();
  if (t === "") return [];
  return parseCell(t) !== undefined ? [{ text: t, exact: true }] : gluedChunks(t);
}

/** Split a segment into chunks. */
export function readSegment(seg: string): Segment {
  if (seg.includes(CELL)) {
    const pieces = seg.split(CELL);
    const chunks: Chunk[] = [];
    pieces.forEach((p, i) => {
      const t = p.replace(/[\u001E\n]/g, " ").trim();
      const inner = i > 0 && i < pieces.length - 1;
      const cell = parseCell(t);
      // The first piece is the rest of the label's own cell, the last the start of the next
      // label's cell: they hold a value only in odd markup. Text cells are labels: skipped.
      if (cell === null ? inner : cell !== undefined) chunks.push({ text: t, exact: true });
    });
    return { chunks, blanksVisible: true, layout: "cells" };
  }
  if (/[\n\u001E]/.test(seg)) return { chunks: seg.split(/[\n\u001E]/).flatMap(lineChunks), blanksVisible: false, layout: "lines" };
  return { chunks: gluedChunks(seg), blanksVisible: false, layout: "glued" };
}
