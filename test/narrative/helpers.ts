/** Parsed fixtures for the narrative tests, read once. */
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { parseFile } from "../../data-loaders/parse-file.ts";
import type { ParseResult } from "../../data-loaders/report.ts";

const ROOTS: Record<string, string> = { real: "test/fixtures/reports-real", sample: "test/fixtures/reports-sample" };
const cache = new Map<string, Promise<ParseResult>>();

/** A fixture report by the start of its file name: "18" → reports-real/18_pingtan_gwoffice_2025.txt,
 * "000" → reports-sample/000_….txt. */
export function report(prefix: string, ext = ".txt"): Promise<ParseResult> {
  const key = prefix + ext;
  let p = cache.get(key);
  if (!p) {
    const root = prefix.length === 3 ? ROOTS.sample : ROOTS.real;
    const name = FILES[prefix] + ext;
    const path = join(root, name);
    p = parseFile(path, new Uint8Array(readFileSync(path)));
    cache.set(key, p);
  }
  return p;
}

export const FILES: Record<string, string> = {
  "01": "01_pingtan_econdev_2019", "02": "02_pingtan_approval_2019", "03": "03_pingtan_transport_2020", "04": "04_pingtan_socialaffairs_2019",
  "05": "05_pingtan_haitan_2019", "06": "06_pingtan_junshan_2019", "07": "07_pingtan_jinjing_2020", "08": "08_pingtan_haitan_2022",
  "09": "09_pingtan_econdev_2021", "10": "10_pingtan_socialaffairs_2022", "11": "11_pingtan_samr_2022", "12": "12_pingtan_transport_2023",
  "13": "13_pingtan_jinjing_2023", "14": "14_pingtan_suping_2023", "15": "15_pingtan_approval_2024", "16": "16_pingtan_police_2024",
  "17": "17_pingtan_investment_2024", "18": "18_pingtan_gwoffice_2025", "19": "19_pingtan_zone_2017", "20": "20_pingtan_education_2011",
  "000": "000_0492d4f23311c1f9", "001": "001_85e0709fcd8f3bda", "002": "002_50c134b5e3010c10", "003": "003_7a562305178f5f90", "004": "004_d117153218135174",
};

export const ALL = Object.keys(FILES);
