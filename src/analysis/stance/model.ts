import { readFileSync } from "node:fs";
import path from "node:path";
import { DENSE, HASH_SIZE, features, prepareText, type Features, type Idf, type PreparedText } from "./features.js";

/** The stances the model tells apart among related pairs (FNC-1's agree / disagree / discuss). */
export const STANCES = ["agree", "disagree", "discuss"] as const;
export type ModelStance = (typeof STANCES)[number] | "unrelated";

/**
 * Two linear stages trained on FNC-1 (scripts/train-stance.ts): a logistic "is the text about the claim" over the
 * dense features, then, for pairs that are related, a 3-way softmax over the dense cue features and the common-word
 * features (features.ts), plus per-stance offsets. Both are read by name: FEATURE_NAMES labels the dense weights.
 */
export type StanceModel = {
  version: string;
  idf: Idf;
  related: Float32Array; // DENSE weights
  stance: Float32Array[]; // one HASH_SIZE weight vector per stance
  /** Per-stance offsets added before the softmax, chosen on the inner validation split (how often to say "disagree"). */
  bias: number[];
  threshold: number;
};

export type StancePrediction = { label: ModelStance; pRelated: number; probs: Record<(typeof STANCES)[number], number>; topSentences: number[] };

const dot = (w: Float32Array, f: Features, denseOnly = false) => {
  let s = 0;
  const n = denseOnly ? DENSE : f.idx.length;
  for (let k = 0; k < n; k++) s += w[f.idx[k]!]! * f.val[k]!;
  return s;
};
export const sigmoid = (z: number) => 1 / (1 + Math.exp(-z));
export function softmax(z: number[]): number[] {
  const m = Math.max(...z);
  const e = z.map((v) => Math.exp(v - m));
  const s = e.reduce((a, b) => a + b, 0);
  return e.map((v) => v / s);
}

export function predictFeatures(model: StanceModel, f: Features): StancePrediction {
  const pRelated = sigmoid(dot(model.related, f, true));
  const p = softmax(model.stance.map((w, c) => dot(w, f) + (model.bias[c] ?? 0)));
  const probs = { agree: p[0]!, disagree: p[1]!, discuss: p[2]! };
  const best = STANCES[p.indexOf(Math.max(...p))]!;
  return { label: pRelated >= model.threshold ? best : "unrelated", pRelated, probs, topSentences: f.topSentences };
}

export function predict(model: StanceModel, claim: string, text: string | PreparedText): StancePrediction {
  const prepared = typeof text === "string" ? prepareText(text, model.idf) : text;
  return predictFeatures(model, features(claim, prepared, model.idf));
}

// Serialised form: stance weights quantised to int8 with one scale per vector, IDF as one byte per bucket (sixteenths;
// training uses the same rounding), base64 — about 80 KB, committed.
type Stored = { version: string; threshold: number; bias: number[]; idfBits: number; idfFallback: number; idf: string; related: number[]; stance: { scale: number; q: string }[] };

function quantise(w: Float32Array) {
  const max = w.reduce((m, v) => Math.max(m, Math.abs(v)), 0) || 1;
  const scale = max / 127;
  const q = Int8Array.from(w, (v) => Math.round(v / scale));
  return { scale, q: Buffer.from(q.buffer).toString("base64") };
}
function dequantise({ scale, q }: { scale: number; q: string }) {
  const b = Buffer.from(q, "base64");
  const i8 = new Int8Array(b.buffer, b.byteOffset, b.byteLength);
  return Float32Array.from(i8, (v) => v * scale);
}

export function serialiseModel(m: StanceModel): string {
  const idf = Uint8Array.from(m.idf.values, (v) => Math.min(255, Math.round(v * 16)));
  const stored: Stored = {
    version: m.version,
    threshold: m.threshold,
    bias: m.bias.map((v) => Math.round(v * 1e4) / 1e4),
    idfBits: m.idf.bits,
    idfFallback: m.idf.fallback,
    idf: Buffer.from(idf).toString("base64"),
    related: [...m.related].map((v) => Math.round(v * 1e4) / 1e4),
    stance: m.stance.map(quantise),
  };
  return JSON.stringify(stored);
}

export function parseModel(json: string): StanceModel {
  const s = JSON.parse(json) as Stored;
  const idf = Buffer.from(s.idf, "base64");
  const stance = s.stance.map(dequantise);
  if (stance.length !== STANCES.length || stance.some((w) => w.length !== HASH_SIZE) || s.related?.length !== DENSE || s.bias?.length !== STANCES.length) {
    throw new Error("stance model: weights do not match the feature layout (retrain with npm run train:stance)");
  }
  return {
    version: s.version,
    threshold: s.threshold,
    idf: { bits: s.idfBits, values: Float32Array.from(idf, (v) => v / 16), fallback: s.idfFallback },
    related: Float32Array.from(s.related),
    stance,
    bias: s.bias,
  };
}

export const MODEL_PATH = path.resolve(path.dirname(new URL(import.meta.url).pathname), "../../../models/stance.json");
let cached: StanceModel | undefined;
/** The committed model, read once (offline; no download); another file is read each time it is asked for. */
export function loadStanceModel(file = MODEL_PATH): StanceModel {
  if (file !== MODEL_PATH) return parseModel(readFileSync(file, "utf8"));
  cached ??= parseModel(readFileSync(MODEL_PATH, "utf8"));
  return cached;
}
