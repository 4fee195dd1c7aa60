// Shared chart helpers for pages: small pure functions (data, {width}) → chart element.
// Keep them free of page state so that any page (and tests) can reuse them.
import * as Plot from "npm:@observablehq/plot";

/** Bar chart of a count per year. `data`: iterable of rows (array or Arrow table) with `year` and `n`. */
export function countByYear(data, {width, y = "n", yLabel = "报告数 Reports", color = "var(--theme-foreground-focus)"} = {}) {
  const empty = isEmpty(data);
  return Plot.plot({
    width,
    height: 300,
    marginLeft: 50,
    x: {label: "年份 Year", tickFormat: "d", type: "band"},
    y: {label: yLabel, grid: true, ...(empty && {domain: [0, 1], ticks: 0})},
    marks: [
      Plot.barY(data, {x: "year", y, fill: color, tip: true}),
      Plot.ruleY([0]),
      empty ? Plot.text(["暂无数据 · No data yet"], {frameAnchor: "middle", fontSize: 14}) : null
    ]
  });
}

function isEmpty(data) {
  return data == null || (data.numRows ?? data.length ?? Array.from(data).length) === 0;
}
