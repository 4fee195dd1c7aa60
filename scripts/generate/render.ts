/**
 * A report to bytes in each layout the warehouse reads: flattened txt (crawler page.txt), tab-cells
 * txt, pipe-cells txt, html tables with rowspan/colspan, and .docx (WordprocessingML with a real
 * w:tbl, gridSpan and vMerge) zipped with JSZip. Tables are built once as a grid of cells with
 * spans; each renderer lays the grid out its own way (pdf.ts and doc.ts take the same blocks and
 * grids for PDF and Word 97 .doc).
 */
import JSZip from "jszip";
import { SECTIONS, TABLE2, TABLE3, TABLE3_COLUMNS, TABLE3_ROWS, TABLE4_COLUMNS } from "../../data-loaders/format/catalogue.ts";
import type { Report } from "./report.ts";
import type { Rng } from "./rng.ts";

export type LayoutKind = "flattened" | "tab-cells" | "pipe-cells" | "html" | "docx" | "pdf" | "doc";

export interface Cell { text: string; rowspan?: number; colspan?: number; num?: boolean }
export type Grid = Cell[][]; // rows of the cells that start there (spanned positions omitted)

const fmtNum = (v: number) => String(v);
const v = (x: number): Cell => ({ text: fmtNum(x), num: true });

function label(key: string): string {
  return TABLE3_ROWS.find((r) => r.key === key)!.zh;
}

function table2Grids(r: Report): Grid[] {
  const grids: Grid[] = [];
  for (const st of TABLE2[r.format]) {
    const n = st.columns.length;
    const width = r.format === "2021" ? 4 : 4;
    const g: Grid = [[{ text: st.caption_zh, colspan: width }]];
    const span = width - 1 - n; // spare columns (beside the label column) go to the last value
    g.push([{ text: "信息内容" }, ...st.columns.map((c, i) => ({ text: c.zh, colspan: i === n - 1 ? 1 + span : 1 }))]);
    for (const row of st.rows) {
      const vals = r.table_2[`${st.key}/${row.key}`];
      g.push([{ text: row.zh }, ...st.columns.map((c, i) => ({ ...v(vals[c.key]), colspan: i === n - 1 ? 1 + span : 1 }))]);
    }
    grids.push(g);
  }
  return grids;
}

function table3Grid(r: Report): Grid {
  const cols = TABLE3_COLUMNS;
  const g: Grid = [];
  g.push([{ text: TABLE3.header_note_zh as string, colspan: 3, rowspan: 3 }, { text: "申请人情况", colspan: 7 }]);
  g.push([{ text: cols[0].zh, rowspan: 2 }, { text: "法人或其他组织", colspan: 5 }, { text: cols[6].zh, rowspan: 2 }]);
  g.push(cols.slice(1, 6).map((c) => ({ text: c.zh })));
  const vals = (k: string) => r.table_3[k].map(v);
  const results = r.format === "2021"
    ? ["granted", "partially_granted", "denied_header", "unable_header", "not_processed_header", "other_header", "total_processed"]
    : ["granted", "partially_granted", "denied_header", "unable_header", "not_processed_header", "other_total", "total_processed"];
  const children = (h: string) => TABLE3_ROWS.filter((x) => x.parent === h && x.kind === "data" && (x.formats ?? ["2019", "2021"]).includes(r.format)).map((x) => x.key);
  const nResultRows = results.reduce((s, k) => s + (k.endsWith("_header") ? children(k).length : 1), 0);
  g.push([{ text: label("new_received"), colspan: 3 }, ...vals("new_received")]);
  g.push([{ text: label("carried_over"), colspan: 3 }, ...vals("carried_over")]);
  let first = true;
  for (const k of results) {
    const lead: Cell[] = first ? [{ text: label("results_header"), rowspan: nResultRows }] : [];
    first = false;
    if (k.endsWith("_header")) {
      const kids = children(k);
      kids.forEach((kid, i) => g.push([...(i === 0 ? [...lead, { text: label(k), rowspan: kids.length }] : []), { text: label(kid) }, ...vals(kid)]));
    } else {
      g.push([...lead, { text: label(k), colspan: 2 }, ...vals(k)]);
    }
  }
  g.push([{ text: label("carried_forward"), colspan: 3 }, ...vals("carried_forward")]);
  return g;
}

function table4Grid(r: Report): Grid {
  const c = TABLE4_COLUMNS;
  const g: Grid = [];
  g.push([{ text: "行政复议", colspan: 5 }, { text: "行政诉讼", colspan: 10 }]);
  g.push([...c.slice(0, 5).map((x) => ({ text: x.zh, rowspan: 2 })), { text: "未经复议直接起诉", colspan: 5 }, { text: "复议后起诉", colspan: 5 }]);
  g.push(c.slice(5).map((x) => ({ text: x.zh })));
  g.push(r.table_4.map(v));
  return g;
}

