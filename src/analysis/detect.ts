import { CUMULATIVE_MEASURES, EXCLUSIVE_LABELS, PREDICATE_CLASSES, REVISION_CUES } from "../ingest/lexicon/predicates.js";
import { complementLabel, intervalOf, isTitleCase, LABEL_RES, labelSide } from "../ingest/stages/04-claims.js";
import type { ClaimFrame, Modality, Polarity, Quantity } from "../ingest/types.js";
import { pairFeatures, probabilityOf, scorePair, type PairFeatures } from "./pair-scorer.js";

export const DETECTOR_VERSION = "open-2026.12.7";

export type ConflictStatement = {
  id: number;
  sourceId: number;
  speakerId: number;
  speakerKey: string;
  speakerName: string;
  speakerKind: string;
  affiliationKey?: string;
  publishedAt: Date | null;
  /** The source's content hash: with the span, a name for the statement that does not depend on ingest order. */
  sourceKey?: string;
  sourceTitle?: string;
  text: string;
  claim: string;
  polarity: Polarity;
  modality: Modality;
  frame: ClaimFrame;
  propKey: string;
  start: number;
  end: number;
  confidence: number;
};

export type ConflictKind = "POLARITY" | "AGENT" | "NUMERIC" | "TEMPORAL" | "SELF_REVERSAL" | "CHARACTERIZATION";

export type Conflict = {
  key: string;
  blockKey: string;
  kind: ConflictKind;
  confidence: number;
  explanation: string;
  rule: string;
  sides: Array<{ label: string; statementIds: number[] }>;
};

/** One pair that cannot all be true, with the rule that says so. */
/** `confidence` is the rule's strength (what is reported); `probability` the calibrated chance it is real, when a
 * trained model exists (models/pair-scorer.json). */
export type PairConflict = { a: ConflictStatement; b: ConflictStatement; kind: ConflictKind; rule: string; group: string; features: PairFeatures; confidence: number; probability?: number; qa?: Quantity; qb?: Quantity; label?: string };

/**
 * A statement's place in an order that does not depend on when it was stored (ids do): its source's content, then its
 * span, polarity and speaker. Pairs are judged, and contradictions assembled, in this order, so that the same articles
 * give the same contradictions whatever order they came in.
 */
export function rankOf(s: ConflictStatement): string {
  const pad = (n: number) => String(n).padStart(9, "0");
  return `${s.sourceKey ?? pad(s.sourceId)}\u0000${pad(s.start)}\u0000${pad(s.end)}\u0000${s.polarity}\u0000${s.speakerKey}`;
}
const ranks = new WeakMap<object, string>();
const rank = (s: ConflictStatement) => {
  let r = ranks.get(s);
  if (r === undefined) ranks.set(s, (r = rankOf(s)));
  return r;
};
export const byRank = (x: ConflictStatement, y: ConflictStatement) => (rank(x) < rank(y) ? -1 : rank(x) > rank(y) ? 1 : x.id - y.id);

export const keysOfStatement = (s: Pick<ConflictStatement, "propKey">) => (s.propKey ? s.propKey.split(" ").filter(Boolean) : []);

/** Each statement's keys as a set, computed once per statement object (pairs are judged many times per statement). */
const keySets = new WeakMap<object, Set<string>>();
const keySetOf = (s: Pick<ConflictStatement, "propKey">) => {
  let set = keySets.get(s);
  if (!set) keySets.set(s, (set = new Set(keysOfStatement(s))));
  return set;
};

/** The keys two statements share, in sort order. */
export function sharedKeys(a: ConflictStatement, b: ConflictStatement): string[] {
  const kb = keySetOf(b);
  return [...keySetOf(a)].filter((k) => kb.has(k)).sort();
}
/** The first (in sort order) measure key, "q:…", two statements share: `sharedKeys(a, b).find(q:)` without the sort. */
export function sharedMeasureKey(a: ConflictStatement, b: ConflictStatement): string | undefined {
  const ka = keySetOf(a);
  const kb = keySetOf(b);
  const [small, big] = ka.size <= kb.size ? [ka, kb] : [kb, ka];
  let best: string | undefined;
  for (const k of small) if (k.startsWith("q:") && (best === undefined || k < best) && big.has(k)) best = k;
  return best;
}
/**
 * The one block a pair is judged in, so that each pair is judged once and the pairs of one proposition land together:
 * among the shared keys, the one on the earliest predicate of either statement's frame ("informed … before the raid"
 * is about informing before it is about the raid), then the predicate's month, a named entity's year, the undated
 * blocks, then sort order.
 */
export function sharedBlock(a: ConflictStatement, b: ConflictStatement): string | undefined {
  // The least shared key by (predicate key first, the predicate's place in either frame, dated kind, the key), found in
  // one pass over the smaller key set: this runs for every pair a refresh looks at.
  const ka = keySetOf(a);
  const kb = keySetOf(b);
  const [small, big] = ka.size <= kb.size ? [ka, kb] : [kb, ka];
  let best: string | undefined;
  let b0 = 0, b1 = 0, b2 = 0;
  for (const k of small) {
    if (!big.has(k)) continue;
    const { isPredicate, predicate, where } = keyShape(k);
    let r1 = 9;
    if (isPredicate) {
      const pa = (a.frame.predicates ?? []).indexOf(predicate!);
      const pb = (b.frame.predicates ?? []).indexOf(predicate!);
      r1 = Math.min(pa < 0 ? 9 : pa, pb < 0 ? 9 : pb);
    }
    const r0 = isPredicate ? 0 : 1;
    if (best === undefined || r0 < b0 || (r0 === b0 && (r1 < b1 || (r1 === b1 && (where < b2 || (where === b2 && k < best)))))) {
      best = k;
      b0 = r0;
      b1 = r1;
      b2 = where;
    }
  }
  return best;
}

