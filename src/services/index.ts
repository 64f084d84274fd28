import type { PrismaClient } from "../generated/prisma/client.js";
import type { Events } from "../events/bus.js";
import { ingestSource, type IngestInput, type IngestResult } from "./ingest.js";
import { refreshContradictions, recomputeAll } from "./contradictions.js";
import { checkClaim, type ClaimCheckResult } from "./check-claim.js";
import type { Prisma } from "../generated/prisma/client.js";
import { afterCommit, drainAnalysisJobs, enqueueAnalysis, type AnalysisKind, type JobOptions } from "./jobs.js";
import { backendOf } from "../db/client.js";

/** Application services shared by the GraphQL resolvers and the CLIs. */
export function createServices(prisma: PrismaClient, events: Events, jobs: JobOptions = {}) {
  return {
    ingest: (input: IngestInput): Promise<IngestResult> => ingestSource(prisma, events, input, jobs),
    refresh: (propKeys: string[]) => refreshContradictions(prisma, events, propKeys),
    /**
     * Runs a write in a transaction that also records the contradiction refresh it makes necessary (the keys the
     * write returns), then runs that refresh after the commit.
     */
    writeAndRefresh: async <T>(kind: AnalysisKind, write: (tx: Prisma.TransactionClient) => Promise<{ value: T; propKeys: string[] }>) => {
      const { value, job } = await prisma.$transaction(async (tx) => {
        const w = await write(tx);
        return { value: w.value, job: await enqueueAnalysis(tx, backendOf(prisma), kind, w.propKeys, jobs.graceSeconds) };
      });
      return { value, refreshed: await afterCommit(prisma, events, job, jobs) };
    },
    drainJobs: (all = false) => drainAnalysisJobs(prisma, events, { all }),
    recompute: () => recomputeAll(prisma, events),
    checkClaim: (text: string, sourceIds?: number[]): Promise<ClaimCheckResult> => checkClaim(prisma, text, sourceIds),
  };
}
export type Services = ReturnType<typeof createServices>;
