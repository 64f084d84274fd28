import { builder } from "./builder.js";
import { idOf, badInput } from "./ids.js";
import type { ClaimCheckResult } from "../services/check-claim.js";
import type { Passage, SourceVerdict } from "../analysis/check-claim.js";
import { userCall } from "./common.js";

const Verdict = builder.enumType("ClaimVerdict", {
  description: "What the stored statements say about a claim (maps to FNC-1 agree / disagree / discuss / unrelated).",
  values: {
    SUPPORTED: { description: "Statements assert the claim." },
    CONTRADICTED: { description: "Statements deny the claim or assert something incompatible." },
    DISCUSSED: { description: "Statements are about the claim without taking a side." },
    UNRELATED: { description: "Nothing stored is about the claim." },
  } as const,
});

const EvidenceRule = builder.enumType("EvidenceRule", {
  description: "Why a statement counts as evidence.",
  values: {
    PROPOSITION: { description: "It states the same proposition (shared predicate-and-entity or measure key and content words); its polarity, or its figure, decides its stance." },
    SOURCE: { description: "It shares the claim's words and comes from a source the stance model read; it takes that source's stance." },
  } as const,
});

const Toward = builder.enumType("EvidenceStance", {
  description: "Which way a statement points with respect to the claim as asked.",
  values: {
    SUPPORTS: { description: "It says what the claim says." },
    REFUTES: { description: "It says the opposite (a denial of the claim, or an incompatible figure)." },
    NEUTRAL: { description: "It is about the claim without taking a side." },
  } as const,
});

const Evidence = builder.objectRef<{ statementId: number; score: number; stance: string; toward: "SUPPORTS" | "REFUTES" | "NEUTRAL"; rule: "proposition" | "source" }>("ClaimEvidence").implement({
  description: "A statement bearing on the claim.",
  fields: (t) => ({
    statement: t.prismaField({
      type: "Statement",
      resolve: (query, e, _a, ctx) => ctx.prisma.statement.findUniqueOrThrow({ ...query, where: { id: e.statementId } }),
    }),
    score: t.exposeFloat("score", { description: "Relevance of the statement to the claim, 0–1." }),
    stance: t.field({ type: Verdict, description: "The verdict this statement alone would give the claim.", resolve: (e) => e.stance as "SUPPORTED" | "CONTRADICTED" | "DISCUSSED" | "UNRELATED" }),
    toward: t.field({ type: Toward, description: "Whether the statement supports or refutes the claim; its speaker is statement.speaker.", resolve: (e) => e.toward }),
    rule: t.field({ type: EvidenceRule, resolve: (e) => (e.rule === "proposition" ? "PROPOSITION" : "SOURCE") }),
  }),
});

const ClaimPassage = builder.objectRef<Passage>("ClaimPassage").implement({
  description: "A sentence of a source that the stance model read most closely: the span [start, end) of Source.text.",
  fields: (t) => ({
    source: t.prismaField({
      type: "Source",
      resolve: (query, p, _a, ctx) => ctx.prisma.source.findUniqueOrThrow({ ...query, where: { id: p.sourceId } }),
    }),
    start: t.exposeInt("start"),
    end: t.exposeInt("end"),
    text: t.exposeString("text", { description: "The sentence itself." }),
    score: t.exposeFloat("score", { description: "How closely the passage bears on the claim, 0–1." }),
    stance: t.field({ type: Verdict, description: "The stance of its source towards the claim.", resolve: (p) => p.stance }),
  }),
});

const ClaimSourceVerdict = builder.objectRef<SourceVerdict>("ClaimSourceVerdict").implement({
  description: "What one source says about the claim, according to the stance model.",
  fields: (t) => ({
    source: t.prismaField({
      type: "Source",
      resolve: (query, v, _a, ctx) => ctx.prisma.source.findUniqueOrThrow({ ...query, where: { id: v.sourceId } }),
    }),
    verdict: t.field({ type: Verdict, resolve: (v) => v.verdict }),
    related: t.exposeFloat("related", { description: "Probability that the source is about the claim." }),
    confidence: t.exposeFloat("confidence"),
  }),
});

const ClaimCheck = builder.objectRef<ClaimCheckResult>("ClaimCheck").implement({
  description: "A verdict on a free-text claim against the stored statements, with its evidence.",
  fields: (t) => ({
    verdict: t.field({ type: Verdict, resolve: (r) => r.verdict }),
    confidence: t.exposeFloat("confidence"),
    explanation: t.exposeString("explanation"),
    evidence: t.field({ type: [Evidence], description: "Statements bearing on the claim, proposition matches first.", resolve: (r) => r.evidence }),
    passages: t.field({ type: [ClaimPassage], description: "Sentences the verdict rests on, best first (also for sources with no attributed statements).", resolve: (r) => r.passages }),
    sources: t.field({ type: [ClaimSourceVerdict], description: "Each source read, with its own verdict.", resolve: (r) => r.sources }),
    model: t.exposeString("model", { description: "Version of the stance model that read the sources." }),
  }),
});

builder.queryFields((t) => ({
  checkClaim: t.field({
    type: ClaimCheck,
    description: "Checks a claim against stored statements, optionally only those from some sources.",
    args: {
      text: t.arg.string({ required: true, description: "The claim, e.g. \"The US informed Iraq before the strikes\"." }),
      sourceIds: t.arg.idList({ required: false }),
    },
    resolve: (_root, args, ctx) => {
      const text = args.text.trim();
      if (!text) throw badInput("text must not be empty", "text");
      if (text.length > 5000) throw badInput("text is longer than 5000 characters", "text");
      const ids = args.sourceIds?.map((id) => idOf(String(id), "Source", "sourceIds"));
      return userCall(() => ctx.services.checkClaim(text, ids));
    },
  }),
}));