/**
 * A block key's parts that decide which shared key a pair is judged in: its predicate (for "p:" keys) and its kind of
 * date: a predicate's month block first (all the pairs about one happening that month are judged together, so that
 * one contradiction can hold them all), then a named entity's year, undated blocks last.
 */
type KeyShape = { isPredicate: boolean; predicate: string | undefined; where: number };
const shapes = new Map<string, KeyShape>();
function keyShape(k: string): KeyShape {
  let shape = shapes.get(k);
  if (!shape) {
    const [kind, pred, ent] = k.split("@")[0]!.split(":");
    const undated = k.endsWith("@?");
    shape = { isPredicate: kind === "p", predicate: pred, where: !undated && !ent ? 0 : !undated ? 1 : ent ? 2 : 3 };
    // (Bounded: the shapes of one refresh's keys; a long-running process starts again past the limit.)
    if (shapes.size >= 50_000) shapes.clear();
    shapes.set(k, shape);
  }
  return shape;
}

const DAY = 86_400_000;
const dayOf = (s: ConflictStatement) => (s.frame.time?.date && !s.frame.time.approximate ? Date.parse(s.frame.time.date) : undefined);

/** Two dated mentions days apart: two events, unless the text is the same story told twice. */
export function differentEvents(a: ConflictStatement, b: ConflictStatement): boolean {
  const da = dayOf(a);
  const db = dayOf(b);
  if (da !== undefined && db !== undefined) return Math.abs(da - db) >= 2 * DAY;
  // Reports published months apart are about different happenings, whatever words they share; a speaker's own
  // reversal may take longer.
  const pa = reportDay(a);
  const pb = reportDay(b);
  const window = (a.speakerKey === b.speakerKey ? REVERSAL_WINDOW_DAYS : STORY_WINDOW_DAYS) * DAY;
  if (pa === undefined || pb === undefined) return false;
  // A day read from the text (no publication date) is the earliest the report can be: it says "too late" only.
  const ea = !a.publishedAt;
  const eb = !b.publishedAt;
  if (ea && eb) return false;
  if (ea) return pa - pb > window;
  if (eb) return pb - pa > window;
  return Math.abs(pa - pb) > window;
}
/** When a statement's report was written: its publication date, else the date its text implies. */
const reportDay = (s: ConflictStatement) => s.publishedAt?.getTime() ?? (s.frame.reportDate ? Date.parse(s.frame.reportDate) : undefined);
/** How far apart (days) two reports of one story may be published; a speaker's reversal may take a year. */
export const STORY_WINDOW_DAYS = 45;
export const REVERSAL_WINDOW_DAYS = 400;
const REPORTS_NAMED = /\b(?:reports?|reporting|rumou?rs?|claims?|allegations?|speculation|stories|story|accusations?)\b/i;
/** How near (characters) in its own article a bare denial ("the reports are false") is to the report it denies. */
export const DENIAL_REACH = 800;

const KNOWN_CLASSES = new Set(Object.keys(PREDICATE_CLASSES));
const ORDER_BEFORE = /\b(?:before|prior|ahead|beforehand|in advance|advance notice|pre-\w+)\b/i;
const ORDER_AFTER = /\b(?:after|afterwards|afterward|subsequently|later)\b/i;
const predicatesShared = (a: ConflictStatement, b: ConflictStatement) => {
  const pb = new Set(b.frame.predicates ?? []);
  return (a.frame.predicates ?? []).filter((p) => pb.has(p));
};
/** A light stem for matching content words across derivations ("medical"/"medics" → medic, "targeted" → target). */
export function stem(w: string): string {
  for (const [suffix, put] of [["ical", "ic"], ["ation", ""], ["ment", ""], ["ness", ""], ["ial", ""], ["al", ""]] as const) {
    if (w.endsWith(suffix) && w.length - suffix.length + put.length >= 4) return w.slice(0, w.length - suffix.length) + put;
  }
  return w;
}
/** How many content words two statements share, compared by stem. */
export function stemOverlap(a: ConflictStatement, b: ConflictStatement): number {
  const sb = new Set((b.frame.content ?? []).map(stem));
  return new Set((a.frame.content ?? []).map(stem).filter((w) => sb.has(w))).size;
}
const entitiesShared = (xs: string[] | undefined, ys: string[] | undefined) => {
  const y = new Set(ys ?? []);
  return (xs ?? []).filter((e) => y.has(e)).length;
};
/** Names two clauses share, counting a one-word name that the other has as a plain word ("Agriculture is not part of
 * it" and "talks including agriculture": capitalised only at the start of its sentence). */
const ownEntitiesShared = (a: ConflictStatement, b: ConflictStatement) => {
  const n = entitiesShared(a.frame.entities, b.frame.entities);
  if (n) return n;
  const ca = new Set((a.frame.content ?? []).map(stem));
  const cb = new Set((b.frame.content ?? []).map(stem));
  // Only the first word of its statement, where a capital says nothing ("Iran" mid-sentence is a name).
  const first = (x: ConflictStatement) => /^\W*([A-Za-z]+)/.exec(x.text)?.[1]?.toLowerCase();
  const one = (x: ConflictStatement, c: Set<string>) => (x.frame.entities ?? []).filter((e) => !e.includes("-") && e === first(x) && !(x.frame.topic ?? []).includes(e) && c.has(stem(e))).length;
  return one(a, cb) + one(b, ca);
};

/**
 * The sameness gate for an affirmation and a denial: one predicate class, and
 * - both with content of their own: shared content words and a shared named entity (or much shared content);
 * - a bare denial ("the reports are false"), which is about what its article is about: the affirming side says that
 *   (its first predicate is the denial's), names the denial's story entities, and is someone else's.
 * The affirming side always needs content of its own: "So there it is" affirms nothing that can be denied.
 */
