// Data loader → src/data/labels.json: every label a page shows, from the one catalogue.
// - labels: the warehouse's labels table (schema.json: formats, sections, rows and columns of tables 2-4,
//   themes, and the vocabularies of level, status and severity);
// - measures: the dashboard's measures (src/data/lib/measures.ts), labelled from the same labels.
// Pages read it through src/components/labels.js.
import {measures} from "./lib/measures.ts";
import {queryRows, writeJSON} from "./lib/warehouse.ts";

const labels = await queryRows<{kind: string; key: string; zh: string; zh_full: string; en: string; parent: string | null}>(
  `SELECT kind, key, zh, zh_full, en, parent FROM labels`
);

// Labels keep the catalogue's order (the order of rows in the format); zh_full only where it adds to zh.
const compact = labels.map(({zh_full, ...l}) => (zh_full && zh_full !== l.zh ? {...l, zh_full} : l));
await writeJSON({labels: compact, measures: await measures()});
