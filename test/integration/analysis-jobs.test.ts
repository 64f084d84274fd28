import { readFileSync } from "node:fs";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "@jest/globals";
import { createEvents } from "../../src/events/bus.js";
import { createServices } from "../../src/services/index.js";
import { claimAnalysisJob, DONE_RETENTION_HOURS, drainAnalysisJobs, enqueueAnalysis, pruneAnalysisJobs } from "../../src/services/jobs.js";
import { testDatabase } from "../helpers/db.js";

// The analysis-job outbox in-process: what a write records, what runners claim and run. PGlite, or TEST_DATABASE_URL.
const root = path.resolve(path.dirname(new URL(import.meta.url).pathname), "../..");
const article = readFileSync(path.join(root, "examples/articles/01-border-strike.txt"), "utf8");
let db: Awaited<ReturnType<typeof testDatabase>>;
const events = createEvents();

beforeAll(async () => {
  db = await testDatabase();
});
afterAll(async () => {
  await db?.close();
});

describe("analysis jobs", () => {
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
    const keys = (await db.prisma.statement.findMany({ distinct: ["propKey"], select: { propKey: true } })).map((k) => k.propKey);
    const id = await enqueueAnalysis(db.prisma, "mergeSpeakers", keys, 60);
    expect(await claimAnalysisJob(db.prisma)).toBeUndefined();
    expect(await drainAnalysisJobs(db.prisma, events, { all: true })).toEqual({ ran: 1, failed: 0 });
    expect(await db.prisma.analysisJob.findUniqueOrThrow({ where: { id } })).toMatchObject({ state: "DONE", attempts: 1 });
  });

  it("concurrent runners run each due job exactly once, and the contradictions stay as they were", async () => {
    const before = (await db.prisma.contradiction.findMany({ select: { key: true }, orderBy: { key: "asc" } })).map((c) => c.key);
    const keys = (await db.prisma.statement.findMany({ distinct: ["propKey"], select: { propKey: true } })).map((k) => k.propKey);
    const ids: number[] = [];
    for (let i = 0; i < 6; i++) ids.push(await enqueueAnalysis(db.prisma, "updateStatement", keys.slice(i % 3), 0));
    const runs = await Promise.all([1, 2, 3].map(() => drainAnalysisJobs(db.prisma, events)));
    expect(runs.reduce((s, r) => s + r.ran, 0)).toBe(ids.length);
    expect(runs.every((r) => r.failed === 0)).toBe(true);
    const jobs = await db.prisma.analysisJob.findMany({ where: { id: { in: ids } } });
    expect(jobs.map((j) => [j.state, j.attempts])).toEqual(ids.map(() => ["DONE", 1]));
    expect((await db.prisma.contradiction.findMany({ select: { key: true }, orderBy: { key: "asc" } })).map((c) => c.key)).toEqual(before);
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

  it("pruning removes done jobs past the retention only, never pending ones", async () => {
    const pending = await enqueueAnalysis(db.prisma, "ingest", ["k"], 3600);
    const done = await db.prisma.analysisJob.count({ where: { state: "DONE" } });
    expect(done).toBeGreaterThan(0);
    expect(await pruneAnalysisJobs(db.prisma)).toBe(0);
    const later = new Date(Date.now() + (DONE_RETENTION_HOURS + 1) * 3600_000);
    expect(await pruneAnalysisJobs(db.prisma, later)).toBe(done);
    expect((await db.prisma.analysisJob.findMany({ select: { id: true, state: true } }))).toEqual([{ id: pending, state: "PENDING" }]);
  });
});
