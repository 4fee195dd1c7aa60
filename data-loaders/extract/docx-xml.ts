/**
 * word/document.xml to the docx model (docx-model.ts) with htmlparser2's streaming Parser (xmlMode):
 * no DOM, one pass, reading the elements as mammoth's body reader does (mammoth 1.13,
 * lib/docx/body-reader.js) so the text comes out the same as the mammoth path:
 *
 * - w:p paragraphs; w:t text, w:tab a tab, w:br a line break (page/column breaks: nothing),
 *   w:noBreakHyphen U+2011, w:softHyphen U+00AD;
 * - transparent wrappers: w:r, w:hyperlink, w:ins, w:smartTag, w:sdt's w:sdtContent,
 *   w:customXml, w:moveTo, w:object, w:drawing, VML shapes and text boxes; w:fldSimple too (mammoth
 *   drops its content: see "deliberate difference" below);
 * - dropped: w:del and w:moveFrom (deleted text), field codes (w:instrText), property elements,
 *   mc:Choice (mammoth reads only mc:Fallback of mc:AlternateContent), unknown elements
 *   (with mammoth's warning "An unrecognised element was ignored: …");
 * - w:pict: its text boxes become paragraphs placed after the paragraph holding them;
 * - tables: w:tbl/w:tr/w:tc with w:gridSpan and w:vMerge (merging is done when rendering);
 *   rows marked deleted (w:trPr/w:del) are dropped; a paragraph whose mark is deleted
 *   (w:pPr/w:rPr/w:del) joins the next paragraph;
 * - images: each a:blip of wp:inline/wp:anchor (r:embed or r:link) and each v:imagedata with r:id;
 * - a w:sdt checkbox (w14:checkbox) loses its first text (mammoth replaces it by a checkbox).
 *
 * Deliberate difference: mammoth ignores w:fldSimple and its content; its content is the field's
 * displayed result (a page number, a date, a formula's total in a table cell), so it is kept here.
 *
 * Whatever this reader cannot mirror with certainty gives { ok: false, reason } and the caller
 * falls back to mammoth: XML that is not well formed (implied closing tags, unbound or rebound
 * namespace prefixes, undeclared entities, a DOCTYPE), no w:body, w:altChunk, w:sym, footnote and
 * endnote references, elements inside w:t, text or runs outside a paragraph, a paragraph or table
 * inside a paragraph (other than in a text box), rows or cells outside a table, a non-numeric
 * w:gridSpan, a checkbox outside a paragraph, and nesting deep enough to trouble html.ts.
 */
import { Parser } from "htmlparser2";
import { BR, IMG, para, type Block, type Cell, type Para, type Row, type Table } from "./docx-model.ts";

export type ReadXml = { ok: true; body: Block[]; warnings: string[] } | { ok: false; reason: string };

/** mammoth's namespace prefixes (lib/docx/office-xml-reader.js). */
const PREFIXES: Record<string, string> = {
  "http://schemas.openxmlformats.org/wordprocessingml/2006/main": "w",
  "http://schemas.openxmlformats.org/officeDocument/2006/relationships": "r",
  "http://schemas.openxmlformats.org/drawingml/2006/wordprocessingDrawing": "wp",
  "http://schemas.openxmlformats.org/drawingml/2006/main": "a",
  "http://schemas.openxmlformats.org/drawingml/2006/picture": "pic",
  "http://purl.oclc.org/ooxml/wordprocessingml/main": "w",
  "http://purl.oclc.org/ooxml/officeDocument/relationships": "r",
  "http://purl.oclc.org/ooxml/drawingml/wordprocessingDrawing": "wp",
  "http://purl.oclc.org/ooxml/drawingml/main": "a",
  "http://purl.oclc.org/ooxml/drawingml/picture": "pic",
  "http://schemas.openxmlformats.org/package/2006/content-types": "content-types",
  "http://schemas.openxmlformats.org/package/2006/relationships": "relationships",
  "http://schemas.openxmlformats.org/markup-compatibility/2006": "mc",
  "urn:schemas-microsoft-com:vml": "v",
  "urn:schemas-microsoft-com:office:word": "office-word",
  "http://schemas.microsoft.com/office/word/2010/wordml": "wordml",
};

