/**
 * The warehouse's own DuckDB database, <out>/.store.duckdb: every table's rows as the Parquet files
 * hold them (plus __year, the report year of a row whose table has no year column), kept between
 * runs so that a run recomputes only the groups of files that changed (affected.ts) and copies the
 * rest from here instead of rebuilding every row from every parse result.
 *
 * - Rows are keyed by file: tables with a path column by path, the others by report_id; labels,
 *   data_dictionary and recycled_pairs are rewritten whole by every run.
 * - A run deletes the rows of the files it recomputes and inserts their new rows in one transaction,
 *   so the store always holds one consistent warehouse; its files table says which files (path and
 *   sha256) that is, and the next run compares the raw folder with it.
 * - The store is written for one version of the code (parser, warehouse, schema: codeVersion in
 *   cache.ts). Another version, or a store that cannot be opened, is deleted and built again.
 * - What the next run reads first (the stored files and the records' statements) is also kept in a
 *   snapshot file, <out>/.store-snapshot.v8 (v8.serialize: ~0.3 s to read at 100,000 reports against
 *   ~3.5 s of CPU from DuckDB). It carries the generation id that the update wrote into the store in
 *   the same transaction as the rows; a snapshot of another generation is ignored and DuckDB is read.
 * - Row order: a table's rows are stored, and copied to Parquet, in the order they were inserted: a
 *   first run inserts them in their canonical order (records.ts); a later run leaves the kept rows
 *   where they are and adds the recomputed ones after them. `--force` starts from an empty store.
 */