export function sameProposition(aff: ConflictStatement, den: ConflictStatement, f: PairFeatures): boolean {
  if (aff.frame.inherited || aff.frame.hearsay) return false;
  const shared = predicatesShared(aff, den);
  // The denied predicate is the denial's main one (what its negation scopes over), and one of the first two of the
  // affirmation: "did not inform Iraq ahead of the strikes" denies informing, not the strikes.
  // (A negator's own scope wins: "was not wearing a camera" denies wearing, whatever else its clause names.)
  const main = den.frame.negated ?? den.frame.predicates?.[0];
  if (!main || !(den.frame.negated || shared.includes(main)) || !(aff.frame.predicates ?? []).slice(0, 2).includes(main)) return false;
  if (den.frame.inherited) {
    // What a bare denial denies is what its article reports near it: only there can it be read.
    // It refers back: the report comes before it, within reach.
    if (aff.speakerKey === den.speakerKey || aff.frame.predicates![0] !== main) return false;
    // Nor what its own camp says: a body's "It is clearly erroneous" answers others' reports, not its own director.
    if (oneCamp(aff, den)) return false;
    if (aff.sourceId === den.sourceId && aff.start < den.start && den.start - aff.start <= DENIAL_REACH) {
      return entitiesShared(aff.frame.entities, den.frame.topic ?? den.frame.entities) > 0;
    }
    // What an article gives after its denial is background, not what was denied, unless it is credited to the very
    // reports or rumours the denial answers ("Rumours: the couple are about to split", after "the allegations are false").
    const hearsay = aff.speakerKey.startsWith("reports:") || REPORTS_NAMED.test(aff.speakerName);
    if (aff.sourceId === den.sourceId && aff.start >= den.start && !hearsay) return false;
    // Further back in its article, or in another report of the same story, only an outright denial reaches: a denial
    // cue or a word that calls it untrue, saying that what it denies is a report ("denied the reports", "the
    // allegations are false") or naming its own predicate ("denied any separation"); "It's not true" or "those
    // numbers are too high" is about what was said just before it. The affirmation must commit to what it says, and
    // its own names meet the denial's story (its article's most named entities) on two, or on the one both lead with.
    if (!(den.frame.denial || den.frame.negation === "LEXICAL") || !(REPORTS_NAMED.test(den.text) || den.frame.ownPredicate) || aff.modality === "HEDGED") return false;
    const story = den.frame.topic ?? den.frame.entities ?? [];
    const own = aff.frame.entities ?? [];
    return entitiesShared(own, story) >= 2 || (!!own[0] && own[0] === story[0]);
  }
  // "informed them only after the strikes" does not affirm what "did not inform them ahead of the strikes" denies.
  // (Read on the asserted content too: "…, an assertion denied by X" denies the clause before its span.)
  const said = (s: ConflictStatement) => `${s.text} ${s.claim}`;
  if (ORDER_AFTER.test(said(aff)) && !ORDER_BEFORE.test(said(aff)) && ORDER_BEFORE.test(said(den))) return false;
  // The same figure of the same measure ("50 sales employees were laid off" / "the report that 50 salespeople were
  // laid off was not true"): one proposition, whoever is named.
  if (aff.frame.quantities.some((qa) => den.frame.quantities.some((qd) => qd.unit === qa.unit && qd.value === qa.value && qa.value > 1))) return true;
  const ownShared = ownEntitiesShared(aff, den);
  if (ownShared >= 2 || (ownShared > 0 && f.contentJaccard >= 0.2)) return true;
  // No name in common, but much of the wording ("rejected the analysis … about an unusually big difference between the
  // turnout figures" against the analysis itself).
  if (stemOverlap(aff, den) >= 5 && f.contentJaccard >= 0.3) return true;
  // A predicate the lexicon knows (synonyms joined) about a shared entity: enough when either clause is short, since
  // a short paraphrase cannot share many words ("there was no prior notice" / "they were told beforehand").
  const short = Math.min(aff.frame.content?.length ?? 0, den.frame.content?.length ?? 0) <= 4;
  return ownShared > 0 && KNOWN_CLASSES.has(main) && (short || f.contentJaccard >= 0.1);
}

/** A body and its own people, or two people of one body: one camp. */
const oneCamp = (a: ConflictStatement, b: ConflictStatement) => a.affiliationKey === b.speakerKey || b.affiliationKey === a.speakerKey || (!!a.affiliationKey && a.affiliationKey === b.affiliationKey);

/**
 * Does `d` dismiss the claims of the party that committed statement `x` comes from, in the same story? ("Mr. Vance's
 * allegations are baseless" and what Vance asserts: someone else's denial, told of the same story's entities.)
 */
export function dismissalOf(d: ConflictStatement, x: ConflictStatement): boolean {
  if (!d.frame.dismisses || d.polarity !== "DENY" || x.polarity !== "AFFIRM" || !x.frame.party?.includes(d.frame.dismisses)) return false;
  if (d.speakerKey === x.speakerKey || x.frame.hearsay || x.frame.inherited || x.modality !== "ASSERTED") return false;
  const story = d.frame.topic ?? d.frame.entities ?? [];
  return d.sourceId === x.sourceId || entitiesShared(x.frame.topic ?? [], story) >= 2 || entitiesShared(x.frame.entities, story) >= 1;
}

/** Two figures of one place: the same scope, or a national one and one that names none (a national story's total
 * needs no "across the country"; a city's figure always names its city). */
export const sameScope = (x?: string, y?: string) => (x ?? "") === (y ?? "") || ((x ?? "national") === "national" && (y ?? "national") === "national");
/** Two figures over the same stretch of time; a count that names none is a running total ("7,897 cases"). */
const samePeriod = (x: Quantity, y: Quantity) => (x.per ?? "total") === (y.per ?? "total");
/** The day a figure is of: the clause's own date, else its report's publication day. */
const figureDay = (s: ConflictStatement) => dayOf(s) ?? reportDay(s);
export function figureDaysApart(a: ConflictStatement, b: ConflictStatement): boolean {
  const da = figureDay(a);
  const db = figureDay(b);
  return da !== undefined && db !== undefined && Math.abs(da - db) >= 2 * DAY;
}

