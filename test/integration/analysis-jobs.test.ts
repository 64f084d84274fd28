import { readFileSync } from "node:fs";
import path from "node:path";
import pg from "pg";
import { afterAll, beforeAll, describe, expect, it } from "@jest/globals";
import { createEvents } from "../../src/events/bus.js";
import { quietWorkerLogger } from "../../src/db/client.js";
import { createServices } from "../../src/services/index.js";
import { refreshContradictions } from "../../src/services/contradictions.js";
import { DONE_RETENTION_HOURS, drainAnalysisJobs, enqueueAnalysis, pruneAnalysisJobs, REFRESH_TASK, startGraphileRunner } from "../../src/services/jobs.js";
import { RUNNER_APP_PREFIX } from "../../src/services/runner-recovery.js";
import { testDatabase } from "../helpers/db.js";

// The analysis-job outbox in-process: what a write records, what runners run. PGlite (the AnalysisJob table, drained
// in-process), or TEST_DATABASE_URL's PostgreSQL (graphile-worker's queue, per-block advisory locks).
const root = path.resolve(path.dirname(new URL(import.meta.url).pathname), "../..");
const article = readFileSync(path.join(root, "examples/articles/01-border-strike.txt"), "utf8");
const article2 = readFileSync(path.join(root, "examples/articles/02-bridge-reopens.txt"), "utf8");
let db: Awaited<ReturnType<typeof testDatabase>>;
const events = createEvents();
const onPg = !!process.env.TEST_DATABASE_URL;
if (!onPg) console.log("analysis-jobs: the graphile-worker cases skipped (set TEST_DATABASE_URL to run them)");

beforeAll(async () => {
  db = await testDatabase();
});
afterAll(async () => {
  await db?.close();
});

const contradictionKeys = async () => (await db.prisma.contradiction.findMany({ select: { key: true }, orderBy: { key: "asc" } })).map((c) => c.key);
const allKeys = async () => (await db.prisma.statement.findMany({ distinct: ["propKey"], select: { propKey: true } })).map((k) => k.propKey).filter(Boolean);
const graphileJobs = () => db.prisma.$queryRaw<Array<{ task_identifier: string; payload: { kind: string; propKeys: string[] }; key: string | null }>>`
  SELECT t.identifier AS task_identifier, j.payload, j.key FROM graphile_worker._private_jobs j JOIN graphile_worker._private_tasks t ON t.id = j.task_id ORDER BY j.id`; // the public view omits payloads

/**
 * A refresh runner (what a server passes as JobOptions.refresh) that counts its calls and holds the first one at a
 * gate until `release()`: the real refreshContradictions runs after the gate, so the contradictions are real.
 */
function gatedRefresh() {
  const calls: string[][] = [];
  let release!: () => void;
  const gate = new Promise<void>((r) => (release = r));
  let entered!: () => void;
  const held = new Promise<void>((r) => (entered = r));
  const refresh = async (keys: string[]) => {
    calls.push(keys);
    if (calls.length === 1) {
      entered();
      await gate;
    }
    return refreshContradictions(db.prisma, events, keys);
  };
  return { calls, refresh, held, release };
}

/** The start of both grace tests: every contradiction deleted (the one refresh must bring them all back), a gated
 * refresh, and services whose jobs have the given grace. */
async function heldRefreshSetup(graceSeconds: number) {
  const expected = await contradictionKeys();
  expect(expected.length).toBeGreaterThan(0);
  await db.prisma.contradiction.deleteMany({});
  const keys = await allKeys();
  const g = gatedRefresh();
  return { expected, keys, g, services: createServices(db.prisma, events, { graceSeconds, refresh: g.refresh }) };
}