/** Elements mammoth skips without a warning (body-reader.js `ignoreElements`). */
const IGNORED = new Set([
  "office-word:wrap", "v:shadow", "v:shapetype", "w:annotationRef", "w:bookmarkEnd", "w:sectPr", "w:proofErr",
  "w:lastRenderedPageBreak", "w:commentRangeStart", "w:commentRangeEnd", "w:del", "w:footnoteRef", "w:endnoteRef",
  "w:moveFrom", "w:pPr", "w:rPr", "w:tblPr", "w:tblGrid", "w:trPr", "w:tcPr",
  // read for their effect elsewhere, no text of their own
  "w:fldChar", "w:instrText",
]);

/** Elements whose children are read in place (body-reader.js `readChildElements`), plus w:fldSimple. */
const TRANSPARENT = new Set([
  "w:r", "w:hyperlink", "w:customXml", "w:ins", "w:moveFromRangeEnd", "w:moveFromRangeStart", "w:moveTo", "w:moveToRangeEnd",
  "w:moveToRangeStart", "w:object", "w:smartTag", "w:drawing", "v:roundrect", "v:shape", "v:textbox", "w:txbxContent",
  "v:group", "v:rect", "w:fldSimple",
]);

/** Elements this reader leaves to mammoth. */
const UNCERTAIN = new Set(["w:altChunk", "w:sym", "w:footnoteReference", "w:endnoteReference"]);

/** The path from wp:inline / wp:anchor to the image, as mammoth's readDrawingElement walks it. */
const BLIP_PATH = ["a:graphic", "a:graphicData", "pic:pic", "pic:blipFill", "a:blip"];

const MAX_DEPTH = 500; // XML nesting; mammoth's HTML of it must stay under html.ts's depth cap
const MAX_TABLES = 100; // tables nested in tables

// frame kinds
const ROOT = 0, BODY = 1, PASS = 2, P = 3, T = 4, TBL = 5, TR = 6, TC = 7, PPR = 8, PPR_RPR = 9, TRPR = 10, TCPR = 11,
  SDT = 12, SDTPR = 13, PICT = 14, DRAW = 15, ALT = 16;

const PASS_CLS = 1, IGNORED_CLS = 2, UNCERTAIN_CLS = 3;
interface Name { name: string; cls: number }
interface Frame { kind: number; level: number; seen: number; sdt: Sdt | null }
interface Sdt { checkbox: boolean; pending: boolean; content: boolean }
/** Where content goes: a paragraph (inline) or a list of blocks. */
type Target = { para: Para; blocks: null; owner: null } | { para: null; blocks: Block[]; owner: Table | Row | Cell | null };

class Fallback extends Error {}

class Reader {
  frames: Frame[] = [];
  targets: Target[];
  body: Block[] = [];
  warnings: string[] = [];
  private warned = new Set<string>();
  skip = 0; // depth inside an element whose subtree is ignored
  text: string | null = null; // inside w:t
  justOpened = false;
  rootSeen = false;
  bodySeen = false;
  rootClosed = false;
  openTables: Table[] = [];
  sdts: Sdt[] = []; // open checkbox sdts whose first text is still to be replaced
  pendingDeleted: Para | null = null;
  ns = new Map<string, string>([["xml", "http://www.w3.org/XML/1998/namespace"]]);
  names = new Map<string, Name>();
  attr = { wVal: "w:val", wType: "w:type", wName: "w:name", rId: "r:id", rEmbed: "r:embed", rLink: "r:link" };
  private xml: string;
  parser: Parser;

