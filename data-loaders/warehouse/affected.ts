/**
 * Which files an incremental run must recompute.
 *
 * The rows of a file depend on its own parse result and on the other files of its group, and on
 * nothing else: dedupe links files by identical bytes (sha256) and by agency_normalized + year,
 * continuity compares one agency's years (dedupe.ts, continuity.ts). So the files are put into
 * groups, the connected components of "same sha256" and "same agency_normalized", and a run
 * recomputes every group that holds a file that is new, changed, removed or re-parsed (a seed);
 * the rows of every other group are kept as stored. Grouping more than needed only costs time;
 * grouping less would keep stale rows, so a file whose agency is unknown is still grouped by its
 * bytes, and a changed file joins the group it had before as well as its new one.
 * (The recycled statements compare every report with every other one: the run recomputes them
 * whole, see build.ts.)
 */
import type { ParseResult } from "../report.ts";
import { isReport } from "./results.ts";
import type { StoredFile } from "./store.ts";
import type { StoreChange } from "./write.ts";

/** What is known of a file for grouping: its path, content hash and agency (null if not a report). */
export interface GroupKeys { path: string; sha256: string; agency: string | null }

class UnionFind {
  private readonly parent = new Map<string, string>();
  find(x: string): string {
    let root = x;
    for (let p = this.parent.get(root); p !== undefined && p !== root; p = this.parent.get(root)) root = p;
    for (let y = x; y !== root;) { const next = this.parent.get(y)!; this.parent.set(y, root); y = next; }
    if (!this.parent.has(root)) this.parent.set(root, root);
    return root;
  }
  union(a: string, b: string): void {
    const ra = this.find(a), rb = this.find(b);
    if (ra !== rb) this.parent.set(ra, rb);
  }
}

/**
 * `current`: every file of this run, with what is known of it now; `previous`: the stored files'
 * keys, for those that are seeds (changed or removed: they tie their old group in too); `seeds`:
 * the paths to recompute. Returns the paths of `current` in a group with a seed.
 */
export function affectedPaths(current: GroupKeys[], previous: GroupKeys[], seeds: Set<string>): Set<string> {
  const uf = new UnionFind();
  const tie = (node: string, k: GroupKeys) => {
    if (k.sha256) uf.union(node, `sha\n${k.sha256}`); // "" for a file that could not be read
    if (k.agency) uf.union(node, `agency\n${k.agency}`);
  };
  for (const k of current) tie(`file\n${k.path}`, k);
  for (const k of previous) tie(`file\n${k.path}`, k);
  const hit = new Set<string>();
  for (const p of seeds) hit.add(uf.find(`file\n${p}`));
  const out = new Set<string>();
  for (const k of current) if (hit.has(uf.find(`file\n${k.path}`))) out.add(k.path);
  return out;
}

/** The files of one run to recompute, and the stored rows that go (see write.ts). */
export interface IncrementalPlan { affected: Set<number>; change: StoreChange }

/**
 * `files` and `shas`: this run's files in path order; `results`: the results known so far, which
 * are those of the seeds (files parsed or rejected this run, or whose path or content the store does
 * not hold); `stored`: the store's files. Removed files are seeds too.
 */
export function incrementalPlan(files: { path: string }[], shas: string[], results: (ParseResult | undefined)[], stored: StoredFile[]): IncrementalPlan {
  const storedBy = new Map(stored.map((f) => [f.path, f]));
  const current: GroupKeys[] = [];
  const previous: GroupKeys[] = [];
  const seeds = new Set<string>();
  const here = new Set<string>();
  files.forEach((f, i) => {
    here.add(f.path);
    const r = results[i];
    const s = storedBy.get(f.path);
    if (r) {
      seeds.add(f.path);
      current.push({ path: f.path, sha256: shas[i], agency: isReport(r.status) ? r.agency_normalized ?? null : null });
      if (s) previous.push(s);
    } else if (s) {
      current.push(s);
    } else {
      throw new Error(`${f.path}: neither stored nor parsed`);
    }
  });
  for (const s of stored) if (!here.has(s.path)) { seeds.add(s.path); previous.push(s); }
  const paths = affectedPaths(current, previous, seeds);
  const affected = new Set<number>();
  files.forEach((f, i) => { if (paths.has(f.path)) affected.add(i); });
  const gone = stored.filter((s) => paths.has(s.path) || !here.has(s.path));
  return {
    affected,
    change: { gonePaths: gone.map((s) => s.path), goneReportIds: gone.flatMap((s) => (s.report_id ? [s.report_id] : [])) },
  };
}
