/**
 * Evaluation of the narrative miners (data-loaders/narrative) on real reports.
 *
 *   npx tsx scripts/eval-narrative.ts [DIR...] [--bench N]
 *
 * DIR defaults to test/fixtures/reports-real and test/fixtures/reports-sample. Every report file
 * (.txt .html .htm .docx .pdf .doc, any depth, truth/ folders skipped) is parsed; copies of one
 * report (same agency and year, e.g. an .html page and its .txt) count once, the .txt copy is used.
 * Prints: how many reports yield a disclosure total, the problem items (problems / improvements),
 * the share of items without a theme and the theme counts, the similarity distribution of
 * statement pairs and the recycled pairs found, the fee statements, and the narrative-vs-table
 * comparisons with their findings.
 *
 * --bench N times the recycled-text search on N synthetic reports (N/5 agencies × 5 years,
 * 3 problems and 3 improvements each, made by editing the real statements at random).
 */
import { readdirSync, readFileSync, statSync } from "node:fs";
import { extname, join, relative } from "node:path";
import { parseArgs } from "node:util";
import { parseFile } from "../data-loaders/parse-file.ts";
import type { ParseResult } from "../data-loaders/report.ts";
import { mineReport, type Narrative } from "../data-loaders/narrative/mine.ts";
import { findRecycled, MIN_SHINGLES, THRESHOLD, type RecycleReport } from "../data-loaders/narrative/recycled.ts";
import { jaccard, shingles } from "../data-loaders/narrative/similarity.ts";
import { THEMES } from "../data-loaders/narrative/themes.ts";

const EXT = new Set([".txt", ".html", ".htm", ".docx", ".pdf", ".doc"]);

function walk(dir: string): string[] {
  const out: string[] = [];
  for (const name of readdirSync(dir).sort()) {
    if (name.startsWith(".") || name === "truth") continue;
    const p = join(dir, name);
    if (statSync(p).isDirectory()) out.push(...walk(p));
    else if (EXT.has(extname(name).toLowerCase())) out.push(p);
  }
  return out;
}

const pct = (a: number, b: number) => (b ? `${((100 * a) / b).toFixed(1)}%` : "-");
const short = (s: string, n = 60) => (s.length > n ? s.slice(0, n) + "…" : s);

interface Mined { path: string; id: string; r: ParseResult; n: Narrative; findings: ReturnType<typeof mineReport>["findings"] }

