/**
 * npm run generate -- --reports N --out DIR [--seed S] [--from K]
 *
 * Writes a synthetic corpus of N files with their ground truth:
 *   DIR/raw/<province>/<id>.<ext>     the files (point `npm run warehouse -- --raw DIR/raw` at it)
 *   DIR/truth/<id>.json               truth per report, same shape as test/fixtures/reports-real/truth
 *                                     (agency, year, format, table_2, table_3, table_4) plus layout,
 *                                     files, glued, broken_identity, damaged
 *   DIR/truth/_manifest.json          seed, counts and shares of every kind
 * Every slot i (0..N-1, or K..K+N-1 with --from) has its own random stream, agency and year, so
 * `--from` adds new, different reports to an existing corpus (the benchmark's "1% new files").
 * Shares per report: docx 30%, html 20%, flattened txt 20% (40% of them with glued digits),
 * tab-cells txt 10%, pipe-cells txt 10%, pdf 5% (A4 pages, tables as ruled grids, most of them
 * with a table running across a page break: scripts/generate/pdf.ts), Word 97 .doc 5%
 * (scripts/generate/doc.ts); 20% of html reports also get the crawler's .txt copy (a duplicate,
 * counted as one more file); 3% of slots are damaged files (empty, truncated .docx, truncated
 * .pdf, binary junk); 5% of reports break one identity on purpose. Never writes into reports-raw/.
 */
import { mkdirSync, readFileSync, existsSync, writeFileSync } from "node:fs";
import { join, resolve } from "node:path";
import { parseArgs } from "node:util";
import { fileURLToPath } from "node:url";
import { allAgencies, type Agency } from "./generate/names.ts";
import { makeReport, truthOf } from "./generate/report.ts";
import { renderDoc } from "./generate/doc.ts";
import { renderPdf } from "./generate/pdf.ts";
import { renderDocx, renderFlattened, renderHtml, renderPipeCells, renderTabCells, type LayoutKind } from "./generate/render.ts";
import { Rng } from "./generate/rng.ts";

export const SHARES = { docx: 0.3, html: 0.2, flattened: 0.2, "tab-cells": 0.1, "pipe-cells": 0.1, pdf: 0.05, doc: 0.05 } as const;
export const GLUE_SHARE = 0.4;
export const DUPLICATE_SHARE = 0.2; // of html reports
export const DAMAGED_SHARE = 0.03;
export const BREAK_SHARE = 0.05;
const YEARS = [2019, 2020, 2021, 2022, 2023, 2024];

export interface GenerateOptions { reports: number; out: string; seed?: number; from?: number; log?: (s: string) => void }
export interface Manifest {
  seed: number; from: number; files: number; reports: number; by_layout: Record<string, number>; by_format: Record<string, number>;
  glued: number; broken: number; duplicates: number; damaged: Record<string, number>; shares: Record<string, unknown>;
  /** pdf reports with at least one table running across a page break */
  pdf_split_tables: number;
}

function hash32(s: string): number {
  let h = 2166136261;
  for (let i = 0; i < s.length; i++) h = Math.imul(h ^ s.charCodeAt(i), 16777619);
  return h >>> 0;
}

function pickLayout(rng: Rng): LayoutKind {
  let x = rng.next();
  for (const [k, p] of Object.entries(SHARES)) { if ((x -= p) < 0) return k as LayoutKind; }
  return "docx";
}

