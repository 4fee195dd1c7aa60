// Bilingual labels for every page, from the one catalogue: data/labels.json (written by
// src/data/labels.json.ts from the warehouse's labels table, i.e. schema.json, incl. its vocabularies of level, status and severity).
// Pages never type a Chinese label of the schema: they ask this module for it.
//
//   const L = catalogue(await FileAttachment("data/labels.json").json());
//   L.zh("table_3_row", "granted")        → "（一）予以公开"
//   L.bi("table_3_row", "granted")        → "（一）予以公开 Disclosed in full"
//   L.term("level", "city")               → <span class="term">市级 <span class="en">City</span></span>
//   L.measure("t3_granted")               → {id, zh, en, definition, ...}
import {html} from "npm:htl";

export function catalogue({labels, measures}) {
  const index = new Map();
  const key = (kind, k, parent) => `${kind}\u0000${k ?? ""}\u0000${parent ?? ""}`;
  for (const l of labels) {
    l.zh_full ??= l.zh;
    index.set(key(l.kind, l.key, l.parent), l);
    if (!index.has(key(l.kind, l.key))) index.set(key(l.kind, l.key), l);
  }
  const measureIndex = new Map(measures.map((m) => [m.id, m]));
  const get = (kind, k, parent) => index.get(key(kind, k, parent)) ?? index.get(key(kind, k));

  const L = {
    labels,
    measures,
    /** The label row, or a stand-in that shows the raw key (so an unknown key is visible, never blank). */
    get(kind, k, parent) {
      return get(kind, k, parent) ?? {kind, key: k, zh: k == null ? "—" : String(k), en: "", zh_full: k == null ? "—" : String(k)};
    },
    zh: (kind, k, parent) => L.get(kind, k, parent).zh,
    /** The Chinese label without its leading ordinal ("三、收到和处理…" → "收到和处理…"), for headings. */
    plain: (kind, k, parent) => String(L.get(kind, k, parent).zh).replace(/^[一二三四五六七八九十]+、/, ""),
    en: (kind, k, parent) => L.get(kind, k, parent).en,
    /** "中文 English" as one string (for chart axes, legends, CSV headers, select options). */
    bi(kind, k, parent) {
      const l = L.get(kind, k, parent);
      return l.en ? `${l.zh} ${l.en}` : l.zh;
    },
    /** The same as an element: the English part muted. Safe: htl escapes both parts. */
    term(kind, k, parent) {
      const l = L.get(kind, k, parent);
      return html`<span class="term" title=${k ?? ""}>${l.zh}${l.en ? html`<span class="en">${l.en}</span>` : ""}</span>`;
    },
    measure(id) {
      const m = measureIndex.get(id);
      if (!m) throw new Error(`unknown measure ${id}`);
      return m;
    },
    /** Labels of one kind (optionally of one parent), in the catalogue's order. */
    kind: (kind, parent) => labels.filter((l) => l.kind === kind && (parent === undefined || (l.parent ?? null) === parent)),
    measureBi(id) {
      const m = L.measure(id);
      return `${m.zh} ${m.en}`;
    },
    /** Short Chinese label of a measure: a trailing note in full-width brackets dropped (for legends). */
    measureShort(id) {
      const m = L.measure(id);
      return `${shorten(m.zh)} ${m.en}`;
    },
    measureTerm(id) {
      const m = L.measure(id);
      return html`<span class="term" title=${id}>${m.zh}<span class="en">${m.en}</span></span>`;
    },
    /** Label of a level value (reports.level), null → "未识别 Unknown level". */
    level: (v) => L.bi("level", v ?? ""),
    status: (v) => L.bi("status", v),
    severity: (v) => L.bi("severity", v),
    format: (v) => (v == null ? "—" : `${v} · ${L.en("format", v)}`)
  };
  return L;
}

/** "（二）部分公开（区分处理的，…）" → "（二）部分公开": drop a trailing bracketed note, keep leading ordinals. */
export function shorten(zh) {
  const short = String(zh).replace(/（[^（）]*）$/, "");
  return short.length >= 2 ? short : zh;
}
