import type { PrismaClient } from "../generated/prisma/client.js";
import type { Events } from "../events/bus.js";
import { ingestSource, type IngestInput, type IngestResult } from "./ingest.js";
import { refreshContradictions, recomputeAll } from "./contradictions.js";
import { checkClaim, type ClaimCheckResult } from "./check-claim.js";

/** Application services shared by the GraphQL resolvers and the CLIs. */
export function createServices(prisma: PrismaClient, events: Events) {
  return {
    ingest: (input: IngestInput): Promise<IngestResult> => ingestSource(prisma, events, input),
    refresh: (propKeys: string[]) => refreshContradictions(prisma, events, propKeys),
    recompute: () => recomputeAll(prisma, events),
    checkClaim: (text: string, sourceIds?: number[]): Promise<ClaimCheckResult> => checkClaim(prisma, text, sourceIds),
  };
}
export type Services = ReturnType<typeof createServices>;