export async function generateCorpus(opts: GenerateOptions): Promise<Manifest> {
  const out = resolve(opts.out);
  const root = resolve(fileURLToPath(new URL("../", import.meta.url)));
  if (out === join(root, "reports-raw") || out.startsWith(join(root, "reports-raw") + "/")) throw new Error("never write synthetic reports into reports-raw/");
  const seed = opts.seed ?? 1;
  const from = opts.from ?? 0;
  const agencies = new Rng(seed).shuffle(allAgencies());
  const L = agencies.length;
  mkdirSync(join(out, "truth"), { recursive: true });
  const m: Manifest = { seed, from, files: 0, reports: 0, by_layout: {}, by_format: {}, glued: 0, broken: 0, duplicates: 0, pdf_split_tables: 0, damaged: { empty: 0, truncated_docx: 0, truncated_pdf: 0, binary_junk: 0 },
    shares: { layouts: SHARES, glued_of_flattened: GLUE_SHARE, duplicate_of_html: DUPLICATE_SHARE, damaged: DAMAGED_SHARE, broken_identity: BREAK_SHARE } };
  const dirs = new Set<string>();
  const put = (rel: string, data: string | Uint8Array) => {
    const abs = join(out, "raw", rel);
    const dir = abs.slice(0, abs.lastIndexOf("/"));
    if (!dirs.has(dir)) { mkdirSync(dir, { recursive: true }); dirs.add(dir); }
    writeFileSync(abs, data);
    m.files++;
  };
  for (let i = from; i < from + opts.reports; i++) {
    const rng = new Rng(hash32(`${seed}:${i}`));
    const agency: Agency = agencies[i % L];
    const year = YEARS[(Math.floor(i / L) + hash32(agency.name)) % YEARS.length];
    const id = `r${String(i).padStart(7, "0")}`;
    const folder = agency.province;
    if (rng.chance(DAMAGED_SHARE)) {
      const kind = rng.pick(["empty", "truncated_docx", "truncated_pdf", "binary_junk"] as const);
      m.damaged[kind]++;
      let rel: string;
      if (kind === "empty") { rel = `${folder}/${id}.${rng.pick(["txt", "html"])}`; put(rel, ""); }
      else if (kind === "truncated_docx") {
        const full = await renderDocx(makeReport(rng, agency, year, { breakShare: 0 }));
        rel = `${folder}/${id}.docx`; put(rel, full.subarray(0, Math.floor(full.length * (0.3 + 0.4 * rng.next()))));
      } else if (kind === "truncated_pdf") {
        // a download cut short: the catalog and page tree (written last) are lost, and most cuts end inside a stream
        const full = renderPdf(makeReport(rng, agency, year, { breakShare: 0 }), rng).bytes;
        rel = `${folder}/${id}.pdf`; put(rel, full.subarray(0, Math.floor(full.length * (0.3 + 0.4 * rng.next()))));
      } else {
        const junk = new Uint8Array(rng.int(200, 6000));
        for (let k = 0; k < junk.length; k++) junk[k] = rng.int(0, 255);
        rel = `${folder}/${id}.${rng.pick(["html", "docx", "txt"])}`; put(rel, junk);
      }
      writeFileSync(join(out, "truth", `${id}.json`), JSON.stringify({ damaged: kind, expected_status: "rejected", files: [rel] }));
      continue;
    }
    const r = makeReport(rng, agency, year, { breakShare: BREAK_SHARE });
    const layout = pickLayout(rng);
    const glued = layout === "flattened" && rng.chance(GLUE_SHARE);
    const files: string[] = [];
    let pdf: Record<string, unknown> | null = null;
    const url = `https://www.example.gov.cn/zwgk/zfxxgknb/${r.year + 1}01/t${r.published.replace(/-/g, "")}_${i}.htm`;
    if (layout === "docx") { files.push(`${folder}/${id}.docx`); put(files[0], await renderDocx(r)); }
    else if (layout === "pdf") {
      const { bytes, ...how } = renderPdf(r, rng);
      pdf = how;
      if (how.split_tables) m.pdf_split_tables++;
      files.push(`${folder}/${id}.pdf`); put(files[0], bytes);
    } else if (layout === "doc") { files.push(`${folder}/${id}.doc`); put(files[0], renderDoc(r, rng)); }
    else if (layout === "html") {
      files.push(`${folder}/${id}.html`); put(files[0], renderHtml(r, rng));
      if (rng.chance(DUPLICATE_SHARE)) { files.push(`${folder}/${id}.txt`); put(files[1], renderFlattened(r, false, url)); m.duplicates++; }
    } else {
      const text = layout === "flattened" ? renderFlattened(r, glued, url) : layout === "tab-cells" ? renderTabCells(r) : renderPipeCells(r);
      files.push(`${folder}/${id}.txt`); put(files[0], text);
    }
    m.reports++;
    m.by_layout[layout] = (m.by_layout[layout] ?? 0) + 1;
    m.by_format[r.format] = (m.by_format[r.format] ?? 0) + 1;
    if (glued) m.glued++;
    if (r.broken) m.broken++;
    writeFileSync(join(out, "truth", `${id}.json`), JSON.stringify(truthOf(r, { id, layout, glued, files, duplicate_layout: files.length > 1 ? "flattened" : null, ...(pdf ? { pdf } : {}) }), null, 1));
    if (opts.log && (i - from + 1) % 1000 === 0) opts.log(`${i - from + 1} / ${opts.reports}`);
  }
  // the manifest of a corpus grown with --from adds up the runs
  const mf = join(out, "truth", "_manifest.json");
  const prev = existsSync(mf) && from > 0 ? (JSON.parse(readFileSync(mf, "utf8")) as Manifest) : null;
  const total: Manifest & { runs?: unknown[] } = prev ? mergeManifest(prev, m) : { ...m, runs: [{ from, files: m.files }] };
  writeFileSync(mf, JSON.stringify(total, null, 1));
  return m;
}

function mergeManifest(a: Manifest & { runs?: unknown[] }, b: Manifest): Manifest & { runs?: unknown[] } {
  const add = (x: Record<string, number>, y: Record<string, number>) => { const o = { ...x }; for (const [k, v] of Object.entries(y)) o[k] = (o[k] ?? 0) + v; return o; };
  return { ...a, files: a.files + b.files, reports: a.reports + b.reports, by_layout: add(a.by_layout, b.by_layout), by_format: add(a.by_format, b.by_format),
    glued: a.glued + b.glued, broken: a.broken + b.broken, duplicates: a.duplicates + b.duplicates, pdf_split_tables: (a.pdf_split_tables ?? 0) + b.pdf_split_tables, damaged: add(a.damaged, b.damaged),
    runs: [...(a.runs ?? []), { from: b.from, files: b.files }] };
}

if (import.meta.url === `file://${process.argv[1]}` || process.argv[1]?.endsWith("generate-corpus.ts")) {
  const { values } = parseArgs({ options: { reports: { type: "string" }, out: { type: "string" }, seed: { type: "string", default: "1" }, from: { type: "string", default: "0" } } });
  if (!values.reports || !values.out) { process.stderr.write("usage: npm run generate -- --reports N --out DIR [--seed S] [--from K]\n"); process.exit(2); }
  const t0 = performance.now();
  const m = await generateCorpus({ reports: Number(values.reports), out: values.out, seed: Number(values.seed), from: Number(values.from), log: (s) => process.stderr.write(`generate: ${s}\n`) });
  process.stdout.write(`wrote ${m.files} files (${m.reports} reports, ${m.duplicates} duplicates, ${Object.values(m.damaged).reduce((a, b) => a + b, 0)} damaged) to ${values.out}/raw, truth in ${values.out}/truth, in ${((performance.now() - t0) / 1000).toFixed(1)} s\n`);
}
