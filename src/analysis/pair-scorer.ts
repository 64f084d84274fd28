// Two scores over explainable pair features, on top of the rules: the rules say which kind of conflict a pair could
// be; `scorePair` (prior weights, below) is the rule's strength, which decides what is reported (MIN_CONFIDENCE); and
// `probabilityOf` is the calibrated chance that a reported pair is a real conflict, which the API reports as its
// confidence. The latter is a logistic model trained by `npm run train:pairs` (scripts/train-pairs.ts) on the seeds
// and newsdev golds, with an isotonic map from its score to the precision observed on stories held out of its
// training; both are written to models/pair-scorer.json. Without that file the rule's strength is reported.
import { existsSync, readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import type { ClaimFrame, Modality } from "../ingest/types.js";

type PairStatement = {
  sourceId: number; speakerKey: string; polarity: string; modality: Modality; frame: ClaimFrame; publishedAt: Date | null; confidence: number;
  speakerKind?: string; start?: number;
};

export const FEATURES = [
  "contentJaccard", "sharedContent", "sharedEntities", "inherited", "bothInherited", "sameSource", "sameSpeaker",
  "pubGapDays", "lexicalNegation", "denialCue", "hedged", "minConfidence", "figureGap",
  "ownEntities", "mainPredicate", "shortClause", "outletVoice", "reported", "nearby", "figures",
] as const;
export type PairFeatures = Record<(typeof FEATURES)[number], number>;

const MODALITY_WEIGHT: Record<Modality, number> = { ASSERTED: 1, REPORTED: 0.92, ALLEGED: 0.85, HEDGED: 0.7, UNCERTAIN: 0 };

/** Pure: the features of a pair (all in [0, 1] or small counts; each one can be read out in an explanation). */
export function pairFeatures(a: PairStatement, b: PairStatement): PairFeatures {
  const ca = new Set(a.frame.content ?? []);
  const cb = new Set(b.frame.content ?? []);
  const shared = [...ca].filter((w) => cb.has(w)).length;
  const union = new Set([...ca, ...cb]).size;
  const ea = new Set([...(a.frame.entities ?? []), ...(a.frame.topic ?? [])]);
  const sharedEntities = new Set([...(b.frame.entities ?? []), ...(b.frame.topic ?? [])].filter((e) => ea.has(e))).size;
  const gap = a.publishedAt && b.publishedAt ? Math.abs(a.publishedAt.getTime() - b.publishedAt.getTime()) / 86_400_000 : 0;
  const qa = a.frame.quantities?.[0];
  const qb = b.frame.quantities?.find((q) => q.unit === qa?.unit);
  const figureGap = qa && qb && qa.value > 0 && qb.value > 0 ? Math.min(3, Math.abs(Math.log10(qa.value / qb.value))) : 0;
  return {
    contentJaccard: union ? shared / union : 0,
    sharedContent: Math.min(5, shared) / 5,
    sharedEntities: Math.min(3, sharedEntities) / 3,
    inherited: a.frame.inherited || b.frame.inherited ? 1 : 0,
    bothInherited: a.frame.inherited && b.frame.inherited ? 1 : 0,
    sameSource: a.sourceId === b.sourceId ? 1 : 0,
    sameSpeaker: a.speakerKey === b.speakerKey ? 1 : 0,
    pubGapDays: Math.min(60, gap) / 60,
    lexicalNegation: a.frame.negation === "LEXICAL" || b.frame.negation === "LEXICAL" ? 1 : 0,
    denialCue: a.frame.denial || b.frame.denial ? 1 : 0,
    hedged: Math.max(1 - MODALITY_WEIGHT[a.modality], 1 - MODALITY_WEIGHT[b.modality]),
    minConfidence: Math.min(a.confidence, b.confidence),
    figureGap,
    ownEntities: Math.min(3, [...new Set(a.frame.entities ?? [])].filter((e) => (b.frame.entities ?? []).includes(e)).length) / 3,
    mainPredicate: a.frame.predicates?.[0] && a.frame.predicates[0] === b.frame.predicates?.[0] ? 1 : 0,
    shortClause: Math.min(a.frame.content?.length ?? 0, b.frame.content?.length ?? 0) <= 4 ? 1 : 0,
    outletVoice: a.speakerKind === "OUTLET" || b.speakerKind === "OUTLET" ? 1 : 0,
    reported: a.modality === "REPORTED" || b.modality === "REPORTED" ? 1 : 0,
    nearby: a.sourceId === b.sourceId && a.start !== undefined && b.start !== undefined && Math.abs(a.start - b.start) < 1500 ? 1 : 0,
    figures: a.frame.quantities?.length && b.frame.quantities?.length ? 1 : 0,
  };
}

export type PairModel = {
  version: string;
  /** Per kind: intercept and weights over FEATURES (logistic). */
  kinds: Record<string, { bias: number; weights: number[] }>;
  /** Observed precision per confidence band on held-out folds, for the README and the closing note. */
  calibration?: Array<{ band: string; pairs: number; precision: number | null }>;
  /**
   * Score → probability: a step function (isotonic, fitted on held-out scores), as ascending score thresholds with
   * the precision observed from each one up to the next.
   */
  isotonic?: Array<{ from: number; p: number }>;
  /** Or, when held-out stories showed the scores do not carry across stories, the precision per kind of conflict. */
  byKind?: Record<string, number>;
};

/** Priors before training: conflicts with shared content, denial cues and confident speakers score higher. */
export const PRIOR_MODEL: PairModel = {
  version: "prior",
  kinds: Object.fromEntries(
    ["POLARITY", "AGENT", "SELF_REVERSAL", "NUMERIC", "CHARACTERIZATION", "TEMPORAL"].map((k) => [
      k,
      {
        bias: k === "NUMERIC" ? 0.2 : k === "TEMPORAL" ? -1.2 : k === "CHARACTERIZATION" ? -0.6 : 0,
        weights: FEATURES.map((f) =>
          ({ contentJaccard: 2, sharedContent: 1, sharedEntities: 0.8, inherited: 0.2, bothInherited: -1, sameSource: 0.1, sameSpeaker: 0, pubGapDays: -0.5, lexicalNegation: 0.4, denialCue: 0.4, hedged: -1.5, minConfidence: 1.2, figureGap: 0.5, ownEntities: 0, mainPredicate: 0, shortClause: 0, outletVoice: 0, reported: 0, nearby: 0, figures: 0 })[f],
        ),
      },
    ]),
  ),
};

let cached: PairModel | null | undefined;
const MODEL_PATH = fileURLToPath(new URL("../../models/pair-scorer.json", import.meta.url));

/** The trained model (models/pair-scorer.json), or null without one (or with GAINSAY_PAIR_MODEL=prior). */
export function loadPairModel(): PairModel | null {
  if (cached !== undefined) return cached;
  cached = existsSync(MODEL_PATH) && process.env.GAINSAY_PAIR_MODEL !== "prior" ? (JSON.parse(readFileSync(MODEL_PATH, "utf8")) as PairModel) : null;
  return cached;
}

export const featureVector = (f: PairFeatures) => FEATURES.map((k) => f[k]);
const sigmoid = (z: number) => 1 / (1 + Math.exp(-z));

/** The rule's strength for a pair the rule `kind` flagged (prior weights, or the given model's): what is reported. */
export function scorePair(kind: string, f: PairFeatures, model: PairModel = PRIOR_MODEL): number {
  const m = model.kinds[kind] ?? PRIOR_MODEL.kinds[kind]!;
  const x = featureVector(f);
  return sigmoid(m.bias + m.weights.reduce((s, w, i) => s + w * x[i]!, 0));
}

/** A score through an isotonic step map (ascending thresholds). */
export function isotonicValue(map: Array<{ from: number; p: number }>, score: number): number {
  let p = map[0]?.p ?? score;
  for (const step of map) if (score >= step.from) p = step.p;
  return p;
}

/**
 * The calibrated probability that a flagged pair is a real conflict (the trained model's score through its isotonic
 * map), or undefined without a trained model.
 */
export function probabilityOf(kind: string, f: PairFeatures, model = loadPairModel()): number | undefined {
  if (model?.byKind?.[kind] !== undefined) return model.byKind[kind];
  if (!model?.isotonic?.length) return undefined;
  return isotonicValue(model.isotonic, scorePair(kind, f, model));
}