(onPg ? describe.skip : describe)("analysis jobs on PGlite (the AnalysisJob table)", () => {
  it("an ingest records one job with its keys in its transaction and runs it inline: done, once", async () => {
    const services = createServices(db.prisma, events, { graceSeconds: 30 });
    const r = await services.ingest({ text: article, title: "01" });
    expect(r.created).toBe(true);
    const jobs = await db.prisma.analysisJob.findMany();
    expect(jobs).toHaveLength(1);
    const keys = (await db.prisma.statement.findMany({ where: { sourceId: r.sourceId }, distinct: ["propKey"], select: { propKey: true } })).map((k) => k.propKey).filter(Boolean).sort();
    expect(jobs[0]).toMatchObject({ kind: "ingest", state: "DONE", attempts: 1, propKeys: keys });
    expect(r.contradictionIds.length).toBeGreaterThan(0);
    // Re-ingesting the same text writes nothing, so it queues nothing.
    expect((await services.ingest({ text: article })).created).toBe(false);
    expect(await db.prisma.analysisJob.count()).toBe(1);
  });

  it("a job in its grace period is left to its request; start-up (all) takes it", async () => {
    const job = await enqueueAnalysis(db.prisma, "pglite", "mergeSpeakers", await allKeys(), 60);
    expect(await drainAnalysisJobs(db.prisma, events)).toEqual({ ran: 0, failed: 0 });
    expect(await drainAnalysisJobs(db.prisma, events, { all: true })).toEqual({ ran: 1, failed: 0 });
    expect(await db.prisma.analysisJob.findUniqueOrThrow({ where: { id: job.backend === "pglite" ? job.id : -1 } })).toMatchObject({ state: "DONE", attempts: 1 });
  });

  it("concurrent drains run each due job exactly once, and the contradictions stay as they were", async () => {
    const before = await contradictionKeys();
    const keys = await allKeys();
    const ids: number[] = [];
    for (let i = 0; i < 6; i++) {
      const job = await enqueueAnalysis(db.prisma, "pglite", "updateStatement", keys.slice(i % 3), 0);
      if (job.backend === "pglite") ids.push(job.id);
    }
    const runs = await Promise.all([1, 2, 3].map(() => drainAnalysisJobs(db.prisma, events)));
    expect(runs.reduce((s, r) => s + r.ran, 0)).toBe(ids.length);
    expect(runs.every((r) => r.failed === 0)).toBe(true);
    const jobs = await db.prisma.analysisJob.findMany({ where: { id: { in: ids } } });
    expect(jobs.map((j) => [j.state, j.attempts])).toEqual(ids.map(() => ["DONE", 1]));
    expect(await contradictionKeys()).toEqual(before);
  });

  it("a write that fails records no job", async () => {
    const services = createServices(db.prisma, events);
    const count = await db.prisma.analysisJob.count();
    await expect(services.writeAndRefresh("deleteSource", async (tx) => {
      await tx.source.delete({ where: { id: 987654 } });
      return { value: undefined, propKeys: ["x"] };
    })).rejects.toMatchObject({ code: "P2025" });
    expect(await db.prisma.analysisJob.count()).toBe(count);
  });

  it("an inline refresh that outlasts its grace is not run a second time by the runner; the contradictions are right after", async () => {
    const { expected, keys, g, services } = await heldRefreshSetup(0);
    const write = services.writeAndRefresh("mergeSpeakers", async () => ({ value: undefined, propKeys: keys }));
    await g.held; // committed, its job recorded, and its inline refresh running (held) past the job's grace of 0 s
    const job = await db.prisma.analysisJob.findFirstOrThrow({ orderBy: { id: "desc" } });
    expect(job).toMatchObject({ kind: "mergeSpeakers", state: "PENDING" });
    expect(job.runAfter.getTime()).toBeLessThanOrEqual(Date.now());
    // The in-process runner's drain, and a start-up drain, leave the job to the request that is running it.
    expect(await services.drainJobs()).toEqual({ ran: 0, failed: 0 });
    expect(await services.drainJobs(true)).toEqual({ ran: 0, failed: 0 });
    expect(g.calls).toHaveLength(1);
    g.release();
    const { refreshed } = await write;
    expect(g.calls).toHaveLength(1);
    expect(refreshed.created).toBe(expected.length);
    expect(await db.prisma.analysisJob.findUniqueOrThrow({ where: { id: job.id } })).toMatchObject({ state: "DONE", attempts: 1 });
    expect(await contradictionKeys()).toEqual(expected);
    expect(await services.drainJobs()).toEqual({ ran: 0, failed: 0 });
  });

  it("pruning removes done jobs past the retention only, never pending ones", async () => {
    const pending = await enqueueAnalysis(db.prisma, "pglite", "ingest", ["k"], 3600);
    const done = await db.prisma.analysisJob.count({ where: { state: "DONE" } });
    expect(done).toBeGreaterThan(0);
    expect(await pruneAnalysisJobs(db.prisma)).toBe(0);
    const later = new Date(Date.now() + (DONE_RETENTION_HOURS + 1) * 3600_000);
    expect(await pruneAnalysisJobs(db.prisma, later)).toBe(done);
    expect(await db.prisma.analysisJob.findMany({ select: { id: true, state: true } })).toEqual([{ id: pending.backend === "pglite" ? pending.id : -1, state: "PENDING" }]);
  });
});

