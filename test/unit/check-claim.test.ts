import { describe, expect, it } from "@jest/globals";
import { decide, flip, type EvidenceInput, type SourceInput } from "../../src/analysis/check-claim.js";
import { buildClaim, positiveClaim } from "../../src/ingest/stages/04-claims.js";

// checkClaim's decision on stored statements written for this test (fictional): a claim and its negation never get
// the same SUPPORTED or CONTRADICTED verdict on the same evidence, and every piece of evidence says which way it points.
let id = 1;
function statement(text: string, polarity: "AFFIRM" | "DENY", topic?: { entities: string[]; predicates: string[] }): EvidenceInput {
  const c = buildClaim(text, { cue: polarity === "DENY" ? "denied" : "said", direct: false, speakerKey: "", ...(topic ? { topic } : {}) });
  return { id: id++, sourceId: id, start: 0, end: text.length, text, polarity, propKey: c.propKey, modality: c.modality, frame: c.frame };
}
function check(text: string, statements: EvidenceInput[], sources: SourceInput[] = []) {
  const c = buildClaim(text, { cue: "said", direct: false, speakerKey: "" });
  const positive = positiveClaim(text);
  const negated = c.polarity === "DENY" && positive !== text.trim();
  return decide({ text: negated ? positive : text, polarity: negated ? "DENY" : "AFFIRM", propKey: c.propKey, frame: c.frame, negated }, sources, statements);
}

const club = [statement("Northwind sacked coach Ivo Brandt on Monday", "AFFIRM"), statement("Northwind fired Ivo Brandt after the defeat", "AFFIRM")];
const denied = [statement("Northwind sacked coach Ivo Brandt", "DENY")];
const disputed = [...club, statement("Northwind has not sacked Ivo Brandt", "DENY")];
const tolls = [statement("The flood in Vela killed 40 people", "AFFIRM")];

describe("checkClaim: paired claims (p, not-p)", () => {
  it.each<[string, string, EvidenceInput[], string, string]>([
    ["Northwind sacked Ivo Brandt", "Northwind did not sack Ivo Brandt", club, "SUPPORTED", "CONTRADICTED"],
    ["Northwind sacked Ivo Brandt", "Northwind did not sack Ivo Brandt", denied, "CONTRADICTED", "SUPPORTED"],
    ["Northwind fired coach Ivo Brandt", "Northwind never fired coach Ivo Brandt", disputed, "SUPPORTED", "CONTRADICTED"],
    ["Northwind sacked Ivo Brandt", "Northwind did not sack Ivo Brandt", tolls, "UNRELATED", "UNRELATED"],
  ])("%s / %s", (p, notP, evidence, vp, vn) => {
    const a = check(p, evidence);
    const b = check(notP, evidence);
    expect([a.verdict, b.verdict]).toEqual([vp, vn]);
    if (a.verdict === "SUPPORTED" || a.verdict === "CONTRADICTED") expect(b.verdict).toBe(flip(a.verdict));
  });

  it("evidence carries its stance toward the claim", () => {
    const r = check("Northwind sacked Ivo Brandt", disputed);
    const toward = Object.fromEntries(r.evidence.map((e) => [disputed.find((s) => s.id === e.statementId)!.polarity, e.toward]));
    expect(toward).toEqual({ AFFIRM: "SUPPORTS", DENY: "REFUTES" });
    expect(r.evidence.every((e) => e.rule === "proposition")).toBe(true);
  });

  it("figures decide by compatibility: 40 dead supports 'at least 30', refutes '12'", () => {
    expect(check("The flood in Vela killed at least 30 people", tolls).verdict).toBe("SUPPORTED");
    expect(check("The flood in Vela killed 12 people", tolls).verdict).toBe("CONTRADICTED");
  });
});

// A source as the stance model read it (fictional): its label and probabilities, no sentences needed here.
function readSource(sourceId: number, text: string, label: "agree" | "disagree" | "discuss" | "unrelated"): SourceInput {
  const probs = { agree: label === "agree" ? 0.8 : 0.1, disagree: label === "disagree" ? 0.8 : 0.1, discuss: label === "discuss" ? 0.8 : 0.1 };
  return { id: sourceId, title: null, text, prediction: { label, pRelated: label === "unrelated" ? 0.1 : 0.9, probs, topSentences: [] }, sentences: [] };
}

describe("checkClaim: statements vote only when the stance model reads their source the same way", () => {
  const report = "Northwind sacked coach Ivo Brandt on Monday, according to unconfirmed reports.";
  const inSource = (sourceId: number) => club.map((s) => ({ ...s, sourceId }));
  it.each<[string, "agree" | "disagree" | "discuss", string, string]>([
    // The source only relays the claim: its asserting statements are evidence but do not decide.
    ["discuss", "discuss", "DISCUSSED", "DISCUSSED"],
    // Both readers agree: the statements decide, and the negation is turned over.
    ["agree", "agree", "SUPPORTED", "CONTRADICTED"],
    // They disagree (the model reads a refutation, the statements assert): the model's reading stands.
    ["disagree", "disagree", "CONTRADICTED", "SUPPORTED"],
  ])("source read as %s", (_, label, vp, vn) => {
    const sources = [readSource(900, report, label)];
    const a = check("Northwind sacked Ivo Brandt", inSource(900), sources);
    const b = check("Northwind did not sack Ivo Brandt", inSource(900), sources);
    expect([a.verdict, b.verdict]).toEqual([vp, vn]);
    expect(a.evidence.some((e) => e.rule === "proposition")).toBe(true);
  });
  it("a source the model finds unrelated does not silence the statements that state the claim", () => {
    expect(check("Northwind sacked Ivo Brandt", inSource(900), [readSource(900, report, "unrelated")]).verdict).toBe("SUPPORTED");
  });
  it("statements of a source the model did not read still vote", () => {
    expect(check("Northwind sacked Ivo Brandt", inSource(901), [readSource(900, report, "discuss")]).verdict).toBe("SUPPORTED");
  });
});
