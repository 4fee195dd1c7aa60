// Bilingual terms the schema catalogue (data-loaders/format/schema.json → warehouse labels) does not
// hold: values of reports.level, files.status and findings.severity. They are typed here, once, and
// reach every page through data/labels.json (kinds "level", "status", "severity"), like the schema's
// own labels. If the catalogue gains these kinds, delete them here: labels.json prefers the warehouse's.

export const TERMS: {kind: string; key: string; zh: string; en: string}[] = [
  // reports.level: administrative level, from data-loaders/parse/agency.ts
  {kind: "level", key: "province", zh: "省级", en: "Province"},
  {kind: "level", key: "city", zh: "市级", en: "City"},
  {kind: "level", key: "county", zh: "县级", en: "County"},
  {kind: "level", key: "township", zh: "乡镇（街道）", en: "Township"},
  {kind: "level", key: "department", zh: "部门", en: "Department"},
  {kind: "level", key: "", zh: "未识别", en: "Unknown level"},
  // files.status / reports.status
  {kind: "status", key: "parsed", zh: "解析无误", en: "Parsed"},
  {kind: "status", key: "flagged", zh: "有疑点", en: "Flagged"},
  {kind: "status", key: "pre2019", zh: "2019年前格式", en: "Pre-2019 (no tables)"},
  {kind: "status", key: "not_report", zh: "非年度报告", en: "Not a report"},
  {kind: "status", key: "rejected", zh: "无法读取", en: "Rejected"},
  // findings.severity
  {kind: "severity", key: "error", zh: "错误", en: "Error"},
  {kind: "severity", key: "warning", zh: "警告", en: "Warning"},
  {kind: "severity", key: "info", zh: "提示", en: "Info"}
];
