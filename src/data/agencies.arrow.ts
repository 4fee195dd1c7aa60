// Data loader → src/data/agencies.arrow for the Agencies page (src/agencies.md): a capped list, one row per agency,
// of the 1,000 agencies with most reports of record (then most new requests): level and region (most frequent),
// years reported, reports, new requests (sum over the reports that have the cell; `requests_known` counts them),
// findings, identity failures, and every name printed over the years (searched by the page).
import {measureColumns, measureJoins} from "./lib/measures.ts";
import {AGENCY_ID, writeArrow} from "./lib/warehouse.ts";

await writeArrow(`
  WITH per_report AS (SELECT r.agency_id, r.agency_key, r.level, r.region, r.year, r.n_findings, r.n_identity_failures ${await measureColumns(["t3_new_received"])} FROM records r ${await measureJoins()}),
  names AS (SELECT ${AGENCY_ID} AS agency_id, string_agg(DISTINCT agency, ' / ' ORDER BY agency) AS printed_names FROM reports WHERE agency IS NOT NULL GROUP BY 1)
  SELECT p.agency_id, any_value(p.agency_key) AS agency, mode(p.level) AS level, mode(p.region) AS region, any_value(n.printed_names) AS printed_names,
         count(*)::INTEGER AS reports, min(p.year)::INTEGER AS first_year, max(p.year)::INTEGER AS last_year,
         string_agg(DISTINCT p.year::VARCHAR, ', ' ORDER BY p.year::VARCHAR) AS years,
         sum(t3_new_received)::DOUBLE AS requests, count(t3_new_received)::INTEGER AS requests_known,
         sum(n_findings)::INTEGER AS findings, sum(n_identity_failures)::INTEGER AS identity_failures
  FROM per_report p LEFT JOIN names n USING (agency_id)
  GROUP BY p.agency_id ORDER BY reports DESC, requests DESC NULLS LAST, agency LIMIT 1000
`);