// ---------------------------------------------------------------- the document as blocks

export type Block = { p: string } | { h: string } | { table: Grid };

export function blocks(r: Report): Block[] {
  const out: Block[] = [{ p: r.preamble }];
  SECTIONS.forEach((s, i) => {
    out.push({ h: s.zh });
    if (i === 1) for (const g of table2Grids(r)) out.push({ table: g });
    if (i === 2) { out.push({ p: r.sections[i] }); out.push({ table: table3Grid(r) }); return; }
    if (i === 3) { out.push({ table: table4Grid(r) }); }
    out.push({ p: r.sections[i] });
  });
  return out;
}

export function title(r: Report): string {
  return `${r.agency.name}${r.year}年政府信息公开工作年度报告`;
}

// ---------------------------------------------------------------- flattened (crawler page.txt)

/** Grid cells in reading order. `glue`: numbers of one row are written with no space between them. */
function flatTable(g: Grid, glue: boolean): string {
  const parts: string[] = [];
  for (const row of g) {
    let run = "";
    for (const c of row) {
      if (c.num && glue) { run += c.text; continue; }
      if (run) { parts.push(run); run = ""; }
      parts.push(c.text);
    }
    if (run) parts.push(run);
  }
  return parts.join(" ");
}

export function renderFlattened(r: Report, glue: boolean, url: string): string {
  const t = title(r);
  const body = blocks(r).map((b) => ("p" in b ? b.p : "h" in b ? b.h : flatTable(b.table, glue))).join(" ");
  const head = [`标题: ${t}`, `发布时间: ${r.published} 09:30`, "文号: ", "发布机构: ", "栏目: 政府信息公开年报", `原文链接: ${url}`, "==================== 正文 ====================", ""].join("\n");
  return `${head}当前位置： 首页 政务公开 政府信息公开年报 ${t} 来源： 时间：${r.published} ${body} ${r.agency.name} ${r.published.replace(/^(\d+)-0?(\d+)-0?(\d+)$/, "$1年$2月$3日")}\n`;
}

// ---------------------------------------------------------------- tab-cells / pipe-cells

/** Positions covered by a rowspan from an earlier row: [row][col] -> true. */
export function layoutGrid(g: Grid): { cell: Cell | null; col: number; covered: boolean }[][] {
  const occupied = new Map<string, boolean>();
  const out: { cell: Cell | null; col: number; covered: boolean }[][] = [];
  g.forEach((row, ri) => {
    const line: { cell: Cell | null; col: number; covered: boolean }[] = [];
    let col = 0;
    for (const c of row) {
      while (occupied.get(`${ri},${col}`)) { line.push({ cell: null, col, covered: true }); col++; }
      line.push({ cell: c, col, covered: false });
      for (let dr = 0; dr < (c.rowspan ?? 1); dr++) for (let dc = 0; dc < (c.colspan ?? 1); dc++) occupied.set(`${ri + dr},${col + dc}`, true);
      col += c.colspan ?? 1;
    }
    out.push(line);
  });
  return out;
}

export function renderTabCells(r: Report): string {
  const L: string[] = [r.agency.name, `${r.year}年政府信息公开工作年度报告`, ""];
  for (const b of blocks(r)) {
    if ("p" in b) L.push(b.p);
    else if ("h" in b) L.push(b.h);
    else {
      for (const row of layoutGrid(b.table)) {
        for (const x of row) L.push(x.covered ? "\t" : `\t${x.cell!.text}`);
        L.push("");
      }
      L.push("");
    }
  }
  return L.join("\n") + "\n";
}

export function renderPipeCells(r: Report): string {
  const L: string[] = [r.agency.name, `${r.year}年政府信息公开工作年度报告`];
  for (const b of blocks(r)) {
    if ("p" in b) L.push(b.p);
    else if ("h" in b) L.push(b.h);
    else for (const row of b.table) for (const c of row) L.push(`${c.text} |${(c.colspan ?? 1) > 1 ? " " + "|".repeat((c.colspan ?? 1) - 1) : ""}`);
  }
  return L.join("\n") + "\n";
}

// ---------------------------------------------------------------- html

const esc = (s: string) => s.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;");

function htmlTable(g: Grid, rng: Rng): string {
  const pad = rng.chance(0.3);
  const rows = g.map((row) => "<tr>" + row.map((c) => {
    const a = `${c.rowspan && c.rowspan > 1 ? ` rowspan="${c.rowspan}"` : ""}${c.colspan && c.colspan > 1 ? ` colspan="${c.colspan}"` : ""}`;
    const text = c.num && pad ? `&nbsp;${esc(c.text)}&nbsp;` : esc(c.text);
    return `<td${a} valign="center"><p style="text-align:center">${text}</p></td>`;
  }).join("") + "</tr>").join("\n");
  return `<table border="1" cellspacing="0" cellpadding="0" style="border-collapse:collapse">\n<tbody>\n${rows}\n</tbody>\n</table>`;
}

