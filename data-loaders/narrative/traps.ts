/**
 * Numbers in the narrative that count something other than proactively disclosed information.
 * Each rule names what the number counts; the first rule whose words appear in the words in front
 * of the number (its label) or right after its unit wins. Read from real section 一 texts:
 * "依申请公开信息数317条" (requests), "接收群众来信2件", "接受咨询501284人次", "受理办理各类政务服务
 * 事项608337件次", "12345平台…累计受理1059件", "阅读量2万余人次", "关注人数1314人次", "召开专题会议1场、
 * 培训会2场", "安排1名业务人员", "制发政府信息437条", "不予公开41条", "抽检25291批次农产品"...
 */

export type TrapReason =
  | "cumulative" | "request" | "letter" | "consultation" | "hotline" | "visits" | "reading" | "followers"
  | "service_items" | "interpretation" | "training" | "event" | "staff" | "review_litigation" | "withheld"
  | "documents_issued" | "inspection" | "money";

/** Rules in order. `strong` rules also end a list of parts ("其中…") when they appear in it. */
export const TRAPS: { reason: TrapReason; words: RegExp; strong: boolean }[] = [
  { reason: "cumulative", words: /截至目前|截止目前|开通以来|上线以来|累计总|历年累计/, strong: true },
  { reason: "review_litigation", words: /复议|诉讼|起诉/, strong: true },
  { reason: "request", words: /依申请|申请/, strong: true },
  { reason: "letter", words: /来信|信件|信箱|来函|来访/, strong: true },
  { reason: "consultation", words: /咨询/, strong: true },
  { reason: "hotline", words: /12345|热线|诉求|来电|接听|电话/, strong: true },
  { reason: "reading", words: /阅读|浏览|点击|播放/, strong: true },
  { reason: "visits", words: /访问|观看|人次/, strong: true },
  { reason: "followers", words: /关注|订阅|粉丝|用户/, strong: true },
  { reason: "withheld", words: /不予公开|不公开/, strong: true },
  { reason: "documents_issued", words: /制发|印发|制作|制定|废止|失效|清理|收文|发文/, strong: true },
  { reason: "service_items", words: /政务服务|服务事项|审批事项|事项清单|办事指南|办件|通办|网办/, strong: false },
  { reason: "training", words: /培训|会议|研讨|讲座|座谈|学习/, strong: true },
  { reason: "event", words: /发布会|通气会|访谈|直播|活动|征集|调查|演出/, strong: true },
  { reason: "staff", words: /人员|工作人员|专人|干部|联络员/, strong: true },
  { reason: "inspection", words: /抽检|检测|检查|批次|巡查/, strong: false },
  { reason: "interpretation", words: /解读/, strong: false },
];

/** Units that count people, events or money, never pieces of information. */
const PEOPLE_OR_TIMES: Record<string, TrapReason> = {
  人次: "visits", 人: "staff", 名: "staff", 位: "staff", 场: "event", 次: "event", 轮次: "event", 起: "review_litigation",
  批次: "inspection", 件次: "service_items", 元: "money", 万元: "money", 亿元: "money", 家: "event", 户: "event", 所: "event",
};

export interface TrapHit { reason: TrapReason; strong: boolean; word: string }

/** What else a count counts, judged from its label, the words after it and its unit; null when
 * nothing says it is not a count of information. */
export function trapOf(label: string, after: string, unit: string): TrapHit | null {
  const text = label + "|" + after;
  if (/元$/.test(unit)) return { reason: "money", strong: true, word: unit };
  for (const t of TRAPS) {
    const m = t.words.exec(text);
    if (m) return { reason: t.reason, strong: t.strong, word: m[0] };
  }
  const byUnit = PEOPLE_OR_TIMES[unit];
  if (byUnit) return { reason: byUnit, strong: true, word: unit };
  return null;
}
