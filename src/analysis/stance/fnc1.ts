import { readFileSync } from "node:fs";
import path from "node:path";
import { parse } from "csv-parse/sync";

/** FNC-1 labels (their checkClaim verdicts are VERDICT in src/analysis/check-claim.ts). */
export const FNC_LABELS = ["agree", "disagree", "discuss", "unrelated"] as const;
export type FncLabel = (typeof FNC_LABELS)[number];

export type FncPair = { headline: string; bodyId: number; stance: FncLabel };
export type FncData = { bodies: Map<number, string>; pairs: FncPair[] };

/** RFC 4180 CSV (csv-parse): quoted fields may hold commas, doubled quotes and newlines; blank lines are skipped. */
export function parseCsv(text: string): string[][] {
  return parse(text, { relax_column_count: true, skip_empty_lines: true, record_delimiter: ["\r\n", "\n", "\r"] }) as string[][];
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

/** A headline as the split sees it: case, curly quotes and spacing do not make a new headline. */
export function normaliseHeadline(headline: string): string {
  return headline.normalize("NFKC").toLowerCase().replace(/[’‘]/g, "'").replace(/[“”]/g, '"').replace(/\s+/g, " ").trim();
}

/** 32-bit avalanche of a seed and a salt (murmur-style finaliser): the split's only source of "randomness". */
function mix(x: number, salt: number): number {
  let h = (2166136261 ^ x ^ Math.imul(salt, 0x9e3779b1)) >>> 0;
  h = Math.imul(h ^ (h >>> 16), 0x45d9f3b);
  h = Math.imul(h ^ (h >>> 16), 0x45d9f3b);
  return (h ^ (h >>> 16)) >>> 0;
}
function fnv(s: string): number {
  let h = 2166136261;
  for (let i = 0; i < s.length; i++) h = Math.imul(h ^ s.charCodeAt(i), 16777619);
  return h >>> 0;
}

/** Share of headlines, and of bodies, drawn into the held-out side (a pair is held out when both of its halves are). */
export const DEV_SHARE = 0.35;

/** A fixed share of the bodies, chosen by a hash of the Body ID (`salt` draws an independent split, e.g. an inner one). */
export function isDevBody(bodyId: number, salt = 0, share = DEV_SHARE): boolean {
  return mix(bodyId, salt) / 2 ** 32 < share;
}
/** A fixed share of the headlines, chosen by a hash of the normalised headline text. */
export function isDevHeadline(headline: string, salt = 0, share = DEV_SHARE): boolean {
  return mix(fnv(normaliseHeadline(headline)), salt + 0x51ed) / 2 ** 32 < share;
}

export type FncSplit<P> = { train: P[]; dev: P[]; dropped: number };
/**
 * The honest development split: headlines and bodies are held out together. A pair is in dev when both its headline
 * and its body are dev ones, in train when neither is, and dropped when it mixes the two — so no dev headline and no
 * dev body is ever seen in training. The same rule with another `salt`, applied to the training pairs only, gives the
 * inner split used to choose settings. Deterministic: every run (training and eval) sees the same split.
 */
export function splitFnc1<P extends { headline: string; bodyId: number }>(pairs: P[], salt = 0, share = DEV_SHARE): FncSplit<P> {
  const out: FncSplit<P> = { train: [], dev: [], dropped: 0 };
  for (const p of pairs) {
    const h = isDevHeadline(p.headline, salt, share);
    const b = isDevBody(p.bodyId, salt, share);
    if (h && b) out.dev.push(p);
    else if (!h && !b) out.train.push(p);
    else out.dropped++;
  }
  return out;
}

/**
 * A stricter split, for diagnosis: whole stories held out. FNC-1's related pairs link a story's headlines and bodies
 * (the connected components of the headline–body graph over related pairs are its ~190 Emergent claims); a story is
 * held out by a hash of its smallest Body ID, and a pair kept when its headline and body fall on the same side.
 */
export function splitByStory<P extends { headline: string; bodyId: number; stance: string }>(pairs: P[], salt = 0, share = DEV_SHARE): FncSplit<P> & { stories: number } {
  const parent = new Map<string, string>();
  const find = (x: string): string => {
    let r = x;
    while (parent.get(r) !== undefined && parent.get(r) !== r) r = parent.get(r)!;
    parent.set(x, r);
    return r;
  };
  const node = (x: string) => (parent.has(x) ? find(x) : (parent.set(x, x), x));
  for (const p of pairs) {
    const h = node(`h:${normaliseHeadline(p.headline)}`);
    const b = node(`b:${p.bodyId}`);
    if (p.stance !== "unrelated" && h !== b) parent.set(h, b);
  }
  const minBody = new Map<string, number>();
  for (const p of pairs) {
    const r = find(`b:${p.bodyId}`);
    minBody.set(r, Math.min(minBody.get(r) ?? Infinity, p.bodyId));
  }
  const isDev = (key: string) => isDevBody(minBody.get(find(key)) ?? 0, salt + 0x5707, share);
  const out = { train: [] as P[], dev: [] as P[], dropped: 0, stories: minBody.size };
  for (const p of pairs) {
    const h = isDev(`h:${normaliseHeadline(p.headline)}`);
    const b = isDev(`b:${p.bodyId}`);
    if (h && b) out.dev.push(p);
    else if (!h && !b) out.train.push(p);
    else out.dropped++;
  }
  return out;
}

/** Headlines (normalised) and bodies that the two sides share — both must be empty for an honest split. */
export function splitOverlap(train: Array<{ headline: string; bodyId: number }>, dev: Array<{ headline: string; bodyId: number }>) {
  const trainHeadlines = new Set(train.map((p) => normaliseHeadline(p.headline)));
  const trainBodies = new Set(train.map((p) => p.bodyId));
  return {
    headlines: [...new Set(dev.map((p) => normaliseHeadline(p.headline)))].filter((h) => trainHeadlines.has(h)).length,
    bodies: [...new Set(dev.map((p) => p.bodyId))].filter((b) => trainBodies.has(b)).length,
  };
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
