import { readFileSync } from "node:fs";
import path from "node:path";

/** FNC-1 labels (their checkClaim verdicts are VERDICT in src/analysis/check-claim.ts). */
export const FNC_LABELS = ["agree", "disagree", "discuss", "unrelated"] as const;
export type FncLabel = (typeof FNC_LABELS)[number];

export type FncPair = { headline: string; bodyId: number; stance: FncLabel };
export type FncData = { bodies: Map<number, string>; pairs: FncPair[] };

/** RFC 4180 CSV: quoted fields may hold commas, doubled quotes and newlines. */
export function parseCsv(text: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let field = "";
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const c = text[i]!;
    if (quoted) {
      if (c === '"') {
        if (text[i + 1] === '"') (field += '"'), i++;
        else quoted = false;
      } else field += c;
    } else if (c === '"') quoted = true;
    else if (c === ",") row.push(field), (field = "");
    else if (c === "\n" || c === "\r") {
      if (c === "\r" && text[i + 1] === "\n") i++;
      row.push(field), rows.push(row), (row = []), (field = "");
    } else field += c;
  }
  if (field || row.length) row.push(field), rows.push(row);
  return rows.filter((r) => r.length > 1 || r[0] !== "");
}

/** Reads train_bodies.csv and train_stances.csv from `dir`. */
export function loadFnc1(dir: string): FncData {
  const bodyRows = parseCsv(readFileSync(path.join(dir, "train_bodies.csv"), "utf8")).slice(1);
  const bodies = new Map(bodyRows.map((r) => [Number(r[0]), r[1] ?? ""]));
  const pairs = parseCsv(readFileSync(path.join(dir, "train_stances.csv"), "utf8"))
    .slice(1)
    .map((r) => ({ headline: r[0]!, bodyId: Number(r[1]), stance: r[2]!.trim() as FncLabel }));
  for (const p of pairs) {
    if (!FNC_LABELS.includes(p.stance)) throw new Error(`fnc1: unknown stance ${JSON.stringify(p.stance)}`);
    if (!bodies.has(p.bodyId)) throw new Error(`fnc1: pair refers to missing body ${p.bodyId}`);
  }
  return { bodies, pairs };
}

/**
 * The development split: a fixed fifth of the bodies, chosen by a hash of the Body ID, so that all pairs sharing a
 * body fall on one side and every run (training and eval) sees the same split.
 */
export function isDevBody(bodyId: number): boolean {
  let h = 2166136261 ^ bodyId;
  h = Math.imul(h ^ (h >>> 16), 0x45d9f3b);
  h = Math.imul(h ^ (h >>> 16), 0x45d9f3b);
  return ((h ^ (h >>> 16)) >>> 0) % 5 === 0;
}

/** The official FNC-1 score as a share of the best possible, plus per-class F1 and the confusion matrix. */
export function fncScore(gold: FncLabel[], predicted: FncLabel[]) {
  let score = 0;
  let best = 0;
  const confusion = FNC_LABELS.map(() => FNC_LABELS.map(() => 0));
  gold.forEach((g, i) => {
    const p = predicted[i]!;
    confusion[FNC_LABELS.indexOf(g)]![FNC_LABELS.indexOf(p)]!++;
    best += g === "unrelated" ? 0.25 : 1;
    if ((g === "unrelated") === (p === "unrelated")) score += 0.25;
    if (g !== "unrelated" && g === p) score += 0.75;
  });
  const f1 = Object.fromEntries(
    FNC_LABELS.map((label, k) => {
      const tp = confusion[k]![k]!;
      const fp = confusion.reduce((s, row, r) => s + (r === k ? 0 : row[k]!), 0);
      const fn = confusion[k]!.reduce((s, v, c) => s + (c === k ? 0 : v), 0);
      return [label, tp === 0 ? 0 : (2 * tp) / (2 * tp + fp + fn)];
    }),
  ) as Record<FncLabel, number>;
  const macroF1 = FNC_LABELS.reduce((s, l) => s + f1[l], 0) / FNC_LABELS.length;
  return { score: best ? score / best : 0, f1, macroF1, confusion, n: gold.length };
}
