import { STANCES, type StancePrediction } from "./stance/model.js";
import { compatibleCounts, keysOfStatement } from "./detect.js";
import { partyTokens } from "../ingest/stages/04-claims.js";
import type { ClaimFrame } from "../ingest/types.js";
import { contentWords, coverage } from "./text-sim.js";

/** Content words plus party tokens: lexical overlap that knows two names of one party (with the optional lexicon). */
const wordsOf = (text: string) => [...contentWords(text), ...partyTokens(text)];

export type Stance = "SUPPORTED" | "CONTRADICTED" | "DISCUSSED" | "UNRELATED";
/** The verdict for each stance of the model (FNC-1's labels). */
export const VERDICT = { agree: "SUPPORTED", disagree: "CONTRADICTED", discuss: "DISCUSSED", unrelated: "UNRELATED" } as const;
/** A statement's stance toward the claim. */
export type Toward = "SUPPORTS" | "REFUTES" | "NEUTRAL";

export type ClaimInput = { text: string; polarity: "AFFIRM" | "DENY"; propKey: string; frame?: ClaimFrame; negated?: boolean };
export type EvidenceInput = { id: number; sourceId: number; start: number; end: number; text: string; polarity: "AFFIRM" | "DENY"; propKey: string; modality: string; frame?: ClaimFrame };
export type SourceInput = { id: number; title: string | null; text: string; prediction: StancePrediction; sentences: Array<[number, number]> };

export type Evidence = { statementId: number; score: number; stance: Stance; toward: Toward; rule: "proposition" | "source" };
export type Passage = { sourceId: number; start: number; end: number; text: string; score: number; stance: Stance };
export type SourceVerdict = { sourceId: number; verdict: Stance; related: number; confidence: number };
export type ClaimVerdict = { verdict: Stance; confidence: number; explanation: string; evidence: Evidence[]; passages: Passage[]; sources: SourceVerdict[] };

const round = (x: number) => Math.round(x * 100) / 100;
/**
 * A claim is disputed, not decided, when the smaller side of its statements holds at least this share of the weight:
 * an even split. (A third was tried: on the honest FNC-1 dev split it cost disagree F1, 0.272 → 0.243 on 1,500 pairs.)
 */
export const DISPUTED_SHARE = 0.5;
const inside = (s: { start: number; end: number }, [a, b]: [number, number]) => s.start < b && s.end > a;
/** The opposite verdict: what the evidence says about the claim's negation. */
export const flip = (v: Stance): Stance => (v === "SUPPORTED" ? "CONTRADICTED" : v === "CONTRADICTED" ? "SUPPORTED" : v);
const towardOf = (v: Stance): Toward => (v === "SUPPORTED" ? "SUPPORTS" : v === "CONTRADICTED" ? "REFUTES" : "NEUTRAL");

/**
 * Does a stored statement state the claim's proposition? It shares a blocking key with the claim (same predicate
 * class and entity, or same measure and entity) and enough of its content words; a figure of the same measure decides
 * by compatibility. Returns the statement's stance toward the claim's positive form, or undefined when not aligned.
 */
export function propositionStance(claim: ClaimInput, s: EvidenceInput, cw: string[]): { toward: "SUPPORTS" | "REFUTES"; score: number } | undefined {
  if (s.modality === "UNCERTAIN" || !claim.propKey || !s.propKey) return undefined;
  // Keys compare as stored; a key of the older "TYPE|agent|place|qualifier|period" form compares without its period.
  const base = (k: string) => (k.includes("@") ? k : k.replace(/\|[^|]*$/, ""));
  const ck = new Set(keysOfStatement(claim).map(base));
  const shared = keysOfStatement(s).map(base).filter((k) => ck.has(k));
  if (!shared.length) return undefined;
  const lexical = coverage(cw, new Set(wordsOf(s.text)));
  const cq = claim.frame?.quantities ?? [];
  for (const k of shared.filter((x) => x.startsWith("q:"))) {
    const unit = k.slice(2).split(/[:@]/)[0];
    const a = cq.find((q) => q.unit === unit);
    const b = s.frame?.quantities.find((q) => q.unit === unit);
    if (a && b && s.polarity === "AFFIRM" && lexical >= 0.2) return { toward: compatibleCounts(a, b) ? "SUPPORTS" : "REFUTES", score: round(Math.min(1, 0.5 + lexical / 2)) };
  }
  const inherited = !!s.frame?.inherited;
  if (!inherited && lexical < 0.34) return undefined;
  if (inherited && lexical < 0.1 && !(s.frame?.entities ?? []).some((e) => (claim.frame?.entities ?? []).includes(e))) return undefined;
  // Stance toward the positive proposition: an affirming statement supports it, a denying one refutes it.
  return { toward: s.polarity === "AFFIRM" ? "SUPPORTS" : "REFUTES", score: round(Math.min(1, 0.45 + lexical / 2)) };
}

