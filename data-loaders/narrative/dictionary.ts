/**
 * Data dictionary of the narrative tables (rows.ts): one entry per column, in the warehouse's
 * column types, with a Chinese label for the pages.
 */

export type NarrativeColType = "VARCHAR" | "INTEGER" | "DOUBLE" | "BOOLEAN";

export interface NarrativeColumn { table: string; column: string; type: NarrativeColType; meaning: string; label_zh: string }

export const NARRATIVE_TABLES: { table: string; meaning: string }[] = [
  { table: "disclosure_volumes", meaning: "Numbers of proactively disclosed items stated in the narrative (section 一, else the lead-in of section 二): the total, its parts (one or more breakdowns by kind, column or sub-unit) and separate new-media publication counts. One row per number, with the sentence it was read from." },
  { table: "problem_items", meaning: "Section 五 split into problem statements and improvement measures, one row per item, with the themes of the lexicon (data-loaders/format/themes.json) and the words that matched." },
  { table: "fees", meaning: "Information-processing fee (信息处理费) stated by the report (section 六, or a fee table elsewhere): one row per report." },
  { table: "stated_numbers", meaning: "Other counts and sums stated in section 六 (and the cells of a fee table), with their label and sentence." },
  { table: "narrative_checks", meaning: "Figures of the narrative that a table also holds (requests received, outcomes, reviews, lawsuits, normative documents) compared with the table cell. A disagreement is also a finding narrative_disagrees." },
  { table: "recycled_pairs", meaning: "Pairs of nearly identical problem statements or improvement measures in two reports: one agency in two years (same_agency) or two agencies in one year (same_year). Similarity is the Jaccard index of character 3-grams; pairs at 0.5 and above are listed (why: data-loaders/narrative/recycled.ts)." },
];

const c = (table: string, column: string, type: NarrativeColType, meaning: string, label_zh: string): NarrativeColumn => ({ table, column, type, meaning, label_zh });

