import type { PrismaClient, Prisma } from "../generated/prisma/client.js";
import { blockPrefix } from "../analysis/detect.js";
import { stanceOf, type Stance } from "../analysis/check-claim.js";
import { buildClaim } from "../ingest/stages/04-claims.js";
import { contentWords } from "../analysis/text-sim.js";

export type ClaimCheckResult = {
  verdict: Stance;
  confidence: number;
  explanation: string;
  evidence: Array<{ statementId: number; score: number; stance: Stance }>;
};

const CANDIDATES = 400;

/**
 * Checks a claim against stored statements: candidates come from the claim's proposition block and from its rarest
 * words (never a full scan); each is scored and given a stance; the verdict weighs the evidence.
 */
export async function checkClaim(prisma: PrismaClient, text: string, sourceIds?: number[]): Promise<ClaimCheckResult> {
  const frame = buildClaim(text, { cue: "said", direct: false, speakerKey: "" });
  const words = [...new Set(contentWords(text))].sort((a, b) => b.length - a.length).slice(0, 4);
  const scope: Prisma.StatementWhereInput = sourceIds?.length ? { sourceId: { in: sourceIds } } : {};
  const or: Prisma.StatementWhereInput[] = words.map((w) => ({ text: { contains: w, mode: "insensitive" as const } }));
  if (frame.propKey) or.push({ propKey: { startsWith: `${blockPrefix(frame.propKey)}|` } });
  const rows = or.length
    ? await prisma.statement.findMany({
        where: { ...scope, OR: or },
        select: { id: true, text: true, claim: true, polarity: true, propKey: true, modality: true },
        orderBy: { id: "desc" },
        take: CANDIDATES,
      })
    : [];
  const sources = sourceIds?.length
    ? await prisma.source.findMany({ where: { id: { in: sourceIds } }, select: { id: true, text: true } })
    : [];
  const result = stanceOf(
    { text, polarity: frame.polarity, propKey: frame.propKey },
    rows.map((r) => ({ id: r.id, text: r.text, polarity: r.polarity, propKey: r.propKey, modality: r.modality })),
    sources.map((s) => s.text),
  );
  return result;
}
