import { randomUUID } from "node:crypto";
import type pg from "pg";
import { EventEmitter } from "node:events";
import { Logger as WorkerLogger, run as runWorker, type Runner, type TaskList, type WorkerEvents } from "graphile-worker";
import type { Prisma, PrismaClient } from "../generated/prisma/client.js";
import { backendOf, type Backend } from "../db/backend.js";
import type { Events } from "../events/bus.js";
import { refreshContradictions, type RefreshResult } from "./contradictions.js";
import type { PipelineRunner, RefreshRunner } from "./pipeline-thread.js";
import { nameListenConnection, unlockDeadRunners } from "./runner-recovery.js";

/** What a write needs from the job queue: its kind and the proposition keys whose contradictions it changed. */
export type AnalysisKind = "ingest" | "addStatement" | "updateStatement" | "mergeSpeakers" | "deleteSource";

export type JobOptions = {
  /** How long a runner leaves a new job to the request that made it (GAINSAY_JOB_GRACE_SECONDS). */
  graceSeconds?: number;
  /** Test hook (GAINSAY_TEST_CRASH_AFTER_COMMIT, honoured with NODE_ENV=test only): SIGKILL right after the commit. */
  crashAfterCommit?: boolean;
  /** Test hook (GAINSAY_TEST_CRASH_MID_STORE, NODE_ENV=test only): SIGKILL once a chunked store has committed its first statements. */
  crashMidStore?: boolean;
  /**
   * PGlite: statements per transaction when a source is stored (GAINSAY_STORE_CHUNK; services/ingest.ts STORE_CHUNK by
   * default); 0 stores the whole source in one transaction, as PostgreSQL always does.
   */
  storeChunk?: number;
  /** Test hook: awaited between the transactions of a chunked store, with the hidden source's id and the statements committed so far. */
  onStoreChunk?: (sourceId: number, stored: number, total: number) => Promise<void> | void;
  /** Where ingests run the extraction pipeline: a worker thread in servers and workers (createPipelineThread); inline by default. */
  pipeline?: PipelineRunner;
  /** Where contradiction refreshes run: the server's worker thread (createPipelineThread with a database); inline by default. */
  refresh?: RefreshRunner;
  /** How ingestUrl and queued URLs fetch pages (GAINSAY_ALLOW_PRIVATE_URLS; limits). */
  fetch?: import("./fetch-page.js").FetchOptions;
};

/** graphile-worker's task name for a contradiction refresh (PostgreSQL). */
export const REFRESH_TASK = "refresh_contradictions";

/** A job recorded by a write: a graphile-worker job key on PostgreSQL, an AnalysisJob row on PGlite. */
export type JobRef = { backend: "postgres"; key: string; id: string; propKeys: string[]; graceSeconds: number } | { backend: "pglite"; id: number };

export type RefreshPayload = { kind: AnalysisKind; propKeys: string[] };

const MAX_ATTEMPTS = 5;

/**
 * Records, inside the write's transaction, the contradiction refresh the write makes necessary (a transactional
 * outbox): if the process dies after the commit, the job is still there for a runner. On PostgreSQL it is a
 * graphile-worker job (`add_job` in the same transaction), due after the grace period; on PGlite an AnalysisJob row.
 */
export async function enqueueAnalysis(tx: Prisma.TransactionClient, backend: Backend, kind: AnalysisKind, propKeys: string[], graceSeconds = 30): Promise<JobRef> {
  const keys = [...new Set(propKeys.filter(Boolean))].sort();
  if (backend === "postgres") {
    const key = `refresh:${randomUUID()}`;
    const payload: RefreshPayload = { kind, propKeys: keys };
    const [row] = await tx.$queryRaw<Array<{ id: bigint }>>`SELECT (graphile_worker.add_job(${REFRESH_TASK}, ${JSON.stringify(payload)}::json,
      run_at => now() + make_interval(secs => ${graceSeconds}::double precision), max_attempts => ${MAX_ATTEMPTS}::int, job_key => ${key})).id`;
    return { backend, key, id: String(row!.id), propKeys: keys, graceSeconds };
  }
  const row = await tx.analysisJob.create({ data: { kind, propKeys: keys, runAfter: new Date(Date.now() + graceSeconds * 1000) }, select: { id: true } });
  return { backend, id: row.id };
}

/**
 * Called by a write right after its commit: the crash hook for tests, then the refresh run inline (the API answers
 * with the contradictions it found, as before the queue), then the job is removed (PostgreSQL) or marked done
 * (PGlite). An inline failure leaves the job for a runner. A refresh is idempotent (it recomputes the blocks from the
 * statements), so a job run twice, inline and by a runner after its grace, gives the same result.
 */