/** Lengths of time ("in the five days before", "over 11 days") frame a count; they are not what a source asserts. */
const DURATION_UNITS = new Set(["second", "minute", "hour", "day", "week", "month", "year", "decade"]);

/** Figures more than twenty-fold apart ("87 deaths" and "6,500 deaths") count different things (a district's and a
 * region's, a week's and an epidemic's), not rival estimates of one. */
export function ordersApart(a: Quantity, b: Quantity): boolean {
  const lo = Math.min(a.value, b.value);
  const hi = Math.max(a.value, b.value);
  return lo > 0 && hi / lo > 20;
}

/** Is a figure b compatible with a ("at least six" and "eight" are; "806,000" and "1.5 million" are not)? */
export function compatibleCounts(a: Quantity, b: Quantity): boolean {
  const [alo, ahi] = intervalOf(a);
  const [blo, bhi] = intervalOf(b);
  return alo <= bhi && blo <= ahi;
}

const REVISION_RE = new RegExp(`\\b(?:${REVISION_CUES.join("|")})\\b`, "i");
const time = (s: ConflictStatement) => s.publishedAt?.getTime() ?? 0;

/** A later, higher count of something that only grows (a toll, a case count), or one the text says went up. */
export function isUpdate(earlier: { s: ConflictStatement; q: Quantity }, later: { s: ConflictStatement; q: Quantity }): boolean {
  if (REVISION_RE.test(later.s.text)) return true;
  return CUMULATIVE_MEASURES.has(later.q.unit) && later.q.value > earlier.q.value;
}

const ordered = (a: ConflictStatement, b: ConflictStatement) => (time(a) < time(b) || (time(a) === time(b) && (a.sourceId === b.sourceId ? a.start <= b.start : byRank(a, b) < 0)) ? [a, b] as const : [b, a] as const);

/**
 * Pure: the rule, if any, by which two statements of one block cannot both be true.
 * - POLARITY / AGENT / SELF_REVERSAL: one affirms and one denies the same predicate about the same entity, and the
 *   two share content (or one is a bare denial, "It's not true", of what its document is about);
 * - NUMERIC: the same measure in the same scope, figures whose intervals (bounds, rounding) do not meet, and not a
 *   count that grew over time;
 * - CHARACTERIZATION: one referent described with labels from two exclusive sets;
 * - TEMPORAL: the same happening in near-identical words dated days apart.
 * Same-event gate first: mentions dated days apart are two events for every rule but TEMPORAL.
 */
