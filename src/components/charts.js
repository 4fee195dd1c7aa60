// Shared chart helpers for pages: small pure functions (data, {width}) → chart element.
// Keep them free of page state so that any page (and tests) can reuse them.
import * as Plot from "npm:@observablehq/plot";

/** Bar chart of a count per year. `data`: iterable of rows (array or Arrow table) with `year` and `n`. */
export function countByYear(data, {width, y = "n", yLabel = "报告数 Reports", color = "var(--theme-foreground-focus)", fill} = {}) {
  const empty = isEmpty(data);
  return Plot.plot({
    width,
    height: 300,
    marginLeft: 50,
    x: {label: "年份 Year", tickFormat: "d", type: "band"},
    y: {label: yLabel, grid: true, ...(empty && {domain: [0, 1], ticks: 0})},
    color: fill ? {legend: true} : undefined,
    marks: [
      Plot.barY(data, {x: "year", y, fill: fill ?? color, tip: true}),
      Plot.ruleY([0]),
      empty ? noData() : null
    ]
  });
}

/** The "no data" note drawn in the middle of an empty chart (the chart keeps its axes). */
export function noData(text = "所选范围内无数据 · No data in the selection") {
  return Plot.text([text], {frameAnchor: "middle", fontSize: 14});
}

export function isEmpty(data) {
  return data == null || (data.numRows ?? data.length ?? Array.from(data).length) === 0;
}

/** A categorical colour scale that keeps an order (ordinal domain) with a readable legend. */
export function ordinalColor(domain, {legend = true, scheme = "tableau10", range} = {}) {
  return {type: "ordinal", domain, legend, ...(range ? {range} : {scheme})};
}
