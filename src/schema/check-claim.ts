import { builder } from "./builder.js";
import { idOf, badInput } from "./ids.js";
import type { ClaimCheckResult } from "../services/check-claim.js";

const Verdict = builder.enumType("ClaimVerdict", {
  description: "What the stored statements say about a claim (maps to FNC-1 agree / disagree / discuss / unrelated).",
  values: {
    SUPPORTED: { description: "Statements assert the claim." },
    CONTRADICTED: { description: "Statements deny the claim or assert something incompatible." },
    DISCUSSED: { description: "Statements are about the claim without taking a side." },
    UNRELATED: { description: "Nothing stored is about the claim." },
  } as const,
});

const Evidence = builder.objectRef<{ statementId: number; score: number; stance: string }>("ClaimEvidence").implement({
  description: "A statement bearing on the claim.",
  fields: (t) => ({
    statement: t.prismaField({
      type: "Statement",
      resolve: (query, e, _a, ctx) => ctx.prisma.statement.findUniqueOrThrow({ ...query, where: { id: e.statementId } }),
    }),
    score: t.exposeFloat("score", { description: "Relevance of the statement to the claim, 0–1." }),
    stance: t.field({ type: Verdict, resolve: (e) => e.stance as "SUPPORTED" | "CONTRADICTED" | "DISCUSSED" | "UNRELATED" }),
  }),
});

const ClaimCheck = builder.objectRef<ClaimCheckResult>("ClaimCheck").implement({
  description: "A verdict on a free-text claim against the stored statements, with its evidence.",
  fields: (t) => ({
    verdict: t.field({ type: Verdict, resolve: (r) => r.verdict }),
    confidence: t.exposeFloat("confidence"),
    explanation: t.exposeString("explanation"),
    evidence: t.field({ type: [Evidence], resolve: (r) => r.evidence }),
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
      return ctx.services.checkClaim(text, ids);
    },
  }),
}));