export function renderHtml(r: Report, rng: Rng): string {
  const t = title(r);
  const body = blocks(r).map((b) => ("p" in b ? `<p>${esc(b.p)}</p>` : "h" in b ? `<p><strong>${esc(b.h)}</strong></p>` : htmlTable(b.table, rng))).join("\n");
  return `<!DOCTYPE html>
<html><head><meta charset="utf-8"><title>${esc(t)}</title></head>
<body>
<div class="header">首页 &gt; 政务公开 &gt; 政府信息公开年报</div>
<h1 class="title">${esc(t)}</h1>
<div class="info">发布时间：${r.published}</div>
<div class="content">
${body}
<p style="text-align:right">${esc(r.agency.name)}</p>
</div>
</body></html>
`;
}

// ---------------------------------------------------------------- docx

const para = (text: string, bold = false) => `<w:p><w:r>${bold ? "<w:rPr><w:b/></w:rPr>" : ""}<w:t xml:space="preserve">${esc(text)}</w:t></w:r></w:p>`;

function docxTable(g: Grid): string {
  const laid = layoutGrid(g);
  const width = Math.max(...laid.map((row) => row.reduce((s, x) => s + (x.cell?.colspan ?? 1), 0)));
  // which (row, col) continues a vertical merge, and with what colspan
  const cont = new Map<string, number>();
  laid.forEach((row, ri) => row.forEach((x) => { if (x.cell && (x.cell.rowspan ?? 1) > 1) for (let d = 1; d < x.cell.rowspan!; d++) cont.set(`${ri + d},${x.col}`, x.cell.colspan ?? 1); }));
  const rows = laid.map((row, ri) => "<w:tr>" + row.map((x) => {
    if (x.covered) {
      const span = cont.get(`${ri},${x.col}`);
      if (span === undefined) return ""; // covered by the colspan of a merged cell: not a grid cell of its own
      return `<w:tc><w:tcPr>${span > 1 ? `<w:gridSpan w:val="${span}"/>` : ""}<w:vMerge/></w:tcPr><w:p/></w:tc>`;
    }
    const c = x.cell!;
    const props = `${(c.colspan ?? 1) > 1 ? `<w:gridSpan w:val="${c.colspan}"/>` : ""}${(c.rowspan ?? 1) > 1 ? `<w:vMerge w:val="restart"/>` : ""}`;
    return `<w:tc><w:tcPr>${props}</w:tcPr>${para(c.text)}</w:tc>`;
  }).join("") + "</w:tr>").join("");
  return `<w:tbl><w:tblPr><w:tblBorders><w:top w:val="single"/><w:bottom w:val="single"/><w:insideH w:val="single"/><w:insideV w:val="single"/></w:tblBorders></w:tblPr><w:tblGrid>${'<w:gridCol w:w="800"/>'.repeat(width)}</w:tblGrid>${rows}</w:tbl>`;
}

const CONTENT_TYPES = `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/><Override PartName="/word/document.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/><Override PartName="/docProps/core.xml" ContentType="application/vnd.openxmlformats-package.core-properties+xml"/></Types>`;
const RELS = `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="word/document.xml"/><Relationship Id="rId2" Type="http://schemas.openxmlformats.org/package/2006/relationships/metadata/core-properties" Target="docProps/core.xml"/></Relationships>`;

export async function renderDocx(r: Report): Promise<Uint8Array> {
  const t = title(r);
  const body = [para(t, true), ...blocks(r).map((b) => ("p" in b ? para(b.p) : "h" in b ? para(b.h, true) : docxTable(b.table) + "<w:p/>")), para(r.agency.name)].join("");
  const doc = `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"><w:body>${body}<w:sectPr/></w:body></w:document>`;
  const core = `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<cp:coreProperties xmlns:cp="http://schemas.openxmlformats.org/package/2006/metadata/core-properties" xmlns:dc="http://purl.org/dc/elements/1.1/"><dc:title>${esc(t)}</dc:title></cp:coreProperties>`;
  const zip = new JSZip();
  const date = new Date("2025-01-01T00:00:00Z"); // fixed: same seed, same bytes
  zip.file("[Content_Types].xml", CONTENT_TYPES, { date });
  zip.file("_rels/.rels", RELS, { date });
  zip.file("docProps/core.xml", core, { date });
  zip.file("word/document.xml", doc, { date });
  return zip.generateAsync({ type: "uint8array", compression: "DEFLATE", compressionOptions: { level: 6 } });
}
