// Data loader → src/data/quality.json for the Data quality page (src/quality.md):
// - files: counts of every file by status and detected type (all files), and every file not parsed cleanly
//   (status other than "parsed") with its reason, agency and year when it is a report;
// - findings: every finding, with the agency, level and year of its report (null for a non-report file),
//   whether the file is the report of record, and the identity a failed arithmetic check names.
import {AGENCY_ID, AGENCY_KEY, queryRows, writeJSON} from "./lib/warehouse.ts";

const reportCols = `${AGENCY_ID} AS agency_id, ${AGENCY_KEY} AS agency, level, year::INTEGER AS year, is_record`;

const fileCounts = await queryRows(`
  SELECT status, detected_type, count(*)::INTEGER AS n FROM files GROUP BY ALL ORDER BY status, detected_type
`);
const files = await queryRows(`
  SELECT f.path, f.detected_type, f.layout, f.status, f.reason, f.report_id, f.n_findings, f.size_bytes::DOUBLE AS size_bytes,
         r.agency_id, r.agency, r.level, r.year, r.is_record
  FROM files f LEFT JOIN (SELECT report_id, ${reportCols} FROM reports) r USING (report_id)
  WHERE f.status <> 'parsed'
  ORDER BY f.status, f.path
`);
const findings = await queryRows(`
  SELECT f.path, f.report_id, f.code, f.severity, f.message, f.table_name, f.row, f."column", f.excerpt,
         f.expected, f.actual, f.alternatives,
         CASE WHEN f.code = 'identity_failed' OR f.code LIKE '%identity%'
              THEN coalesce(regexp_extract(f.message, '^(t[0-9]_[a-z0-9_]+) fails', 1), f.excerpt) END AS identity,
         r.agency_id, r.agency, r.level, r.year, r.is_record
  FROM findings f LEFT JOIN (SELECT report_id, ${reportCols} FROM reports) r USING (report_id)
  ORDER BY CASE f.severity WHEN 'error' THEN 0 WHEN 'warning' THEN 1 ELSE 2 END, f.path, f.code, f.row, f."column"
`);
for (const f of findings as any[]) if (f.identity === "") f.identity = null;
const totals = (await queryRows(`
  SELECT (SELECT count(*) FROM files)::INTEGER AS files,
         (SELECT count(*) FROM records)::INTEGER AS records,
         (SELECT count(*) FROM records WHERE n_identity_failures > 0)::INTEGER AS records_failing_identities
`))[0];

await writeJSON({totals, fileCounts, files, findings});
