/**
 * One synthetic report as data: identity, the three tables (numbers that keep the format's
 * identities: outcome rows are drawn, totals derived) and the six section texts. Labels and keys
 * come from schema.json only (through catalogue.ts).
 */
import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { SECTIONS, TABLE2, TABLE3_ROW_ORDER, TABLE4_COLUMNS } from "../../data-loaders/format/catalogue.ts";
import type { Agency } from "./names.ts";
import type { Rng } from "./rng.ts";

export type Fmt = "2021" | "2019";
export interface Breakage { identity: string; table: string; row: string | null; column: string; printed: number; consistent: number }

export interface Report {
  agency: Agency;
  year: number;
  format: Fmt;
  published: string;
  table_2: Record<string, Record<string, number>>;
  table_3: Record<string, number[]>;
  table_4: number[];
  /** Identity broken on purpose (the printed number differs from the consistent one), or null. */
  broken: Breakage | null;
  sections: string[]; // six texts, in SECTIONS order (without the heading)
  preamble: string;
}

const ROOT = fileURLToPath(new URL("../../", import.meta.url));
const T3_APPLICANT = 6;

// ---------------------------------------------------------------- sentences from the real fixtures

let POOL: string[][] | null = null;
/** Sentences of each section of the real fixtures: no digits, no place names of Pingtan. */
function sentencePool(): string[][] {
  if (POOL) return POOL;
  const dir = join(ROOT, "test/fixtures/reports-real");
  const heads = SECTIONS.map((s) => s.zh);
  const pool: string[][] = SECTIONS.map(() => []);
  for (const f of readdirSync(dir).filter((n) => n.endsWith(".txt")).sort()) {
    const text = readFileSync(join(dir, f), "utf8").replace(/\s+/g, "");
    const at = heads.map((h) => text.indexOf(h));
    for (let s = 0; s < heads.length; s++) {
      if (at[s] < 0) continue;
      const next = at.slice(s + 1).find((x) => x > at[s]) ?? Math.min(text.length, at[s] + 3000);
      const body = text.slice(at[s] + heads[s].length, next);
      for (const raw of body.split("。")) {
        const sent = raw.replace(/^[（(][一二三四五六七八九十]+[)）]/, "").trim();
        if (sent.length < 12 || sent.length > 160) continue;
        if (/[0-9０-９]|平潭|岚|片区|第二十条|本年|申请人|行政复议|行政诉讼|结果|总计|[一二三四五六]、/.test(sent)) continue;
        pool[s].push(sent + "。");
      }
    }
  }
  const fallback = ["我单位认真贯彻落实《中华人民共和国政府信息公开条例》，扎实推进政府信息公开工作。", "进一步加强政府信息公开平台建设，提升公开质量。"];
  POOL = pool.map((p) => (p.length ? [...new Set(p)] : fallback));
  return POOL;
}

// ---------------------------------------------------------------- numbers

function splitAcross(rng: Rng, total: number, n: number, skew = 0.7): number[] {
  const out = new Array(n).fill(0);
  for (let i = 0; i < total; i++) out[rng.chance(skew) ? 0 : rng.int(0, n - 1)]++;
  return out;
}