  constructor(xml: string) {
    this.xml = xml;
    this.targets = [{ para: null, blocks: this.body, owner: null }];
    this.parser = new Parser(this, { xmlMode: true, decodeEntities: true, recognizeCDATA: true, recognizeSelfClosing: true });
  }

  fail(reason: string): never {
    throw new Fallback(reason);
  }

  warn(message: string): void {
    if (this.warned.has(message)) return;
    this.warned.add(message);
    this.warnings.push(message);
  }

  /** Namespace declarations: the first ones bind prefixes; a conflicting one leaves the file to mammoth. */
  declare(attribs: Record<string, string>): void {
    for (const key in attribs) {
      if (key !== "xmlns" && !key.startsWith("xmlns:")) continue;
      const prefix = key === "xmlns" ? "" : key.slice(6);
      const uri = attribs[key];
      const known = this.ns.get(prefix);
      if (known !== undefined && known !== uri) this.fail(`namespace prefix "${prefix}" is bound twice`);
      if (known === undefined) {
        if (prefix === "" && PREFIXES[uri]) this.fail("a default namespace for WordprocessingML");
        this.ns.set(prefix, uri);
        this.names.clear();
        const canonical = PREFIXES[uri];
        if (canonical === "w") Object.assign(this.attr, { wVal: `${prefix}:val`, wType: `${prefix}:type`, wName: `${prefix}:name` });
        if (canonical === "r") Object.assign(this.attr, { rId: `${prefix}:id`, rEmbed: `${prefix}:embed`, rLink: `${prefix}:link` });
      }
    }
  }

  /** The element name as mammoth names it ("w:p", or "{uri}local" for a namespace it does not know), and its class. */
  canon(raw: string): Name {
    const known = this.names.get(raw);
    if (known !== undefined) return known;
    let name: string;
    const colon = raw.indexOf(":");
    const prefix = colon < 0 ? "" : raw.slice(0, colon);
    const local = colon < 0 ? raw : raw.slice(colon + 1);
    const uri = this.ns.get(prefix);
    if (uri === undefined) {
      if (colon >= 0) this.fail(`unbound namespace prefix "${prefix}"`);
      name = local;
    } else {
      const mapped = PREFIXES[uri];
      name = mapped ? `${mapped}:${local}` : `{${uri}}${local}`;
    }
    const entry: Name = { name, cls: TRANSPARENT.has(name) ? PASS_CLS : IGNORED.has(name) ? IGNORED_CLS : UNCERTAIN.has(name) ? UNCERTAIN_CLS : 0 };
    this.names.set(raw, entry);
    return entry;
  }

  get top(): Frame {
    return this.frames[this.frames.length - 1];
  }
  get target(): Target {
    return this.targets[this.targets.length - 1];
  }
  push(kind: number, sdt: Sdt | null = null): void {
    if (this.frames.length >= MAX_DEPTH) this.fail("XML nested too deep");
    this.frames.push({ kind, level: 0, seen: 0, sdt });
  }

  /** The paragraph inline content goes to; outside a paragraph the file is left to mammoth. */
  inlineTarget(what: string): Para {
    const t = this.target;
    if (!t.para) this.fail(`${what} outside a paragraph`);
    return t.para;
  }

  /** A Text element of mammoth: the first non-empty one inside a checkbox sdt is dropped. */
  pushText(s: string): void {
    const p = this.inlineTarget("text");
    if (s.length && this.sdts.length) {
      for (let i = this.sdts.length - 1; i >= 0; i--) {
        if (this.sdts[i].pending) {
          this.sdts[i].pending = false;
          return;
        }
      }
    }
    p.inl.push(s);
  }

  image(): void {
    const t = this.target;
    if (t.para) t.para.inl.push(IMG);
    else t.blocks.push({ k: "leaf", img: true });
  }

  leaf(): void {
    const t = this.target;
    if (!t.para) t.blocks.push({ k: "leaf", img: false });
  }

