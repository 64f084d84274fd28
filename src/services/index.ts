import type { PrismaClient } from "../generated/prisma/client.js";
import type { Events } from "../events/bus.js";
import { ingestSource, ingestUrl, type IngestInput, type IngestResult, type IngestUrlInput } from "./ingest.js";
import { refreshContradictions, recomputeAll } from "./contradictions.js";
import { checkClaim, type ClaimCheckResult } from "./check-claim.js";
import type { Prisma } from "../generated/prisma/client.js";
import { afterCommit, drainAnalysisJobs, enqueueAnalysis, type AnalysisKind, type JobOptions } from "./jobs.js";
import { backendOf } from "../db/client.js";
import { withWriteLock } from "./store-lock.js";
import { createIngestRunner, enqueueIngestBatch, enqueueUrlBatch, ingestTasks } from "./ingest-batch.js";
import { analysisTasks } from "./jobs.js";
import type { TaskList } from "graphile-worker";

/** Application services shared by the GraphQL resolvers and the CLIs. */
export function createServices(prisma: PrismaClient, events: Events, jobs: JobOptions & { onBatchError?: (itemId: number, e: Error) => void } = {}) {
  // PGlite: batches run here, in order. PostgreSQL: graphile-worker runs them (workers, and servers with jobs on).
  const batches = backendOf(prisma) === "pglite" ? createIngestRunner(prisma, events, jobs, jobs.onBatchError) : undefined;
  return {
    ingest: (input: IngestInput): Promise<IngestResult> => ingestSource(prisma, events, { ...input, baseUrl: undefined, fetchedUrl: undefined }, jobs),
    /** Fetches a web page and ingests it (see ingestUrl). */
    ingestUrl: (input: IngestUrlInput): Promise<IngestResult> => ingestUrl(prisma, events, input, jobs),
    refresh: (propKeys: string[]) => jobs.refresh?.(propKeys) ?? refreshContradictions(prisma, events, propKeys),
    /**
     * Runs a write in a transaction that also records the contradiction refresh it makes necessary (the keys the
     * write returns), then runs that refresh after the commit.
     */
    writeAndRefresh: async <T>(kind: AnalysisKind, write: (tx: Prisma.TransactionClient) => Promise<{ value: T; propKeys: string[] }>) => {
      // After any chunked store under way (PGlite, store-lock.ts): a merge must not delete a speaker its hidden rows name.
      const { value, job } = await withWriteLock(prisma, () =>
        prisma.$transaction(async (tx) => {
          const w = await write(tx);
          return { value: w.value, job: await enqueueAnalysis(tx, backendOf(prisma), kind, w.propKeys, jobs.graceSeconds) };
        }),
      );
      return { value, refreshed: await afterCommit(prisma, events, job, jobs) };
    },
    drainJobs: (all = false) => drainAnalysisJobs(prisma, events, { all, refresh: jobs.refresh }),
    /** Validates and queues a batch of texts; returns the IngestJob's id at once (the texts are ingested after). */
    ingestBatch: async (inputs: IngestInput[]): Promise<number> => {
      const id = await enqueueIngestBatch(prisma, inputs);
      void batches?.kick();
      return id;
    },
    /** Validates and queues web pages to fetch and ingest (ingestUrl each); returns the IngestJob's id at once. */
    ingestUrlBatch: async (urls: string[]): Promise<number> => {
      const id = await enqueueUrlBatch(prisma, urls);
      void batches?.kick();
      return id;
    },
    /** PGlite: runs the pending batch items (at start-up, after a crash); resolves when none is left. */
    resumeBatches: (): Promise<void> => batches?.kick() ?? Promise.resolve(),
    recompute: () => recomputeAll(prisma, events),
    checkClaim: (text: string, sourceIds?: number[]): Promise<ClaimCheckResult> => checkClaim(prisma, text, sourceIds),
  };
}
export type Services = ReturnType<typeof createServices>;

/** Every graphile-worker task (PostgreSQL): contradiction refreshes and batch ingests. */
export function workerTasks(prisma: PrismaClient, events: Events, jobs: JobOptions = {}): TaskList {
  return { ...analysisTasks(prisma, events, jobs.refresh), ...ingestTasks(prisma, events, jobs) };
}
