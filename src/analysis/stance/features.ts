import { stem } from "../text-sim.js";

// Features for the stance model, explainable by construction: how much a claim and a text share (relatedness), and
// the language the text uses where it talks about the claim's words — refuting, doubting, negating, hedging,
// confirming — read relative to the claim's own wording (a text calling something a hoax agrees with a claim that it
// is a hoax). Nothing here depends on which claim or story it is: there are no features for the claim's own topic
// words, and the only learnt word features are for words common across many texts (see COMMON_IDF), so a model
// cannot memorise a headline's or a story's usual stance.

export const HASH_BITS = 13;
/** Dense features occupy the first DENSE slots; hashed common-word features the rest of HASH_SIZE. */
export const HASH_SIZE = 1 << HASH_BITS;
export const DENSE = 160;

const STOP = new Set(
  "a an the of and or to in on at for by with from as is are was were be been being has have had do does did it its this that these those he she they we you i his her their our your them him us but if then than so such into over under about after before while during said says say told also would could should will can just more most other some any each which who whom what when where why how there here up down out off again further once all both few own same too very s t".split(" "),
);

const set = (words: string) => new Set(words.split(/\s+/).filter(Boolean));
/** Words that call a story untrue. */
export const REFUTE_WORDS = set(`
  fake fakes faked hoax hoaxes hoaxer false falsely falsehood debunk debunked debunks debunking deny denied denies denial
  denying untrue fabricated fabrication fabricate misleading rumor rumour satire satirical parody baseless doctored refute
  refuted refutes rejects rejected reject dismissed dismisses dismiss myth scam bogus fraud fraudulent prank pranked
  photoshopped photoshop nonsense incorrect wrong erroneous erroneously unfounded spoof retract retracted retraction
  lie lies lying liar fiction fictional invented misinformation disinformation conspiracy`);
/** Words that cast doubt or turn an argument. */
export const DOUBT_WORDS = set(`
  doubt doubts doubted doubtful skeptical sceptical skepticism scepticism questioned questionable dubious dispute disputed
  disputes contradict contradicted contradicts contrary however although though despite actually instead unlikely
  implausible suspicious suspect suspicion clarify clarified correction corrected mistake mistaken confusion apparently
  rebuff rebuffs rebuffed fooled fool duped misled busted`);
/** Reporting and hedging: a text that relays a claim without standing behind it. */
export const HEDGE_WORDS = set(`
  reportedly allegedly alleged alleges allegation allegations claim claims claimed claiming according unconfirmed
  unverified may might appears appear appeared purportedly purported supposedly rumored rumoured possibly possible
  suggests suggest suggested believed believe report reports reported could speculation speculate speculated unclear
  uncertain unknown seemingly whether if perhaps maybe likely rumors rumours apparently circulating viral`);
/** Words that stand behind a claim. */
export const SUPPORT_WORDS = set(`
  confirmed confirms confirm confirming confirmation announced announces announce official officially verified verify
  proved proves proof revealed reveals reveal evidence true indeed definitely certainly genuine authentic real shows
  showed shown footage video photo photos pictured`);
export const NEGATION = set("not no never nothing none nobody neither nor without cannot n't isn't wasn't aren't weren't don't doesn't didn't hasn't haven't hadn't won't wouldn't can't couldn't shouldn't");
/** Multi-word refutations, matched as token sequences. */
const REFUTE_PHRASES = ["not true", "no evidence", "not real", "never happened", "made up", "april fool", "no truth", "no basis", "turned out", "turns out", "not the case", "no proof", "no such", "nothing to do"].map((p) => p.split(" "));
const PHRASE_STARTS = new Set(REFUTE_PHRASES.map((p) => p[0]!));

