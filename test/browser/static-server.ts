// Tiny static file server for the built site (dist/), behaving like real static hosting:
// clean URLs (/about → about.html, /dir/ → dir/index.html), HTTP range requests, 404 page, no caching.
import {createReadStream, type Stats} from "node:fs";
import {stat} from "node:fs/promises";
import {createServer, type Server} from "node:http";
import type {AddressInfo} from "node:net";
import {extname, join, normalize, resolve, sep} from "node:path";

const TYPES: Record<string, string> = {
  ".html": "text/html; charset=utf-8", ".js": "text/javascript; charset=utf-8", ".css": "text/css; charset=utf-8",
  ".json": "application/json", ".wasm": "application/wasm", ".arrow": "application/vnd.apache.arrow.file",
  ".parquet": "application/octet-stream", ".duckdb": "application/octet-stream", ".png": "image/png",
  ".svg": "image/svg+xml", ".csv": "text/csv; charset=utf-8", ".txt": "text/plain; charset=utf-8", ".woff2": "font/woff2"
};

export interface StaticServer { url: string; server: Server; close(): Promise<void>; }

/** One response of the server (for measurements: scripts/bench-site.ts counts the bytes each page loads). */
export interface ServedResponse { path: string; status: number; bytes: number; range: string | null; method: string }

async function statFile(path: string): Promise<Stats | undefined> {
  try { const s = await stat(path); return s.isFile() ? s : undefined; } catch { return undefined; }
}

/** Serves `root` on 127.0.0.1 (random free port unless `port` is given). */
export async function serveStatic(root: string, {port = 0, onResponse}: {port?: number; onResponse?: (r: ServedResponse) => void} = {}): Promise<StaticServer> {
  root = resolve(root);
  const server = createServer(async (req, res) => {
    if (req.method !== "GET" && req.method !== "HEAD") { res.writeHead(405).end(); return; }
    let pathname: string;
    try { pathname = decodeURIComponent(new URL(req.url ?? "/", "http://x").pathname); } catch { res.writeHead(400).end(); return; }
    const base = normalize(join(root, pathname));
    if (base !== root && !base.startsWith(root + sep)) { res.writeHead(403).end(); return; }
    const candidates = pathname.endsWith("/") ? [join(base, "index.html")] : [base, `${base}.html`, join(base, "index.html")];
    let file: string | undefined, info: Stats | undefined;
    for (const c of candidates) if ((info = await statFile(c))) { file = c; break; }
    let status = 200;
    if (!file) { status = 404; file = join(root, "404.html"); info = await statFile(file); }
    if (!info) { res.writeHead(404, {"content-type": "text/plain"}).end("Not found"); return; }
    const headers: Record<string, string | number> = {
      "content-type": TYPES[extname(file)] ?? "application/octet-stream", "accept-ranges": "bytes", "cache-control": "no-store"
    };
    let start = 0, end = info.size - 1;
    const range = status === 200 ? /^bytes=(\d*)-(\d*)$/.exec(req.headers.range ?? "") : null;
    if (range && (range[1] || range[2])) {
      if (range[1]) { start = +range[1]; if (range[2]) end = Math.min(+range[2], end); }
      else { start = Math.max(0, info.size - +range[2]); } // suffix range: last N bytes
      if (start > end || start >= info.size) { res.writeHead(416, {"content-range": `bytes */${info.size}`}).end(); return; }
      status = 206;
      headers["content-range"] = `bytes ${start}-${end}/${info.size}`;
    }
    headers["content-length"] = info.size === 0 ? 0 : end - start + 1;
    onResponse?.({path: pathname, status, bytes: req.method === "HEAD" ? 0 : Number(headers["content-length"]), range: req.headers.range ?? null, method: req.method});
    res.writeHead(status, headers);
    if (req.method === "HEAD" || info.size === 0) { res.end(); return; }
    createReadStream(file, {start, end}).on("error", () => res.destroy()).pipe(res);
  });
  await new Promise<void>((ok, fail) => server.once("error", fail).listen(port, "127.0.0.1", () => ok()));
  const {port: actual} = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${actual}`,
    server,
    close: () => new Promise<void>((ok) => { server.closeAllConnections(); server.close(() => ok()); })
  };
}

// `tsx test/browser/static-server.ts [root] [port]`: serve dist/ by hand (e.g. to look at the site).
if (process.argv[1] && resolve(process.argv[1]) === resolve(new URL(import.meta.url).pathname)) {
  const {url} = await serveStatic(process.argv[2] ?? "dist", {port: Number(process.argv[3] ?? 3000)});
  console.log(`serving ${process.argv[2] ?? "dist"} at ${url}`);
}