/**
 * Pure: the verdict on a claim from two kinds of evidence, computed for the claim's positive proposition and turned
 * over when the claim negates it, so a claim and its negation never get the same SUPPORTED or CONTRADICTED verdict
 * on the same evidence (DISCUSSED and UNRELATED hold for both alike: they take no side).
 * 1. Statements that state the proposition (shared blocking key and content) vote by polarity, or by figures; a
 *    statement in a source the stance model read votes only when the model read the source the same way.
 * 2. Otherwise the stance model (FNC-1-trained, given the positive form) reads each candidate source.
 */
export function decide(claim: ClaimInput, sources: SourceInput[], statements: EvidenceInput[]): ClaimVerdict {
  const negated = claim.negated ?? claim.polarity === "DENY";
  const turn = (v: Stance) => (negated ? flip(v) : v);
  const cw = wordsOf(claim.text);
  const bySource = new Map(sources.map((s) => [s.id, s]));

  const perSource: SourceVerdict[] = sources.map((s) => {
    const p = s.prediction;
    const confidence = p.label === "unrelated" ? 1 - p.pRelated : p.pRelated * p.probs[p.label];
    return { sourceId: s.id, verdict: turn(VERDICT[p.label]), related: round(p.pRelated), confidence: round(confidence) };
  });
  const verdictOf = new Map(perSource.map((v) => [v.sourceId, v.verdict]));

  const evidence: Evidence[] = statements
    .flatMap((s): Evidence[] => {
      const ps = propositionStance(claim, s, cw);
      if (ps) {
        const positive: Stance = ps.toward === "SUPPORTS" ? "SUPPORTED" : "CONTRADICTED";
        const stance = turn(positive);
        return [{ statementId: s.id, score: ps.score, stance, toward: towardOf(stance), rule: "proposition" }];
      }
      const sourceVerdict = verdictOf.get(s.sourceId);
      if (sourceVerdict === undefined || sourceVerdict === "UNRELATED") return [];
      const src = bySource.get(s.sourceId);
      const near = src ? src.prediction.topSentences.some((i) => src.sentences[i] && inside(s, src.sentences[i]!)) : false;
      const score = round(Math.min(1, coverage(cw, new Set(wordsOf(s.text))) + (near ? 0.2 : 0)));
      return score >= 0.3 ? [{ statementId: s.id, score, stance: sourceVerdict, toward: towardOf(sourceVerdict), rule: "source" }] : [];
    })
    .sort((a, b) => (a.rule === b.rule ? b.score - a.score : a.rule === "proposition" ? -1 : 1))
    .slice(0, 10);

  const passages: Passage[] = sources
    .filter((s) => s.prediction.label !== "unrelated")
    .flatMap((s) => s.prediction.topSentences.slice(0, 2).map((i, rank) => ({ sourceId: s.id, start: s.sentences[i]![0], end: s.sentences[i]![1], text: s.text.slice(s.sentences[i]![0], s.sentences[i]![1]), score: round(s.prediction.pRelated * (rank ? 0.8 : 1)), stance: verdictOf.get(s.id)! })))
    .sort((a, b) => b.score - a.score)
    .slice(0, 10);

  // Rule 1: statements of the same proposition.
  const votes = { SUPPORTED: 0, CONTRADICTED: 0 };
  // A statement votes unless the stance model read its source and took another view of it: the two readers must agree.
  // (A report that relays a claim holds statements asserting it, yet the source only discusses it.)
  const sourceOfStatement = new Map(statements.map((s) => [s.id, s.sourceId]));
  const counts = (e: Evidence) => {
    const read = verdictOf.get(sourceOfStatement.get(e.statementId)!);
    // (A source the model finds unrelated to the claim's wording does not silence a statement that states it.)
    return read === undefined || read === "UNRELATED" || read === e.stance;
  };
  for (const e of evidence) if (e.rule === "proposition" && counts(e)) votes[e.stance as keyof typeof votes] += e.score;
  if (votes.SUPPORTED + votes.CONTRADICTED > 0) {
    const n = (v: Stance) => evidence.filter((e) => e.rule === "proposition" && counts(e) && e.stance === v).length;
    // A dispute: the statements take both sides with equal weight, so neither
    // verdict is given (the evidence shows who says what).
    const minority = Math.min(votes.SUPPORTED, votes.CONTRADICTED) / (votes.SUPPORTED + votes.CONTRADICTED);
    if (minority >= DISPUTED_SHARE - 1e-9) {
      return { verdict: "DISCUSSED", confidence: round(0.5 + (0.5 - minority)), explanation: `Disputed: ${n("SUPPORTED")} statement(s) on the same proposition assert it and ${n("CONTRADICTED")} deny it.`, evidence, passages, sources: perSource };
    }
    const verdict: Stance = votes.CONTRADICTED > votes.SUPPORTED ? "CONTRADICTED" : "SUPPORTED";
    const share = Math.max(votes.SUPPORTED, votes.CONTRADICTED) / (votes.SUPPORTED + votes.CONTRADICTED);
    const against = n(flip(verdict));
    // Statements of the other side that did not vote (their source reads otherwise) are still named: the claim is disputed.
    const unheard = evidence.filter((e) => e.rule === "proposition" && !counts(e) && e.stance === flip(verdict)).length;
    const others = [against && `${against} ${verdict === "CONTRADICTED" ? "assert" : "deny"} it`, unheard && `${unheard} ${verdict === "CONTRADICTED" ? "assert" : "deny"} it in a source the stance model reads otherwise (not counted)`].filter(Boolean).join("; ");
    const explanation =
      verdict === "CONTRADICTED"
        ? `${n(verdict)} statement(s) on the same proposition deny it${others ? `; ${others} (a disputed claim)` : ""}.`
        : `${n(verdict)} statement(s) on the same proposition assert it${others ? `; ${others}` : ""}.`;
    return { verdict, confidence: round(0.5 + share / 2), explanation, evidence, passages, sources: perSource };
  }

  // Rule 2: the stance model, source by source.
  const related = perSource.filter((v) => v.verdict !== "UNRELATED");
  if (related.length === 0) {
    const best = Math.max(0, ...perSource.map((v) => v.related));
    const explanation = sources.length ? `None of the ${sources.length} closest source(s) is about this claim.` : "No stored source shares the claim's words.";
    return { verdict: "UNRELATED", confidence: round(1 - best), explanation, evidence: [], passages: [], sources: perSource };
  }
  const weight: Record<Stance, number> = { SUPPORTED: 0, CONTRADICTED: 0, DISCUSSED: 0, UNRELATED: 0 };
  for (const s of sources) {
    if (s.prediction.label === "unrelated") continue;
    for (const k of STANCES) weight[turn(VERDICT[k])] += s.prediction.pRelated * s.prediction.probs[k];
  }
  const total = weight.SUPPORTED + weight.CONTRADICTED + weight.DISCUSSED;
  // Ties between supported and contradicted resolve to the positive form's order, then turned: p and not-p differ.
  const order: Stance[] = negated ? ["SUPPORTED", "CONTRADICTED", "DISCUSSED"] : ["CONTRADICTED", "SUPPORTED", "DISCUSSED"];
  const verdict = order.reduce((a, b) => (weight[b] > weight[a] ? b : a));
  const count = (v: Stance) => related.filter((r) => r.verdict === v).length;
  const parts = [
    count("SUPPORTED") && `${count("SUPPORTED")} support it`,
    count("CONTRADICTED") && `${count("CONTRADICTED")} contradict it`,
    count("DISCUSSED") && `${count("DISCUSSED")} discuss it without taking a side`,
  ].filter(Boolean);
  const explanation = `Of ${sources.length} source(s) read, ${related.length} are about the claim: ${parts.join(", ")} (stance model; see passages).`;
  return { verdict, confidence: round(weight[verdict] / total), explanation, evidence, passages, sources: perSource };
}