import { randomBytes } from "node:crypto";
import { existsSync, readFileSync, renameSync, rmSync, writeFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { deserialize, serialize } from "node:v8";
import { DuckDBInstance, type DuckDBConnection, type DuckDBValue } from "@duckdb/node-api";
import type { RecycleReport } from "../narrative/recycled.ts";
import { STORE_FILE } from "./cache.ts";
import { PARTITIONED_TABLES } from "./partition.ts";
import { TABLES, type TableDef } from "./tables.ts";

const META = "__store_meta";
const SNAPSHOT_FILE = ".store-snapshot.v8";

/** Threads and memory of the warehouse's DuckDB: beyond the limit it spills to `spillDir`. Without a
 * limit DuckDB may take 80% of RAM; at 100,000 reports a run then peaked at 6 GB. */
const DUCKDB_MEMORY_LIMIT = "1GB";
const DUCKDB_THREADS = "2"; // both cores: the parse workers are done when DuckDB writes

export function duckdbOptions(spillDir: string): Record<string, string> {
  return { threads: DUCKDB_THREADS, memory_limit: DUCKDB_MEMORY_LIMIT, temp_directory: spillDir };
}

export function ident(name: string): string {
  return `"${name.replace(/"/g, '""')}"`;
}

export function sqlString(s: string): string {
  return `'${s.replace(/'/g, "''")}'`;
}

/** How a table's stored rows are found again: by the file they come from, or not at all (rewritten whole). */
export function storeKey(def: TableDef): "path" | "report_id" | null {
  if (def.columns.some((c) => c.name === "path")) return "path";
  if (def.columns.some((c) => c.name === "report_id")) return "report_id";
  return null;
}

const PARTITIONED = new Set<string>(PARTITIONED_TABLES);

/** True for the tables written by year into by_year/ (partition.ts). */
export function isPartitioned(def: TableDef): boolean {
  return PARTITIONED.has(def.name);
}

/** Partitioned tables without a year column of their own store the year of the row's report. */
export function storesYear(def: TableDef): boolean {
  return isPartitioned(def) && !def.columns.some((c) => c.name === "year");
}

/** What a run needs of the store before it knows which files to recompute. */
export interface StoreSnapshot { files: StoredFile[]; records: RecycleReport[] }

/** A stored file, as the next run needs it to find what changed and which groups to recompute, and
 * as the summary of the warehouse counts it. */
export interface StoredFile { path: string; sha256: string; agency: string | null; report_id: string | null; status: string; reason: string | null }

export class Store {
  private constructor(
    readonly instance: DuckDBInstance,
    readonly conn: DuckDBConnection,
    /** False when the store was (re)created empty by this open. */
    readonly reused: boolean,
    private readonly spillDir: string,
    private readonly outDir: string,
  ) {}

  private generation: string | null = null;

  /**
   * Opens <outDir>/.store.duckdb for `version`; starts it empty when `fresh`, when it is missing,
   * written for another version, or unreadable.
   * Throws when another process holds the store (a second run writing the same warehouse): its file
   * is never deleted from under it.
   */
  static async open(outDir: string, version: string, fresh: boolean, spillDir: string): Promise<Store> {
    const file = join(outDir, STORE_FILE);
    if (existsSync(file)) {
      try {
        const s = await Store.connect(file, spillDir, false);
        if (!fresh && await s.version() === version) return s;
        s.close();
      } catch (e) {
        if (/lock/i.test(e instanceof Error ? e.message : String(e))) throw e;
        // unreadable (another DuckDB version, a damaged file): built again below
      }
    }
    for (const f of [file, `${file}.wal`, join(outDir, SNAPSHOT_FILE)]) rmSync(f, { force: true });
    const s = await Store.connect(file, spillDir, true);
    await s.create(version);
    return s;
  }

  private static async connect(file: string, spillDir: string, created: boolean): Promise<Store> {
    const instance = await DuckDBInstance.create(file, duckdbOptions(spillDir));
    return new Store(instance, await instance.connect(), !created, spillDir, dirname(file));
  }

  private async meta(key: string): Promise<string | null> {
    const rows = (await this.conn.runAndReadAll(`SELECT value FROM ${META} WHERE key = ${sqlString(key)}`)).getRows();
    return rows.length ? String(rows[0][0]) : null;
  }

  private version(): Promise<string | null> {
    return this.meta("version");
  }

  private get snapshotFile(): string {
    return join(this.outDir, SNAPSHOT_FILE);
  }

  /** Marks an update, inside its transaction: the snapshot written after it names this generation. */
  async newGeneration(): Promise<void> {
    this.generation = randomBytes(8).toString("hex");
    await this.conn.run(`DELETE FROM ${META} WHERE key = 'generation'`);
    await this.conn.run(`INSERT INTO ${META} VALUES ('generation', ${sqlString(this.generation)})`);
  }

  /** The stored files and records: from the snapshot when it is of the store's generation, else from DuckDB. */
  async snapshot(): Promise<StoreSnapshot> {
    const generation = await this.meta("generation");
    try {
      const snap = deserialize(readFileSync(this.snapshotFile) as unknown as Uint8Array) as StoreSnapshot & { generation: string };
      if (generation !== null && snap.generation === generation) return { files: snap.files, records: snap.records };
    } catch {
      // missing or unreadable: read the store
    }
    return { files: await this.files(), records: await this.recycleInput() };
  }

  /** Writes the snapshot of the store as the last update (newGeneration) left it. A failure only
   * costs the next run the slower read. */
  saveSnapshot(snap: StoreSnapshot): void {
    if (!this.generation) return;
    const tmp = `${this.snapshotFile}.tmp-${process.pid}`;
    try {
      writeFileSync(tmp, serialize({ generation: this.generation, files: snap.files, records: snap.records }) as unknown as Uint8Array);
      renameSync(tmp, this.snapshotFile);
    } catch {
      rmSync(tmp, { force: true });
    }
  }

  private async create(version: string): Promise<void> {
    await this.conn.run(`BEGIN TRANSACTION`);
    for (const def of TABLES) {
      const cols = def.columns.map((c) => `${ident(c.name)} ${c.type}`);
      if (storesYear(def)) cols.push(`__year INTEGER`);
      await this.conn.run(`CREATE TABLE ${ident(def.name)} (${cols.join(", ")})`);
    }
    await this.conn.run(`CREATE TABLE ${META} (key VARCHAR, value VARCHAR)`);
    await this.conn.run(`INSERT INTO ${META} VALUES ('version', ${sqlString(version)})`);
    await this.conn.run(`COMMIT`);
  }

  /** Runs `sql` and hands its result to `each` a chunk (2,048 rows) at a time, column by column: the
   * event loop runs between chunks, so the parse workers are answered while a large result is read. */
  private async eachChunk(sql: string, each: (columns: DuckDBValue[][]) => void): Promise<void> {
    const result = await this.conn.run(sql);
    for (let chunk = await result.fetchChunk(); chunk && chunk.rowCount > 0; chunk = await result.fetchChunk()) each(chunk.getColumns());
  }

  /** Every stored file with its agency (null when it is not a report). */
  private async files(): Promise<StoredFile[]> {
    const out: StoredFile[] = [];
    const sql = `SELECT f.path, f.sha256, r.agency_normalized, f.report_id, f.status, f.reason FROM files f LEFT JOIN reports r USING (path)`;
    await this.eachChunk(sql, ([path, sha256, agency, id, status, reason]) => {
      for (let i = 0; i < path.length; i++) {
        out.push({ path: String(path[i]), sha256: (sha256[i] as string | null) ?? "", agency: (agency[i] as string | null) ?? null, report_id: (id[i] as string | null) ?? null,
          status: String(status[i]), reason: (reason[i] as string | null) ?? null });
      }
    });
    return out;
  }

  /** Deletes the rows of these files (by path, or by report id) from every keyed table and empties
   * the tables that are rewritten whole. Inside the caller's transaction. */
  async forget(paths: string[], reportIds: string[]): Promise<void> {
    await this.keys("__gone_paths", paths);
    await this.keys("__gone_ids", reportIds);
    for (const def of TABLES) {
      const key = storeKey(def);
      if (key === null) await this.conn.run(`DELETE FROM ${ident(def.name)}`);
      else if (key === "path") await this.conn.run(`DELETE FROM ${ident(def.name)} WHERE path IN (SELECT k FROM __gone_paths)`);
      else await this.conn.run(`DELETE FROM ${ident(def.name)} WHERE report_id IN (SELECT k FROM __gone_ids)`);
    }
    await this.conn.run(`DROP TABLE __gone_paths`);
    await this.conn.run(`DROP TABLE __gone_ids`);
  }

  private async keys(table: string, keys: string[]): Promise<void> {
    await this.conn.run(`CREATE OR REPLACE TEMP TABLE ${table} (k VARCHAR)`);
    const app = await this.conn.createAppender(table, "main", "temp");
    for (const k of keys) { app.appendVarchar(k); app.endRow(); }
    app.closeSync();
  }

  /** The input of findRecycled: every report of record (by report_id) with its problem statements
   * in the miner's order, as mineRecords (narrative.ts) builds it from the parse results. */
  private async recycleInput(): Promise<RecycleReport[]> {
    const out: RecycleReport[] = [];
    const sql = `
      SELECT r.report_id, coalesce(r.agency_normalized, r.agency), r.year, p.section_kind, p.ordinal, p.text
      FROM reports r LEFT JOIN problem_items p USING (report_id)
      WHERE r.is_record
      ORDER BY r.report_id, p.rowid`;
    await this.eachChunk(sql, ([id, agency, year, kind, ordinal, text]) => {
      for (let i = 0; i < id.length; i++) {
        let last = out[out.length - 1];
        if (!last || last.report_id !== id[i]) out.push((last = { report_id: String(id[i]), agency: (agency[i] as string | null) ?? null, year: year[i] === null ? null : Number(year[i]), items: [] }));
        if (kind[i] !== null) last.items.push({ kind: kind[i] as RecycleReport["items"][number]["kind"], ordinal: Number(ordinal[i]), text: String(text[i]) });
      }
    });
    return out;
  }

  close(): void {
    this.conn.closeSync();
    this.instance.closeSync();
    rmSync(this.spillDir, { recursive: true, force: true });
  }
}