export const NARRATIVE_DICTIONARY: NarrativeColumn[] = [
  c("disclosure_volumes", "report_id", "VARCHAR", "Report key (join to reports).", "报告编号"),
  c("disclosure_volumes", "kind", "VARCHAR", "total: the number of items proactively disclosed in the year; part: one item of a breakdown of the total; channel: items published through new media, stated apart (not part of the total).", "类别"),
  c("disclosure_volumes", "label", "VARCHAR", "The words the number was read from (the kind of information for a part), list words such as 其中 removed.", "名称"),
  c("disclosure_volumes", "value", "DOUBLE", "The number as printed (7700余条 gives 7700).", "数量"),
  c("disclosure_volumes", "approximate", "BOOLEAN", "True when the text says 余/多 (\"7700余条\"): at least this many.", "约数"),
  c("disclosure_volumes", "unit", "VARCHAR", "Unit as printed (条, 件, 篇, 期); empty when the text left it out (\"主动公开信息数169\").", "单位"),
  c("disclosure_volumes", "channel", "VARCHAR", "website, new_media, gazette or notice_board when the sentence names the channel; null otherwise.", "公开渠道"),
  c("disclosure_volumes", "part_group", "INTEGER", "For parts: which breakdown of the total (1, 2...); parts of one group are checked against the total (finding disclosure_parts_exceed_total). Null for totals and channels.", "分组"),
  c("disclosure_volumes", "section", "VARCHAR", "Section the sentence is in: overview (一) or proactive_disclosure (二).", "所在部分"),
  c("disclosure_volumes", "sentence", "VARCHAR", "The sentence the number was read from.", "原句"),
  c("disclosure_volumes", "offset", "INTEGER", "Character offset of the number in the section text.", "位置"),

  c("problem_items", "report_id", "VARCHAR", "Report key (join to reports).", "报告编号"),
  c("problem_items", "section_kind", "VARCHAR", "problem (存在的主要问题) or improvement (改进情况/措施).", "类别"),
  c("problem_items", "ordinal", "INTEGER", "Position of the item among the report's problems (or improvements), from 1.", "序号"),
  c("problem_items", "text", "VARCHAR", "The item's text as printed, without its list marker (一是, 1., （一）).", "内容"),
  c("problem_items", "themes", "VARCHAR", "Comma-separated theme keys (timeliness, content, interpretation, platform, new_media, staff, review, requests, grassroots, participation, mechanism, awareness, channels); empty when no lexicon word matched. Labels: data-loaders/format/themes.json.", "主题"),
  c("problem_items", "matched_words", "VARCHAR", "JSON object: theme key → the lexicon words found in the text (why the item has that theme).", "命中词"),
  c("problem_items", "section", "VARCHAR", "Section whose text holds the item: problems_improvements, or another section when the parser left section 五 inside it.", "所在部分"),
  c("problem_items", "offset", "INTEGER", "Character offset of the item in that section text.", "位置"),

  c("fees", "report_id", "VARCHAR", "Report key (join to reports).", "报告编号"),
  c("fees", "status", "VARCHAR", "amount (a fee was collected: see amount), none (the report says none was collected, or the amount is 0), unstated (the report does not say; only the rule, or nothing).", "收费情况"),
  c("fees", "amount", "DOUBLE", "Amount collected in the unit of column unit; 0 for none; null for unstated.", "金额"),
  c("fees", "unit", "VARCHAR", "元 or 万元 as printed; null when the text names no unit.", "单位"),
  c("fees", "sentence", "VARCHAR", "The sentence (or fee table) the status was read from.", "原句"),
  c("fees", "section", "VARCHAR", "Section the sentence is in (usually other_matters).", "所在部分"),

  c("stated_numbers", "report_id", "VARCHAR", "Report key (join to reports).", "报告编号"),
  c("stated_numbers", "label", "VARCHAR", "Words in front of the number (what it counts).", "名称"),
  c("stated_numbers", "value", "DOUBLE", "The number.", "数量"),
  c("stated_numbers", "unit", "VARCHAR", "Unit as printed (件, 条, 元...).", "单位"),
  c("stated_numbers", "sentence", "VARCHAR", "The sentence the number was read from.", "原句"),
  c("stated_numbers", "section", "VARCHAR", "Section the sentence is in.", "所在部分"),
  c("stated_numbers", "offset", "INTEGER", "Character offset of the number in the section text.", "位置"),

  c("narrative_checks", "report_id", "VARCHAR", "Report key (join to reports).", "报告编号"),
  c("narrative_checks", "check", "VARCHAR", "What is compared: requests_received, granted, partially_granted, denied, unable, reviews, lawsuits, normative_in_force, normative_issued, normative_repealed.", "核对项"),
  c("narrative_checks", "table_name", "VARCHAR", "table_2, table_3 or table_4.", "表格"),
  c("narrative_checks", "row", "VARCHAR", "Schema row key of the cell (denied_header / unable_header: the sum of the rows below it).", "行"),
  c("narrative_checks", "column", "VARCHAR", "Schema column key of the cell; null for lawsuits (sum of two table-4 totals).", "列"),
  c("narrative_checks", "narrative_value", "DOUBLE", "The figure the narrative states.", "正文数值"),
  c("narrative_checks", "table_value", "DOUBLE", "The table's figure; null when the cell is blank or missing.", "表格数值"),
  c("narrative_checks", "agrees", "BOOLEAN", "True when equal (a received count equal to new + carried over also agrees); null when the table has no value.", "是否一致"),
  c("narrative_checks", "sentence", "VARCHAR", "The sentence the figure was read from.", "原句"),
  c("narrative_checks", "offset", "INTEGER", "Character offset of the figure in the section text.", "位置"),

  c("recycled_pairs", "report_a", "VARCHAR", "Report key of the earlier statement (earlier year, then report key).", "报告A"),
  c("recycled_pairs", "report_b", "VARCHAR", "Report key of the other statement.", "报告B"),
  c("recycled_pairs", "section_kind", "VARCHAR", "problem or improvement: join (report_a, section_kind, item_a) to problem_items (report_id, section_kind, ordinal).", "类别"),
  c("recycled_pairs", "item_a", "INTEGER", "Ordinal of the statement in report_a.", "条目A"),
  c("recycled_pairs", "item_b", "INTEGER", "Ordinal of the statement in report_b.", "条目B"),
  c("recycled_pairs", "similarity", "DOUBLE", "Jaccard index of the two statements' character 3-gram sets (punctuation dropped, digits folded): 1 = the same text.", "相似度"),
  c("recycled_pairs", "containment", "DOUBLE", "Share of the shorter statement's 3-grams found in the other one.", "包含度"),
  c("recycled_pairs", "scope", "VARCHAR", "same_agency (one agency, two years) or same_year (two agencies, one year).", "范围"),
];
