import type { TaskList } from "graphile-worker";
import { Prisma, type PrismaClient } from "../generated/prisma/client.js";
import { backendOf } from "../db/client.js";
import type { Events } from "../events/bus.js";
import { InputError } from "./errors.js";
import { ingestSource, ingestUrl, readIngest, type IngestInput, type ValidIngest } from "./ingest.js";
import type { JobOptions } from "./jobs.js";

/** graphile-worker's task name for one text of a batch (PostgreSQL). */
export const INGEST_TASK = "ingest_source";

/** Attempts per text before it is recorded as failed (an error it caused itself fails it at once). */
export const MAX_INGEST_ATTEMPTS = 5;

/**
 * Validates every input (the first bad one is an InputError naming `inputs[i].field`, and nothing is queued), then
 * records the batch and its items and queues them, all in one transaction: on PostgreSQL one graphile-worker job per
 * text (any worker or server takes them, several at once); on PGlite the server process runs them in order
 * (`kick`). Returns the batch's id.
 */
export async function enqueueIngestBatch(prisma: PrismaClient, inputs: IngestInput[]): Promise<number> {
  if (inputs.length === 0) throw new InputError("inputs must not be empty", "inputs");
  const valid: ValidIngest[] = [];
  for (const [i, input] of inputs.entries()) {
    try {
      valid.push(await readIngest(input));
    } catch (e) {
      if (e instanceof InputError) throw new InputError(`inputs[${i}]: ${e.message}`, `inputs[${i}]${e.field ? `.${e.field}` : ""}`, e.code);
      throw e;
    }
  }
  return enqueueItems(prisma, valid.map(({ htmlExtractor: _e, ...v }) => ({ ...v, ...(v.html ? { text: undefined } : {}), publishedAt: v.publishedAt?.toISOString() }) as Prisma.InputJsonValue));
}

/** At most this many URLs per ingestUrls batch. */
export const MAX_URL_BATCH = 100;

/**
 * Queues web pages (ingestUrls): each item is `{ fetch: url }`, fetched and ingested when it runs (ingestUrl, with
 * its limits); a fetch failure fails that item with its code in the message. Only the URLs' form is checked here.
 */
export async function enqueueUrlBatch(prisma: PrismaClient, urls: string[]): Promise<number> {
  if (urls.length === 0) throw new InputError("urls must not be empty", "urls");
  if (urls.length > MAX_URL_BATCH) throw new InputError(`urls: at most ${MAX_URL_BATCH} per batch`, "urls");
  const items = urls.map((raw, i) => {
    let u: URL;
    try {
      u = new URL(raw.trim());
    } catch {
      throw new InputError(`urls[${i}]: "${raw.slice(0, 100)}" is not a valid URL`, `urls[${i}]`);
    }
    if (u.protocol !== "http:" && u.protocol !== "https:") throw new InputError(`urls[${i}]: use http or https`, `urls[${i}]`);
    return { fetch: u.href };
  });
  return enqueueItems(prisma, items);
}

async function enqueueItems(prisma: PrismaClient, inputs: Prisma.InputJsonValue[]): Promise<number> {
  return prisma.$transaction(
    async (tx) => {
      const job = await tx.ingestJob.create({ data: { total: inputs.length }, select: { id: true } });
      const items = await tx.ingestJobItem.createManyAndReturn({
        data: inputs.map((input, position) => ({ jobId: job.id, position, input })),
        select: { id: true },
      });
      if (backendOf(prisma) === "postgres") {
        const ids = items.map((i) => i.id);
        // graphile-worker takes due jobs by run_at (no tie-break): a microsecond apart, they are taken in input order.
        await tx.$queryRaw`SELECT count(*) FROM (SELECT graphile_worker.add_job(${INGEST_TASK}, json_build_object('itemId', id), run_at => now() + n * interval '1 microsecond',
          max_attempts => ${MAX_INGEST_ATTEMPTS}::int, job_key => 'ingest:' || id) FROM unnest(${ids}::int[]) WITH ORDINALITY AS u(id, n) ORDER BY n) AS added`;
      }
      return job.id;
    },
    { timeout: 60_000, maxWait: 30_000 },
  );
}

