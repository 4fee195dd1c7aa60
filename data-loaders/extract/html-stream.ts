/**
 * HTML to delimited text in one streaming pass (htmlparser2's Parser events, no DOM): the same
 * text, meta, table count and findings as the DOM walk of html.ts (`htmlToDelimited`) for every
 * input, with the rules of html.ts's header.
 *
 * The DOM walk's tree is exactly the Parser's open/close events (the DOM handler only records
 * them), so the pass keeps a stack of open elements, each with the roles it took on open, and
 * undoes them on close:
 * - A point is rendered when no dropped element (SKIP, incl. <head>) and no <title> is open.
 *   Rendered text goes to the output line; rendered blocks flush it on open and on close.
 * - A <head> met at a rendered point is scanned for <title>/<meta> (anywhere below it, as the
 *   DOM walk's search does); a <title> elsewhere gives meta and is not rendered.
 * - Whether a table is a data table is known only when it closes (a table holding a table is a
 *   layout table). A table met at a rendered point is written both ways meanwhile: as blocks into
 *   the output (from a mark) and as source rows/cells/captions; a table opening inside it drops
 *   the cell reading. At its close a data table takes back its blocks (and any meta met inside,
 *   which the DOM walk never reads in a data table) and writes its rows.
 * - Cell, caption and title text follow the DOM walk's `textOf`: dropped elements below the
 *   cell are skipped (a collector remembers how many were open at its cell), blocks and <br>
 *   add a space; the outermost <tr> of a table, the outermost cell of a row and the outermost
 *   caption count, and cells outside any <tr> make one row only when the table has no <tr>.
 * Speed: the events come from a lean copy of the Parser (html-events.ts) over a tokenizer with
 * fast paths (html-tokenizer.ts), and no attribs object is built per tag: an open tag is taken
 * from `onopentagname`, keeps the few attributes read (READ_ATTRIBUTES; first one wins, as in
 * attribs) and is applied at the next event; a tag the input ends inside is dropped, as the DOM
 * handler (which only hears `onopentag`) never sees it either.
 */
import type { Finding } from "../document.ts";
import { addMeta, addTitle, emptyHead, metaKey, pageMeta } from "./html-meta.ts";
import { Output, type HtmlText } from "./html-output.ts";
import { parseTags, type AttributeFilter, type TagHandler } from "./html-events.ts";
import { BLOCK, SKIP, span, tableTooLarge } from "./html-rules.ts";
import { tableRows, type SourceCell } from "./html-spans.ts";
import { cellText } from "./text.ts";

/** Text gathered below one element (a cell, a caption, a title). */
interface Collector {
  parts: string[];
  /** dropped elements open at the collector's own element: more means inside a dropped one */
  skips: number;
}

/** The source rows of a table that may still be a data table. */
interface TableRead {
  captions: string[];
  caption: Collector | null;
  rows: SourceCell[][];
  row: SourceCell[] | null;
  cell: Collector | null;
  rowspan: number;
  colspan: number;
  sawTr: boolean;
  loose: SourceCell[];     // cells outside any <tr>: the table's one row if it has no <tr>
  looseCell: Collector | null;
  looseColspan: number;
}

/** A table met at a rendered point, open. */
interface OpenTable {
  read: TableRead | null; // null once a table opened inside it: a layout table
  mark: number;           // output parts before it
  metaMark: number;       // meta actions before it
}

type MetaAction = { title: string } | { key: string; content: string };

// roles an element takes on open, undone on close
const SKIPPED = 1, FLUSH = 2, HEAD = 4, TITLE = 8, CAPTION = 16, ROW = 32, CELL = 64, LOOSE = 128, TABLE = 256;

const newRead = (): TableRead => ({
  captions: [], caption: null, rows: [], row: null, cell: null, rowspan: 1, colspan: 1,
  sawTr: false, loose: [], looseCell: null, looseColspan: 1,
});

/** A collector for an element; blocks (td, th, caption) start with the space textOf gives them. */
const collector = (skips: number, block: boolean): Collector => ({ parts: block ? [" "] : [], skips });

const collected = (c: Collector): string => cellText(c.parts.join(""));

