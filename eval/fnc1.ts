// FNC-1 dev split scored through the checkClaim query (GraphQL): every dev body is ingested (as a user would, text only), then each
// headline is checked against its body with checkClaim(headline, [body]) and the verdict mapped back to FNC-1's labels.
import { existsSync } from "node:fs";
import path from "node:path";
import { FNC_LABELS, fncScore, isDevBody, loadFnc1, type FncLabel } from "../src/analysis/stance/fnc1.js";
import { VERDICT } from "../src/analysis/check-claim.js";
import { evalApi } from "./api.js";

const LABEL_OF = Object.fromEntries(Object.entries(VERDICT).map(([label, verdict]) => [verdict, label])) as Record<(typeof VERDICT)[FncLabel], FncLabel>;

export async function evalFnc1(shared: string, limit = Infinity) {
  const dir = path.join(shared, "data/fnc1");
  if (!existsSync(path.join(dir, "train_stances.csv"))) return { skipped: `${dir} not found` };
  const data = loadFnc1(dir);
  const trainHeadlines = new Set(data.pairs.filter((p) => !isDevBody(p.bodyId)).map((p) => p.headline));
  const dev = data.pairs.filter((p) => isDevBody(p.bodyId)).slice(0, limit);
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
    const unseen: number[] = [];
    for (const p of dev) {
      const sourceId = sourceOf.get(p.bodyId);
      if (sourceId === undefined) continue;
      const r = await api.checkClaim(p.headline, [sourceId]);
      if (!trainHeadlines.has(p.headline)) unseen.push(gold.length);
      gold.push(p.stance);
      predicted.push(LABEL_OF[r.verdict]);
    }
    const checkMs = performance.now() - t1;
    const all = fncScore(gold, predicted);
    const unseenScore = fncScore(unseen.map((i) => gold[i]!), unseen.map((i) => predicted[i]!));
    return { pairs: gold.length, bodies: sourceOf.size, failures, ingestMs, checkMsPerPair: checkMs / Math.max(1, gold.length), ...all, unseenHeadlines: { n: unseenScore.n, score: unseenScore.score, f1: unseenScore.f1 } };
  } finally {
    await api.close();
  }
}

export function printFnc1(r: Awaited<ReturnType<typeof evalFnc1>>) {
  if ("skipped" in r) return console.log(`FNC-1 dev: skipped — ${r.skipped}`);
  const pct = (x: number) => `${(x * 100).toFixed(2)}%`;
  console.log(`FNC-1 dev (bodies split by Body ID; ${r.pairs} pairs over ${r.bodies} bodies, through checkClaim)`);
  console.log(`  FNC score ${pct(r.score)} (target ≥ 82%)   disagree F1 ${r.f1.disagree.toFixed(3)} (target ≥ 0.30)`);
  console.log(`  F1 ${FNC_LABELS.map((l) => `${l} ${r.f1[l].toFixed(3)}`).join("  ")}   macro ${r.macroF1.toFixed(3)}`);
  console.log(`  confusion (rows gold, columns predicted; ${FNC_LABELS.join(", ")}): ${r.confusion.map((row) => row.join(" ")).join(" | ")}`);
  console.log(
    r.unseenHeadlines.n
      ? `  headlines never seen in training (${r.unseenHeadlines.n} pairs): FNC ${pct(r.unseenHeadlines.score)}, disagree F1 ${r.unseenHeadlines.f1.disagree.toFixed(3)}`
      : "  note: every dev headline also appears with some training body (FNC-1 pairs headlines across bodies); only bodies are unseen",
  );
  console.log(`  ingest ${(r.ingestMs / 1000).toFixed(1)} s; checkClaim ${r.checkMsPerPair.toFixed(2)} ms per pair${r.failures.length ? `; ${r.failures.length} bodies failed: ${r.failures.slice(0, 3).join("; ")}` : ""}`);
}