/** Table 3 with every identity holding: applicant columns drawn per outcome row, totals summed. */
function table3(rng: Rng, fmt: Fmt, busy: number): Record<string, number[]> {
  const order = TABLE3_ROW_ORDER[fmt];
  const outcome = order.filter((k) => !["new_received", "carried_over", "total_processed", "carried_forward"].includes(k));
  const t: Record<string, number[]> = {};
  const weights: Record<string, number> = { granted: 10, partially_granted: 2, unable_not_held: 3, denied_third_party_rights: 0.5, not_processed_duplicate: 0.7, other_no_correction: 0.6, other_total: 0.6 };
  for (const k of outcome) {
    const w = weights[k] ?? 0.15;
    const n = busy === 0 || !rng.chance(Math.min(0.95, w / 4)) ? 0 : Math.max(1, Math.round(busy * w * rng.next() / 10));
    t[k] = splitAcross(rng, n, T3_APPLICANT);
  }
  const sumRows = (keys: string[]) => Array.from({ length: T3_APPLICANT }, (_, c) => keys.reduce((s, k) => s + t[k][c], 0));
  const processed = sumRows(outcome);
  const forward = processed.map((p) => (p > 0 && rng.chance(0.2) ? rng.int(0, Math.min(5, p)) : 0));
  const over = processed.map((p, c) => (rng.chance(0.25) ? rng.int(0, Math.min(p + forward[c], 4)) : 0));
  const withTotal = (xs: number[]) => [...xs, xs.reduce((a, b) => a + b, 0)];
  const out: Record<string, number[]> = {};
  for (const k of order) {
    if (k === "new_received") out[k] = withTotal(processed.map((p, c) => p + forward[c] - over[c]));
    else if (k === "carried_over") out[k] = withTotal(over);
    else if (k === "total_processed") out[k] = withTotal(processed);
    else if (k === "carried_forward") out[k] = withTotal(forward);
    else out[k] = withTotal(t[k]);
  }
  return out;
}

function table4(rng: Rng, busy: number): number[] {
  const block = () => {
    if (busy === 0 || !rng.chance(0.2)) return [0, 0, 0, 0, 0];
    const xs = [rng.int(0, 3), rng.chance(0.2) ? rng.int(0, 1) : 0, rng.chance(0.2) ? 1 : 0, rng.chance(0.3) ? rng.int(0, 2) : 0];
    return [...xs, xs.reduce((a, b) => a + b, 0)];
  };
  return [...block(), ...block(), ...block()];
}

function fee(rng: Rng): number {
  return rng.chance(0.85) ? 0 : Math.round(rng.next() * 5000) / 100;
}

function table2(rng: Rng, fmt: Fmt, a: Agency): Record<string, Record<string, number>> {
  const makesRules = a.level === "province" || (a.level === "city" && rng.chance(0.5));
  const lic = a.level === "department" ? rng.count(3000) : a.level === "township" ? rng.count(60) : rng.count(400);
  const t: Record<string, Record<string, number>> = {};
  if (fmt === "2021") {
    const rules = makesRules ? rng.int(0, 6) : 0;
    const docs = rng.int(0, 25);
    t["art20_1_normative_documents/regulations"] = { issued: rules, repealed: makesRules ? rng.int(0, 3) : 0, currently_valid: makesRules ? rules + rng.int(0, 80) : 0 };
    t["art20_1_normative_documents/normative_documents"] = { issued: docs, repealed: rng.int(0, 6), currently_valid: docs + rng.int(0, 120) };
    t["art20_5_licensing/licensing"] = { decisions: lic };
    t["art20_6_penalty_enforcement/penalty"] = { decisions: rng.chance(0.5) ? rng.count(1500) : 0 };
    t["art20_6_penalty_enforcement/coercion"] = { decisions: rng.chance(0.3) ? rng.count(200) : 0 };
    t["art20_8_fees/admin_fees"] = { amount_10k_yuan: fee(rng) };
  } else {
    const made = rng.int(0, 20);
    const item = () => { const last = rng.int(0, 300); return { items_last_year: last, items_change: rng.chance(0.3) ? rng.int(-Math.min(last, 20), 20) : 0 }; };
    t["art20_1_normative_documents/regulations"] = makesRules ? (() => { const r = rng.int(0, 5); return { newly_made: r, newly_published: r, total_published: r + rng.int(0, 60) }; })() : { newly_made: 0, newly_published: 0, total_published: 0 };
    t["art20_1_normative_documents/normative_documents"] = { newly_made: made, newly_published: made, total_published: made + rng.int(0, 100) };
    t["art20_5_licensing/licensing"] = { ...item(), decisions: lic };
    t["art20_5_licensing/other_external_services"] = { ...item(), decisions: rng.chance(0.3) ? rng.count(200) : 0 };
    t["art20_6_penalty_enforcement/penalty"] = { ...item(), decisions: rng.chance(0.5) ? rng.count(1500) : 0 };
    t["art20_6_penalty_enforcement/coercion"] = { ...item(), decisions: rng.chance(0.3) ? rng.count(100) : 0 };
    t["art20_8_fees/admin_fees"] = item();
    t["art20_9_procurement/centralized_procurement"] = rng.chance(0.4) ? { projects: 0, total_amount: 0 } : { projects: rng.int(1, 60), total_amount: rng.int(2000, 9_000_000) };
  }
  // every key of the format, in schema order
  const ordered: Record<string, Record<string, number>> = {};
  for (const st of TABLE2[fmt]) for (const r of st.rows) {
    const key = `${st.key}/${r.key}`;
    ordered[key] = {};
    for (const c of st.columns) ordered[key][c.key] = t[key]?.[c.key] ?? 0;
  }
  return ordered;
}

