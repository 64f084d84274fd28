import { stem } from "../text-sim.js";

// Features for the stance model: how much a claim and a text share (relatedness), and the language the text uses
// around the shared words (refuting, hedging, negating) — explainable by construction. Hashed word features of the
// claim and of the text's best-matching sentences let the model learn which claims tend to be debunked.

export const HASH_BITS = 15;
export const HASH_SIZE = 1 << HASH_BITS;
/** Dense features occupy the first slots; hashed words the rest. */
export const DENSE = 80;

const STOP = new Set(
  "a an the of and or to in on at for by with from as is are was were be been being has have had do does did it its this that these those he she they we you i his her their our your them him us but if then than so such into over under about after before while during said says say told also would could should will can just more most other some any each which who whom what when where why how there here up down out off again further once all both few own same too very s t".split(" "),
);

export const REFUTE_WORDS = new Set(
  "fake hoax false falsely debunk debunked debunks deny denied denies denial not untrue fabricated fabrication misleading rumor rumour satire satirical baseless doctored refute refuted rejects rejected dismissed dismisses myth scam bogus fraud prank photoshopped nonsense incorrect wrong erroneous unfounded".split(" "),
);
export const HEDGE_WORDS = new Set(
  "reportedly allegedly alleged claim claims claimed according unconfirmed unverified may might appears appear purportedly purported supposedly rumored rumoured possibly suggests suggest believed report reports reported could".split(" "),
);
const NEGATION = new Set("not no never nothing none nobody neither nor without".split(" "));