export function pairConflict(a: ConflictStatement, b: ConflictStatement, blockKey: string): PairConflict | undefined {
  if (a.id === b.id || a.modality === "UNCERTAIN" || b.modality === "UNCERTAIN") return undefined;
  // One span credited twice: a duplicate, unless one speaker says it and another denies it ("…, an assertion X denied").
  if (a.sourceId === b.sourceId && a.start === b.start && (a.polarity === b.polarity || a.speakerKey === b.speakerKey)) return undefined;
  // The pair's features, worked out only when a rule gets as far as asking (most pairs of a block fail cheaper tests).
  let features: PairFeatures | undefined;
  const feat = () => (features ??= pairFeatures(a, b));
  const make = (kind: ConflictKind, rule: string, group: string, extra: Partial<PairConflict> = {}): PairConflict => {
    const f = feat();
    const probability = probabilityOf(kind, f);
    return { a, b, kind, rule, group, features: f, confidence: scorePair(kind, f), ...(probability !== undefined ? { probability } : {}), ...extra };
  };
  const apart = differentEvents(a, b);
  // "Mr. Vance's allegations are politically motivated" against what Vance asserts in the same story. A party's block
  // ("t:<party>") is there only for such a dismissal to meet them.
  const dismissal = dismissalOf(a, b) || dismissalOf(b, a);
  if (dismissal && !apart) return make("POLARITY", "polarity:dismissal-of-a-partys-claims", "PO");
  if (blockKey.startsWith("t:") && !dismissal) return undefined;

  if (a.polarity !== b.polarity && !apart) {
    const [aff, den] = a.polarity === "AFFIRM" ? [a, b] : [b, a];
    // One speaker taking back, later in the same report, what the report had it say before ("It later said in another
    // statement that no …"): the report itself marks the second as a sequel; same main predicate, shared content.
    if (a.speakerKey === b.speakerKey && a.sourceId === b.sourceId) {
      const [first, second] = a.start < b.start ? [a, b] : [b, a];
      const p1 = first.frame.predicates?.[0];
      if (second.frame.sequel && p1 && p1 === second.frame.predicates?.[0] && !first.frame.inherited && !second.frame.inherited && stemOverlap(first, second) >= 2) {
        return make("SELF_REVERSAL", "self-reversal:taken-back-in-same-report", `SR:${a.speakerKey}`);
      }
    }
    if (sameProposition(aff, den, feat())) {
      const pred = blockKey.split(":")[1] ?? "";
      // One speaker saying p and then not-p: a reversal across two reports (within one article it is quoting, or the
      // speaker restating what they deny).
      if (a.speakerKey === b.speakerKey) {
        if (a.sourceId !== b.sourceId && !aff.frame.inherited) return make("SELF_REVERSAL", "self-reversal:same-speaker-opposite-polarity", `SR:${a.speakerKey}`);
      } else if (pred === "responsible") return make("AGENT", "agent:responsibility-affirmed-and-denied", "AG");
      else return make("POLARITY", den.frame.inherited ? "polarity:denial-of-reports" : "polarity:affirm-vs-deny", "PO");
    }
  }
  // Figures: any measure key the two share (the pair is judged in its first shared block, which may be a predicate's).
  const bothAffirm = a.polarity === "AFFIRM" && b.polarity === "AFFIRM";
  const unitKey = bothAffirm && !apart ? sharedMeasureKey(a, b) : undefined;
  if (unitKey && (feat().sharedEntities > 0 || feat().contentJaccard >= 0.15)) {
    const unit = unitKey.slice(2).split(/[:@]/)[0]!;
    // Figures are of a moment: dated (by the clause, else by the report) two days or more apart, they count two things.
    if (figureDaysApart(a, b) || DURATION_UNITS.has(unit)) return undefined;
    // A clause giving several figures of one measure is a breakdown ("40 million here, 33 million there"), not one
    // figure that another could contradict.
    const once = (s: ConflictStatement, q: Quantity) => s.frame.quantities.filter((x) => x.unit === unit && (x.scope ?? "") === (q.scope ?? "")).length === 1;
    for (const qa of a.frame.quantities.filter((q) => q.unit === unit)) {
      if (qa.partial || qa.projected || !once(a, qa)) continue;
      for (const qb of b.frame.quantities.filter((q) => q.unit === unit && !q.partial && !q.projected && sameScope(q.scope, qa.scope) && samePeriod(q, qa) && (q.sort ?? "") === (qa.sort ?? "") && once(b, q))) {
        if (compatibleCounts(qa, qb) || ordersApart(qa, qb)) continue;
        const [e, l] = ordered(a, b);
        const eq = e === a ? qa : qb;
        const lq = e === a ? qb : qa;
        if (time(e) !== time(l) && isUpdate({ s: e, q: eq }, { s: l, q: lq })) continue;
        // (In one report, a count that grew: the text says so, or one voice gives both; two voices giving two counts
        // of one moment disagree: "the figure was 1,700" — "no, the official figure is 2,100".)
        if (a.speakerKey === b.speakerKey && a.sourceId === b.sourceId) continue;
        if (a.sourceId === b.sourceId && (REVISION_RE.test(l.text) || dayOf(e) !== dayOf(l)) && isUpdate({ s: e, q: eq }, { s: l, q: lq })) continue;
        return make("NUMERIC", "numeric:incompatible-figures", `NU:${unit}:${qa.scope ?? qb.scope ?? "-"}`, { qa, qb });
      }
    }
  }
  // Labels from two exclusive sets, on one happening: the same main predicate and a named entity in common.
  // (In a label's own block, "l:<labels>:<entity>", the labels are what the two share: "had a gun in his hand when he
  // was shot" and "he was unarmed" describe one person with different predicates.)
  const labelBlock = blockKey.startsWith("l:");
  const samePredicate = (!!a.frame.predicates?.[0] && a.frame.predicates[0] === b.frame.predicates?.[0]) || labelBlock;
  // (One camp — a body and its own people — describing one thing is not two accounts of it.)
  const sameCamp = oneCamp(a, b);
  // Complementary words for one thing, from two camps ("the shooting was justified" / "an unjustified shooting"):
  // whatever else the clauses say, both cannot hold of it. (Named in common: the same happening, not any shooting.)
  if (a.polarity === "AFFIRM" && b.polarity === "AFFIRM" && !apart && a.speakerKey !== b.speakerKey && !sameCamp && a.frame.complements && b.frame.complements && entitiesShared(a.frame.entities, b.frame.entities) > 0) {
    for (const ca of a.frame.complements) {
      const cb = b.frame.complements.find((x) => x.base === ca.base && x.head === ca.head && x.negative !== ca.negative);
      if (cb) return make("CHARACTERIZATION", "characterization:complementary-words", `CH:${complementLabel(ca)}`, { label: complementLabel(ca) });
    }
  }
  if (a.polarity === "AFFIRM" && b.polarity === "AFFIRM" && !apart && a.speakerKey !== b.speakerKey && !sameCamp && samePredicate && entitiesShared(a.frame.entities, b.frame.entities) > 0 && (labelBlock || feat().contentJaccard >= 0.1)) {
    for (const l of LABEL_RES) {
      const sa = labelSide(a.text, l);
      const sb = labelSide(b.text, l);
      if (sa && sb && sa !== sb) return make("CHARACTERIZATION", `characterization:${l.id}`, `CH:${l.id}`, { label: l.id });
    }
  }
  // (Dated mentions of one happening days apart meet in a dated block, of their month or year. The undated block holds
  // every date of a story over the years: there, dates apart are other happenings, and judging them would depend on
  // which of the block's many statements a new one meets.)
  if (a.polarity === "AFFIRM" && b.polarity === "AFFIRM" && apart && !blockKey.endsWith("@?") && dayOf(a) !== undefined && dayOf(b) !== undefined && a.sourceId !== b.sourceId && feat().contentJaccard >= 0.5) {
    return make("TEMPORAL", "temporal:dates-days-apart", "TE");
  }
  return undefined;
}

function names(list: ConflictStatement[]): string {
  const uniq = [...new Set(list.map((s) => s.speakerName))];
  if (uniq.length <= 1) return uniq[0] ?? "someone";
  return `${uniq.slice(0, -1).join(", ")} and ${uniq.at(-1)}`;
}

function quote(s: ConflictStatement, max = 90): string {
  const t = s.text.replace(/\s+/g, " ");
  return `“${t.length > max ? `${t.slice(0, max - 1)}…` : t}”`;
}

const round = (x: number) => Math.round(Math.min(0.99, Math.max(0.05, x)) * 100) / 100;
const uniqIds = (xs: ConflictStatement[]) => [...new Set(xs.map((s) => s.id))];

/** The proposition in plain words: the affirming side's claim. */
export function describe(s: ConflictStatement): string {
  const c = s.claim.replace(/\s+/g, " ").trim();
  return `whether ${c.length > 90 ? `${c.slice(0, 89)}…` : c}`;
}

