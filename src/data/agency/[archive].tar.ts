// Parameterized data loader → src/data/agency/<archive>.tar (archive "00"…"1f", `--archive=xx`): the agency
// data of the agency page (src/agency.md, /agency?id=<id>) and of the Compare page, in a fixed number of shards
// whatever the corpus size: 1,024 shards by agency id (src/components/shard.js agencyShard), 32 per archive.
// Member `<shard>.json` ("000"…"3ff") = {<agency_id>: agency}; Framework extracts only the members pages
// reference (src/components/agency-shards.js lists them literally), and a page fetches only its shard.
//
// Each agency: its names as printed, level, region; every report file (copies too) with its identity
// and status; for each report of record every cell of tables 2, 3 and 4, every measure of the dashboard
// (src/data/lib/measures.ts, non-null values only; what Compare reads) and the text of its six sections;
// every finding of its files; and its source files.
import {parseArgs} from "node:util";
import {agencyShard, AGENCY_SHARDS, SHARDS_PER_ARCHIVE} from "../../components/shard.js";
import {measureColumns, measureIds, measureJoins} from "../lib/measures.ts";
import {AGENCY_ID, AGENCY_KEY, connection, literal, queryRows, tar, writeStdout} from "../lib/warehouse.ts";

const {values: {archive}} = parseArgs({options: {archive: {type: "string"}}});
if (!archive || !/^[0-9a-f]{2}$/.test(archive) || parseInt(archive, 16) >= AGENCY_SHARDS / SHARDS_PER_ARCHIVE) throw new Error(`bad --archive=${archive}`);

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
`).then((rows) => rows.filter((r) => agencyShard(r.agency_id).archive === archive));
// Only this archive's reports: every other query reads them through the temp table `shard`.
await (await connection()).run(`CREATE OR REPLACE TEMP TABLE shard AS SELECT unnest([${reports.map((r) => literal(r.report_id as string)).join(", ") || "NULL::VARCHAR"}]) AS report_id`);
const IN_SHARD = `report_id IN (SELECT report_id FROM shard)`;
const agencyOf = new Map(reports.map((r) => [r.report_id as string, r.agency_id as string]));
const withAgency = (rows: Row[]) => rows.filter((r) => agencyOf.has(r.report_id)).map((r) => ({agency_id: agencyOf.get(r.report_id), ...r}));

const t2 = withAgency(await queryRows(`SELECT report_id, format, subtable, row, "column", value, unit FROM table2_cells WHERE ${IN_SHARD}`));
const t3 = withAgency(await queryRows(`SELECT report_id, row, "column", value FROM table3_cells WHERE ${IN_SHARD}`));
const t4 = withAgency(await queryRows(`SELECT report_id, "column", value FROM table4_cells WHERE ${IN_SHARD}`));
const sections = withAgency(await queryRows(`SELECT report_id, section, text FROM sections WHERE ${IN_SHARD}`));
const findings = withAgency(await queryRows(`
  SELECT report_id, path, code, severity, message, table_name, row, "column", excerpt, expected, actual, alternatives
  FROM findings WHERE ${IN_SHARD} ORDER BY path, code, row, "column"`));
const files = withAgency(await queryRows(`
  SELECT report_id, path, sha256, size_bytes::DOUBLE AS size_bytes, detected_type, layout, status, reason, n_findings
  FROM files WHERE ${IN_SHARD} ORDER BY path`));

// Every measure of each report of record, non-null values only: {report_id: {measure_id: value}}.
const ids = await measureIds(() => true);
const measureRows = await queryRows(`SELECT r.report_id ${await measureColumns(ids)} FROM records r ${await measureJoins()} WHERE r.${IN_SHARD}`);
const measuresOf = new Map(measureRows.map(({report_id, ...m}) => [report_id as string, Object.fromEntries(Object.entries(m).filter(([, v]) => v != null))]));

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

const shards = new Map<string, Record<string, unknown>>();
for (let n = parseInt(archive, 16) * SHARDS_PER_ARCHIVE, i = 0; i < SHARDS_PER_ARCHIVE; i++) shards.set((n + i).toString(16).padStart(3, "0"), {});
for (const [id, rs] of byAgency(reports)) {
  const records = rs.filter((r) => r.is_record);
  const mode = (key: string) => {
    const counts = new Map<string, number>();
    for (const r of records.length ? records : rs) if (r[key] != null) counts.set(r[key], (counts.get(r[key]) ?? 0) + 1);
    return [...counts].sort((a, b) => b[1] - a[1] || String(a[0]).localeCompare(String(b[0])))[0]?.[0] ?? null;
  };
  shards.get(agencyShard(id).shard)![id] = {
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
      measures: Object.fromEntries(records.map((r) => [r.report_id, measuresOf.get(r.report_id) ?? {}])),
      files: strip(groups.files.get(id))
  };
}
// Every shard of the archive is written, empty ones as {}, so that any id resolves to a member.
await writeStdout(tar([...shards].map(([shard, agencies]) => ({name: `${shard}.json`, data: JSON.stringify(agencies)}))));
