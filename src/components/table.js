// Tables for pages: Inputs.table with the site's conventions (null shown as "—", numbers right-aligned
// and grouped, bilingual headers), and a plain HTML table for small matrices (agency pages).
import * as Inputs from "npm:@observablehq/inputs";
import {html} from "npm:htl";
import {fmt} from "./data.js";

/**
 * Inputs.table over rows. `columns`: [{key, label, type}] where type is "count" | "amount" | "change" |
 * "rate" | "text" (default text) | "link" (with `href(row)`).
 */
export function dataTable(rows, columns, options = {}) {
  const format = {}, header = {}, align = {}, width = {};
  for (const c of columns) {
    header[c.key] = c.label ?? c.key;
    if (c.width) width[c.key] = c.width;
    if (c.type === "link") format[c.key] = (v, i, data) => v == null ? "—" : html`<a href=${c.href(data[i])}>${v}</a>`;
    else if (c.type && c.type !== "text") (format[c.key] = (v) => fmt(v, c.type)), (align[c.key] = "right");
    else format[c.key] = (v) => (v == null || v === "" ? "—" : c.format ? c.format(v) : String(v));
  }
  const {testid, ...rest} = options;
  const table = Inputs.table(rows, {columns: columns.map((c) => c.key), header, format, align, width, rows: 16, layout: "auto", ...rest});
  if (testid) table.dataset.testid = testid;
  return table;
}

/**
 * A static HTML table: rows × columns of values, e.g. table 3 of one agency with a column per year.
 * `rowLabel(row)` and `colLabel(col)` give the headers (elements or text); `value(row, col)` the number.
 */
export function matrixTable({rows, cols, rowLabel, colLabel, value, type = "count", corner = "", testid}) {
  return html`<div class="gid-scroll"><table class="gid-cells" data-testid=${testid ?? ""}>
    <thead><tr><th>${corner}</th>${cols.map((c) => html`<th class="num">${colLabel(c)}</th>`)}</tr></thead>
    <tbody>${rows.map((r) => html`<tr>
      <th>${rowLabel(r)}</th>${cols.map((c) => {
        const v = value(r, c);
        // undefined: no cell at all (a group heading row); null: a blank or unreadable cell, shown as "—".
        if (v === undefined) return html`<td></td>`;
        return html`<td class="num">${v === null ? html`<span class="null" title="空白 blank">—</span>` : fmt(v, typeof type === "function" ? type(r) : type)}</td>`;
      })}
    </tr>`)}</tbody>
  </table></div>`;
}