/** Pairs of one biclique → one contradiction with its sides. */
function toConflict(blockKey: string, group: string, pairs: PairConflict[], sides: [Set<number>, Set<number>]): Conflict {
  const kind = pairs[0]!.kind;
  // With a trained model, the calibrated probability of its likeliest pair (observed precision on held-out stories);
  // else the rule's strength, a little higher for each further pair that agrees.
  const calibrated = pairs.every((p) => p.probability !== undefined);
  const confidence = calibrated ? round(Math.max(...pairs.map((p) => p.probability!))) : round(Math.max(...pairs.map((p) => p.confidence)) + Math.min(0.05, 0.01 * (pairs.length - 1)));
  const key = `${kind}|${blockKey}|${group}|${Math.min(...sides[0])}~${Math.min(...sides[1])}`;
  if (kind === "NUMERIC") {
    // Sides: groups of mutually compatible figures, lowest first.
    const items = new Map<number, { s: ConflictStatement; q: Quantity }>();
    for (const p of pairs) {
      items.set(p.a.id, { s: p.a, q: p.qa! });
      items.set(p.b.id, { s: p.b, q: p.qb! });
    }
    const groups = sides.map((ids) => [...ids].map((id) => items.get(id)!).sort((x, y) => x.q.value - y.q.value || byRank(x.s, y.s)));
    const lo = groups[0]![0]!;
    const hi = groups.at(-1)![0]!;
    return {
      key, blockKey, kind, confidence, rule: pairs[0]!.rule,
      explanation: `${names(groups[0]!.map((x) => x.s))} gave ${lo.q.text} (${quote(lo.s)}), but ${names(groups.at(-1)!.map((x) => x.s))} gave ${hi.q.text} (${quote(hi.s)}) for the same ${lo.q.unit}${lo.q.scope ? ` (${lo.q.scope})` : ""}; the figures cannot both hold.`,
      sides: groups.map((g) => ({ label: g[0]!.q.text, statementIds: g.map((x) => x.s.id) })),
    };
  }
  if (kind === "CHARACTERIZATION" && pairs[0]!.label?.startsWith("opp-")) {
    const label = pairs[0]!.label;
    const all = pairs.flatMap((p) => [p.a, p.b]);
    const sa = all.filter((s) => complementSide(s, label) === 0);
    const sb = all.filter((s) => complementSide(s, label) === 1);
    const word = (s: ConflictStatement) => s.frame.complements!.find((c) => complementLabel(c) === label)!;
    const [wa, wb] = [word(sa[0]!), word(sb[0]!)];
    return {
      key, blockKey, kind, confidence, rule: pairs[0]!.rule,
      explanation: `${names(sa)} called it ${wa.word} (${quote(sa[0]!)}); ${names(sb)} called it ${wb.word} (${quote(sb[0]!)}). One thing cannot be both.`,
      sides: [{ label: `Called ${wa.word}`, statementIds: uniqIds(sa) }, { label: `Called ${wb.word}`, statementIds: uniqIds(sb) }],
    };
  }
  if (kind === "CHARACTERIZATION") {
    const l = EXCLUSIVE_LABELS.find((x) => x.id === pairs[0]!.label)!;
    const re = LABEL_RES.find((x) => x.id === l.id)!;
    const all = pairs.flatMap((p) => [p.a, p.b]);
    const sa = all.filter((s) => labelSide(s.text, re) === "a");
    const sb = all.filter((s) => labelSide(s.text, re) === "b");
    const [la, lb] = l.id.split("-vs-");
    return {
      key, blockKey, kind, confidence, rule: pairs[0]!.rule,
      explanation: `${names(sa)} described it as ${la} (${quote(sa[0]!)}); ${names(sb)} described it as ${lb} (${quote(sb[0]!)}).`,
      sides: [{ label: `Described as ${la}`, statementIds: uniqIds(sa) }, { label: `Described as ${lb}`, statementIds: uniqIds(sb) }],
    };
  }
  if (kind === "TEMPORAL") {
    const p0 = pairs[0]!;
    const [e, l] = p0.a.frame.time!.date! < p0.b.frame.time!.date! ? [p0.a, p0.b] : [p0.b, p0.a];
    const days = Math.round(Math.abs(Date.parse(e.frame.time!.date!) - Date.parse(l.frame.time!.date!)) / DAY);
    return {
      key, blockKey, kind, confidence, rule: pairs[0]!.rule,
      explanation: `${e.speakerName} dates ${describe(e).replace(/^whether /, "")} to ${e.frame.time!.date} (“${e.frame.time!.text}”), ${l.speakerName} to ${l.frame.time!.date} (“${l.frame.time!.text}”): ${days} days apart. Either they disagree on when it happened, or these are two events.`,
      sides: [{ label: `On ${e.frame.time!.date}`, statementIds: [e.id] }, { label: `On ${l.frame.time!.date}`, statementIds: [l.id] }],
    };
  }
  const all = pairs.flatMap((p) => [p.a, p.b]);
  const affirm = all.filter((s) => s.polarity === "AFFIRM").sort((x, y) => time(x) - time(y) || byRank(x, y));
  const deny = all.filter((s) => s.polarity === "DENY").sort((x, y) => time(x) - time(y) || byRank(x, y));
  // The proposition in a sentence's words, not a headline's ("Velmar Says Dunmore Was Told …").
  const telling = affirm.find((s) => !s.frame.inherited && !isTitleCase(s.text)) ?? affirm.find((s) => !s.frame.inherited) ?? affirm[0]!;
  const topic = describe(telling);
  if (kind === "SELF_REVERSAL") {
    const who = affirm[0]!.speakerName;
    const firstAffirms = time(affirm[0]!) <= time(deny[0]!);
    return {
      key, blockKey, kind, confidence, rule: pairs[0]!.rule,
      explanation: `${who} contradicts itself on ${topic}: ${firstAffirms ? `first ${quote(affirm[0]!)}, then ${quote(deny[0]!)}` : `first ${quote(deny[0]!)}, then ${quote(affirm[0]!)}`}.`,
      sides: [{ label: `${who} affirms: ${affirm[0]!.claim.slice(0, 120)}`, statementIds: uniqIds(affirm) }, { label: `${who} denies it`, statementIds: uniqIds(deny) }],
    };
  }
  return {
    key, blockKey, kind, confidence, rule: pairs[0]!.rule,
    explanation: `On ${topic}, ${names(affirm)} said ${quote(telling)}; ${names(deny)} said it was not so: ${quote(deny[0]!)}.`,
    sides: [{ label: `Affirms: ${telling.claim.slice(0, 120)}`, statementIds: uniqIds(affirm) }, { label: "Denies it", statementIds: uniqIds(deny) }],
  };
}

