/**
 * The little document model the fast docx reader builds from word/document.xml: only what
 * reaches delimited text. It mirrors mammoth's document model (paragraphs, tables, rows, cells,
 * text-box paragraphs placed after their paragraph), so rendering it can follow, step by step,
 * what html.ts does with mammoth's HTML.
 */

export const BR = 0; // a line break (w:br): a new line outside tables, a space inside a cell
export const IMG = 1; // an image mammoth would hand to its image converter
export type Inline = string | typeof BR | typeof IMG;

/** A paragraph: its inline content, then the blocks mammoth inserts after it (text boxes of w:pict). */
export interface Para { k: "p"; inl: Inline[]; extras: Block[]; deleted?: boolean }
/** A table: rows, plus anything else mammoth found among its children; merge false when that stops
 * vMerge; layout true when it holds another table (html.ts then reads it as plain blocks). */
export interface Table { k: "t"; kids: Block[]; merge: boolean; layout: boolean }
export interface Row { k: "r"; kids: Block[]; deleted?: boolean }
/** A cell: colSpan as mammoth reads w:gridSpan; vMerge: true continues a vertical merge, false restarts, null none. */
export interface Cell { k: "c"; kids: Block[]; colSpan: number; vMerge: boolean | null }
/** An element with no text of its own (bookmark, checkbox, image outside a paragraph). */
export interface Leaf { k: "leaf"; img: boolean }
export type Block = Para | Table | Row | Cell | Leaf;

export const para = (): Para => ({ k: "p", inl: [], extras: [] });
