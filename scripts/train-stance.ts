/**
 * Trains the stance model on the FNC-1 training split (../shared/data/fnc1) and writes models/stance.json.
 *
 * The split is honest (splitFnc1): headlines and bodies are held out together, so no dev headline and no dev body is
 * seen in training; settings, class offsets and the relatedness threshold are chosen by cross-validation over inner
 * splits of the training pairs built the same way; the committed model is fitted on the training pairs only and the
 * dev numbers printed are its own. A stricter diagnostic (whole stories held out) is printed too.
 * Deterministic: same data, same weights.
 *
 *   npm run train:stance            # then `npm run eval` scores it through checkClaim
 */
import { existsSync, writeFileSync } from "node:fs";
import path from "node:path";
import { DEV_SHARE, FNC_LABELS, fncScore, loadFnc1, splitByStory, splitFnc1, splitOverlap, type FncLabel, type FncPair } from "../src/analysis/stance/fnc1.js";
import { DENSE, FEATURE_NAMES, HASH_SIZE, RELATEDNESS_ONLY, contentTokens, features, hash, prepareText, tokens, type Features, type Idf } from "../src/analysis/stance/features.js";
import { MODEL_PATH, STANCES, parseModel, predictFeatures, serialiseModel, sigmoid, softmax, type StanceModel } from "../src/analysis/stance/model.js";

const root = path.resolve(path.dirname(new URL(import.meta.url).pathname), "..");
const dir = path.join(process.env.GAINSAY_SHARED ?? path.resolve(root, "../shared"), "data/fnc1");
if (!existsSync(dir)) {
  console.error(`train-stance: ${dir} not found (set GAINSAY_SHARED to the shared folder)`);
  process.exit(2);
}
const t0 = performance.now();
const secs = () => `${((performance.now() - t0) / 1000).toFixed(1)} s`;
const data = loadFnc1(dir);
const split = splitFnc1(data.pairs);
const { train, dev } = split;
const classCounts = (ps: FncPair[]) => FNC_LABELS.map((l) => `${l} ${ps.filter((p) => p.stance === l).length}`).join(", ");
const overlap = splitOverlap(train, dev);
console.log(`split (headlines and bodies held out together, share ${DEV_SHARE}): train ${train.length} pairs (${classCounts(train)}); dev ${dev.length} pairs (${classCounts(dev)}); ${split.dropped} mixed pairs dropped`);
console.log(`  overlap train/dev: ${overlap.headlines} headlines, ${overlap.bodies} bodies`);
if (overlap.headlines || overlap.bodies) throw new Error("train-stance: the dev split shares headlines or bodies with training");

/** IDF over the given pairs' texts (their bodies and distinct headlines): never over held-out texts. */
const IDF_BITS = 15;
function idfOver(pairs: FncPair[]): Idf {
  const df = new Float32Array(1 << IDF_BITS);
  const docs = [...new Set(pairs.map((p) => p.bodyId))].map((id) => data.bodies.get(id)!).concat([...new Set(pairs.map((p) => p.headline))]);
  for (const d of docs) for (const w of new Set(contentTokens(tokens(d)))) df[hash(w) & ((1 << IDF_BITS) - 1)]!++;
  // Rounded as the model file stores it (sixteenths, one byte), so training reads the same IDF as inference.
  const value = (c: number) => Math.min(255, Math.round((Math.log((docs.length + 1) / (c + 1)) + 1) * 16)) / 16;
  return { bits: IDF_BITS, values: df.map((c) => (c ? value(c) : 0)), fallback: Math.log(docs.length + 1) + 1 };
}
/** Features of `pairs` with the IDF of `fitted` (bodies prepared once per IDF). */
function featurise(idf: Idf, ...sets: FncPair[][]): Features[][] {
  const prepared = new Map<number, ReturnType<typeof prepareText>>();
  const body = (id: number) => prepared.get(id) ?? prepared.set(id, prepareText(data.bodies.get(id)!, idf)).get(id)!;
  return sets.map((ps) => ps.map((p) => features(p.headline, body(p.bodyId), idf)));
}

// Deterministic shuffling.
function shuffler(start: number) {
  let seed = start;
  const rand = () => ((seed = Math.imul(seed ^ (seed >>> 15), 2246822507) + 0x9e3779b9), (seed >>> 0) / 2 ** 32);
  return (n: number) => {
    const a = Array.from({ length: n }, (_, i) => i);
    for (let i = n - 1; i > 0; i--) {
      const j = Math.floor(rand() * (i + 1));
      [a[i], a[j]] = [a[j]!, a[i]!];
    }
    return a;
  };
}

