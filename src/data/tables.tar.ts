// Data loader → src/data/tables.tar: the About page's downloads (Framework extracts only the members pages
// reference):
// - <table>.parquet: the warehouse file itself, byte for byte (zstd Parquet written by DuckDB);
// - DATA_DICTIONARY.md, the warehouse's data dictionary.
// No CSV or Arrow copy of the tables: at 100,000 reports table3_cells alone has some 17 M rows, a CSV of
// several hundred MB. The About page makes a table's CSV on demand in the browser, from the DuckDB file the
// SQL page queries (src/data/warehouse.duckdb.ts), and the SQL page reads that file, not Arrow.
// The archive is only the warehouse's files copied: it costs a read of each file, whatever the size.
import {readFile} from "node:fs/promises";
import {join} from "node:path";
import {parquetPath, TABLES, tar, WAREHOUSE, writeStdout} from "./lib/warehouse.ts";

const files: {name: string; data: Uint8Array}[] = [];
for (const table of TABLES) files.push({name: `${table}.parquet`, data: await readFile(parquetPath(table))});
files.push({name: "DATA_DICTIONARY.md", data: await readFile(join(WAREHOUSE, "DATA_DICTIONARY.md"))});
await writeStdout(tar(files));
