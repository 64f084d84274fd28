import { blockPrefix } from "./detect.js";
import { contentWords, coverage } from "./text-sim.js";

export type Stance = "SUPPORTED" | "CONTRADICTED" | "DISCUSSED" | "UNRELATED";

export type ClaimInput = { text: string; polarity: "AFFIRM" | "DENY"; propKey: string };
export type EvidenceInput = { id: number; text: string; polarity: "AFFIRM" | "DENY"; propKey: string; modality: string };

// Refutation and hedging vocabulary common in news that debunks or merely discusses a claim.
const REFUTE = /\b(fake|hoax|false|falsely|debunk\w*|deni(ed|es|al)|deny|not true|untrue|no evidence|fabricat\w*|misleading|rumou?r|satire|satirical|baseless|doctored|refut\w*|reject\w*|dismiss\w*)\b/i;
const HEDGE = /\b(reportedly|allegedly|claim(s|ed)?|according to|unconfirmed|unverified|could not (be )?(independently )?(verified|confirm\w*)|rumou?r\w*|may|might|appears?|purported\w*|supposedly)\b/i;

function sentences(text: string): string[] {
  return text.split(/(?<=[.!?])\s+|\n+/).filter((s) => s.trim().length > 20).slice(0, 400);
}

/**
 * Pure: stance of the stored evidence towards a claim. Statements in the claim's proposition block vote by polarity;
 * otherwise relatedness is word coverage, and refuting or hedging vocabulary near the matching sentences decides
 * between CONTRADICTED, DISCUSSED and SUPPORTED. Explainable by construction: the verdict names what it used.
 */
export function stanceOf(claim: ClaimInput, statements: EvidenceInput[], sourceTexts: string[] = []) {
  const cw = contentWords(claim.text);
  const scored = statements
    .map((s) => {
      const sameBlock = !!claim.propKey && blockPrefix(s.propKey) === blockPrefix(claim.propKey);
      const lexical = coverage(cw, new Set(contentWords(s.text)));
      const score = Math.min(1, sameBlock ? 0.5 + lexical / 2 : lexical);
      let stance: Stance = "DISCUSSED";
      if (sameBlock && s.modality !== "UNCERTAIN") stance = s.polarity === claim.polarity ? "SUPPORTED" : "CONTRADICTED";
      else if (REFUTE.test(s.text) && lexical >= 0.3) stance = "CONTRADICTED";
      return { statementId: s.id, score: Math.round(score * 100) / 100, stance };
    })
    .filter((e) => e.score >= 0.25)
    .sort((a, b) => b.score - a.score)
    .slice(0, 10);

  // Whole-text signal (used when statements are few, as for bodies with little attributed speech).
  let textRelated = 0;
  let refuteHits = 0;
  let hedgeHits = 0;
  for (const t of sourceTexts) {
    const sents = sentences(t);
    const ranked = sents.map((s) => ({ s, c: coverage(cw, new Set(contentWords(s))) })).sort((a, b) => b.c - a.c);
    const all = coverage(cw, new Set(contentWords(t)));
    textRelated = Math.max(textRelated, 0.5 * all + 0.5 * (ranked[0]?.c ?? 0));
    for (const r of ranked.slice(0, 5)) {
      if (r.c < 0.2) continue;
      if (REFUTE.test(r.s)) refuteHits++;
      if (HEDGE.test(r.s)) hedgeHits++;
    }
    if (REFUTE.test(t.slice(0, 600))) refuteHits++;
  }

  const votes = { SUPPORTED: 0, CONTRADICTED: 0, DISCUSSED: 0 };
  for (const e of scored) votes[e.stance as keyof typeof votes] += e.score;
  const related = scored.length > 0 || textRelated >= 0.28;
  if (!related) {
    return { verdict: "UNRELATED" as Stance, confidence: Math.round((1 - textRelated) * 100) / 100, explanation: "No stored statement or text is about this claim.", evidence: scored };
  }
  let verdict: Stance;
  if (votes.CONTRADICTED > 0 && votes.CONTRADICTED >= votes.SUPPORTED) verdict = "CONTRADICTED";
  else if (votes.SUPPORTED > 0) verdict = "SUPPORTED";
  else if (refuteHits >= 2) verdict = "CONTRADICTED";
  else if (hedgeHits > 0 || textRelated < 0.5) verdict = "DISCUSSED";
  else verdict = "SUPPORTED";
  const total = votes.SUPPORTED + votes.CONTRADICTED + votes.DISCUSSED;
  const confidence = total > 0 ? Math.max(votes.SUPPORTED, votes.CONTRADICTED, votes.DISCUSSED) / total : Math.min(0.9, 0.4 + textRelated / 2);
  const explanation =
    verdict === "CONTRADICTED"
      ? `${votes.CONTRADICTED > 0 ? "Statements on the same proposition deny it" : "The matching passages use refuting language"}.`
      : verdict === "SUPPORTED"
        ? `${votes.SUPPORTED > 0 ? "Statements on the same proposition assert it" : "The text covers the claim without hedging or refutation"}.`
        : "The matching passages discuss the claim without taking a side.";
  return { verdict, confidence: Math.round(confidence * 100) / 100, explanation, evidence: scored };
}
