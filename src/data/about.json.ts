// Data loader → src/data/about.json for the About page (src/about.md):
// - tables: each warehouse table's description (warehouse/DATA_DICTIONARY.md), row count and Parquet size;
// - dictionary: every column of every table (warehouse data_dictionary table);
// - glossary: the terms of data-loaders/format/glossary.md (Chinese, English, meaning), by section;
// - identities and formats: the arithmetic checks and report formats of the schema catalogue.
import {readFile, stat} from "node:fs/promises";
import {dirname, join, resolve} from "node:path";
import {fileURLToPath} from "node:url";
import {FORMATS, IDENTITIES} from "../../data-loaders/format/catalogue.ts";
import {parquetPath, queryRows, TABLES, WAREHOUSE, writeJSON} from "./lib/warehouse.ts";

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), "../..");

// Table descriptions: the paragraph under each "## table" heading of DATA_DICTIONARY.md.
const dictionaryMd = await readFile(join(WAREHOUSE, "DATA_DICTIONARY.md"), "utf-8");
const description = (table: string) => {
  const m = new RegExp(`^## ${table}\\n\\n([^\\n|#][^\\n]*)`, "m").exec(dictionaryMd);
  return m ? m[1].trim() : null;
};
const notes = /Reading the tables:\n\n((?:- .*\n)+)/.exec(dictionaryMd)?.[1].trim().split("\n").map((l) => l.replace(/^- /, "")) ?? [];

const tables = [];
for (const table of TABLES) {
  const [{n}] = await queryRows<{n: number}>(`SELECT count(*)::DOUBLE AS n FROM ${table}`);
  tables.push({table, description: description(table), rows: n, parquet_bytes: (await stat(parquetPath(table))).size});
}
const dictionary = await queryRows(`SELECT table_name, "column", type, meaning, label_zh FROM data_dictionary`);

// Glossary: "## section" headings followed by | 中文 | English | Meaning | tables.
const glossary: {section: string; zh: string; en: string; meaning: string}[] = [];
let section = "";
const cells = (line: string) => line.replace(/^\||\|$/g, "").split("|").map((c) => c.trim());
for (const line of (await readFile(join(ROOT, "data-loaders/format/glossary.md"), "utf-8")).split("\n")) {
  if (line.startsWith("## ")) section = line.slice(3).trim();
  else if (line.startsWith("|") && !/^\|\s*-/.test(line) && !/^\|\s*中文\s*\|/.test(line)) {
    const [zh, en, meaning] = cells(line);
    glossary.push({section, zh, en, meaning});
  }
}

await writeJSON({
  tables,
  notes,
  dictionary,
  glossary,
  identities: IDENTITIES.map(({name, table, status, lhs, rhs, per_column, per_row, formats, description}) => ({name, table, status, lhs, rhs, per_column: !!per_column, per_row: !!per_row, formats: formats ?? null, description: description ?? null})),
  formats: FORMATS
});