async function main() {
  const { values, positionals } = parseArgs({ options: { bench: { type: "string" } }, allowPositionals: true });
  const dirs = positionals.length ? positionals : ["test/fixtures/reports-real", "test/fixtures/reports-sample"];
  const files = dirs.flatMap(walk);
  const byKey = new Map<string, Mined>();
  let notReports = 0, copies = 0;
  for (const path of files) {
    const r = await parseFile(path, new Uint8Array(readFileSync(path)));
    if (!["parsed", "flagged", "pre2019"].includes(r.status)) { notReports++; continue; }
    const key = r.agency_normalized && r.year ? `${r.agency_normalized}|${r.year}` : path;
    const m = mineReport(r);
    const mined: Mined = { path, id: r.sha256.slice(0, 16), r, n: m.value, findings: m.findings };
    const prev = byKey.get(key);
    if (prev) { copies++; if (extname(prev.path) !== ".txt" && extname(path) === ".txt") byKey.set(key, mined); continue; }
    byKey.set(key, mined);
  }
  const reports = [...byKey.values()].sort((a, b) => (a.path < b.path ? -1 : 1));
  const N = reports.length;
  console.log(`# Narrative evaluation\n\ninputs: ${dirs.join(", ")}`);
  console.log(`files: ${files.length}; reports: ${N} (${copies} copies of the same agency and year skipped, ${notReports} files not reports)\n`);

  // 1. disclosure
  const withTotal = reports.filter((m) => m.n.disclosure.total);
  const withParts = reports.filter((m) => m.n.disclosure.parts.length);
  console.log(`## Proactive disclosure (section 一, else 二's lead-in)\n`);
  console.log(`reports with a disclosure total: ${withTotal.length}/${N} (${pct(withTotal.length, N)}); with parts: ${withParts.length}; parts: ${withParts.reduce((a, m) => a + m.n.disclosure.parts.length, 0)}; new-media counts: ${reports.reduce((a, m) => a + m.n.disclosure.channels.length, 0)}`);
  for (const code of ["disclosure_parts_exceed_total", "disclosure_total_unsure", "disclosure_total_missing", "disclosure_no_narrative"]) {
    const hits = reports.filter((m) => m.findings.some((f) => f.code === code));
    console.log(`${code}: ${hits.length}${hits.length ? " (" + hits.map((m) => relative(".", m.path).split("/").pop()).join(", ") + ")" : ""}`);
  }
  console.log("\n| report | year | total | parts (sum of each breakdown) | channel |\n|---|---|---|---|---|");
  for (const m of reports) {
    const d = m.n.disclosure;
    const groups = [...new Set(d.parts.map((p) => p.group))].map((g) => d.parts.filter((p) => p.group === g).reduce((a, p) => a + p.value, 0));
    const sum = d.parts.length ? `${d.parts.length} (${groups.join(" / ")})` : "";
    console.log(`| ${m.path.split("/").pop()} | ${m.r.year ?? ""} | ${d.total ? d.total.value + (d.total.approximate ? "+" : "") : "—"} | ${sum} | ${d.total?.channel ?? ""} |`);
  }

  // 2. problems and themes
  const items = reports.flatMap((m) => m.n.problems.map((i) => ({ m, i })));
  const probs = items.filter((x) => x.i.kind === "problem"), imps = items.filter((x) => x.i.kind === "improvement");
  const noTheme = (xs: typeof items) => xs.filter((x) => !x.i.themes.length).length;
  console.log(`\n## Problems and improvements (section 五)\n`);
  console.log(`reports with items: ${reports.filter((m) => m.n.problems.length).length}/${N}; items: ${items.length} = ${probs.length} problems + ${imps.length} improvements`);
  console.log(`items without a theme: ${noTheme(items)}/${items.length} (${pct(noTheme(items), items.length)}); problems ${noTheme(probs)}/${probs.length} (${pct(noTheme(probs), probs.length)}); improvements ${noTheme(imps)}/${imps.length} (${pct(noTheme(imps), imps.length)})`);
  for (const x of items.filter((x) => !x.i.themes.length)) console.log(`  no theme: ${x.m.path.split("/").pop()} ${x.i.kind} ${x.i.ordinal}: ${short(x.i.text)}`);
  console.log("\n| theme | zh | problems | improvements |\n|---|---|---|---|");
  for (const t of THEMES) {
    const c = (xs: typeof items) => xs.filter((x) => x.i.themes.some((h) => h.theme === t.key)).length;
    console.log(`| ${t.key} | ${t.zh} | ${c(probs)} | ${c(imps)} |`);
  }

  // 3. recycled text
  console.log(`\n## Recycled statements (3-gram Jaccard ≥ ${THRESHOLD}, statements of ${MIN_SHINGLES}+ 3-grams)\n`);
  for (const kind of ["problem", "improvement"] as const) {
    const xs = items.filter((x) => x.i.kind === kind).map((x) => ({ ...x, g: shingles(x.i.text) })).filter((x) => x.g.length >= MIN_SHINGLES);
    const bins = new Array(10).fill(0);
    let pairs = 0;
    const limit = 3000;
    const step = xs.length > limit ? Math.ceil(xs.length / limit) : 1; // large inputs: a regular sample of statements
    const sample = xs.filter((_, i) => i % step === 0);
    for (let a = 0; a < sample.length; a++) for (let b = a + 1; b < sample.length; b++) {
      if (sample[a].m === sample[b].m) continue;
      pairs++;
      bins[Math.min(9, Math.floor(jaccard(sample[a].g, sample[b].g) * 10))]++;
    }
    console.log(`${kind} pairs from different reports${step > 1 ? ` (every ${step}th statement)` : ""}: ${pairs}; similarity distribution:`);
    console.log(bins.map((n, i) => `  [${(i / 10).toFixed(1)}, ${i === 9 ? "1.0]" : ((i + 1) / 10).toFixed(1) + ")"} ${n}`).join("\n"));
  }
  const input: RecycleReport[] = reports.map((m) => ({ report_id: m.id, agency: m.r.agency_normalized, year: m.r.year, items: m.n.problems.map((i) => ({ kind: i.kind, ordinal: i.ordinal, text: i.text })) }));
  const name = new Map(reports.map((m) => [m.id, m.path.split("/").pop()!]));
  for (const scopes of [["same_agency", "same_year"], ["other"]] as const) {
    const rec = findRecycled(input, { scopes: [...scopes] });
    console.log(`\npairs found, scope ${scopes.join(" + ")}: ${rec.value.length}`);
    for (const p of rec.value) console.log(`  ${p.scope} ${p.kind} ${p.similarity.toFixed(3)} ${name.get(p.report_a)} #${p.item_a} ~ ${name.get(p.report_b)} #${p.item_b}: ${short(p.text_a, 40)} | ${short(p.text_b, 40)}`);
  }

  // 4. fees
  console.log(`\n## Information-processing fee (section 六)\n`);
  for (const st of ["amount", "none", "unstated"]) {
    const xs = reports.filter((m) => m.n.other.fee.status === st);
    console.log(`${st}: ${xs.length}${st === "unstated" ? " (" + xs.map((m) => `${m.path.split("/").pop()} [${m.r.format}]`).join(", ") + ")" : ""}`);
  }
  console.log(`other numbers stated in section 六: ${reports.reduce((a, m) => a + m.n.other.numbers.length, 0)}`);

  // 5. narrative vs table
  const checks = reports.flatMap((m) => m.n.checks.map((c) => ({ m, c })));
  console.log(`\n## Narrative against table\n`);
  console.log(`comparisons: ${checks.length} in ${new Set(checks.map((x) => x.m)).size} reports; agree ${checks.filter((x) => x.c.agrees === true).length}, disagree ${checks.filter((x) => x.c.agrees === false).length}, no table value ${checks.filter((x) => x.c.agrees === null).length}`);
  const byCheck = new Map<string, number>();
  for (const x of checks) byCheck.set(x.c.check, (byCheck.get(x.c.check) ?? 0) + 1);
  console.log(`by figure: ${[...byCheck].map(([k, v]) => `${k} ${v}`).join(", ")}`);
  for (const m of reports) for (const f of m.findings.filter((f) => f.code === "narrative_disagrees")) {
    console.log(`  narrative_disagrees ${m.path.split("/").pop()}: ${f.table} ${f.row ?? ""} ${f.column ?? ""} table ${f.expected} vs narrative ${f.actual} — ${short(f.excerpt ?? "", 70)}`);
  }

  if (values.bench) bench(Number(values.bench), items.map((x) => x.i));
}