/** The tags whose attributes the walk reads, and those attributes (cells' spans, <meta>'s key and content). */
const READ_ATTRIBUTES: AttributeFilter = {
  tags: new Set(["td", "th", "meta"]),
  names: new Set(["rowspan", "colspan", "name", "property", "http-equiv", "content"]),
};

/** What the walk does with a tag: its content dropped (SKIP), a block (BLOCK, or <br>), its
 * attributes read. Worked out once per name: a page names a few dozen tags thousands of times. */
const DROPS = 1, BLOCKS = 2, READS = 4;
const FLAGS_MAX = 4096; // names remembered; a page inventing more is still read, uncached
const flagCache = new Map<string, number>();

function flagsOf(name: string): number {
  let flags = flagCache.get(name);
  if (flags === undefined) {
    const skip = SKIP.has(name);
    flags = (skip ? DROPS : 0) | (!skip && (name === "br" || BLOCK.has(name)) ? BLOCKS : 0) | (READ_ATTRIBUTES.tags.has(name) ? READS : 0);
    if (flagCache.size < FLAGS_MAX) flagCache.set(name, flags);
  }
  return flags;
}

class StreamWalk implements TagHandler {
  readonly out = new Output();
  readonly findings: Finding[] = [];
  private readonly actions: MetaAction[] = [];
  private readonly roles: number[] = [];
  private readonly tables: OpenTable[] = [];
  private read: TableRead | null = null; // the innermost open table's reading, if still a candidate data table
  private skips = 0;                     // dropped elements open
  private title: Collector | null = null;
  private headScan = false;
  private pending: string | null = null; // an open tag whose attributes are still coming
  private attrs: Record<string, string> = {};

  onopentagname(name: string): void {
    if (this.pending !== null) this.commit();
    this.pending = name;
    if (flagsOf(name) & READS) this.attrs = {};
  }

  /** An attribute of READ_ATTRIBUTES: the first of a name wins, as in htmlparser2's attribs. */
  onattribute(key: string, value: string): void {
    if (this.attrs[key] === undefined) this.attrs[key] = value;
  }

  /** The input ended inside an open tag: it never opened. */
  oncuttag(): void {
    this.pending = null;
  }

  private commit(): void {
    const name = this.pending!;
    this.pending = null;
    this.open(name, this.attrs);
  }

  ontext(t: string): void {
    if (this.pending !== null) this.commit();
    const skips = this.skips;
    const title = this.title;
    if (title === null) {
      if (skips === 0) this.out.inline(t);
    } else if (skips === title.skips) title.parts.push(t);
    const r = this.read;
    if (r === null) return;
    if (r.cell !== null && skips === r.cell.skips) r.cell.parts.push(t);
    if (r.caption !== null && skips === r.caption.skips) r.caption.parts.push(t);
    if (r.looseCell !== null && skips === r.looseCell.skips) r.looseCell.parts.push(t);
  }

  private open(name: string, attribs: Record<string, string>): void {
    const skips = this.skips;
    const rendered = skips === 0 && this.title === null;
    const flags = flagsOf(name);
    const skip = (flags & DROPS) !== 0;
    const block = (flags & BLOCKS) !== 0;
    let r = this.read;
    if (block) this.space(skips, r);
    let roles = 0;
    if (name === "table") {
      if (r !== null) this.tables[this.tables.length - 1].read = this.read = r = null; // a layout table
      if (rendered) {
        this.out.flush();
        this.read = newRead();
        this.tables.push({ read: this.read, mark: this.out.mark(), metaMark: this.actions.length });
        this.roles.push(TABLE);
        return;
      }
    } else if (r !== null) {
      roles = this.readCell(name, attribs, skips, r);
    }
    if (rendered) {
      if (name === "head") {
        this.headScan = true;
        roles |= HEAD;
      } else if (name === "title") {
        this.title = collector(skips, false);
        roles |= TITLE;
      } else if (name === "meta") {
        this.meta(attribs);
      } else if (name === "br") {
        this.out.flush();
      } else if (block) {
        this.out.flush();
        roles |= FLUSH;
      }
    } else if (this.headScan && this.title === null) {
      if (name === "title") {
        this.title = collector(skips, false);
        roles |= TITLE;
      } else if (name === "meta") {
        this.meta(attribs);
      }
    }
    if (skip) {
      this.skips++;
      roles |= SKIPPED;
    }
    this.roles.push(roles);
  }