const T4_KEYS = TABLE4_COLUMNS.map((c) => c.key);

/** Break one identity by changing one printed total (the truth keeps the printed number). */
function breakOne(rng: Rng, r: Report): Breakage {
  const delta = rng.int(1, 3);
  if (rng.chance(0.6)) {
    const row = r.table_3.total_processed;
    const consistent = row[6];
    row[6] = consistent + delta;
    return { identity: "t3_row_total", table: "table_3", row: "total_processed", column: "total", printed: row[6], consistent };
  }
  const i = T4_KEYS.indexOf("review_total");
  const consistent = r.table_4[i];
  r.table_4[i] = consistent + delta;
  return { identity: "t4_review_total", table: "table_4", row: null, column: "review_total", printed: r.table_4[i], consistent };
}

function pad2(n: number): string { return String(n).padStart(2, "0"); }

export function makeReport(rng: Rng, agency: Agency, year: number, opts: { breakShare: number }): Report {
  const format: Fmt = year <= 2020 ? "2019" : year <= 2022 && rng.chance(0.08) ? "2019" : "2021";
  const busy = rng.chance(0.35) ? 0 : agency.level === "township" ? rng.count(10) : rng.count(agency.level === "department" ? 120 : 400);
  const r: Report = {
    agency, year, format,
    published: `${year + 1}-${pad2(rng.int(1, 3))}-${pad2(rng.int(1, 28))}`,
    table_2: table2(rng, format, agency),
    table_3: table3(rng, format, busy),
    table_4: table4(rng, busy),
    broken: null,
    sections: [],
    preamble: "",
  };
  if (rng.chance(opts.breakShare)) r.broken = breakOne(rng, r);
  const pool = sentencePool();
  const short = agency.name.replace(/人民政府$/, "").replace(/办事处$/, "");
  const say = (s: number, n: number) => Array.from({ length: n }, () => rng.pick(pool[s])).join("");
  const nReq = r.table_3.new_received[6];
  r.preamble = `本报告根据《中华人民共和国政府信息公开条例》和《中华人民共和国政府信息公开工作年度报告格式》${format === "2021" ? "（国办公开办函〔2021〕30号）" : "（国办公开办函〔2019〕60号）"}要求，由${agency.name}编制。本报告中所列数据的统计期限自${year}年1月1日至${year}年12月31日。`;
  r.sections = [
    `${year}年，${short}${say(0, rng.int(2, 5))}`,
    say(1, rng.int(1, 3)),
    `${year}年，${nReq === 0 ? `${short}未收到政府信息公开申请。` : `${short}共收到政府信息公开申请${nReq}件。`}${say(2, rng.int(0, 2))}`,
    say(3, rng.int(0, 1)) || "本年度未发生因政府信息公开引起的行政复议、行政诉讼案件。",
    say(4, rng.int(1, 4)),
    rng.chance(0.5) ? "无。" : say(5, 1),
  ];
  return r;
}

/** The truth file of a report (same shape as test/fixtures/reports-real/truth/*.json, plus bookkeeping). */
export function truthOf(r: Report, extra: Record<string, unknown>): Record<string, unknown> {
  return {
    agency: r.agency.name, year: r.year, format: r.format,
    level: r.agency.level, province: r.agency.province, region: r.agency.region, published: r.published,
    table_3: r.table_3, table_4: r.table_4, table_2: r.table_2,
    broken_identity: r.broken,
    ...extra,
  };
}