/**
 * Synthetic scale test of findRecycled. Each agency writes 3 problems and 3 improvements a year for
 * 5 years. A statement is, with probability: 0.30 last year's statement of the same agency with up
 * to 3 characters changed; 0.10 a statement of another agency of the same year, lightly edited;
 * 0.05 a stock statement of the real reports copied as is (hot clusters of identical text); else new
 * text: clauses of three real statements glued together with a fifth of the characters replaced.
 */
function bench(n: number, pool: { kind: "problem" | "improvement"; text: string }[]) {
  let seed = 42;
  const rnd = () => { // mulberry32
    seed = (seed + 0x6d2b79f5) | 0;
    let t = Math.imul(seed ^ (seed >>> 15), 1 | seed);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  const pick = <T>(xs: T[]) => xs[Math.floor(rnd() * xs.length)];
  const chars = [...new Set(pool.map((p) => p.text).join("").replace(/[^\u4e00-\u9fa5]/g, ""))];
  const edit = (t: string, k: number) => {
    const a = [...t];
    for (let i = 0; i < k; i++) a[Math.floor(rnd() * a.length)] = pick(chars);
    return a.join("");
  };
  const texts = { problem: pool.filter((p) => p.kind === "problem").map((p) => p.text), improvement: pool.filter((p) => p.kind === "improvement").map((p) => p.text) };
  const clauses = { problem: texts.problem.flatMap((t) => t.split(/[，,；;。]/)).filter((c) => c.length > 3), improvement: texts.improvement.flatMap((t) => t.split(/[，,；;。]/)).filter((c) => c.length > 3) };
  const reports: RecycleReport[] = [];
  const agencies = Math.ceil(n / 5);
  const byYear = new Map<number, RecycleReport[]>();
  for (let y = 0; y < 5 && reports.length < n; y++) {
    for (let a = 0; a < agencies && reports.length < n; a++) {
      const year = 2020 + y;
      const last = y > 0 ? reports[(y - 1) * agencies + a] : undefined;
      const others = byYear.get(year) ?? [];
      const items: RecycleReport["items"] = [];
      for (const kind of ["problem", "improvement"] as const) for (let i = 1; i <= 3; i++) {
        const r = rnd();
        let text: string;
        const prev = last?.items.find((x) => x.kind === kind && x.ordinal === i);
        if (r < 0.3 && prev) text = edit(prev.text, Math.floor(rnd() * 4));
        else if (r < 0.4 && others.length) text = edit(pick(pick(others).items.filter((x) => x.kind === kind)).text, Math.floor(rnd() * 4));
        else if (r < 0.45) text = pick(texts[kind]);
        else { const t = pick(clauses[kind]) + "，" + pick(clauses[kind]) + "，" + pick(clauses[kind]); text = edit(t, Math.ceil(t.length / 5)); }
        items.push({ kind, ordinal: i, text });
      }
      const rep: RecycleReport = { report_id: `r${y}_${a}`, agency: `agency${a}`, year, items };
      reports.push(rep);
      if (!byYear.has(year)) byYear.set(year, []);
      byYear.get(year)!.push(rep);
    }
  }
  const heap0 = process.memoryUsage().heapUsed;
  const t0 = performance.now();
  const res = findRecycled(reports);
  const ms = performance.now() - t0;
  const by = (scope: string) => res.value.filter((p) => p.scope === scope).length;
  console.log(`\n## Scale: ${reports.length} synthetic reports, ${reports.length * 6} statements\n`);
  console.log(`findRecycled: ${(ms / 1000).toFixed(1)} s; pairs ${res.value.length} (same_agency ${by("same_agency")}, same_year ${by("same_year")}); heap +${((process.memoryUsage().heapUsed - heap0) / 2 ** 20).toFixed(0)} MB${res.findings.length ? "; " + res.findings.map((f) => f.message).join("; ") : ""}`);
}

await main();