/** AdaGrad on the logistic loss, dense features only. */
function trainRelated(fs: Features[], ys: number[], epochs = 8, lr = 0.1, l2 = 1e-5) {
  const shuffled = shuffler(7);
  const w = new Float32Array(DENSE);
  const g2 = new Float32Array(DENSE).fill(1e-8);
  for (let e = 0; e < epochs; e++) {
    for (const i of shuffled(fs.length)) {
      const f = fs[i]!;
      let z = 0;
      for (let k = 0; k < DENSE; k++) z += w[k]! * f.val[k]!;
      const err = sigmoid(z) - ys[i]!;
      for (let k = 0; k < DENSE; k++) {
        const g = err * f.val[k]! + l2 * w[k]!;
        g2[k]! += g * g;
        w[k]! -= (lr * g) / Math.sqrt(g2[k]!);
      }
    }
  }
  return w;
}

type Settings = { epochs: number; lr: number; l2: number; power: number; words: number; disagreeWords: number; runs: number };

/**
 * AdaGrad on the class-weighted softmax loss; `words` scales the hashed word features (0 = dense only). A few epochs
 * of AdaGrad regularise by stopping early, which makes the weights depend on the example order: the model is the
 * average of `s.runs` fits over different (fixed) orders, which is still one linear model and far less noisy.
 */
function trainStance(fs: Features[], ys: number[], classWeight: number[], s: Settings) {
  const runs = Array.from({ length: s.runs }, (_, r) => trainStanceOnce(fs, ys, classWeight, s, 42 + 1000 * r));
  return STANCES.map((_, c) => {
    const w = new Float32Array(HASH_SIZE);
    for (const W of runs) for (let j = 0; j < HASH_SIZE; j++) w[j]! += W[c]![j]! / runs.length;
    return w;
  });
}
function trainStanceOnce(fs: Features[], ys: number[], classWeight: number[], s: Settings, seed: number) {
  const shuffled = shuffler(seed);
  const W = STANCES.map(() => new Float32Array(HASH_SIZE));
  const G = STANCES.map(() => new Float32Array(HASH_SIZE).fill(1e-8));
  const [skipFrom, skipTo] = RELATEDNESS_ONLY;
  // Word features per stance: `disagree` has the fewest examples and learns words at a smaller scale.
  const wordScale = STANCES.map((st) => s.words * (st === "disagree" ? s.disagreeWords : 1));
  const scaleOf = (k: number, c: number) => (k < DENSE ? (k >= skipFrom && k < skipTo ? 0 : 1) : wordScale[c]!);
  for (let e = 0; e < s.epochs; e++) {
    for (const i of shuffled(fs.length)) {
      const f = fs[i]!;
      const n = s.words ? f.idx.length : DENSE;
      const z = W.map((w, c) => {
        let t = 0;
        for (let k = 0; k < n; k++) t += w[f.idx[k]!]! * f.val[k]! * scaleOf(k, c);
        return t;
      });
      const p = softmax(z);
      const cw = classWeight[ys[i]!]!;
      for (let c = 0; c < W.length; c++) {
        const err = cw * (p[c]! - (c === ys[i] ? 1 : 0));
        const w = W[c]!;
        const g2 = G[c]!;
        for (let k = 0; k < n; k++) {
          const j = f.idx[k]!;
          const g = err * f.val[k]! * scaleOf(k, c) + s.l2 * w[j]!;
          g2[j]! += g * g;
          w[j]! -= (s.lr * g) / Math.sqrt(g2[j]!);
        }
      }
    }
  }
  // Fold the word scale into the weights, so prediction reads the features as they are.
  W.forEach((w, c) => {
    for (let j = DENSE; j < HASH_SIZE; j++) w[j]! *= wordScale[c]!;
  });
  return W;
}

const stanceIndex = (l: FncLabel) => STANCES.indexOf(l as (typeof STANCES)[number]);

