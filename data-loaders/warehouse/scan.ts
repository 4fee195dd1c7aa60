/**
 * List the raw folder: every regular file at any depth, with size and mtime, in a stable order.
 *
 * - Names starting with "." (files and folders) are skipped.
 * - Symbolic links are followed (a folder reached twice through links is listed once).
 * - Names are read as bytes, so a name that is not valid UTF-8 (e.g. a GBK name out of a zip
 *   archive) still opens: `abs` keeps the exact bytes, `path` is the readable form (UTF-8, else
 *   GB18030, else the bad bytes as %XX).
 * - Order: `path` compared by UTF-16 code units (never locale-dependent), "/" as separator.
 */
import { readdirSync, statSync, type Stats } from "node:fs";
import { resolve } from "node:path";

export interface RawFile {
  /** Path relative to the raw folder, "/"-separated: the file's identity in the warehouse. */
  path: string;
  /** What to hand to fs calls (a Buffer only when some name on the way is not UTF-8). */
  abs: string | Buffer;
  size: number;
  mtimeMs: number;
}

const utf8 = new TextDecoder("utf-8", { fatal: true });
let gb: TextDecoder | null = null;
try { gb = new TextDecoder("gb18030", { fatal: true }); } catch { gb = null; }

function decodeName(name: Buffer): { text: string; exact: boolean } {
  try { return { text: utf8.decode(name), exact: true }; } catch { /* not UTF-8 */ }
  if (gb) { try { return { text: gb.decode(name), exact: false }; } catch { /* not GB18030 either */ } }
  return { text: percentEscape(name), exact: false };
}

function percentEscape(name: Buffer): string {
  let s = "";
  for (const b of name) s += b >= 0x20 && b < 0x7f && b !== 0x25 ? String.fromCharCode(b) : "%" + b.toString(16).toUpperCase().padStart(2, "0");
  return s;
}

interface BufferDirent { name: Buffer; isFile(): boolean; isDirectory(): boolean; isSymbolicLink(): boolean }

export function comparePaths(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

export function scanRaw(root: string): RawFile[] {
  const rootAbs = resolve(root);
  const rootStat = statSync(rootAbs); // throws ENOENT naming the folder
  if (!rootStat.isDirectory()) throw new Error(`${root} is not a folder`);
  const out: RawFile[] = [];
  const seenDirs = new Set<string>([`${rootStat.dev}:${rootStat.ino}`]);
  const seenPaths = new Set<string>();
  const SLASH = Buffer.from("/");

  const walk = (dirBytes: Buffer, dirRel: string, allUtf8: boolean): void => {
    let entries: BufferDirent[];
    try {
      entries = (readdirSync as unknown as (p: Buffer, o: object) => BufferDirent[])(dirBytes, { withFileTypes: true, encoding: "buffer" });
    } catch (e) {
      throw new Error(`cannot list ${dirRel || root}: ${(e as Error).message}`);
    }
    for (const ent of entries) {
      const nameBytes = ent.name;
      if (nameBytes[0] === 0x2e) continue; // dot-file or dot-folder
      const absBytes = Buffer.concat([dirBytes, SLASH, nameBytes] as unknown as Uint8Array[]);
      const { text, exact } = decodeName(nameBytes);
      let rel = dirRel ? `${dirRel}/${text}` : text;
      const utf8All = allUtf8 && exact;
      let st: Stats | null = null;
      let isDir = ent.isDirectory();
      let isFile = ent.isFile();
      if (ent.isSymbolicLink() || (!isDir && !isFile)) {
        try { st = statSync(absBytes); } catch { continue; } // dangling link, vanished file
        isDir = st.isDirectory();
        isFile = st.isFile();
      }
      if (isDir) {
        st ??= statSync(absBytes);
        const id = `${st.dev}:${st.ino}`;
        if (seenDirs.has(id)) continue;
        seenDirs.add(id);
        walk(absBytes, rel, utf8All);
      } else if (isFile) {
        try { st ??= statSync(absBytes); } catch { continue; }
        if (seenPaths.has(rel)) rel = dirRel ? `${dirRel}/${percentEscape(nameBytes)}` : percentEscape(nameBytes);
        seenPaths.add(rel);
        out.push({ path: rel, abs: utf8All ? absBytes.toString("utf8") : absBytes, size: st.size, mtimeMs: st.mtimeMs });
      }
    }
  };
  walk(Buffer.from(rootAbs), "", true);
  out.sort((a, b) => comparePaths(a.path, b.path));
  return out;
}

/** Extension in lower case without the dot ("" when none). */
export function extensionOf(path: string): string {
  const base = path.slice(path.lastIndexOf("/") + 1);
  const dot = base.lastIndexOf(".");
  return dot > 0 ? base.slice(dot + 1).toLowerCase() : "";
}