(onPg ? describe : describe.skip)("analysis jobs on PostgreSQL (graphile-worker)", () => {
  it("an ingest adds a graphile-worker job in its transaction; the inline refresh removes it", async () => {
    const services = createServices(db.prisma, events, { graceSeconds: 30 });
    const r = await services.ingest({ text: article, title: "01" });
    expect(r.created).toBe(true);
    expect(r.contradictionIds.length).toBeGreaterThan(0);
    expect(await graphileJobs()).toEqual([]);
    // PGlite's table is not used on PostgreSQL.
    expect(await db.prisma.analysisJob.count()).toBe(0);
  });

  it("a job committed with its write waits for its grace, and is gone when the write rolls back", async () => {
    const keys = await allKeys();
    await db.prisma.$transaction(async (tx) => void (await enqueueAnalysis(tx, "postgres", "mergeSpeakers", keys, 3600)));
    const jobs = await graphileJobs();
    expect(jobs.map((j) => [j.task_identifier, j.payload.kind, j.payload.propKeys])).toEqual([[REFRESH_TASK, "mergeSpeakers", [...keys].sort()]]);
    expect(jobs[0]!.key).toMatch(/^refresh:/);
    await db.prisma.$queryRaw`SELECT graphile_worker.remove_job(${jobs[0]!.key})`;

    await expect(db.prisma.$transaction(async (tx) => {
      await enqueueAnalysis(tx, "postgres", "deleteSource", keys, 0);
      await tx.source.delete({ where: { id: 987654 } });
    })).rejects.toMatchObject({ code: "P2025" });
    expect(await graphileJobs()).toEqual([]);
  });

  it("graphile-worker runs a job a crashed request left: the contradictions appear, the queue empties", async () => {
    // A second article written and queued as a request would, but never refreshed inline (as if the process died).
    const services = createServices(db.prisma, events, { graceSeconds: 0 });
    for (const text of [article, article2]) await services.ingest({ text }); // their sources and statements (refreshed inline)
    const expected = await contradictionKeys();
    expect(expected.length).toBeGreaterThan(0);
    // Undo what the refreshes did: the job below must bring it all back.
    await db.prisma.contradiction.deleteMany({});
    const keys = await allKeys();
    await db.prisma.$transaction(async (tx) => void (await enqueueAnalysis(tx, "postgres", "ingest", keys, 0)));
    const runner = await startGraphileRunner({ pool: db.pool!, prisma: db.prisma, events, concurrency: 2, logger: quietWorkerLogger, pollInterval: 200 });
    try {
      for (let i = 0; i < 300 && (await graphileJobs()).length > 0; i++) await new Promise((r) => setTimeout(r, 100));
      // The runner shows itself alive by its named LISTEN connection (what dead-runner recovery looks for).
      const named = await db.prisma.$queryRaw<Array<{ application_name: string }>>`SELECT application_name FROM pg_stat_activity WHERE datname = current_database() AND application_name LIKE ${RUNNER_APP_PREFIX + "%"}`;
      expect(named.map((r) => r.application_name)).toEqual([expect.stringMatching(/^gainsay-runner:pool-[0-9a-f]+$/)]);
    } finally {
      await runner.stop();
    }
    expect(await graphileJobs()).toEqual([]);
    expect(await contradictionKeys()).toEqual(expected);
  });

  it("a refresh waits for the advisory lock of a block another transaction holds, then runs", async () => {
    const before = await contradictionKeys();
    const keys = await allKeys();
    const block = keys[0]!.split(" ")[0]!;
    const holder = new pg.Client({ connectionString: (db.pool as unknown as { options: { connectionString: string } }).options.connectionString });
    await holder.connect();
    try {
      await holder.query("BEGIN");
      await holder.query("SELECT pg_advisory_xact_lock(hashtext($1))", [block]);
      let finished = false;
      const refresh = refreshContradictions(db.prisma, events, keys).then((r) => ((finished = true), r));
      // The refresh's transaction shows up waiting on an advisory lock.
      let waiting = 0;
      for (let i = 0; i < 100 && waiting === 0; i++) {
        await new Promise((r) => setTimeout(r, 100));
        waiting = Number((await holder.query(`SELECT count(*) AS n FROM pg_locks WHERE locktype = 'advisory' AND NOT granted AND database = (SELECT oid FROM pg_database WHERE datname = current_database())`)).rows[0].n);
      }
      expect(waiting).toBe(1);
      expect(finished).toBe(false);
      await holder.query("COMMIT");
      await refresh;
      expect(finished).toBe(true);
    } finally {
      await holder.end();
    }
    expect(await contradictionKeys()).toEqual(before);
  });

  it("an inline refresh that outlasts its grace is not run a second time by a runner: its job is pushed back while it runs", async () => {
    const { expected, keys, g, services } = await heldRefreshSetup(1);
    // A runner polling every 100 ms with the same refresh: it would take the job one grace after its commit.
    const runner = await startGraphileRunner({ pool: db.pool!, prisma: db.prisma, events, concurrency: 1, logger: quietWorkerLogger, pollInterval: 100, refresh: g.refresh });
    try {
      const write = services.writeAndRefresh("mergeSpeakers", async () => ({ value: undefined, propKeys: keys }));
      await g.held;
      const runAt = async () => (await db.prisma.$queryRaw<Array<{ run_at: Date; now: Date }>>`SELECT run_at, now() AS now FROM graphile_worker._private_jobs`)[0];
      const first = await runAt();
      expect(first).toBeDefined();
      // Held for more than two graces: its run_at is put a grace ahead again and again, so it is never due.
      const seen = new Set([first!.run_at.getTime()]);
      let last = first!;
      for (let i = 0; i < 200 && (seen.size < 3 || last.now.getTime() <= first!.run_at.getTime() + 1000); i++) {
        await new Promise((r) => setTimeout(r, 100));
        last = (await runAt())!;
        expect(last).toBeDefined(); // gone: a runner took the job (and ran the refresh a second time)
        seen.add(last.run_at.getTime());
      }
      expect(seen.size).toBeGreaterThanOrEqual(3);
      expect(last.now.getTime()).toBeGreaterThan(first!.run_at.getTime());
      expect(g.calls).toHaveLength(1);
      g.release();
      const { refreshed } = await write;
      expect(refreshed.created).toBe(expected.length);
    } finally {
      g.release();
      await runner.stop();
    }
    expect(g.calls).toHaveLength(1);
    expect(await graphileJobs()).toEqual([]);
    expect(await contradictionKeys()).toEqual(expected);
  });

  it("concurrent refreshes of the same blocks give the contradictions of one", async () => {
    const before = await contradictionKeys();
    const keys = await allKeys();
    await Promise.all([keys, keys.slice(1), [...keys].reverse(), keys].map((k) => refreshContradictions(db.prisma, events, k)));
    expect(await contradictionKeys()).toEqual(before);
  });
});
