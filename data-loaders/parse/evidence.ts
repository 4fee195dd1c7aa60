/**
 * Narrative evidence for table-2 cells: "制发行政规范性文件9件", "废止规范性文件6件",
 * "现行有效行政规范性文件共253件". Used only to choose among readings of glued digits that
 * already fit the table; the finding quotes the clause.
 */
const VERBS: Record<string, RegExp> = {
  issued: /制发|制定|出台|印发|新制/,
  newly_made: /制发|制定|出台|印发|新制/,
  repealed: /废止|失效/,
  currently_valid: /现行有效/,
  total_published: /现行有效/,
};
const CLAUSE = /[^,，。;；:：]+/g;
const COUNT = /(\d+)\s*件/g;

export interface Evidence { column: string; value: number; clause: string }

/** Numbers the narrative states for each column of the normative-documents row. */
export function normativeDocumentEvidence(narrative: string): Evidence[] {
  const out: Evidence[] = [];
  for (const [clause] of narrative.matchAll(CLAUSE)) {
    if (!clause.includes("文件")) continue;
    const cols = Object.keys(VERBS).filter((c) => VERBS[c].test(clause));
    // A clause naming both 制定 and 废止 cannot tell which number is which.
    const kinds = new Set(cols.map((c) => VERBS[c].source));
    if (kinds.size !== 1) continue;
    const nums = [...clause.matchAll(COUNT)].map((m) => Number(m[1]));
    if (nums.length !== 1) continue;
    for (const column of cols) out.push({ column, value: nums[0], clause: clause.trim() });
  }
  return out;
}