export async function afterCommit(prisma: PrismaClient, events: Events, job: JobRef, opts: JobOptions): Promise<RefreshResult> {
  if (opts.crashAfterCommit) process.kill(process.pid, "SIGKILL");
  if (job.backend === "pglite") return runAnalysisJob(prisma, events, job.id, opts.refresh);
  const release = holdJob(prisma, job);
  try {
    const r = await refresher(prisma, events, opts.refresh)(job.propKeys);
    // remove_job leaves a job a worker has locked (running it now): that run is harmless.
    await prisma.$queryRaw`SELECT (graphile_worker.remove_job(${job.key})).id`;
    return r;
  } finally {
    release();
  }
}

/**
 * Keeps a job away from the runners while its request refreshes inline (PostgreSQL): every half grace its run_at is
 * put a grace ahead again (graphile-worker's reschedule_jobs, which leaves a locked job alone), so an inline refresh
 * that outlasts the grace is not run a second time by a runner. If the process dies, the pushes stop and the job is
 * due one grace later at most. (Only a process stalled for longer than the grace lets a runner in; that run is
 * harmless: the advisory locks serialise the two, and a refresh run twice gives the same result.) Returns the stop.
 */
function holdJob(prisma: PrismaClient, job: Extract<JobRef, { backend: "postgres" }>): () => void {
  if (!(job.graceSeconds > 0)) return () => undefined;
  const push = () =>
    prisma.$queryRaw`SELECT count(*) FROM graphile_worker.reschedule_jobs(ARRAY[${job.id}::bigint], run_at => now() + make_interval(secs => ${job.graceSeconds}::double precision))`.catch(() => undefined);
  const timer = setInterval(() => void push(), job.graceSeconds * 500);
  timer.unref();
  return () => clearInterval(timer);
}

/** `refresh` (a worker thread's), else refreshContradictions on this thread. */
const refresher = (prisma: PrismaClient, events: Events, refresh?: RefreshRunner): RefreshRunner => refresh ?? ((keys) => refreshContradictions(prisma, events, keys));

/** The graphile-worker tasks (PostgreSQL): a refresh of the keys in the payload. Retried by graphile-worker on failure. */
export function analysisTasks(prisma: PrismaClient, events: Events, refresh?: RefreshRunner): TaskList {
  const run = refresher(prisma, events, refresh);
  return {
    [REFRESH_TASK]: async (payload) => {
      const p = payload as Partial<RefreshPayload> | null;
      if (!p || !Array.isArray(p.propKeys)) throw new Error(`services/jobs: ${REFRESH_TASK} payload has no propKeys`);
      await run(p.propKeys);
    },
  };
}

type Log = Record<"debug" | "info" | "warn" | "error", (msg: string, fields?: Record<string, unknown>) => void>;

/** graphile-worker's log lines in our structured log (its info lines at debug: it reports every job). */
export function graphileLogger(log: Log): WorkerLogger {
  return new WorkerLogger((scope) => (level, message, meta) => {
    const fields = { worker: scope.workerId, task: scope.taskIdentifier, jobId: scope.jobId, ...(meta?.error instanceof Error ? { error: meta.error.message } : {}) };
    if (level === "error") log.error(`graphile-worker: ${message}`, fields);
    else if (level === "warning") log.warn(`graphile-worker: ${message}`, fields);
    else log.debug(`graphile-worker: ${message}`, fields);
  });
}

/**
 * Starts graphile-worker in this process on the database's pool (PostgreSQL): `concurrency` jobs at once. Its LISTEN
 * connection is named after its pool, and every 15 s (and at start) it unlocks the jobs of runners that died
 * holding them (runner-recovery.ts), so a SIGKILLed worker's job is retried within a minute, not after four hours.
 */
export async function startGraphileRunner(opts: { pool: pg.Pool; prisma: PrismaClient; events: Events; concurrency: number; logger: WorkerLogger; tasks?: TaskList; pollInterval?: number; recoverEveryMs?: number; refresh?: RefreshRunner }): Promise<Runner> {
  const workerEvents = new EventEmitter() as WorkerEvents;
  workerEvents.on("pool:listen:success", ({ workerPool, client }) => nameListenConnection(client, workerPool.id));
  const recover = () =>
    unlockDeadRunners(opts.pool).then(
      (n) => void (n && opts.logger.warn(`unlocked ${n} job(s) of runners that stopped while running them`)),
      (e: Error) => opts.logger.warn(`could not look for dead runners: ${e.message}`),
    );
  await recover();
  const runner = await runWorker({
    pgPool: opts.pool,
    concurrency: opts.concurrency,
    noHandleSignals: true,
    pollInterval: opts.pollInterval ?? 2000,
    logger: opts.logger,
    events: workerEvents,
    taskList: { ...analysisTasks(opts.prisma, opts.events, opts.refresh), ...opts.tasks },
  });
  const timer = setInterval(() => void recover(), opts.recoverEveryMs ?? 15_000);
  timer.unref();
  const stop = runner.stop.bind(runner);
  runner.stop = async (reason?: string) => {
    clearInterval(timer);
    await stop(reason);
  };
  return runner;
}

// ---- PGlite: the AnalysisJob table, drained in the server's own process (the only one that may open the data). ----