/** Below this a pair is not reported (the scorer's calibrated probability that it is a real conflict). */
export const MIN_CONFIDENCE = 0.5;

/**
 * Pure: the statements of one block → the conflicts among them, each with its reason. Only pairs whose first shared
 * key is this block are judged here, so a pair sharing several keys is judged once. `focus` limits the pairs to those
 * touching the given statements (the newly ingested ones); the caller merges with what is stored.
 */
export function detectBlock(statements: ConflictStatement[], blockKey?: string, focus?: Set<number>): Conflict[] {
  return conflictsOf(judgePairs(statements, blockKey, focus), blockKey);
}

/** The pairs of a block that a rule flags with at least the reporting confidence (touching `focus`, if given). */
export function judgePairs(statements: ConflictStatement[], blockKey?: string, focus?: Set<number>): PairConflict[] {
  return candidatePairs(statements, blockKey, focus).filter((p) => p.confidence >= MIN_CONFIDENCE);
}

/**
 * The flagged pairs touching `focus` in each of several blocks, as `judgePairs(list, block, focus)` gives them block by
 * block (each pair judged only in its own block, `sharedBlock`), for the cost of one look at each pair: a focus
 * statement is in many blocks with the same others, so the block a pair belongs to is found once, and only pairs with a
 * focus statement are looked at (not every pair of a full block).
 */
export function judgeBlocks(blocks: Map<string, ConflictStatement[]>, focus: Set<number>): Map<string, PairConflict[]> {
  const blockOf = new Map<number, Map<number, string | undefined>>();
  const out = new Map<string, PairConflict[]>();
  for (const [block, list] of blocks) {
    const pairs: PairConflict[] = [];
    for (const f of list) {
      if (!focus.has(f.id)) continue;
      let known = blockOf.get(f.id);
      if (!known) blockOf.set(f.id, (known = new Map()));
      for (const x of list) {
        // Two focus statements: the pair once, from the one with the lower id.
        if (x.id === f.id || (focus.has(x.id) && x.id < f.id)) continue;
        const [a, b] = byRank(f, x) < 0 ? [f, x] : [x, f];
        let own = known.get(x.id);
        if (own === undefined && !known.has(x.id)) known.set(x.id, (own = sharedBlock(a, b)));
        if (own !== block) continue;
        const p = pairConflict(a, b, block);
        if (p && p.confidence >= MIN_CONFIDENCE) pairs.push(p);
      }
    }
    out.set(block, pairs);
  }
  return out;
}

/**
 * Pure: flagged pairs → contradictions, per block and group (a pure function of the set of pairs: the order they come
 * in does not matter).
 */
export function conflictsOf(flagged: PairConflict[], blockKey?: string): Conflict[] {
  const pairs = [...flagged].sort(byPair);
  const groups = new Map<string, PairConflict[]>();
  for (const p of pairs) {
    const block = blockKey ?? sharedBlock(p.a, p.b)!;
    const g = `${block}\u0000${p.group}`;
    groups.set(g, [...(groups.get(g) ?? []), p]);
  }
  const out: Conflict[] = [];
  for (const [g, ps] of groups) {
    const [block, group] = g.split("\u0000") as [string, string];
    for (const b of bicliques(ps)) out.push(toConflict(block, group, b.pairs, b.sides));
  }
  // Two contradictions of one group can share their first statements ("A, B | C, D" and "A, E | C, F"): the later
  // one's key takes a number, so that neither is lost.
  const seen = new Map<string, number>();
  for (const c of out) {
    const n = (seen.get(c.key) ?? 0) + 1;
    seen.set(c.key, n);
    if (n > 1) c.key = `${c.key}#${n}`;
  }
  return out;
}

/** Every pair of the statements that a rule flags in its first shared block (touching `focus`, if given), scored. */
export function candidatePairs(input: ConflictStatement[], blockKey?: string, focus?: Set<number>): PairConflict[] {
  const pairs: PairConflict[] = [];
  // In rank order, so each pair is judged one way round (a before b) whatever order the statements came in.
  const statements = [...input].sort(byRank);
  for (let i = 0; i < statements.length; i++) {
    for (let j = i + 1; j < statements.length; j++) {
      const a = statements[i]!;
      const b = statements[j]!;
      if (focus && !focus.has(a.id) && !focus.has(b.id)) continue;
      const block = sharedBlock(a, b);
      if (!block || (blockKey && block !== blockKey)) continue;
      const p = pairConflict(a, b, block);
      if (p) pairs.push(p);
    }
  }
  return pairs;
}

/** The side a statement takes on a pair of complementary words: 0 the plain word ("justified"), 1 its negative. */
function complementSide(s: ConflictStatement, label: string): 0 | 1 | undefined {
  const c = s.frame.complements?.find((x) => complementLabel(x) === label);
  return c ? (c.negative ? 1 : 0) : undefined;
}