/**
 * Ingests one item of a batch (a graphile-worker task on PostgreSQL, PGlite's runner otherwise) and records the
 * outcome with the batch's counters. An item already done or failed is left alone, so a retried job does nothing
 * twice; an ingest that committed before a crash is found again by its content hash (`created: false`). An error the
 * text causes (InputError), or any error on the last attempt, fails the item; others are thrown for a retry.
 */
export async function runIngestItem(prisma: PrismaClient, events: Events, itemId: number, jobs: JobOptions, lastAttempt: boolean): Promise<void> {
  const item = await prisma.ingestJobItem.findUnique({ where: { id: itemId }, select: { jobId: true, state: true, input: true } });
  if (!item || item.state !== "PENDING") return;
  await prisma.ingestJob.updateMany({ where: { id: item.jobId, state: "QUEUED" }, data: { state: "RUNNING" } });
  await prisma.ingestJobItem.update({ where: { id: itemId }, data: { attempts: { increment: 1 } } });
  let outcome: { state: "DONE"; sourceId: number; created: boolean } | { state: "FAILED"; error: string };
  try {
    const input = item.input as unknown as IngestInput & { fetch?: string };
    const r = typeof input.fetch === "string" ? await ingestUrl(prisma, events, { url: input.fetch }, jobs) : await ingestSource(prisma, events, input, jobs);
    outcome = { state: "DONE", sourceId: r.sourceId, created: r.created };
  } catch (e) {
    if (!(e instanceof InputError) && !lastAttempt) throw e;
    outcome = { state: "FAILED", error: String((e as Error).message).slice(0, 2000) };
  }
  await prisma.$transaction(async (tx) => {
    const moved = await tx.ingestJobItem.updateMany({
      where: { id: itemId, state: "PENDING" },
      data: { ...outcome, input: Prisma.DbNull, doneAt: new Date() },
    });
    if (moved.count === 0) return;
    await tx.ingestJob.update({ where: { id: item.jobId }, data: outcome.state === "DONE" ? { done: { increment: 1 } } : { failed: { increment: 1 } } });
    await tx.$executeRaw`UPDATE "IngestJob" SET state = 'DONE', "finishedAt" = now() WHERE id = ${item.jobId} AND done + failed >= total AND state <> 'DONE'`;
  });
  events.publish("ingestJobProgress", item.jobId, { jobId: item.jobId });
}

/** The graphile-worker task for a batch's texts (PostgreSQL). */
export function ingestTasks(prisma: PrismaClient, events: Events, jobs: JobOptions): TaskList {
  return {
    [INGEST_TASK]: async (payload, helpers) => {
      const itemId = (payload as { itemId?: unknown } | null)?.itemId;
      if (typeof itemId !== "number") throw new Error(`services/ingest-batch: ${INGEST_TASK} payload has no itemId`);
      await runIngestItem(prisma, events, itemId, jobs, helpers.job.attempts >= helpers.job.max_attempts);
    },
  };
}

/**
 * PGlite's batch runner, in the server process: runs pending items one at a time, oldest batch first and each in
 * order. `kick` starts a pass unless one is running (it then goes round again); a crash leaves items pending, and the
 * start-up `kick` resumes them. An item that throws is retried on the next pass, up to MAX_INGEST_ATTEMPTS.
 */
export function createIngestRunner(prisma: PrismaClient, events: Events, jobs: JobOptions, onError?: (itemId: number, e: Error) => void) {
  let running: Promise<void> | undefined;
  let again = false;
  const pass = async () => {
    const tried = new Set<number>();
    for (;;) {
      const item = await prisma.ingestJobItem.findFirst({
        where: { state: "PENDING", id: { notIn: [...tried] } },
        orderBy: [{ jobId: "asc" }, { position: "asc" }],
        select: { id: true, attempts: true },
      });
      if (!item) return;
      tried.add(item.id);
      try {
        await runIngestItem(prisma, events, item.id, jobs, item.attempts + 1 >= MAX_INGEST_ATTEMPTS);
      } catch (e) {
        onError?.(item.id, e as Error);
      }
    }
  };
  const kick = (): Promise<void> => {
    if (running) {
      again = true;
      return running;
    }
    running = (async () => {
      do {
        again = false;
        await pass().catch((e: Error) => onError?.(0, e));
      } while (again);
    })().finally(() => (running = undefined));
    return running;
  };
  return { kick, idle: () => running ?? Promise.resolve() };
}