  blockTarget(what: string): Block[] {
    const t = this.target;
    if (!t.blocks) this.fail(`${what} inside a paragraph`);
    return t.blocks;
  }

  // ---------------------------------------------------------------- parser callbacks

  onopentag(raw: string, attribs: Record<string, string>): void {
    this.justOpened = true;
    if (this.skip) {
      this.skip++;
      return;
    }
    if (this.text !== null) this.fail("an element inside w:t");
    if (!this.rootSeen) {
      this.rootSeen = true;
      this.declare(attribs);
      this.canon(raw);
      this.push(ROOT);
      return;
    }
    if (this.rootClosed) this.fail("content after the root element");
    for (const key in attribs) {
      if (key.charCodeAt(0) === 120 /* x */ && (key === "xmlns" || key.startsWith("xmlns:"))) {
        this.declare(attribs);
        break;
      }
    }
    const { name, cls } = this.canon(raw);
    const parent = this.top;
    switch (parent.kind) {
      case ROOT:
        if (name === "w:body" && !this.bodySeen) {
          this.bodySeen = true;
          this.push(BODY);
        } else this.skip = 1;
        return;
      case PPR: // first w:rPr of the first w:pPr: its w:del marks the paragraph deleted
        if (name === "w:rPr" && !parent.seen) {
          parent.seen = 1;
          this.push(PPR_RPR);
        } else this.skip = 1;
        return;
      case PPR_RPR:
        if (name === "w:del") this.target.para!.deleted = true;
        this.skip = 1;
        return;
      case TRPR:
        if (name === "w:del") (this.target.owner as Row).deleted = true;
        this.skip = 1;
        return;
      case TCPR: {
        const cell = this.target.owner as Cell;
        if (name === "w:gridSpan" && !(parent.seen & 1)) {
          parent.seen |= 1;
          const raw = attribs[this.attr.wVal];
          if (raw) {
            const n = parseInt(raw, 10);
            if (Number.isNaN(n)) this.fail(`w:gridSpan "${raw}"`);
            cell.colSpan = n;
          }
        } else if (name === "w:vMerge" && !(parent.seen & 2)) {
          parent.seen |= 2;
          const val = attribs[this.attr.wVal];
          cell.vMerge = val === "continue" || !val;
        }
        this.skip = 1;
        return;
      }
      case SDT: {
        const sdt = parent.sdt!;
        if (name === "w:sdtPr" && !(parent.seen & 1)) {
          parent.seen |= 1;
          this.push(SDTPR, sdt);
        } else if (name === "w:sdtContent" && !(parent.seen & 2)) {
          parent.seen |= 2;
          sdt.content = true;
          if (sdt.checkbox) {
            this.inlineTarget("a checkbox");
            sdt.pending = true;
            this.sdts.push(sdt);
          }
          this.push(PASS);
        } else this.skip = 1;
        return;
      }
      case SDTPR:
        if (name === "wordml:checkbox") {
          if (parent.sdt!.content) this.fail("a checkbox declared after its content");
          parent.sdt!.checkbox = true;
        }
        this.skip = 1;
        return;
      case ALT:
        if (name === "mc:Fallback" && !parent.seen) {
          parent.seen = 1;
          this.push(PASS);
        } else this.skip = 1;
        return;
      case DRAW:
        if (name === "mc:AlternateContent") this.fail("mc:AlternateContent inside a drawing");
        if (name !== BLIP_PATH[parent.level]) {
          this.skip = 1;
          return;
        }
        if (parent.level === BLIP_PATH.length - 1) {
          if (attribs[this.attr.rEmbed] || attribs[this.attr.rLink]) this.image();
          else this.warn("Could not find image file for a:blip element");
          this.skip = 1;
          return;
        }
        this.push(DRAW);
        this.top.level = parent.level + 1;
        return;
      case T:
        this.fail(`${name} inside w:t`);
    }
    this.content(name, cls, attribs, parent);
  }