function fit(pairs: FncPair[], fs: Features[], idf: Idf, s: Settings): StanceModel {
  const related = trainRelated(fs, pairs.map((p) => (p.stance === "unrelated" ? 0 : 1)));
  const rel = pairs.map((_, i) => i).filter((i) => pairs[i]!.stance !== "unrelated");
  const counts = STANCES.map((st) => rel.filter((i) => pairs[i]!.stance === st).length);
  const total = counts.reduce((a, b) => a + b, 0);
  // Inverse-frequency class weights, softened by `power` so the rare `disagree` class counts without swamping the rest.
  const classWeight = counts.map((c) => (total / (STANCES.length * Math.max(1, c))) ** s.power);
  const stance = trainStance(rel.map((i) => fs[i]!), rel.map((i) => stanceIndex(pairs[i]!.stance)), classWeight, s);
  return { version: `fnc1-linear-${new Date().toISOString().slice(0, 10)}`, idf, related, stance, bias: [0, 0, 0], threshold: 0.5 };
}

const predictAll = (m: StanceModel, fs: Features[]) => fs.map((f) => predictFeatures(m, f).label as FncLabel);
const objective = (r: ReturnType<typeof fncScore>) => r.score + r.f1.disagree;
const fmt = (r: ReturnType<typeof fncScore>) =>
  `FNC ${(r.score * 100).toFixed(2)}%  F1 ${FNC_LABELS.map((l) => `${l} ${r.f1[l].toFixed(3)}`).join("  ")}  macro ${r.macroF1.toFixed(3)}`;

// Features of every training and dev pair, with the IDF of the training texts.
const idf = idfOver(train);
const [trainF, devF] = featurise(idf, train, dev) as [Features[], Features[]];
const featureOf = new Map(train.map((p, i) => [p, trainF[i]!]));

// Cross-validation inside the training pairs: three inner splits drawn like the dev split (headlines and bodies held
// out together, other salts). Held-out predictions are pooled to choose the settings, then the relatedness threshold
// and the per-stance offsets. (The IDF is the training one: document counts only, no labels, no dev text.)
const INNER = [1, 2, 3].map((salt) => splitFnc1(train, salt, 0.3));
const innerData = INNER.map((sp) => ({ sp, fitF: sp.train.map((p) => featureOf.get(p)!), valF: sp.dev.map((p) => featureOf.get(p)!) }));
const innerGold = INNER.flatMap((sp) => sp.dev.map((p) => p.stance));
console.log(`inner splits: ${INNER.map((sp) => `${sp.train.length}/${sp.dev.length}`).join(", ")} (fit/validation pairs); features in ${secs()}`);

/** Best threshold and offsets for pooled held-out models: a coarse search, deterministic. */
function tune(models: StanceModel[]) {
  const withParams = (m: StanceModel, threshold: number, bias: number[]) => ({ ...m, threshold, bias });
  const score = (threshold: number, bias: number[]) =>
    fncScore(innerGold, models.flatMap((m, k) => predictAll(withParams(m, threshold, bias), innerData[k]!.valF)));
  let best = { threshold: 0.5, bias: [0, 0, 0], r: score(0.5, [0, 0, 0]) };
  for (let t = 0.2; t <= 0.701; t += 0.05) {
    const r = score(t, best.bias);
    if (objective(r) > objective(best.r)) best = { ...best, threshold: Math.round(t * 100) / 100, r };
  }
  for (let da = -1; da <= 1.001; da += 0.25) {
    for (let dd = -1.5; dd <= 1.501; dd += 0.25) {
      const bias = [da, dd, 0].map((v) => Math.round(v * 100) / 100);
      const r = score(best.threshold, bias);
      if (objective(r) > objective(best.r) + 1e-9) best = { ...best, bias, r };
    }
  }
  return best;
}

