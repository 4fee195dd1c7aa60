/**
 * npm run parse -- [--raw reports-raw] [--parser MODULE] FILE_OR_FOLDER...
 *
 * Prints one JSON line per file: the ParseResult without `sections`. A folder stands for every
 * file in it (same listing as the warehouse). The path given to the parser is relative to the raw
 * folder when the file is inside it (as in the warehouse), else the path as typed. A file that
 * cannot be read or makes the parser throw still gets its line (status "rejected", reason naming
 * the error) and a message on stderr; the exit code is then 1.
 */
import { readFileSync, statSync } from "node:fs";
import { relative, resolve, sep } from "node:path";
import { parseArgs } from "node:util";
import { pathToFileURL } from "node:url";
import type { ParseResult } from "../report.ts";
import { sha256Hex } from "../warehouse/cache.ts";
import { errorText, normalizeResult, rejectedResult, resultProblem } from "../warehouse/results.ts";
import { scanRaw } from "../warehouse/scan.ts";

type ParseFn = (path: string, bytes: Uint8Array) => Promise<ParseResult>;

async function main(): Promise<number> {
  let parsed;
  try {
    parsed = parseArgs({
      options: { raw: { type: "string", default: "reports-raw" }, parser: { type: "string" } },
      allowPositionals: true,
    });
  } catch (e) {
    process.stderr.write(`parse: ${errorText(e)}\nusage: npm run parse -- [--raw DIR] FILE...\n`);
    return 2;
  }
  const { values, positionals } = parsed;
  if (positionals.length === 0) {
    process.stderr.write("usage: npm run parse -- [--raw DIR] FILE_OR_FOLDER...\n");
    return 2;
  }
  const parserPath = values.parser ? resolve(values.parser) : new URL("../parse-file.ts", import.meta.url);
  let parseFile: ParseFn;
  try {
    const mod = await import(typeof parserPath === "string" ? pathToFileURL(parserPath).href : parserPath.href);
    parseFile = mod.parseFile;
    if (typeof parseFile !== "function") throw new Error("it exports no parseFile function");
  } catch (e) {
    process.stderr.write(`parse: cannot load the parser ${parserPath}: ${errorText(e)}\n`);
    return 2;
  }
  const rawAbs = resolve(values.raw!);
  const display = (abs: string, typed: string): string => {
    const rel = relative(rawAbs, abs);
    if (rel && !rel.startsWith("..") && !rel.startsWith(sep) && !/^[A-Za-z]:/.test(rel)) return rel.split(sep).join("/");
    return typed.split(sep).join("/");
  };

  const targets: { abs: string | Buffer; path: string }[] = [];
  let failures = 0;
  for (const arg of positionals) {
    let isDir = false;
    try { isDir = statSync(arg).isDirectory(); } catch { /* reported when read */ }
    if (isDir) {
      for (const f of scanRaw(arg)) {
        const typed = `${arg.replace(/\/+$/, "")}/${f.path}`;
        targets.push({ abs: f.abs, path: typeof f.abs === "string" ? display(f.abs, typed) : typed });
      }
    } else {
      targets.push({ abs: resolve(arg), path: display(resolve(arg), arg) });
    }
  }

  for (const t of targets) {
    let result: ParseResult;
    let bytes: Uint8Array | null = null;
    try {
      bytes = readFileSync(t.abs) as unknown as Uint8Array;
    } catch (e) {
      failures++;
      process.stderr.write(`parse: ${t.path}: cannot read: ${errorText(e)}\n`);
      result = rejectedResult(t.path, "", 0, `cannot read: ${errorText(e)}`);
    }
    if (bytes) {
      const sha = sha256Hex(bytes);
      try {
        const r = await parseFile(t.path, bytes);
        const problem = resultProblem(r);
        if (problem) throw new Error(problem);
        result = normalizeResult(r, t.path, sha, bytes.byteLength);
      } catch (e) {
        failures++;
        process.stderr.write(`parse: ${t.path}: ${errorText(e)}\n`);
        result = rejectedResult(t.path, sha, bytes.byteLength, `parser error: ${errorText(e)}`);
      }
    }
    const { sections: _sections, ...line } = result!;
    process.stdout.write(JSON.stringify(line) + "\n");
  }
  return failures > 0 ? 1 : 0;
}

process.exitCode = await main();
