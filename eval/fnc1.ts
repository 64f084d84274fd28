// FNC-1 dev split scored through the checkClaim query (GraphQL). The split is the honest one (splitFnc1): headlines
// and bodies held out together, so no dev headline and no dev body was seen when the stance model was trained. Every
// dev body is ingested (as a user would, text only), then each dev headline is checked against its body with
// checkClaim(headline, [body]) and the verdict mapped back to FNC-1's labels.
import { existsSync } from "node:fs";
import path from "node:path";
import { DEV_SHARE, FNC_LABELS, fncScore, loadFnc1, splitFnc1, splitOverlap, type FncLabel } from "../src/analysis/stance/fnc1.js";
import { VERDICT } from "../src/analysis/check-claim.js";
import { evalApi } from "./api.js";

const LABEL_OF = Object.fromEntries(Object.entries(VERDICT).map(([label, verdict]) => [verdict, label])) as Record<(typeof VERDICT)[FncLabel], FncLabel>;

/** Targets (issue 10, item 6), on the honest dev split. */
export const FNC1_TARGETS = { score: 0.84, disagreeF1: 0.3 };

export async function evalFnc1(shared: string, limit = Infinity) {
  const dir = path.join(shared, "data/fnc1");
  if (!existsSync(path.join(dir, "train_stances.csv"))) return { skipped: `${dir} not found` };
  const data = loadFnc1(dir);
  const split = splitFnc1(data.pairs);
  const overlap = splitOverlap(split.train, split.dev);
  if (overlap.headlines || overlap.bodies) throw new Error(`fnc1: dev shares ${overlap.headlines} headlines and ${overlap.bodies} bodies with training`);
  const dev = split.dev.slice(0, limit);
  const api = await evalApi();
  try {
    const t0 = performance.now();
    const sourceOf = new Map<number, number>();
    const failures: string[] = [];
    for (const id of new Set(dev.map((p) => p.bodyId))) {
      try {
        sourceOf.set(id, await api.ingest({ text: data.bodies.get(id)! }));
      } catch (e) {
        failures.push(`body ${id}: ${(e as Error).message}`);
      }
    }
    const ingestMs = performance.now() - t0;
    const t1 = performance.now();
    const gold: FncLabel[] = [];
    const predicted: FncLabel[] = [];
    for (const p of dev) {
      const sourceId = sourceOf.get(p.bodyId);
      if (sourceId === undefined) continue;
      const r = await api.checkClaim(p.headline, [sourceId]);
      gold.push(p.stance);
      predicted.push(LABEL_OF[r.verdict]);
    }
    const checkMs = performance.now() - t1;
    return {
      pairs: gold.length,
      bodies: sourceOf.size,
      headlines: new Set(dev.map((p) => p.headline)).size,
      split: { share: DEV_SHARE, trainPairs: split.train.length, devPairs: split.dev.length, droppedPairs: split.dropped, sharedHeadlines: overlap.headlines, sharedBodies: overlap.bodies },
      gold: Object.fromEntries(FNC_LABELS.map((l) => [l, gold.filter((g) => g === l).length])) as Record<FncLabel, number>,
      failures,
      ingestMs,
      checkMsPerPair: checkMs / Math.max(1, gold.length),
      ...fncScore(gold, predicted),
    };
  } finally {
    await api.close();
  }
}

export function printFnc1(r: Awaited<ReturnType<typeof evalFnc1>>) {
  if ("skipped" in r) return console.log(`FNC-1 dev: skipped — ${r.skipped}`);
  const pct = (x: number) => `${(x * 100).toFixed(2)}%`;
  const mark = (ok: boolean) => (ok ? "met" : "NOT met");
  console.log(
    `FNC-1 dev, headlines and bodies held out together (${r.pairs} pairs, ${r.headlines} headlines, ${r.bodies} bodies; ` +
      `${r.split.sharedHeadlines} headlines and ${r.split.sharedBodies} bodies shared with the ${r.split.trainPairs} training pairs), through checkClaim`,
  );
  console.log(`  gold: ${FNC_LABELS.map((l) => `${l} ${r.gold[l]}`).join(", ")}`);
  console.log(
    `  FNC score ${pct(r.score)} (target ≥ ${pct(FNC1_TARGETS.score)}: ${mark(r.score >= FNC1_TARGETS.score)})   ` +
      `disagree F1 ${r.f1.disagree.toFixed(3)} (target ≥ ${FNC1_TARGETS.disagreeF1.toFixed(2)}: ${mark(r.f1.disagree >= FNC1_TARGETS.disagreeF1)})`,
  );
  console.log(`  F1 ${FNC_LABELS.map((l) => `${l} ${r.f1[l].toFixed(3)}`).join("  ")}   macro-F1 ${r.macroF1.toFixed(3)}`);
  console.log(`  confusion (rows gold, columns predicted; ${FNC_LABELS.join(", ")}): ${r.confusion.map((row) => row.join(" ")).join(" | ")}`);
  console.log(`  ingest ${(r.ingestMs / 1000).toFixed(1)} s; checkClaim ${r.checkMsPerPair.toFixed(2)} ms per pair${r.failures.length ? `; ${r.failures.length} bodies failed: ${r.failures.slice(0, 3).join("; ")}` : ""}`);
}
