// Data loader → src/data/quality.json for the Data quality page (src/quality.md):
// Bounded whatever the corpus size: counts by year × level × code/severity/status, and capped lists.
// - fileCounts: every file by status and detected type; fileCells: files not parsed cleanly by year × level × status;
//   files: the first 15 of them (by path) in each year × level × status, with reason, agency and year;
// - findingCells: findings by year × level × code × severity × identity × is_record; findings: the first 30 of
//   each code × severity (by path), with the agency, level and year of the report (null for a non-report file),
//   whether the file is the report of record, and the identity a failed arithmetic check names;
// - identityTop: identity failures of reports of record, for the 20 reports with most failures in each year × level;
// - reportCells: reports of record by year × level (the filter bar's counts).
import {AGENCY_ID, AGENCY_KEY, queryRows, writeJSON} from "./lib/warehouse.ts";

const reportCols = `${AGENCY_ID} AS agency_id, ${AGENCY_KEY} AS agency, level, year::INTEGER AS year, is_record`;

const fileCounts = await queryRows(`
  SELECT status, detected_type, count(*)::INTEGER AS n FROM files GROUP BY ALL ORDER BY status, detected_type
`);
const findingCols = `f.path, f.report_id, f.code, f.severity, f.message, f.table_name, f.row, f."column", f.excerpt,
         f.expected, f.actual, f.alternatives,
         nullif(CASE WHEN f.code = 'identity_failed' OR f.code LIKE '%identity%'
              THEN coalesce(regexp_extract(f.message, '^(t[0-9]_[a-z0-9_]+) fails', 1), f.excerpt) END, '') AS identity,
         r.agency_id, r.agency, r.level, r.year, r.is_record`;
const withReport = `LEFT JOIN (SELECT report_id, ${reportCols} FROM reports) r USING (report_id)`;
// Reports of record by year × level: what the filter bar counts.
const reportCells = await queryRows(`SELECT year::INTEGER AS year, level, count(*)::INTEGER AS reports FROM records GROUP BY ALL ORDER BY ALL`);
// Files not parsed cleanly: counts by year × level × status, and the first 15 of each (by path).
const fileCells = await queryRows(`
  SELECT r.year, r.level, f.status, count(*)::INTEGER AS n
  FROM files f ${withReport} WHERE f.status <> 'parsed' GROUP BY ALL ORDER BY ALL`);
const files = await queryRows(`
  SELECT f.path, f.detected_type, f.layout, f.status, f.reason, f.report_id, f.n_findings, f.size_bytes::DOUBLE AS size_bytes,
         r.agency_id, r.agency, r.level, r.year, r.is_record
  FROM files f ${withReport}
  WHERE f.status <> 'parsed'
  QUALIFY row_number() OVER (PARTITION BY r.year, r.level, f.status ORDER BY f.path) <= 15
  ORDER BY f.status, f.path
`);
// Findings: counts by year × level × code × severity × identity (is_record apart), and the first 30 of each code and severity.
const findingCells = await queryRows(`
  SELECT year, level, code, severity, identity, is_record, count(*)::INTEGER AS n
  FROM (SELECT ${findingCols} FROM findings f ${withReport}) GROUP BY ALL ORDER BY ALL`);
const findings = await queryRows(`
  SELECT ${findingCols} FROM findings f ${withReport}
  QUALIFY row_number() OVER (PARTITION BY f.severity, f.code ORDER BY f.path, f.row, f."column") <= 30
  ORDER BY CASE f.severity WHEN 'error' THEN 0 WHEN 'warning' THEN 1 ELSE 2 END, f.path, f.code, f.row, f."column"
`);
// Identity failures of reports of record by agency: per year × level the 20 reports with most failed checks.
const identityTop = await queryRows(`
  WITH per_report AS (
    SELECT r.agency_id, r.agency, r.year, r.level, f.report_id, count(*)::INTEGER AS failures
    FROM (SELECT ${findingCols} FROM findings f ${withReport}) f JOIN (SELECT report_id, ${reportCols} FROM reports) r USING (report_id)
    WHERE f.identity IS NOT NULL AND f.is_record GROUP BY r.agency_id, r.agency, r.year, r.level, f.report_id
    QUALIFY row_number() OVER (PARTITION BY r.year, r.level ORDER BY failures DESC, r.agency, f.report_id) <= 20
  )
  SELECT p.agency_id, p.agency, p.year, p.level, p.report_id, f.identity, count(*)::INTEGER AS n
  FROM per_report p JOIN (SELECT report_id, identity FROM (SELECT ${findingCols} FROM findings f ${withReport}) WHERE identity IS NOT NULL) f USING (report_id)
  GROUP BY ALL ORDER BY ALL`);
const totals = (await queryRows(`
  SELECT (SELECT count(*) FROM files)::INTEGER AS files,
         (SELECT count(*) FROM records)::INTEGER AS records,
         (SELECT count(*) FROM records WHERE n_identity_failures > 0)::INTEGER AS records_failing_identities
`))[0];

await writeJSON({totals, fileCounts, reportCells, fileCells, files, findingCells, findings, identityTop});
