import { test } from "node:test";
import assert from "node:assert/strict";
import { existsSync, mkdtempSync, readFileSync, readdirSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { generateCorpus, SHARES } from "../../scripts/generate-corpus.ts";

test("the corpus holds pdf and .doc reports, counted in the manifest, with their layout in the truth", async () => {
  const dir = mkdtempSync(join(tmpdir(), "gen-corpus-"));
  try {
    const m = await generateCorpus({ reports: 300, out: dir, seed: 11 });
    assert.equal(Object.values(SHARES).reduce((a, b) => a + b, 0).toFixed(6), "1.000000");
    assert.ok(SHARES.docx >= 0.25, "at least a quarter .docx");
    assert.ok(m.by_layout.pdf > 0 && m.by_layout.doc > 0, JSON.stringify(m.by_layout));
    assert.ok(m.pdf_split_tables > 0 && m.pdf_split_tables <= m.by_layout.pdf);
    const manifest = JSON.parse(readFileSync(join(dir, "truth/_manifest.json"), "utf8"));
    assert.deepEqual(manifest.by_layout, m.by_layout);
    assert.equal(Object.values(m.by_layout).reduce((a, b) => a + b, 0), m.reports);
    const truths = readdirSync(join(dir, "truth")).filter((f) => !f.startsWith("_")).map((f) => JSON.parse(readFileSync(join(dir, "truth", f), "utf8")));
    for (const layout of ["pdf", "doc"]) {
      const mine = truths.filter((t) => t.layout === layout);
      assert.equal(mine.length, m.by_layout[layout]);
      for (const t of mine) {
        assert.deepEqual(t.files, [t.files[0]]);
        assert.ok(t.files[0].endsWith(`.${layout}`));
        assert.ok(existsSync(join(dir, "raw", t.files[0])));
        if (layout === "pdf") assert.ok(t.pdf.pages >= 2, "page count in the truth");
      }
    }
    assert.ok("truncated_pdf" in m.damaged);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});