// PGlite: the jobs this process is running now, by client. The one process that holds the data runs every job, so a
// job in this set is never taken a second time: a drain skips it (an inline refresh that outlasts its grace), and a
// second runAnalysisJob of it waits for the first's result.
const inFlight = new WeakMap<object, Map<number, Promise<RefreshResult>>>();
const inFlightOf = (prisma: object) => inFlight.get(prisma) ?? inFlight.set(prisma, new Map()).get(prisma)!;

/**
 * Runs one AnalysisJob (PGlite): refreshes the contradictions of its keys and marks it done; a failure is recorded.
 * A job this process is running already is not run again: the call waits for that run.
 */
export function runAnalysisJob(prisma: PrismaClient, events: Events, jobId: number, refresh?: RefreshRunner): Promise<RefreshResult> {
  const running = inFlightOf(prisma);
  const already = running.get(jobId);
  if (already) return already;
  const run = runJobOnce(prisma, events, jobId, refresh).finally(() => running.delete(jobId));
  running.set(jobId, run);
  return run;
}

async function runJobOnce(prisma: PrismaClient, events: Events, jobId: number, refresh?: RefreshRunner): Promise<RefreshResult> {
  const job = await prisma.analysisJob.findUnique({ where: { id: jobId }, select: { propKeys: true, state: true } });
  if (!job) throw new Error(`services/jobs: no analysis job ${jobId}`);
  try {
    const r = await refresher(prisma, events, refresh)(job.propKeys);
    await prisma.analysisJob.update({ where: { id: jobId }, data: { state: "DONE", doneAt: new Date(), attempts: { increment: 1 }, lastError: null } });
    return r;
  } catch (e) {
    const attempts = (await prisma.analysisJob.update({ where: { id: jobId }, data: { attempts: { increment: 1 }, lastError: String((e as Error).message).slice(0, 2000) }, select: { attempts: true } })).attempts;
    if (attempts >= MAX_ATTEMPTS) await prisma.analysisJob.update({ where: { id: jobId }, data: { state: "FAILED" } });
    throw e;
  }
}

// One drain at a time per client: the runner's tick, the start-up drain and a test's call never take the same job.
const draining = new WeakMap<object, Promise<unknown>>();

/**
 * Runs the pending AnalysisJobs (PGlite) whose grace period has passed (all pending ones with `all`, as at start-up,
 * where no request can be holding one), oldest first, one at a time. Returns how many ran and how many failed.
 */
export function drainAnalysisJobs(prisma: PrismaClient, events: Events, opts: { all?: boolean; onError?: (jobId: number, e: Error) => void; refresh?: RefreshRunner } = {}): Promise<{ ran: number; failed: number }> {
  if (backendOf(prisma) !== "pglite") return Promise.reject(new Error("services/jobs: the AnalysisJob table is PGlite's queue; on PostgreSQL graphile-worker runs the jobs"));
  const previous = draining.get(prisma) ?? Promise.resolve();
  const next = previous.catch(() => undefined).then(() => drainOnce(prisma, events, opts));
  draining.set(prisma, next);
  return next;
}

async function drainOnce(prisma: PrismaClient, events: Events, opts: { all?: boolean; onError?: (jobId: number, e: Error) => void; refresh?: RefreshRunner }) {
  const out = { ran: 0, failed: 0 };
  const tried = new Set<number>();
  for (;;) {
    // A failed job stays pending: once per drain is enough.
    // A job this process is running already (an inline refresh past its grace) is not run again.
    const job = await prisma.analysisJob.findFirst({
      where: { state: "PENDING", id: { notIn: [...tried, ...inFlightOf(prisma).keys()] }, ...(opts.all ? {} : { runAfter: { lte: new Date() } }) },
      orderBy: { id: "asc" },
      select: { id: true },
    });
    if (!job) return out;
    tried.add(job.id);
    try {
      await runAnalysisJob(prisma, events, job.id, opts.refresh);
      out.ran++;
    } catch (e) {
      out.failed++;
      opts.onError?.(job.id, e as Error);
    }
  }
}

/** Done jobs are kept a day (to see what ran), then removed by the runner. */
export const DONE_RETENTION_HOURS = 24;

/** Removes done AnalysisJobs older than the retention; returns how many. */
export async function pruneAnalysisJobs(prisma: PrismaClient, now = new Date()): Promise<number> {
  const r = await prisma.analysisJob.deleteMany({ where: { state: "DONE", doneAt: { lt: new Date(now.getTime() - DONE_RETENTION_HOURS * 3600_000) } } });
  return r.count;
}

/** PGlite's in-process runner: drains due jobs every `intervalMs` (unref'd, so it never keeps the process alive). */
export function startAnalysisRunner(prisma: PrismaClient, events: Events, opts: { intervalMs: number; onError?: (jobId: number, e: Error) => void; refresh?: RefreshRunner }): { stop(): Promise<void> } {
  let running: Promise<unknown> | undefined;
  const timer = setInterval(() => {
    running ??= drainAnalysisJobs(prisma, events, { onError: opts.onError, refresh: opts.refresh })
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