  /** An element in content: body, paragraph, cell, text box or a transparent wrapper of those. */
  content(name: string, cls: number, attribs: Record<string, string>, parent: Frame): void {
    if (cls === PASS_CLS) {
      if ((name === "w:r" || name === "w:hyperlink") && !this.target.para) this.fail(`${name} outside a paragraph`);
      this.push(PASS);
      return;
    }
    if (cls === IGNORED_CLS) {
      if (name === "w:pPr" && parent.kind === P && !parent.seen) {
        parent.seen = 1;
        this.push(PPR);
        return;
      }
      if (name === "w:trPr" && parent.kind === TR && !parent.seen) {
        parent.seen = 1;
        this.push(TRPR);
        return;
      }
      if (name === "w:tcPr" && parent.kind === TC && !parent.seen) {
        parent.seen = 1;
        this.push(TCPR);
        return;
      }
      this.skip = 1;
      return;
    }
    if (cls === UNCERTAIN_CLS) this.fail(name);
    switch (name) {
      case "w:p": {
        this.blockTarget("w:p");
        const p = para();
        if (this.pendingDeleted) {
          // its text boxes would move with it, perhaps out of the table that holds them
          if (this.pendingDeleted.extras.length) this.fail("a deleted paragraph mark before a text box");
          p.inl = this.pendingDeleted.inl;
          p.extras = this.pendingDeleted.extras;
          this.pendingDeleted = null;
        }
        this.targets.push({ para: p, blocks: null, owner: null });
        this.push(P);
        return;
      }
      case "w:t":
        this.inlineTarget("w:t");
        this.text = "";
        this.push(T);
        return;
      case "w:tab":
        this.skip = 1;
        this.inlineTarget("w:tab").inl.push("\t");
        return;
      case "w:noBreakHyphen":
        this.skip = 1;
        this.pushText("\u2011");
        return;
      case "w:softHyphen":
        this.skip = 1;
        this.pushText("\u00AD");
        return;
      case "w:br": {
        this.skip = 1;
        const type = attribs[this.attr.wType];
        if (type == null || type === "textWrapping") this.inlineTarget("w:br").inl.push(BR);
        else if (type !== "page" && type !== "column") this.warn(`Unsupported break type: ${type}`);
        else this.inlineTarget("w:br");
        return;
      }
      case "w:bookmarkStart":
        this.skip = 1;
        if (attribs[this.attr.wName] !== "_GoBack") this.leaf();
        return;
      case "w:commentReference":
        this.skip = 1;
        this.leaf();
        return;
      case "w:pict": {
        this.inlineTarget("w:pict");
        this.targets.push({ para: null, blocks: [], owner: null });
        this.push(PICT);
        return;
      }
      case "wp:inline":
      case "wp:anchor":
        this.push(DRAW);
        return;
      case "v:imagedata":
        this.skip = 1;
        if (attribs[this.attr.rId]) this.image();
        else this.warn("A v:imagedata element without a relationship ID was ignored");
        return;
      case "mc:AlternateContent":
        this.push(ALT);
        return;
      case "w:sdt": {
        const sdt: Sdt = { checkbox: false, pending: false, content: false };
        this.push(SDT, sdt);
        return;
      }
      case "w:tbl": {
        this.blockTarget("w:tbl");
        if (this.openTables.length >= MAX_TABLES) this.fail("tables nested too deep");
        for (const outer of this.openTables) outer.layout = true; // html.ts: a table holding a table
        const table: Table = { k: "t", kids: [], merge: true, layout: false };
        this.openTables.push(table);
        this.targets.push({ para: null, blocks: table.kids, owner: table });
        this.push(TBL);
        return;
      }
      case "w:tr": {
        const t = this.target;
        if (!t.blocks || t.owner?.k !== "t") this.fail("w:tr outside a table");
        const row: Row = { k: "r", kids: [] };
        this.targets.push({ para: null, blocks: row.kids, owner: row });
        this.push(TR);
        return;
      }
      case "w:tc": {
        const t = this.target;
        if (!t.blocks || t.owner?.k !== "r") this.fail("w:tc outside a table row");
        const cell: Cell = { k: "c", kids: [], colSpan: 1, vMerge: null };
        this.targets.push({ para: null, blocks: cell.kids, owner: cell });
        this.push(TC);
        return;
      }
    }
    this.warn(`An unrecognised element was ignored: ${name}`);
    this.skip = 1;
  }

