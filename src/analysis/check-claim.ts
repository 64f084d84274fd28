import { blockPrefix } from "./detect.js";
import { STANCES, type StancePrediction } from "./stance/model.js";
import { partyTokens } from "../ingest/stages/04-claims.js";
import { contentWords, coverage } from "./text-sim.js";

/** Content words plus party tokens: lexical overlap that knows Washington from the United States. */
const wordsOf = (text: string) => [...contentWords(text), ...partyTokens(text)];

export type Stance = "SUPPORTED" | "CONTRADICTED" | "DISCUSSED" | "UNRELATED";
/** The verdict for each stance of the model (FNC-1's labels). */
export const VERDICT = { agree: "SUPPORTED", disagree: "CONTRADICTED", discuss: "DISCUSSED", unrelated: "UNRELATED" } as const;

export type ClaimInput = { text: string; polarity: "AFFIRM" | "DENY"; propKey: string };
export type EvidenceInput = { id: number; sourceId: number; start: number; end: number; text: string; polarity: "AFFIRM" | "DENY"; propKey: string; modality: string };
export type SourceInput = { id: number; title: string | null; text: string; prediction: StancePrediction; sentences: Array<[number, number]> };

export type Evidence = { statementId: number; score: number; stance: Stance; rule: "proposition" | "source" };
export type Passage = { sourceId: number; start: number; end: number; text: string; score: number; stance: Stance };
export type SourceVerdict = { sourceId: number; verdict: Stance; related: number; confidence: number };
export type ClaimVerdict = { verdict: Stance; confidence: number; explanation: string; evidence: Evidence[]; passages: Passage[]; sources: SourceVerdict[] };

/**
 * The block a free-text claim is compared in. Like the detector's, except that notification claims match on the
 * event type alone: a bare claim ("Washington informed Baghdad …") names the parties in whatever order, while stored
 * statements key on the party their own sentence names first.
 */
export function claimBlock(propKey: string): string {
  const prefix = blockPrefix(propKey);
  return prefix.startsWith("NOTIFICATION|") ? "NOTIFICATION" : prefix;
}

const round = (x: number) => Math.round(x * 100) / 100;
const inside = (s: { start: number; end: number }, [a, b]: [number, number]) => s.start < b && s.end > a;

/**
 * Pure: the verdict on a claim from two kinds of evidence.
 * 1. Statements in the claim's proposition block (same event type, agent and place) vote by polarity — the same rule
 *    the contradiction detector uses, so checkClaim and the contradictions agree.
 * 2. Otherwise the stance model (FNC-1-trained) reads each candidate source: is it about the claim, and does it agree,
 *    disagree or only discuss it. Sources vote with their relatedness.
 * Every verdict names its evidence: statements, and the sentences of each source the model read most closely.
 */
export function decide(claim: ClaimInput, sources: SourceInput[], statements: EvidenceInput[]): ClaimVerdict {
  const cw = wordsOf(claim.text);
  const bySource = new Map(sources.map((s) => [s.id, s]));

  const perSource: SourceVerdict[] = sources.map((s) => {
    const p = s.prediction;
    const verdict = VERDICT[p.label];
    const confidence = p.label === "unrelated" ? 1 - p.pRelated : p.pRelated * p.probs[p.label];
    return { sourceId: s.id, verdict, related: round(p.pRelated), confidence: round(confidence) };
  });
  const verdictOf = new Map(perSource.map((v) => [v.sourceId, v.verdict]));

  const claimKey = claim.propKey ? claimBlock(claim.propKey) : "";
  const evidence: Evidence[] = statements
    .flatMap((s): Evidence[] => {
      const sameBlock = !!claimKey && !!s.propKey && claimBlock(s.propKey) === claimKey;
      const lexical = coverage(cw, new Set(wordsOf(s.text)));
      const sourceVerdict = verdictOf.get(s.sourceId);
      // A proposition match counts when the statement shares the claim's words and its source (when the model read it)
      // is about the claim: claim frames are coarse, and a shared frame alone is weak evidence.
      if (sameBlock && s.modality !== "UNCERTAIN" && lexical >= 0.25 && sourceVerdict !== "UNRELATED") {
        return [{ statementId: s.id, score: round(Math.min(1, 0.5 + lexical / 2)), stance: s.polarity === claim.polarity ? "SUPPORTED" : "CONTRADICTED", rule: "proposition" }];
      }
      if (sourceVerdict === "UNRELATED") return [];
      const src = bySource.get(s.sourceId);
      const near = src ? src.prediction.topSentences.some((i) => src.sentences[i] && inside(s, src.sentences[i]!)) : false;
      const score = round(Math.min(1, lexical + (near ? 0.2 : 0)));
      return score >= 0.3 ? [{ statementId: s.id, score, stance: sourceVerdict ?? "DISCUSSED", rule: "source" }] : [];
    })
    .sort((a, b) => (a.rule === b.rule ? b.score - a.score : a.rule === "proposition" ? -1 : 1))
    .slice(0, 10);

  const passages: Passage[] = sources
    .filter((s) => s.prediction.label !== "unrelated")
    .flatMap((s) => s.prediction.topSentences.slice(0, 2).map((i, rank) => ({ sourceId: s.id, start: s.sentences[i]![0], end: s.sentences[i]![1], text: s.text.slice(s.sentences[i]![0], s.sentences[i]![1]), score: round(s.prediction.pRelated * (rank ? 0.8 : 1)), stance: verdictOf.get(s.id)! })))
    .sort((a, b) => b.score - a.score)
    .slice(0, 10);

  // Rule 1: the proposition block.
  const votes = { SUPPORTED: 0, CONTRADICTED: 0 };
  for (const e of evidence) if (e.rule === "proposition") votes[e.stance as keyof typeof votes] += e.score;
  if (votes.SUPPORTED + votes.CONTRADICTED > 0) {
    const verdict: Stance = votes.CONTRADICTED >= votes.SUPPORTED ? "CONTRADICTED" : "SUPPORTED";
    const share = Math.max(votes.SUPPORTED, votes.CONTRADICTED) / (votes.SUPPORTED + votes.CONTRADICTED);
    const n = evidence.filter((e) => e.rule === "proposition" && e.stance === verdict).length;
    const against = evidence.filter((e) => e.rule === "proposition" && e.stance !== verdict).length;
    const explanation =
      verdict === "CONTRADICTED"
        ? `${n} statement(s) on the same proposition deny it${against ? `; ${against} assert it (a disputed claim)` : ""}.`
        : `${n} statement(s) on the same proposition assert it${against ? `; ${against} deny it` : ""}.`;
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
    for (const k of STANCES) weight[VERDICT[k]] += s.prediction.pRelated * s.prediction.probs[k];
  }
  const total = weight.SUPPORTED + weight.CONTRADICTED + weight.DISCUSSED;
  const verdict = (["CONTRADICTED", "SUPPORTED", "DISCUSSED"] as const).reduce((a, b) => (weight[b] > weight[a] ? b : a));
  const count = (v: Stance) => related.filter((r) => r.verdict === v).length;
  const parts = [
    count("SUPPORTED") && `${count("SUPPORTED")} support it`,
    count("CONTRADICTED") && `${count("CONTRADICTED")} contradict it`,
    count("DISCUSSED") && `${count("DISCUSSED")} discuss it without taking a side`,
  ].filter(Boolean);
  const explanation = `Of ${sources.length} source(s) read, ${related.length} are about the claim: ${parts.join(", ")} (stance model; see passages).`;
  return { verdict, confidence: round(weight[verdict] / total), explanation, evidence, passages, sources: perSource };
}