/** Lower-cased word tokens (stop words kept; callers filter). */
export function tokens(text: string): string[] {
  return text.toLowerCase().replace(/[’‘]/g, "'").match(/[a-z0-9]+(?:'[a-z]+)?/g) ?? [];
}
export const contentTokens = (toks: string[]) => toks.filter((w) => w.length > 2 && !STOP.has(w)).map((w) => stem(w.replace(/'s$/, "")));
const contentOf = (w: string) => (w.length > 2 && !STOP.has(w) ? stem(w.replace(/'s$/, "")) : "");

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
/**
 * Words at most this rare (IDF, i.e. in at least ~1 in 20 training texts) may be learnt as word features. FNC-1's
 * largest story has 50 of 1,683 bodies, so a story's own names stay below it; stance vocabulary is far more common.
 */
export const COMMON_IDF = 4.0;

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

const bigrams = (ws: string[]) => ws.slice(1).map((w, i) => `${ws[i]} ${w}`);

/** Cue classes, in the order of the per-token flag bits. */
const CUES = ["refute", "doubt", "hedge", "support", "neg"] as const;
type Cue = (typeof CUES)[number];
const CUE_SETS: Record<Cue, Set<string>> = { refute: REFUTE_WORDS, doubt: DOUBT_WORDS, hedge: HEDGE_WORDS, support: SUPPORT_WORDS, neg: NEGATION };

/** Per token, which cue classes it belongs to (bit k = CUES[k]); refuting phrases mark their first token. */
function cueFlags(toks: string[]): Uint8Array {
  const flags = new Uint8Array(toks.length);
  toks.forEach((w, i) => {
    CUES.forEach((c, k) => {
      if (CUE_SETS[c].has(w)) flags[i]! |= 1 << k;
    });
    if (w.endsWith("n't")) flags[i]! |= 1 << 4;
    if (PHRASE_STARTS.has(w)) for (const p of REFUTE_PHRASES) if (p[0] === w && p.every((x, j) => toks[i + j] === x)) flags[i]! |= 1;
  });
  return flags;
}
const countFlags = (flags: Uint8Array, k: number, from = 0, to = flags.length) => {
  let n = 0;
  for (let i = from; i < to; i++) if (flags[i]! & (1 << k)) n++;
  return n;
};

/** Sparse feature vector: index → value. Dense slots first, then hashed word slots. */
export type Features = { idx: Int32Array; val: Float32Array; dense: Float32Array; topSentences: number[] };

export type PreparedText = {
  spans: Array<[number, number]>;
  sentences: string[];
  sentTokens: string[][];
  sentContent: string[][];
  allContent: Set<string>;
  vec: Map<string, number>;
  leadVec: Map<string, number>;
  bigrams: Set<string>;
  /** All tokens in order, their content stems ("" for stop words), cue flags and sentence index. */
  flat: string[];
  flatStem: string[];
  flatCue: Uint8Array;
  flatSentence: Int32Array;
  /** Whether each token's stem is common enough to be a word feature (COMMON_IDF). */
  flatCommon: Uint8Array;
  /** Token offset where each sentence starts (plus the total at the end). */
  sentStart: number[];
  sentSets: Array<Set<string>>;
  /** Per sentence, the count of each cue class. */
  sentCue: number[][];
  leadCue: number[];
  cueTotals: number[];
  length: number;
};

/** Work on the text that does not depend on the claim, done once per text. */
export function prepareText(text: string, idf: Idf): PreparedText {
  const spans = sentenceSpans(text);
  const sentences = spans.map(([a, b]) => text.slice(a, b));
  const sentTokens = sentences.map(tokens);
  const sentContent = sentTokens.map(contentTokens);
  const all = sentContent.flat();
  const flat = sentTokens.flat();
  const flatCue = cueFlags(flat);
  const sentStart: number[] = [0];
  for (const t of sentTokens) sentStart.push(sentStart[sentStart.length - 1]! + t.length);
  const flatSentence = new Int32Array(flat.length);
  sentTokens.forEach((_, s) => flatSentence.fill(s, sentStart[s]!, sentStart[s + 1]!));
  const flatStem = flat.map(contentOf);
  const sentCue = sentTokens.map((_, s) => CUES.map((_, k) => countFlags(flatCue, k, sentStart[s]!, sentStart[s + 1]!)));
  const leadCue = CUES.map((_, k) => sentCue.slice(0, 3).reduce((n, c) => n + c[k]!, 0));
  return {
    spans,
    sentences,
    sentTokens,
    sentContent,
    allContent: new Set(all),
    vec: tfidf(all, idf),
    leadVec: tfidf(sentContent.slice(0, 3).flat(), idf),
    bigrams: new Set(sentContent.flatMap(bigrams)),
    flat,
    flatStem,
    flatCue,
    flatSentence,
    flatCommon: Uint8Array.from(flatStem, (w) => (w && idfOf(idf, w) <= COMMON_IDF ? 1 : 0)),
    sentStart,
    sentSets: sentContent.map((sc) => new Set(sc)),
    sentCue,
    leadCue,
    cueTotals: CUES.map((_, k) => countFlags(flatCue, k)),
    length: flat.length,
  };
}

/** Tokens either side of a claim word that count as "near" it. */
const WINDOW = 10;

/** Dense slots [from, to) that only the relatedness stage reads (the stance stage's weights there stay zero). */
export const RELATEDNESS_ONLY: [number, number] = [0, 0];

/** Names of the dense features, in slot order (for explanations and for reading the trained weights). */
export const FEATURE_NAMES: string[] = [];

export function features(claim: string, text: PreparedText, idf: Idf): Features {
  const dense = new Float32Array(DENSE);
  const names: string[] = [];
  let slot = 0;
  const put = (name: string, v: number) => {
    if (!FEATURE_NAMES.length) names.push(name);
    dense[slot++] = Number.isFinite(v) ? v : 0;
  };

  const cTok = tokens(claim);
  const cContent = contentTokens(cTok);
  const cWords = [...new Set(cContent)];
  const cSet = new Set(cWords);
  const cVec = tfidf(cWords, idf);
  const cBigrams = bigrams(cContent);
  const idfSum = cWords.reduce((s, w) => s + idfOf(idf, w), 0) || 1;
  const cFlags = cueFlags(cTok);
  const claimCue = CUES.map((_, k) => countFlags(cFlags, k));
  const [cRefute, cDoubt, cHedge, , cNeg] = claimCue as [number, number, number, number, number];
  // A sceptical claim (it refutes, doubts or negates) flips what the text's refuting language means.
  const claimSceptical = cRefute + cDoubt + cNeg > 0 ? 1 : 0;
  const question = claim.includes("?") ? 1 : 0;

  // Relatedness.
  const covered = cWords.filter((w) => text.allContent.has(w));
  const weightedCoverage = covered.reduce((s, w) => s + idfOf(idf, w), 0) / idfSum;
  const cIdf = cWords.map((w) => idfOf(idf, w));
  const perSentence = text.sentSets.map((seen) => cWords.reduce((s, w, j) => s + (seen.has(w) ? cIdf[j]! : 0), 0) / idfSum);
  const order = perSentence.map((c, i) => [c, i] as const).sort((a, b) => b[0] - a[0] || a[1] - b[1]);
  const top = order.slice(0, 3).filter(([c]) => c > 0).map(([, i]) => i);
  const best = order[0]?.[0] ?? 0;
  const top3 = order.slice(0, 3).reduce((s, [c]) => s + c, 0) / 3;
  const lead = perSentence.slice(0, 3).reduce((a, b) => Math.max(a, b), 0);
  const first = perSentence[0] ?? 0;
  const cos = cosine(cVec, text.vec);
  const leadCos = cosine(cVec, text.leadVec);
  const bigramCov = cBigrams.length ? cBigrams.filter((b) => text.bigrams.has(b)).length / cBigrams.length : 0;
  const numbers = cTok.filter((w) => /^\d/.test(w));
  const numCov = numbers.length ? numbers.filter((n) => text.allContent.has(n)).length / numbers.length : 0.5;
  const rare = [...cWords].sort((a, b) => idfOf(idf, b) - idfOf(idf, a)).slice(0, 3);
  const rareCov = rare.length ? rare.filter((w) => text.allContent.has(w)).length / rare.length : 0;

  put("bias", 1);
  put("cosine", cos);
  put("lead cosine", leadCos);
  put("coverage (idf)", weightedCoverage);
  put("best sentence coverage", best);
  put("top-3 sentence coverage", top3);
  put("lead coverage", lead);
  put("first sentence coverage", first);
  put("bigram coverage", bigramCov);
  put("number coverage", numCov);
  put("rarest-3 coverage", rareCov);
  put("claim words (log)", Math.log1p(cWords.length));
  put("text length (log/8)", Math.log1p(text.length) / 8);
  put("cosine²", cos * cos);
  put("coverage²", weightedCoverage * weightedCoverage);
  // Piecewise (binned) relatedness, so a linear model can bend (relatedness only: the stance stage overfits them).
  RELATEDNESS_ONLY[0] = slot;
  for (const [name, v] of [["cosine", cos], ["coverage", weightedCoverage], ["best", best], ["lead cosine", leadCos]] as const) {
    const bin = Math.min(9, Math.floor(v * 10));
    for (let b = 0; b < 10; b++) put(`${name} bin ${b}`, b === bin ? 1 : 0);
  }
  RELATEDNESS_ONLY[1] = slot;

  // Where the claim's words occur in the text, and which cue words sit near them.
  const n = text.length;
  const hitPrefix = new Int32Array(n + 1);
  for (let i = 0; i < n; i++) hitPrefix[i + 1] = hitPrefix[i]! + (text.flatStem[i] && cSet.has(text.flatStem[i]!) ? 1 : 0);
  const near = (i: number) => hitPrefix[Math.min(n, i + WINDOW + 1)]! - hitPrefix[Math.max(0, i - WINDOW)]! > 0;
  const nearCue = CUES.map(() => 0);
  const nearCueStrong = CUES.map(() => 0); // near two or more claim words
  for (let i = 0; i < n; i++) {
    const f = text.flatCue[i]!;
    if (!f || !near(i)) continue;
    const hits = hitPrefix[Math.min(n, i + WINDOW + 1)]! - hitPrefix[Math.max(0, i - WINDOW)]!;
    for (let k = 0; k < CUES.length; k++) if (f & (1 << k)) (nearCue[k]! += 1), hits >= 2 && (nearCueStrong[k]! += 1);
  }
  const leadCue = text.leadCue;
  const topCue = CUES.map(() => 0);
  for (const s of top) for (let k = 0; k < CUES.length; k++) topCue[k]! += text.sentCue[s]![k]!;
  // The best coverage among sentences holding each cue (high when the refutation, say, is about the claim), and the
  // share of the claim-weighted text that holds it.
  const bestWithCue = CUES.map(() => 0);
  const sharedWithCue = CUES.map(() => 0);
  const coverageSum = perSentence.reduce((a, b) => a + b, 0) || 1;
  text.sentCue.forEach((cues, s) => {
    for (let k = 0; k < CUES.length; k++) {
      if (!cues[k]) continue;
      if (perSentence[s]! > bestWithCue[k]!) bestWithCue[k] = perSentence[s]!;
      sharedWithCue[k]! += perSentence[s]! / coverageSum;
    }
  });
  const perK = (x: number) => Math.log1p((1000 * x) / Math.max(50, n)) / 3;

  // Each cue, read in the text overall, in its lead, in the sentences closest to the claim and next to the claim's
  // words — split by whether the claim itself refutes, because the same words then mean the opposite.
  const sides: Array<[string, number]> = [["", 1 - claimSceptical], [" | claim sceptical", claimSceptical]];
  CUES.forEach((c, k) => {
    const vals: Array<[string, number]> = [
      [`${c}: rate`, perK(text.cueTotals[k]!)],
      [`${c}: lead`, Math.log1p(leadCue[k]!)],
      [`${c}: top sentences`, Math.log1p(topCue[k]!)],
      [`${c}: near claim words`, Math.log1p(nearCue[k]!)],
      [`${c}: near 2+ claim words`, Math.log1p(nearCueStrong[k]!)],
      [`${c}: best coverage of a sentence with it`, bestWithCue[k]!],
      [`${c}: share of claim coverage in sentences with it`, sharedWithCue[k]!],
    ];
    for (const [side, on] of sides) for (const [name, v] of vals) put(name + side, on * v);
  });
  // The claim's own wording.
  put("claim refutes", Math.min(1, cRefute));
  put("claim doubts", Math.min(1, cDoubt));
  put("claim hedges", Math.min(1, cHedge));
  put("claim negates", Math.min(1, cNeg));
  put("claim is a question", question);
  put("claim quotes", /["“”‘]|'\w/.test(claim) ? 1 : 0);
  put("claim has a number", numbers.length ? 1 : 0);
  // Polarity mismatch: one side negates near the shared words and the other does not.
  const textNeg = nearCue[4]! > 0 ? 1 : 0;
  put("negation mismatch", textNeg !== (cNeg > 0 ? 1 : 0) ? 1 : 0);
  put("question × hedge near", question * Math.log1p(nearCue[2]!));
  put("question × refute near", question * Math.log1p(nearCue[0]!));
  put("best × refute near", best * Math.log1p(nearCue[0]!) * (1 - claimSceptical));
  put("best × support near", best * Math.log1p(nearCue[3]!));
  put("lead coverage × no hedge in lead", lead * (leadCue[2] ? 0 : 1));
  put("bigram coverage × no refute", bigramCov * (text.cueTotals[0] ? 0 : 1));
  put("no cue near claim words", nearCue.every((x) => x === 0) ? 1 : 0);
  put("refute − support near", Math.tanh((nearCue[0]! + nearCue[1]! - nearCue[3]!) / 3) * (1 - 2 * claimSceptical));
  // Negation scope: claim words with a negation (or a refuting word) just before them ("has not been killed").
  let negated = 0;
  let refuted = 0;
  let hits = 0;
  for (let i = 0; i < n; i++) {
    if (!(text.flatStem[i] && cSet.has(text.flatStem[i]!))) continue;
    hits++;
    let neg = false;
    let ref = false;
    for (let j = Math.max(0, i - 4); j < i; j++) (neg ||= !!(text.flatCue[j]! & 16)), (ref ||= !!(text.flatCue[j]! & 3));
    if (neg) negated++;
    if (ref) refuted++;
  }
  for (const [side, on] of sides) {
    put(`negated claim words${side}`, on * Math.log1p(negated));
    put(`refuted claim words${side}`, on * Math.log1p(refuted));
    put(`negated share of claim words${side}`, on * (hits ? negated / hits : 0));
  }
  if (!FEATURE_NAMES.length) FEATURE_NAMES.push(...names);
  if (slot > DENSE) throw new Error(`stance features: ${slot} dense features exceed DENSE=${DENSE}`);

  // Learnt word features, common words and cue words only: the words next to the claim's words, in its closest
  // sentences and in the text's first two sentences, each paired with whether the claim is sceptical. Of the claim's
  // own words only its cue words (never its topic).
  const hashed = new Map<number, number>();
  const add = (key: string, v: number) => {
    const i = DENSE + (hash(key) % (HASH_SIZE - DENSE));
    hashed.set(i, (hashed.get(i) ?? 0) + v);
  };
  const nearWords = new Set<string>();
  for (let i = 0; i < n; i++) {
    if ((text.flatCommon[i] && !cSet.has(text.flatStem[i]!)) || text.flatCue[i]) if (near(i)) nearWords.add(text.flatCue[i] ? text.flat[i]! : text.flatStem[i]!);
  }
  const topWords = new Set<string>();
  for (const s of top) for (let i = text.sentStart[s]!; i < text.sentStart[s + 1]!; i++) if (text.flatCommon[i] && !cSet.has(text.flatStem[i]!)) topWords.add(text.flatStem[i]!);
  const leadWords = new Set<string>();
  for (let i = 0; i < text.sentStart[Math.min(2, text.sentTokens.length)]!; i++) if (text.flatCommon[i] || text.flatCue[i]) leadWords.add(text.flatCue[i] ? text.flat[i]! : text.flatStem[i]!);
  for (const w of nearWords) add(`n:${w}:${claimSceptical}`, 0.3);
  for (const w of topWords) add(`t:${w}:${claimSceptical}`, 0.3);
  for (const w of leadWords) add(`l:${w}:${claimSceptical}`, 0.3);
  cTok.forEach((w, i) => cFlags[i] && add(`cx:${w}`, 0.5));

  const idx = new Int32Array(DENSE + hashed.size);
  const val = new Float32Array(DENSE + hashed.size);
  for (let i = 0; i < DENSE; i++) (idx[i] = i), (val[i] = dense[i]!);
  let k = DENSE;
  for (const [i, v] of [...hashed].sort((a, b) => a[0] - b[0])) (idx[k] = i), (val[k] = v), k++;
  return { idx, val, dense, topSentences: top };
}