  ontext(data: string): void {
    if (this.text !== null && !this.skip) this.text += data;
  }

  oncdatastart(): void {
    if (this.text !== null && !this.skip) this.fail("CDATA inside w:t");
  }

  oncomment(): void {
    if (this.text !== null && !this.skip) this.fail("a comment inside w:t");
  }

  onprocessinginstruction(name: string): void {
    if (name.toLowerCase() === "!doctype") this.fail("a DOCTYPE");
  }

  onclosetag(_name: string, implied: boolean): void {
    // a self-closing tag is reported as implied too: only a tag closed by another one is malformed
    if (implied && !(this.justOpened && this.xml.charCodeAt(this.parser.endIndex - 1) === 47 /* / */)) this.fail("XML that is not well formed");
    this.justOpened = false;
    if (this.skip) {
      this.skip--;
      return;
    }
    const frame = this.frames.pop();
    if (!frame) return;
    switch (frame.kind) {
      case ROOT:
        this.rootClosed = true;
        return;
      case T: {
        const s = this.text!;
        this.text = null;
        this.pushText(s);
        return;
      }
      case P: {
        const p = this.targets.pop()!.para!;
        if (p.deleted) {
          this.pendingDeleted = p;
          return;
        }
        this.target.blocks!.push(p);
        return;
      }
      case PICT: {
        const blocks = this.targets.pop()!.blocks!;
        this.inlineTarget("w:pict").extras.push(...blocks);
        return;
      }
      case TBL: {
        this.openTables.pop();
        const table = this.targets.pop()!.owner as Table;
        if (table.kids.some((k) => k.k !== "r")) {
          table.merge = false;
          this.warn("unexpected non-row element in table, cell merging may be incorrect");
        } else if (table.kids.some((r) => (r as Row).kids.some((c) => c.k !== "c"))) {
          table.merge = false;
          this.warn("unexpected non-cell element in table row, cell merging may be incorrect");
        }
        this.target.blocks!.push(table);
        return;
      }
      case TR: {
        const row = this.targets.pop()!.owner as Row;
        if (!row.deleted) this.target.blocks!.push(row);
        return;
      }
      case TC: {
        const cell = this.targets.pop()!.owner as Cell;
        this.target.blocks!.push(cell);
        return;
      }
      case SDT:
        if (frame.sdt!.checkbox && frame.sdt!.content) this.sdts.splice(this.sdts.lastIndexOf(frame.sdt!), 1);
        return;
    }
  }
}

/** XML entities htmlparser2 and mammoth's XML parser both know; any other makes mammoth fail. */
const FOREIGN_ENTITY = /&(?!(?:amp|lt|gt|quot|apos|#[0-9]+|#x[0-9a-fA-F]+);)/;

export function readDocumentXml(xml: string): ReadXml {
  if (FOREIGN_ENTITY.test(xml)) return { ok: false, reason: "an entity XML does not define" };
  const reader = new Reader(xml);
  try {
    reader.parser.end(xml);
  } catch (e) {
    if (e instanceof Fallback) return { ok: false, reason: e.message };
    throw e;
  }
  if (!reader.rootSeen) return { ok: false, reason: "no root element" };
  if (!reader.bodySeen) return { ok: false, reason: "no w:body" };
  if (reader.pendingDeleted?.extras.length) return { ok: false, reason: "a deleted paragraph mark before a text box" };
  return { ok: true, body: reader.body, warnings: reader.warnings };
}
