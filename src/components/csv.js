// CSV for downloads made in the page (Compare, SQL): RFC 4180 quoting, a header row, a blank field for
// NULL (never 0), UTF-8 with a byte-order mark so that spreadsheet programs read the Chinese. The same
// conventions as the table CSVs of the About page (written by DuckDB in src/data/tables.tar.ts).
import {html} from "npm:htl";

const BOM = "\ufeff";

function field(v) {
  if (v == null || (typeof v === "number" && Number.isNaN(v))) return "";
  if (v instanceof Date) v = v.toISOString().slice(0, 10);
  if (typeof v === "bigint") v = v.toString();
  v = String(v);
  return /[",\r\n]/.test(v) ? `"${v.replaceAll('"', '""')}"` : v;
}

/** CSV text of rows; `columns`: [{key, label}] (label is the header; key reads the row). */
export function toCSV(rows, columns) {
  const lines = [columns.map((c) => field(c.label ?? c.key)).join(",")];
  for (const r of rows) lines.push(columns.map((c) => field(typeof c.value === "function" ? c.value(r) : r[c.key])).join(","));
  return BOM + lines.join("\r\n") + "\r\n";
}

/** A button that downloads `text()` (called at click time) as `filename`. */
export function downloadButton(label, filename, text, {testid = "download-csv", type = "text/csv;charset=utf-8"} = {}) {
  const button = html`<button type="button" data-testid=${testid}>${label}</button>`;
  button.addEventListener("click", () => {
    const url = URL.createObjectURL(new Blob([text()], {type}));
    const a = html`<a href=${url} download=${filename} style="display:none">`;
    document.body.append(a);
    a.click();
    a.remove();
    setTimeout(() => URL.revokeObjectURL(url), 60_000);
  });
  return button;
}