const GRID: Settings[] = (process.env.STANCE_GRID ? JSON.parse(process.env.STANCE_GRID) : [
  { epochs: 6, lr: 0.05, l2: 1e-4, power: 1, words: 0.5, disagreeWords: 1, runs: 5 },
]) as Settings[];
let chosen = { s: GRID[0]!, threshold: 0.5, bias: [0, 0, 0], value: -Infinity };
let chosenModels: StanceModel[] = [];
for (const s of GRID) {
  const models = innerData.map((d) => fit(d.sp.train, d.fitF, idf, s));
  const t = tune(models);
  if (process.env.STANCE_DEBUG) {
    // Smooth diagnostics at no tuning: stance log-loss over related held-out pairs (class-balanced) and the raw score.
    let ll = 0;
    const per = [0, 0, 0];
    const cnt = [0, 0, 0];
    models.forEach((m, k) =>
      innerData[k]!.sp.dev.forEach((p, i) => {
        if (p.stance === "unrelated") return;
        const y = stanceIndex(p.stance);
        const pr = predictFeatures(m, innerData[k]!.valF[i]!).probs;
        per[y]! -= Math.log(Math.max(1e-9, [pr.agree, pr.disagree, pr.discuss][y]!));
        cnt[y]!++;
      }),
    );
    ll = per.reduce((a, v, c) => a + v / cnt[c]!, 0) / 3;
    const raw = fncScore(innerGold, models.flatMap((m, k) => predictAll(m, innerData[k]!.valF)));
    console.log(`    untuned: ${fmt(raw)}; balanced stance log-loss ${ll.toFixed(4)} (${per.map((v, c) => (v / cnt[c]!).toFixed(3)).join("/")})`);
  }
  console.log(`  inner CV ${JSON.stringify(s)}: ${fmt(t.r)}  (threshold ${t.threshold}, offsets ${t.bias.join("/")})`);
  if (objective(t.r) > chosen.value) (chosen = { s, threshold: t.threshold, bias: t.bias, value: objective(t.r) }), (chosenModels = models);
}
// The pooled held-out predictions of the inner splits (chosen settings), for choosing how checkClaim combines the
// model with its other evidence (scripts/… reads them; nothing from dev).
if (process.env.STANCE_INNER_OUT) {
  const rows = innerData.flatMap((d, k) => d.sp.dev.map((p, i) => ({ split: k, headline: p.headline, bodyId: p.bodyId, gold: p.stance, predicted: predictFeatures({ ...chosenModels[k]!, threshold: chosen.threshold, bias: chosen.bias }, d.valF[i]!).label })));
  writeFileSync(process.env.STANCE_INNER_OUT, JSON.stringify(rows));
}
console.log(`chosen ${JSON.stringify(chosen.s)}, threshold ${chosen.threshold}, offsets ${chosen.bias.join("/")} (${secs()})`);

// The committed model: fitted on the training pairs only (never on dev), with the inner-CV settings.
// Scored as it is stored: the serialised (int8) weights, read back.
const model = parseModel(serialiseModel({ ...fit(train, trainF, idf, chosen.s), threshold: chosen.threshold, bias: chosen.bias }));
const tr = fncScore(train.map((p) => p.stance), predictAll(model, trainF));
const dv = fncScore(dev.map((p) => p.stance), predictAll(model, devF));
console.log(`train (${tr.n}): ${fmt(tr)}`);
console.log(`dev   (${dv.n}): ${fmt(dv)}`);
console.log(`  dev confusion (rows gold, columns predicted; ${FNC_LABELS.join(", ")}): ${dv.confusion.map((r) => r.join(" ")).join(" | ")}`);

// Diagnostic: whole stories held out (stricter than the dev split; nothing from it is used for the committed model).
if (process.env.STANCE_STORIES !== "0") {
  const st = splitByStory(data.pairs);
  const sIdf = idfOver(st.train);
  const [sTrainF, sDevF] = featurise(sIdf, st.train, st.dev);
  const sm = { ...fit(st.train, sTrainF!, sIdf, chosen.s), threshold: chosen.threshold, bias: chosen.bias };
  const r = fncScore(st.dev.map((p) => p.stance), predictAll(sm, sDevF!));
  console.log(`stories held out (diagnostic; ${st.train.length} train / ${r.n} dev pairs): ${fmt(r)}`);
}

// The weights that matter most, by name, for the record.
if (process.env.STANCE_EXPLAIN) {
  const top = (w: Float32Array) => [...w.slice(0, FEATURE_NAMES.length)].map((v, i) => [FEATURE_NAMES[i]!, v] as const).sort((a, b) => Math.abs(b[1]) - Math.abs(a[1])).slice(0, 12);
  STANCES.forEach((s, c) => console.log(`  ${s}: ${top(model.stance[c]!).map(([n, v]) => `${n} ${v.toFixed(2)}`).join("; ")}`));
}

const out = process.env.STANCE_MODEL_OUT ?? MODEL_PATH;
writeFileSync(out, serialiseModel(model));
console.log(`wrote ${path.relative(root, out)} in ${secs()}`);
