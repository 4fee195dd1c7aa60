// The one filter bar of the site: agency (Chinese-aware name search), administrative level and year.
// Every page uses it the same way, on its own per-report rows (columns agency_id, agency, level, year;
// optional printed_names):
//
//   const filters = view(filterBar(rows, L));
//   const selected = applyFilters(rows, filters);
//
// Behaviour, identical on every page:
// - 机关 Agency: a search box; a report is kept when its agency's name (normalized or as printed)
//   contains every space-separated term typed (src/components/search.js). Empty: every agency.
// - 层级 Level and 年份 Year: check boxes of the values present in the page's data, all checked at first;
//   unchecking every box of one group selects nothing.
// - The state lives in the URL (?agency=…&level=…&year=…), so a link or a reload shows the same selection;
//   values a page does not have are ignored there.
import * as Inputs from "npm:@observablehq/inputs";
import {html} from "npm:htl";
import {TextIndex} from "./search.js";

const LEVEL_ORDER = ["province", "city", "county", "township", "department", ""];

export function filterBar(rows, L, {agency = true, level = true, year = true} = {}) {
  rows = Array.from(rows);
  const params = new URLSearchParams(location.search);
  const levelKey = (v) => v ?? "";
  const levels = [...new Set(rows.map((r) => levelKey(r.level)))].sort((a, b) => LEVEL_ORDER.indexOf(a) - LEVEL_ORDER.indexOf(b));
  const years = [...new Set(rows.map((r) => r.year).filter((y) => y != null))].sort((a, b) => a - b);
  const fromUrl = (name, all, parse = String) => {
    if (!params.has(name)) return all;
    const wanted = params.get(name).split(",").filter((x) => x !== "" || name === "level").map(parse);
    return all.filter((v) => wanted.includes(v));
  };

  // One entry per agency: its id, normalized name and every name it printed.
  const agencies = new Map();
  for (const r of rows) if (!agencies.has(r.agency_id)) agencies.set(r.agency_id, {id: r.agency_id, text: `${r.agency ?? ""} ${r.printed_names ?? ""}`});
  const index = new TextIndex(agencies.values(), (a) => a.text);

  const agencyInput = Inputs.text({
    label: "机关 Agency",
    placeholder: "输入机关名称的一部分 Type part of a name",
    value: params.get("agency") ?? "",
    width: 260
  });
  const levelInput = Inputs.checkbox(levels, {label: "层级 Level", format: (v) => L.level(v), value: fromUrl("level", levels)});
  const yearInput = Inputs.checkbox(years, {label: "年份 Year", format: String, value: fromUrl("year", years, Number)});
  const summary = html`<div class="gid-filter-summary" aria-live="polite"></div>`;
  const reset = html`<button type="button" class="gid-reset">重置 Reset</button>`;

  const root = html`<div class="gid-filters" data-testid="filters">
    ${agency ? agencyInput : ""}${level ? levelInput : ""}${year ? yearInput : ""}
    <div class="gid-filter-summary">${summary}${reset}</div>
  </div>`;

  const compute = () => {
    const query = agency ? agencyInput.value.trim() : "";
    return {
      query,
      agencyIds: query ? new Set(index.search(query).map((a) => a.id)) : null,
      levels: new Set(level ? levelInput.value : levels),
      years: new Set(year ? yearInput.value : years),
      allLevels: levels,
      allYears: years
    };
  };
  Object.defineProperty(root, "value", {get: compute});

  const update = () => {
    const v = compute();
    const kept = applyFilters(rows, v);
    if (kept.length && typeof kept[0].reports === "number" && kept[0].agency_id === undefined) {
      // Cube rows (one row per group): count reports, not rows; agencies are not in a cube.
      const n = kept.reduce((s, r) => s + r.reports, 0);
      summary.textContent = `已选 ${n} 份报告 · ${n} reports selected `;
    } else {
      const nAgencies = new Set(kept.map((r) => r.agency_id)).size;
      summary.textContent = `已选 ${nAgencies} 个机关、${kept.length} 份报告 · ${nAgencies} agencies, ${kept.length} reports selected `;
    }
    const url = new URL(location.href);
    const set = (name, value) => (value == null ? url.searchParams.delete(name) : url.searchParams.set(name, value));
    set("agency", v.query || null);
    set("level", v.levels.size === levels.length ? null : [...v.levels].join(","));
    set("year", v.years.size === years.length ? null : [...v.years].join(","));
    if (url.href !== location.href) history.replaceState(history.state, "", url);
  };
  root.addEventListener("input", update);
  reset.addEventListener("click", () => {
    agencyInput.value = "";
    levelInput.value = levels;
    yearInput.value = years;
    root.dispatchEvent(new Event("input", {bubbles: true}));
  });
  update();
  return root;
}

/** The rows the filter value keeps. */
export function applyFilters(rows, value) {
  const {agencyIds, levels, years} = value;
  return Array.from(rows).filter((r) =>
    (agencyIds == null || agencyIds.has(r.agency_id)) &&
    levels.has(r.level ?? "") &&
    (r.year == null ? years.size === value.allYears.length : years.has(r.year))
  );
}

/** One line describing the selection (for captions and CSV notes). */
export function describeFilters(value, L) {
  const parts = [];
  if (value.query) parts.push(`机关 Agency ∋ “${value.query}”`);
  if (value.levels.size !== value.allLevels.length) parts.push(`层级 Level: ${[...value.levels].map((l) => L.level(l)).join(", ") || "—"}`);
  if (value.years.size !== value.allYears.length) parts.push(`年份 Year: ${[...value.years].sort().join(", ") || "—"}`);
  return parts.length ? parts.join(" · ") : "全部 All reports";
}