/** Lower-cased word tokens (stop words kept; callers filter). */
export function tokens(text: string): string[] {
  return text.toLowerCase().replace(/[’‘]/g, "'").match(/[a-z0-9]+(?:'[a-z]+)?/g) ?? [];
}
export const contentTokens = (toks: string[]) => toks.filter((w) => w.length > 2 && !STOP.has(w)).map((w) => stem(w.replace(/'s$/, "")));

/** Sentence spans [start, end) in `text`: split after . ! ? (and a closing quote) before a capital, and at newlines. */
export function sentenceSpans(text: string): Array<[number, number]> {
  const spans: Array<[number, number]> = [];
  const re = /(?<=[.!?]["”]?)\s+(?=["“A-Z0-9])|\n+/g;
  let from = 0;
  const push = (a: number, b: number) => {
    while (a < b && /\s/.test(text[a]!)) a++;
    while (b > a && /\s/.test(text[b - 1]!)) b--;
    if (b > a) spans.push([a, b]);
  };
  for (const m of text.matchAll(re)) {
    push(from, m.index);
    from = m.index + m[0].length;
    if (spans.length >= 300) return spans;
  }
  push(from, text.length);
  return spans.slice(0, 300);
}

/** 32-bit FNV-1a. */
export function hash(s: string): number {
  let h = 2166136261;
  for (let i = 0; i < s.length; i++) h = Math.imul(h ^ s.charCodeAt(i), 16777619);
  return h >>> 0;
}

/** Inverse document frequency by hashed word, learnt from the training texts (stored with the model). */
export type Idf = { bits: number; values: Float32Array; fallback: number };
export const idfOf = (idf: Idf, w: string) => idf.values[hash(w) & ((1 << idf.bits) - 1)] || idf.fallback;

function tfidf(words: string[], idf: Idf): Map<string, number> {
  const v = new Map<string, number>();
  for (const w of words) v.set(w, (v.get(w) ?? 0) + 1);
  for (const [w, c] of v) v.set(w, (1 + Math.log(c)) * idfOf(idf, w));
  return v;
}
function cosine(a: Map<string, number>, b: Map<string, number>): number {
  let dot = 0;
  let na = 0;
  let nb = 0;
  for (const [w, x] of a) {
    na += x * x;
    const y = b.get(w);
    if (y) dot += x * y;
  }
  for (const y of b.values()) nb += y * y;
  return na && nb ? dot / Math.sqrt(na * nb) : 0;
}

const count = (toks: string[], set: Set<string>) => toks.reduce((n, w) => n + (set.has(w) ? 1 : 0), 0);
const bigrams = (ws: string[]) => ws.slice(1).map((w, i) => `${ws[i]} ${w}`);

/** Sparse feature vector: index → value. Dense slots first, then hashed word slots. */
export type Features = { idx: Int32Array; val: Float32Array; dense: Float32Array; topSentences: number[] };

export type PreparedText = { spans: Array<[number, number]>; sentences: string[]; sentTokens: string[][]; sentContent: string[][]; allContent: Set<string>; vec: Map<string, number>; bigrams: Set<string>; refute: number; hedge: number; length: number };

/** Work on the text that does not depend on the claim, done once per text. */
export function prepareText(text: string, idf: Idf): PreparedText {
  const spans = sentenceSpans(text);
  const sentences = spans.map(([a, b]) => text.slice(a, b));
  const sentTokens = sentences.map(tokens);
  const sentContent = sentTokens.map(contentTokens);
  const all = sentContent.flat();
  const allTokens = sentTokens.flat();
  return {
    spans,
    sentences,
    sentTokens,
    sentContent,
    allContent: new Set(all),
    vec: tfidf(all, idf),
    bigrams: new Set(sentContent.flatMap(bigrams)),
    refute: count(allTokens, REFUTE_WORDS),
    hedge: count(allTokens, HEDGE_WORDS),
    length: allTokens.length,
  };
}

export function features(claim: string, text: PreparedText, idf: Idf): Features {
  const dense = new Float32Array(DENSE);
  const cTok = tokens(claim);
  const cWords = [...new Set(contentTokens(cTok))];
  const cVec = tfidf(cWords, idf);
  const cBigrams = bigrams(contentTokens(cTok));
  const idfSum = cWords.reduce((s, w) => s + idfOf(idf, w), 0) || 1;

  // Relatedness.
  const covered = cWords.filter((w) => text.allContent.has(w));
  const weightedCoverage = covered.reduce((s, w) => s + idfOf(idf, w), 0) / idfSum;
  const perSentence = text.sentContent.map((sc) => {
    const set = new Set(sc);
    return cWords.reduce((s, w) => s + (set.has(w) ? idfOf(idf, w) : 0), 0) / idfSum;
  });
  const order = perSentence.map((c, i) => [c, i] as const).sort((a, b) => b[0] - a[0]);
  const top = order.slice(0, 3).filter(([c]) => c > 0).map(([, i]) => i);
  const best = order[0]?.[0] ?? 0;
  const top3 = order.slice(0, 3).reduce((s, [c]) => s + c, 0) / 3;
  const lead = perSentence.slice(0, 3).reduce((a, b) => Math.max(a, b), 0);
  const cos = cosine(cVec, text.vec);
  const bigramCov = cBigrams.length ? cBigrams.filter((b) => text.bigrams.has(b)).length / cBigrams.length : 0;
  const numbers = cTok.filter((w) => /^\d/.test(w));
  const numCov = numbers.length ? numbers.filter((n) => text.allContent.has(n)).length / numbers.length : 0.5;

  // Stance vocabulary: in the whole text, in the best-matching sentences, in the lead and in the claim itself.
  const topToks = top.flatMap((i) => text.sentTokens[i]!);
  const leadToks = text.sentTokens.slice(0, 2).flat();
  const refTop = count(topToks, REFUTE_WORDS);
  const hedTop = count(topToks, HEDGE_WORDS);
  const negTop = count(topToks, NEGATION);
  const refLead = count(leadToks, REFUTE_WORDS);
  const hedLead = count(leadToks, HEDGE_WORDS);
  const refClaim = count(cTok, REFUTE_WORDS);
  const hedClaim = count(cTok, HEDGE_WORDS);
  const perK = (n: number) => (1000 * n) / Math.max(50, text.length);

  const d: number[] = [
    1, cos, weightedCoverage, best, top3, lead, bigramCov, numCov, Math.log1p(cWords.length), Math.log1p(text.length) / 8,
    Math.log1p(refTop), Math.log1p(hedTop), Math.log1p(negTop), Math.log1p(refLead), Math.log1p(hedLead),
    Math.log1p(perK(text.refute)) / 3, Math.log1p(perK(text.hedge)) / 3, Math.min(1, refClaim), Math.min(1, hedClaim), claim.includes("?") ? 1 : 0,
    best * Math.log1p(refTop), best * Math.log1p(hedTop), best * Math.log1p(negTop), cos * Math.log1p(text.refute), cos * Math.log1p(text.hedge),
    // Stance is relative: a text calling something a hoax agrees with a claim that it is a hoax and disagrees with
    // a claim that it happened. Refuting language is split by whether the claim itself refutes.
    refClaim ? 0 : Math.log1p(refTop), refClaim ? Math.log1p(refTop) : 0, refClaim ? 0 : Math.log1p(refLead), refClaim ? Math.log1p(refLead) : 0,
    refClaim ? 0 : Math.log1p(perK(text.refute)) / 3, refClaim ? Math.log1p(perK(text.refute)) / 3 : 0,
    hedClaim ? 0 : Math.log1p(hedTop), hedClaim ? 0 : Math.log1p(perK(text.hedge)) / 3,
  ];
  // Piecewise (binned) relatedness, so a linear model can bend.
  for (const [k, v] of [cos, weightedCoverage, best].entries()) {
    const bin = Math.min(9, Math.floor(v * 10));
    d.push(...Array.from({ length: 10 }, (_, b) => (b === bin ? 1 : 0)));
    void k;
  }
  d.forEach((v, i) => (dense[i] = v));

  // Hashed words: the claim's words and bigrams; the best-matching sentences' words; refuting words in them paired
  // with the claim's polarity cues.
  const hashed = new Map<number, number>();
  const add = (key: string, v = 1) => {
    const i = DENSE + (hash(key) % (HASH_SIZE - DENSE));
    hashed.set(i, (hashed.get(i) ?? 0) + v);
  };
  // No hashed claim words: FNC-1 repeats each headline across many bodies, and claim words let a model memorise a
  // headline's usual stance instead of reading the text. Only the claim's stance vocabulary is kept.
  for (const w of cTok) if (REFUTE_WORDS.has(w) || HEDGE_WORDS.has(w)) add(`cx:${w}`);
  for (const w of new Set(topToks)) add(`s:${w}`, 0.5);
  for (const w of new Set(leadToks)) add(`l:${w}`, 0.3);
  for (const w of topToks) if (REFUTE_WORDS.has(w) || HEDGE_WORDS.has(w)) add(`sx:${w}:${refClaim > 0}`, 0.5);
  for (const w of leadToks) if (REFUTE_WORDS.has(w) || HEDGE_WORDS.has(w)) add(`lx:${w}:${refClaim > 0}`, 0.5);

  const idx = new Int32Array(DENSE + hashed.size);
  const val = new Float32Array(DENSE + hashed.size);
  for (let i = 0; i < DENSE; i++) (idx[i] = i), (val[i] = dense[i]!);
  let k = DENSE;
  for (const [i, v] of hashed) (idx[k] = i), (val[k] = v), k++;
  return { idx, val, dense, topSentences: top };
}
