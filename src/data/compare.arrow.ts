// Data loader → src/data/compare.arrow for the Compare page (src/compare.md): the agencies offered in the
// picker, a capped list whatever the corpus size: the 500 agencies with most reports of record (then most
// requests received), one row each with its level, region, names as printed, reports and requests.
// The per-report measures of the agencies the user picks come from their agency shards
// (src/components/agency-shards.js), fetched on demand; agencies outside this list can be picked by id (?a=).
import {measureColumns, measureJoins} from "./lib/measures.ts";
import {AGENCY_ID, writeArrow} from "./lib/warehouse.ts";

const LIMIT = 500;
await writeArrow(`
  WITH per_report AS (SELECT r.agency_id, r.agency_key, r.level, r.region ${await measureColumns(["t3_new_received"])} FROM records r ${await measureJoins()}),
  names AS (SELECT agency_id, string_agg(DISTINCT agency, ' / ' ORDER BY agency) AS printed_names
            FROM (SELECT ${AGENCY_ID} AS agency_id, agency FROM reports WHERE agency IS NOT NULL) GROUP BY 1)
  SELECT p.agency_id, any_value(p.agency_key) AS agency, mode(p.level) AS level, mode(p.region) AS region, any_value(n.printed_names) AS printed_names,
         count(*)::INTEGER AS reports, sum(t3_new_received)::DOUBLE AS requests
  FROM per_report p LEFT JOIN names n USING (agency_id)
  GROUP BY p.agency_id ORDER BY reports DESC, requests DESC NULLS LAST, agency LIMIT ${LIMIT}
`);
