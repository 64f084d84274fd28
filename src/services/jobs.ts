import type { Prisma, PrismaClient } from "../generated/prisma/client.js";
import type { Events } from "../events/bus.js";
import { refreshContradictions, type RefreshResult } from "./contradictions.js";

/** What a write needs from the job queue: its kind and the proposition keys whose contradictions it changed. */
export type AnalysisKind = "ingest" | "addStatement" | "updateStatement" | "mergeSpeakers" | "deleteSource";

export type JobOptions = {
  /** How long a runner leaves a new job to the request that made it (GAINSAY_JOB_GRACE_SECONDS). */
  graceSeconds?: number;
  /** Test hook (GAINSAY_TEST_CRASH_AFTER_COMMIT, honoured with NODE_ENV=test only): SIGKILL right after the commit. */
  crashAfterCommit?: boolean;
};

/**
 * Records, inside the write's transaction, the contradiction refresh the write makes necessary (a transactional
 * outbox): if the process dies after the commit, the job is still there for a runner. Returns the job's id.
 */
export async function enqueueAnalysis(tx: Prisma.TransactionClient, kind: AnalysisKind, propKeys: string[], graceSeconds = 30): Promise<number> {
  const keys = [...new Set(propKeys.filter(Boolean))].sort();
  const row = await tx.analysisJob.create({ data: { kind, propKeys: keys, runAfter: new Date(Date.now() + graceSeconds * 1000) }, select: { id: true } });
  return row.id;
}

/**
 * Runs one job now (the request that made it, right after its commit, or a runner): refreshes the contradictions of
 * its keys and marks it done. A refresh is idempotent (it recomputes the blocks from the statements), so a job run
 * twice, by the request and by a runner, gives the same result. A failure is recorded and left for a runner.
 */
export async function runAnalysisJob(prisma: PrismaClient, events: Events, jobId: number): Promise<RefreshResult> {
  const job = await prisma.analysisJob.findUnique({ where: { id: jobId }, select: { propKeys: true, state: true } });
  if (!job) throw new Error(`services/jobs: no analysis job ${jobId}`);
  try {
    const r = await refreshContradictions(prisma, events, job.propKeys);
    await prisma.analysisJob.update({ where: { id: jobId }, data: { state: "DONE", doneAt: new Date(), attempts: { increment: 1 }, lastError: null } });
    return r;
  } catch (e) {
    const attempts = (await prisma.analysisJob.update({ where: { id: jobId }, data: { attempts: { increment: 1 }, lastError: String((e as Error).message).slice(0, 2000) }, select: { attempts: true } })).attempts;
    if (attempts >= MAX_ATTEMPTS) await prisma.analysisJob.update({ where: { id: jobId }, data: { state: "FAILED" } });
    throw e;
  }
}

const MAX_ATTEMPTS = 5;

/** How long a runner holds a job it claimed; a runner that dies leaves it to another after this. */
const LEASE_SECONDS = 300;

/**
 * Claims the oldest due pending job for this runner (FOR UPDATE SKIP LOCKED, so concurrent runners, in other servers
 * or worker processes, never take the same one) by moving its `runAfter` past a lease. With `all`, due or not.
 */
export async function claimAnalysisJob(prisma: PrismaClient, all = false): Promise<number | undefined> {
  const rows = await prisma.$queryRawUnsafe<Array<{ id: number }>>(
    `UPDATE "AnalysisJob" SET "runAfter" = now() + make_interval(secs => ${LEASE_SECONDS})
      WHERE id = (SELECT id FROM "AnalysisJob" WHERE state = 'PENDING'${all ? "" : ` AND "runAfter" <= now()`} ORDER BY id FOR UPDATE SKIP LOCKED LIMIT 1)
      RETURNING id`,
  );
  return rows[0]?.id;
}

/**
 * Runs the pending jobs whose grace period has passed (all pending ones with `all`, as at start-up on PGlite, where
 * no other process can hold one), oldest first, one at a time. Returns how many ran and how many failed.
 */
export async function drainAnalysisJobs(prisma: PrismaClient, events: Events, opts: { all?: boolean; onError?: (jobId: number, e: Error) => void } = {}): Promise<{ ran: number; failed: number }> {
  const out = { ran: 0, failed: 0 };
  const tried = new Set<number>();
  for (;;) {
    const id = await claimAnalysisJob(prisma, opts.all);
    // A failed job is leased again by the claim; with `all` it would come straight back: once per drain is enough.
    if (id === undefined || tried.has(id)) return out;
    tried.add(id);
    try {
      await runAnalysisJob(prisma, events, id);
      out.ran++;
    } catch (e) {
      out.failed++;
      opts.onError?.(id, e as Error);
    }
  }
}

/** Done jobs are kept a day (to see what ran), then removed by the runners. */
export const DONE_RETENTION_HOURS = 24;

/** Removes done jobs older than the retention; returns how many. */
export async function pruneAnalysisJobs(prisma: PrismaClient, now = new Date()): Promise<number> {
  const r = await prisma.analysisJob.deleteMany({ where: { state: "DONE", doneAt: { lt: new Date(now.getTime() - DONE_RETENTION_HOURS * 3600_000) } } });
  return r.count;
}

/**
 * Called by a write right after its commit: the crash hook for tests, then the job run inline (the API answers with
 * the contradictions it found, as before the queue). An inline failure leaves the job pending for a runner.
 */
export async function afterCommit(prisma: PrismaClient, events: Events, jobId: number, opts: JobOptions): Promise<RefreshResult> {
  if (opts.crashAfterCommit) process.kill(process.pid, "SIGKILL");
  return runAnalysisJob(prisma, events, jobId);
}

/** An in-process runner: drains due jobs every `intervalMs` (unref'd, so it never keeps the process alive). */
export function startAnalysisRunner(prisma: PrismaClient, events: Events, opts: { intervalMs: number; onError?: (jobId: number, e: Error) => void }): { stop(): Promise<void> } {
  let running: Promise<unknown> | undefined;
  const timer = setInterval(() => {
    running ??= drainAnalysisJobs(prisma, events, { onError: opts.onError })
      .then(() => pruneAnalysisJobs(prisma))
      .catch(() => undefined)
      .finally(() => (running = undefined));
  }, opts.intervalMs);
  timer.unref();
  return {
    async stop() {
      clearInterval(timer);
      await running;
    },
  };
}
