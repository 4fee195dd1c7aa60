/** Narrative mining of the annual reports: re-exports only. */
export * from "./text.ts";
export * from "./scan.ts";
export * from "./traps.ts";
export * from "./disclosure.ts";
export * from "./enumeration.ts";
export * from "./problems.ts";
export * from "./themes.ts";
export * from "./wordscan.ts";
export * from "./similarity.ts";
export * from "./simjoin.ts";
export * from "./recycled.ts";
export * from "./fees.ts";
export * from "./crosscheck.ts";
export * from "./mine.ts";
export * from "./rows.ts";
export * from "./dictionary.ts";