/** Which side of its contradiction each statement of a flagged pair stands on (0 or 1). */
function sidesOfPair(p: PairConflict): [number, number] {
  switch (p.kind) {
    case "NUMERIC": return p.qa!.value <= p.qb!.value ? [0, 1] : [1, 0];
    case "CHARACTERIZATION": {
      if (p.label?.startsWith("opp-")) return complementSide(p.a, p.label) === 0 ? [0, 1] : [1, 0];
      const re = LABEL_RES.find((x) => x.id === p.label)!;
      return labelSide(p.a.text, re) === "a" ? [0, 1] : [1, 0];
    }
    case "TEMPORAL": return (p.a.frame.time?.date ?? "") <= (p.b.frame.time?.date ?? "") ? [0, 1] : [1, 0];
    default: return p.a.polarity === "AFFIRM" ? [0, 1] : [1, 0];
  }
}

/**
 * Flagged pairs → contradictions whose sides are complete: every statement on one side was flagged against every
 * statement on the other, and none against one on its own side. So a contradiction never claims that two statements
 * conflict unless their pair was judged, and one loose pair cannot pull a whole story onto a side. Strongest pairs
 * first; a pair that fits no contradiction starts its own.
 */
export function bicliques(pairs: PairConflict[]): Array<{ sides: [Set<number>, Set<number>]; pairs: PairConflict[] }> {
  const flagged = new Set(pairs.map((p) => pairId(p.a.id, p.b.id)));
  const out: Array<{ sides: [Set<number>, Set<number>]; pairs: PairConflict[] }> = [];
  const fits = (id: number, own: Set<number>, other: Set<number>) =>
    own.has(id) || ([...other].every((o) => flagged.has(pairId(id, o))) && ![...own].some((o) => flagged.has(pairId(id, o))));
  const sorted = [...pairs].sort((x, y) => y.confidence - x.confidence || byPair(x, y));
  for (const p of sorted) {
    const [sa, sb] = sidesOfPair(p);
    const c = out.find((x) => {
      if (!fits(p.a.id, x.sides[sa]!, x.sides[sb]!)) return false;
      // The second is checked with the first in place.
      const had = x.sides[sa]!.has(p.a.id);
      x.sides[sa]!.add(p.a.id);
      const ok = fits(p.b.id, x.sides[sb]!, x.sides[sa]!);
      if (!had) x.sides[sa]!.delete(p.a.id);
      return ok;
    });
    if (c) {
      c.sides[sa]!.add(p.a.id);
      c.sides[sb]!.add(p.b.id);
      continue;
    }
    const sides: [Set<number>, Set<number>] = [new Set(), new Set()];
    sides[sa]!.add(p.a.id);
    sides[sb]!.add(p.b.id);
    out.push({ sides, pairs: [p] });
  }
  // The pairs of each contradiction are those between its sides (a later pair may complete an earlier biclique).
  for (const c of out) {
    c.pairs = sorted.filter((p) => (c.sides[0].has(p.a.id) && c.sides[1].has(p.b.id)) || (c.sides[1].has(p.a.id) && c.sides[0].has(p.b.id)));
  }
  return out;
}
export const pairId = (a: number, b: number) => (a < b ? `${a}~${b}` : `${b}~${a}`);
/** Pairs in rank order of their statements (each pair's own statements in rank order). */
function byPair(x: PairConflict, y: PairConflict): number {
  const [x1, x2] = byRank(x.a, x.b) <= 0 ? [x.a, x.b] : [x.b, x.a];
  const [y1, y2] = byRank(y.a, y.b) <= 0 ? [y.a, y.b] : [y.b, y.a];
  return byRank(x1, y1) || byRank(x2, y2);
}

export type Revision = { fromId: number; toId: number; explanation: string };

/**
 * Pure: figures for one thing that changed rather than conflicted — a toll that rose from two to four — linked from
 * the earlier statement to the later one. Each count links to the latest earlier count it revises (a chain).
 */
export function revisionsIn(statements: ConflictStatement[], focus?: Set<number>): Revision[] {
  const out: Revision[] = [];
  const counted = statements.filter((s) => s.polarity === "AFFIRM" && s.modality !== "UNCERTAIN" && s.frame.quantities?.some((q) => CUMULATIVE_MEASURES.has(q.unit)));
  const sorted = [...counted].sort((a, b) => time(a) - time(b) || (a.sourceId === b.sourceId ? a.start - b.start : byRank(a, b)));
  // With a focus, only links touching it: a statement that is not in it and comes before all of it can only link back
  // to others that are not in it either.
  const firstFocus = focus ? sorted.findIndex((s) => focus.has(s.id)) : 0;
  for (let j = 1; j < sorted.length; j++) {
    if (focus && !focus.has(sorted[j]!.id) && (firstFocus < 0 || j < firstFocus)) continue;
    for (let i = j - 1; i >= 0; i--) {
      const a = sorted[i]!;
      const b = sorted[j]!;
      const unitKey = sharedMeasureKey(a, b);
      if (!unitKey || differentEvents(a, b)) continue;
      const unit = unitKey.slice(2).split(/[:@]/)[0]!;
      const qa = a.frame.quantities.find((q) => q.unit === unit);
      const qb = b.frame.quantities.find((q) => q.unit === unit && sameScope(q.scope, qa?.scope));
      if (!qa || !qb || compatibleCounts(qa, qb)) continue;
      const sameSource = a.sourceId === b.sourceId;
      if (!(time(b) > time(a) || sameSource) || !isUpdate({ s: a, q: qa }, { s: b, q: qb })) continue;
      out.push({ fromId: a.id, toId: b.id, explanation: `The count changed from ${qa.text} (${a.speakerName}) to ${qb.text} (${b.speakerName})${sameSource ? " later in the same report" : " in a later report"}: a revision, not a contradiction.` });
      break;
    }
  }
  const seen = new Set<string>();
  return out.filter((r) => (!focus || focus.has(r.fromId) || focus.has(r.toId)) && (seen.has(`${r.fromId}>${r.toId}`) ? false : (seen.add(`${r.fromId}>${r.toId}`), true)));
}
