// Data loader → src/data/tables.tar: every warehouse table three ways, for the About page's downloads and
// the SQL page (Framework extracts only the members pages reference):
// - <table>.parquet: the warehouse file itself, byte for byte (zstd Parquet written by DuckDB);
// - <table>.csv: the whole table as CSV (UTF-8 with a byte-order mark so that spreadsheet programs read the
//   Chinese; header row; NULL as an empty field), written by DuckDB;
// - <table>.arrow: the whole table as an Arrow IPC stream, which DuckDB-wasm reads offline (it cannot read
//   Parquet without downloading an extension: see ../shared/notes/stack.md);
// - DATA_DICTIONARY.md, the warehouse's data dictionary.
import {mkdtemp, readFile, rm} from "node:fs/promises";
import {tmpdir} from "node:os";
import {join} from "node:path";
import {connection, literal, parquetPath, queryArrow, TABLES, tar, WAREHOUSE, writeStdout} from "./lib/warehouse.ts";

const BOM = new Uint8Array([0xef, 0xbb, 0xbf]);
const temp = await mkdtemp(join(tmpdir(), "gid-tables-"));
try {
  const files: {name: string; data: Uint8Array}[] = [];
  const c = await connection();
  for (const table of TABLES) {
    files.push({name: `${table}.parquet`, data: await readFile(parquetPath(table))});
    const csv = join(temp, `${table}.csv`);
    await c.run(`COPY (SELECT * FROM ${table}) TO ${literal(csv)} (FORMAT csv, HEADER true)`);
    const body = await readFile(csv);
    const data = new Uint8Array(BOM.length + body.length);
    data.set(BOM), data.set(body, BOM.length);
    files.push({name: `${table}.csv`, data});
    files.push({name: `${table}.arrow`, data: await queryArrow(`SELECT * FROM ${table}`)});
  }
  files.push({name: "DATA_DICTIONARY.md", data: await readFile(join(WAREHOUSE, "DATA_DICTIONARY.md"))});
  await writeStdout(tar(files));
} finally {
  await rm(temp, {recursive: true, force: true});
}