  onclosetag(): void {
    if (this.pending !== null) this.commit();
    if (!this.roles.length) return; // an open tag cut by the end of the input was never opened
    const roles = this.roles.pop()!;
    if (roles === 0) return;
    if (roles & SKIPPED) this.skips--;
    if (roles & TABLE) return this.closeTable();
    const r = this.read;
    if (r !== null) {
      if (roles & CELL && r.cell !== null) {
        r.row!.push({ text: collected(r.cell), rowspan: r.rowspan, colspan: r.colspan });
        r.cell = null;
      }
      if (roles & LOOSE && r.looseCell !== null) {
        r.loose.push({ text: collected(r.looseCell), rowspan: 1, colspan: r.looseColspan });
        r.looseCell = null;
      }
      if (roles & ROW && r.row !== null) {
        r.rows.push(r.row);
        r.row = null;
      }
      if (roles & CAPTION && r.caption !== null) {
        r.captions.push(collected(r.caption));
        r.caption = null;
      }
    }
    if (roles & TITLE) {
      this.actions.push({ title: collected(this.title!) });
      this.title = null;
    }
    if (roles & HEAD) this.headScan = false;
    if (roles & FLUSH) this.out.flush();
  }

  result(): HtmlText {
    const text = this.out.toString();
    const head = emptyHead();
    for (const a of this.actions) {
      if ("title" in a) addTitle(head, a.title);
      else addMeta(head, a.key, a.content);
    }
    return { text, meta: pageMeta(head, text), tables: this.out.tables, findings: this.findings };
  }

  /** A block or <br> opens: the space textOf puts before it, in every collector it is not dropped for. */
  private space(skips: number, r: TableRead | null): void {
    if (this.title !== null && skips === this.title.skips) this.title.parts.push(" ");
    if (r === null) return;
    if (r.cell !== null && skips === r.cell.skips) r.cell.parts.push(" ");
    if (r.caption !== null && skips === r.caption.skips) r.caption.parts.push(" ");
    if (r.looseCell !== null && skips === r.looseCell.skips) r.looseCell.parts.push(" ");
  }

  /** The outermost caption, <tr> and cells of a candidate data table. */
  private readCell(name: string, attribs: Record<string, string>, skips: number, r: TableRead): number {
    let roles = 0;
    if (name === "td" || name === "th") {
      if (r.row !== null && r.cell === null) {
        r.cell = collector(skips, true);
        r.rowspan = span(attribs, "rowspan");
        r.colspan = span(attribs, "colspan");
        roles |= CELL;
      }
      if (!r.sawTr && r.looseCell === null) {
        r.looseCell = collector(skips, true);
        r.looseColspan = span(attribs, "colspan");
        roles |= LOOSE;
      }
    } else if (name === "tr") {
      if (r.row === null) {
        r.row = [];
        roles |= ROW;
        if (!r.sawTr) {
          r.sawTr = true; // the table has rows: cells outside them no longer count
          r.loose = [];
          r.looseCell = null;
        }
      }
    } else if (name === "caption") {
      if (r.caption === null) {
        r.caption = collector(skips, true);
        roles |= CAPTION;
      }
    }
    return roles;
  }

  private meta(attribs: Record<string, string>): void {
    const key = metaKey(attribs);
    const content = attribs.content;
    if (key && content !== undefined) this.actions.push({ key, content });
  }

  private closeTable(): void {
    const t = this.tables.pop()!;
    const r = t.read;
    this.read = this.tables.length ? this.tables[this.tables.length - 1].read : null;
    if (r === null) {
      this.out.flush(); // a layout table: its blocks stand
      return;
    }
    this.out.rollback(t.mark);
    this.actions.length = t.metaMark;
    const source = r.sawTr ? r.rows : r.loose.length ? [r.loose] : [];
    const { rows, capped } = tableRows(source);
    if (capped) this.findings.push(tableTooLarge());
    this.out.table(r.captions.filter(Boolean).join(" "), rows);
  }
}

/** Prepared HTML (see prepareHtml) to delimited text plus meta, in one streaming pass. */
export function streamToDelimited(html: string): HtmlText {
  const walk = new StreamWalk();
  parseTags(html, walk, READ_ATTRIBUTES);
  return walk.result();
}
