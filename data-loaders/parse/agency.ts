/**
 * Who published the report and for which year: agency as printed, a normalized name stable
 * across years, administrative level, region named in the name, report year, publication date.
 */
import { REPORT_TITLE } from "../format/catalogue.ts";
import type { DocumentMeta } from "../document.ts";
import { normalize } from "./labels.ts";

const TITLE_WORDS = [REPORT_TITLE.canonical, ...REPORT_TITLE.aliases.map((a) => a.text)].filter((t) => t.length > 2).sort((a, b) => b.length - a.length);
const TITLE = new RegExp(`(?:^|[\\s:：>】\\]])([^\\s:：>】\\]]{0,60}?)\\s*((?:19|20)\\d{2})\\s*年\\s*度?\\s*(?:${TITLE_WORDS.join("|")})`);
const PERIOD = /统计(?:期限|时限|期间|日期)[^\d]{0,6}((?:19|20)\d{2})年/;

export const PROVINCES = ["北京市", "天津市", "上海市", "重庆市", "河北省", "山西省", "辽宁省", "吉林省", "黑龙江省", "江苏省", "浙江省", "安徽省", "福建省", "江西省", "山东省", "河南省", "湖北省", "湖南省", "广东省", "海南省", "四川省", "贵州省", "云南省", "陕西省", "甘肃省", "青海省", "台湾省", "内蒙古自治区", "广西壮族自治区", "西藏自治区", "宁夏回族自治区", "新疆维吾尔自治区", "香港特别行政区", "澳门特别行政区"];

/** Ordered rules: the first that matches the normalized name gives the level. */
const LEVELS: [RegExp, string][] = [
  [/^(北京|天津|上海|重庆)市人民政府(办公厅)?$/, "province"],
  [/(省|自治区)人民政府(办公厅)?$/, "province"],
  [/(乡|镇|苏木)(人民政府)?$|街道(办事处)?$|片区管理局$/, "township"],
  [/(自治州|地区|盟)?市人民政府(办公室)?$|自治州人民政府$|综合实验区(管委会|管理委员会)?$/, "city"],
  [/(区|县|旗|自治县)人民政府(办公室)?$/, "county"],
  [/(厅|局|委员会|委|办公室|办|中心|署|院|馆|队|所|处|站|会)$/, "department"],
];

export function agencyLevel(name: string): string | null {
  for (const [re, level] of LEVELS) if (re.test(name)) return level;
  return null;
}

/** The administrative area printed at the start of the name, e.g. 重庆市大足区 for 重庆市大足区国梁镇人民政府. */
export function agencyRegion(name: string): { region: string | null; province: string | null } {
  const province = PROVINCES.find((p) => name.startsWith(p) || name.startsWith(p.replace(/(省|市|自治区|壮族自治区|回族自治区|维吾尔自治区|特别行政区)$/, ""))) ?? null;
  const m = name.match(/^((?:[^市县区州盟旗省]{1,8}?(?:省|自治区|自治州|地区|市|县|区|盟|旗)){1,3})(?=[^市县区州盟旗]{2,})/);
  let region = m ? m[1] : null;
  if (region && region === name) region = null;
  if (region && /(人民政府|局|委|办)$/.test(region)) region = null;
  return { region, province };
}

export function normalizeAgency(name: string): string {
  return normalize(name).replace(/\s+/g, "").replace(/\([^)]*\)/g, "").replace(/^中共/, "").replace(/(政府信息公开|政务公开).*$/, "");
}

export interface Identity { agency: string | null; year: number | null; published: string | null }

export function readIdentity(meta: DocumentMeta, text: string): Identity {
  const candidates = [meta.title, ...text.split("\n").slice(0, 12)].filter((t): t is string => !!t).map((t) => normalize(t).trim());
  let agency: string | null = null;
  let year: number | null = null;
  for (const [i, line] of candidates.entries()) {
    const m = line.match(TITLE);
    if (!m || /^(关于|附件)|报送|印发|转发/.test(line)) continue; // a cover letter or an attachment line names the report
    year = Number(m[2]);
    agency = cleanAgency(m[1]);
    // "重庆市…人民政府\n2024年政府信息公开工作年度报告": the name is on the line before
    if (!agency && !m[1] && i > 0) agency = cleanAgency(candidates[i - 1]);
    break;
  }
  if (year === null) {
    const p = normalize(text).match(PERIOD);
    if (p) year = Number(p[1]);
  }
  if (!agency && meta.publisher) agency = cleanAgency(normalize(meta.publisher));
  return { agency, year, published: meta.published ?? signatureDate(text) };
}

function cleanAgency(s: string): string | null {
  const t = s.replace(/^.*(?:当前位置|首页|正文|来源)[:：]?/, "").replace(/[\s"“”《》]/g, "");
  // "关于报送2024年…年度报告的函" names the report, not its author
  if (/^关于|报送|印发|转发|^附件/.test(t)) return null;
  return t.length >= 2 && t.length <= 60 && /[\u3400-\u9fff]/.test(t) ? t : null;
}

/** A date in the closing lines ("2021年1月26日"), as yyyy-mm-dd. */
export function signatureDate(text: string): string | null {
  const tail = normalize(text.slice(-400));
  const all = [...tail.matchAll(/((?:19|20)\d{2})\s*年\s*(\d{1,2})\s*月\s*(\d{1,2})\s*日/g)];
  const m = all[all.length - 1];
  if (!m) return null;
  const [y, mo, d] = [m[1], m[2], m[3]].map(Number);
  if (mo < 1 || mo > 12 || d < 1 || d > 31) return null;
  return `${y}-${String(mo).padStart(2, "0")}-${String(d).padStart(2, "0")}`;
}
