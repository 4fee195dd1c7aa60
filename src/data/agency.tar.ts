// Data loader → src/data/agency.tar: one JSON file per agency (<agency_id>.json), read by the agency
// pages (src/agency/[id].md, paths from observablehq.config.ts dynamicPaths). Framework extracts the member a
// page asks for (`FileAttachment("../data/agency/<id>.json")`), so each page loads only its agency.
//
// Each file: the agency's names as printed, level, region; every report file (copies too) with its identity
// and status; for each report of record every cell of tables 2, 3 and 4 and the text of its six sections;
// every finding of its files; and its source files.
import {AGENCY_ID, AGENCY_KEY, queryRows, tar, writeStdout} from "./lib/warehouse.ts";

type Row = Record<string, any>;
const byAgency = (rows: Row[]) => {
  const map = new Map<string, Row[]>();
  for (const r of rows) {
    const list = map.get(r.agency_id) ?? [];
    if (!map.has(r.agency_id)) map.set(r.agency_id, list);
    list.push(r);
  }
  return map;
};

const reports = await queryRows(`
  SELECT ${AGENCY_ID} AS agency_id, ${AGENCY_KEY} AS agency_key, report_id, path, agency, level, region, year::INTEGER AS year,
         format, status, title, published, is_record, duplicate_of, duplicate_reason, version_group,
         n_findings, n_identity_failures
  FROM reports ORDER BY year, is_record DESC, path
`);
const agencyOf = new Map(reports.map((r) => [r.report_id as string, r.agency_id as string]));
const withAgency = (rows: Row[]) => rows.filter((r) => agencyOf.has(r.report_id)).map((r) => ({agency_id: agencyOf.get(r.report_id), ...r}));

const t2 = withAgency(await queryRows(`SELECT report_id, format, subtable, row, "column", value, unit FROM table2_cells`));
const t3 = withAgency(await queryRows(`SELECT report_id, row, "column", value FROM table3_cells`));
const t4 = withAgency(await queryRows(`SELECT report_id, "column", value FROM table4_cells`));
const sections = withAgency(await queryRows(`SELECT report_id, section, text FROM sections`));
const findings = withAgency(await queryRows(`
  SELECT report_id, path, code, severity, message, table_name, row, "column", excerpt, expected, actual, alternatives
  FROM findings ORDER BY path, code, row, "column"`));
const files = withAgency(await queryRows(`
  SELECT report_id, path, sha256, size_bytes::DOUBLE AS size_bytes, detected_type, layout, status, reason, n_findings
  FROM files WHERE report_id IS NOT NULL ORDER BY path`));

const groups = {t2: byAgency(t2), t3: byAgency(t3), t4: byAgency(t4), sections: byAgency(sections), findings: byAgency(findings), files: byAgency(files)};
const strip = (rows: Row[] | undefined) => (rows ?? []).map(({agency_id, ...rest}) => rest);

/** {report_id: {key(row): row[field]}} */
function nest(rows: Row[] | undefined, key: (r: Row) => string, field = "value") {
  const out: Record<string, Record<string, unknown>> = {};
  for (const r of rows ?? []) (out[r.report_id] ??= {})[key(r)] = r[field];
  return out;
}
const APPLICANTS = ["natural_person", "commercial_enterprise", "research_institution", "social_welfare_org", "legal_service_org", "other_org", "total"];
function table3(rows: Row[] | undefined) {
  const out: Record<string, Record<string, (number | null)[]>> = {};
  for (const r of rows ?? []) {
    const report = (out[r.report_id] ??= {});
    const cells = (report[r.row] ??= APPLICANTS.map(() => null));
    cells[APPLICANTS.indexOf(r.column)] = r.value;
  }
  return out;
}

const out: {name: string; data: string}[] = [];
for (const [id, rs] of byAgency(reports)) {
  const records = rs.filter((r) => r.is_record);
  const mode = (key: string) => {
    const counts = new Map<string, number>();
    for (const r of records.length ? records : rs) if (r[key] != null) counts.set(r[key], (counts.get(r[key]) ?? 0) + 1);
    return [...counts].sort((a, b) => b[1] - a[1] || String(a[0]).localeCompare(String(b[0])))[0]?.[0] ?? null;
  };
  out.push({
    name: `${id}.json`,
    data: JSON.stringify({
      agency_id: id,
      agency: rs[0].agency_key,
      printed_names: [...new Set(rs.map((r) => r.agency).filter((x) => x != null))].sort(),
      level: mode("level"),
      region: mode("region"),
      reports: strip(rs).map(({agency_key, ...r}) => r),
      // {report_id: {"subtable/row/column": value}}, units printed in cells apart
      table2: nest(groups.t2.get(id), (r) => `${r.subtable}/${r.row}/${r.column}`),
      table2_units: nest(groups.t2.get(id)?.filter((r) => r.unit != null), (r) => `${r.subtable}/${r.row}/${r.column}`, "unit"),
      // {report_id: {row: [natural_person, commercial_enterprise, research_institution, social_welfare_org, legal_service_org, other_org, total]}}
      table3: table3(groups.t3.get(id)),
      // {report_id: {column: value}}
      table4: nest(groups.t4.get(id), (r) => r.column),
      sections: strip(groups.sections.get(id)),
      findings: strip(groups.findings.get(id)),
      files: strip(groups.files.get(id))
    })
  });
}
await writeStdout(tar(out));
