import { readFileSync } from "node:fs";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "@jest/globals";
import { openDatabase, type Database } from "../../src/db/client.js";
import { createEvents } from "../../src/events/bus.js";
import { createServices } from "../../src/services/index.js";
import { contentHash } from "../../src/services/ingest.js";
import { createGainsayYoga } from "../../src/server/yoga.js";
import { article } from "../../bench/scale/corpus.js";

// PGlite stores a source in several short transactions (services/ingest.ts storeInChunks), so that reads get the one
// connection between them; the source and its statements must stay out of every read until the last one commits
// (the Source and Statement views, migration 20261206120000_pending_sources). A small chunk makes an example
// article take many transactions; the store's hook reads the API between them. PGlite only: PostgreSQL stores a
// source in one transaction.
const root = path.resolve(path.dirname(new URL(import.meta.url).pathname), "../..");
const first = readFileSync(path.join(root, "examples/articles/01-border-strike.txt"), "utf8");
// Synthetic articles (bench/scale/corpus.ts: own words, fictional names), joined into texts of a few dozen statements.
const synthetic = (...ids: number[]) => ids.map((i) => article(i).text).join("\n\n");
const second = synthetic(400, 401, 402);
const CHUNK = 4;

let db: Database;
let hook: ((sourceId: number, stored: number, total: number) => Promise<void>) | undefined;
let services: ReturnType<typeof createServices>;
let yoga: ReturnType<typeof createGainsayYoga>;

beforeAll(async () => {
  db = await openDatabase({ dataDir: "memory://" });
  const events = createEvents();
  services = createServices(db.prisma, events, { storeChunk: CHUNK, onStoreChunk: (...a) => hook?.(...a) });
  yoga = createGainsayYoga({ prisma: db.prisma, events, services, apiKeys: [] });
}, 60_000);
afterAll(async () => {
  await db?.close();
});

async function api(query: string, variables?: Record<string, unknown>) {
  const res = await yoga.fetch("http://test/graphql", { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify({ query, variables }) });
  const json = (await res.json()) as { data?: Record<string, any>; errors?: unknown[] };
  expect(json.errors).toBeUndefined();
  return json.data!;
}

const gid = (type: string, id: number) => Buffer.from(`${type}:${id}`).toString("base64");
const count = async (sql: string) => Number((await db.prisma.$queryRawUnsafe<Array<{ n: bigint }>>(sql))[0]!.n);
const READS = `query ($source: ID!, $statement: ID!) {
  sources(first: 50) { totalCount }
  statements(first: 50) { totalCount edges { node { id } } }
  source: node(id: $source) { id }
  statement: node(id: $statement) { id }
}`;

describe("a chunked store (PGlite)", () => {
  it("keeps the source and its statements out of every read until its last transaction commits", async () => {
    await services.ingest({ text: first, title: "01" });
    const before = await api(READS, { source: gid("Source", 1), statement: gid("Statement", 1) });
    const jobsBefore = await db.prisma.analysisJob.count();
    const seen: Array<{ stored: number; rows: number }> = [];
    let hidden: Record<string, unknown> | undefined;
    hook = async (sourceId, stored) => {
      // What is in the tables by now: the source row and the statements of the chunks committed so far.
      const rows = await count(`SELECT count(*) AS n FROM "StatementRow" WHERE "sourceId" = ${sourceId}`);
      const lastId = await count(`SELECT coalesce(max(id), 0) AS n FROM "StatementRow" WHERE "sourceId" = ${sourceId}`);
      seen.push({ stored, rows });
      expect(await count(`SELECT count(*) AS n FROM "SourceRow" WHERE id = ${sourceId}`)).toBe(1);
      // None of it reaches a read: the API's lists, node(id) of the source and of its newest statement, the
      // look-up by content hash an ingest of the same text makes, the refresh's joined read.
      const reads = await api(READS, { source: gid("Source", sourceId), statement: gid("Statement", lastId || 1) });
      expect(reads.sources.totalCount).toBe(before.sources.totalCount);
      expect(reads.statements.totalCount).toBe(before.statements.totalCount);
      expect(reads.source).toBeNull();
      if (lastId) expect(reads.statement).toBeNull();
      expect(await db.prisma.source.findUnique({ where: { contentHash: contentHash(second) } })).toBeNull();
      expect(await db.prisma.statement.count({ where: { sourceId } })).toBe(0);
      expect(await count(`SELECT count(*) AS n FROM "Statement" s JOIN "Source" so ON so.id = s."sourceId" WHERE s."sourceId" = ${sourceId}`)).toBe(0);
      // Its analysis job comes with the transaction that shows it.
      expect(await db.prisma.analysisJob.count()).toBe(jobsBefore);
      hidden = reads;
    };
    let r;
    try {
      r = await services.ingest({ text: second, title: "400-402" });
    } finally {
      hook = undefined;
    }
    expect(hidden).toBeDefined();
    // Many transactions, each adding CHUNK statements, and the rows really were in the tables while hidden.
    expect(seen.length).toBeGreaterThan(2);
    expect(seen.at(-1)!.rows).toBe(r.statementIds.length);
    expect(seen.every((s) => s.rows === s.stored)).toBe(true);
    expect(seen[1]!.rows).toBe(CHUNK);
    // Then all of it at once, with its job.
    expect(r.created).toBe(true);
    const after = await api(READS, { source: gid("Source", r.sourceId), statement: gid("Statement", r.statementIds.at(-1)!) });
    expect(after.sources.totalCount).toBe(before.sources.totalCount + 1);
    expect(after.statements.totalCount).toBe(before.statements.totalCount + r.statementIds.length);
    expect(after.source).toEqual({ id: gid("Source", r.sourceId) });
    expect(after.statement).toEqual({ id: gid("Statement", r.statementIds.at(-1)!) });
    expect(await db.prisma.analysisJob.count()).toBe(jobsBefore + 1);
    expect(await count(`SELECT count(*) AS n FROM "PendingSource"`)).toBe(0);
  }, 120_000);

  it("removes what it stored when it fails between transactions, and the same text then stores anew", async () => {
    // Speakers and events no earlier text had.
    const text = synthetic(300, 301, 302);
    const tables = async () => ({
      sources: await count(`SELECT count(*) AS n FROM "SourceRow"`),
      statements: await count(`SELECT count(*) AS n FROM "StatementRow"`),
      speakers: await count(`SELECT count(*) AS n FROM "Speaker"`),
      events: await count(`SELECT count(*) AS n FROM "Event"`),
      claimKeys: await count(`SELECT count(*) AS n FROM "ClaimKey"`),
      pending: await count(`SELECT count(*) AS n FROM "PendingSource"`),
      jobs: await db.prisma.analysisJob.count(),
    });
    const before = await tables();
    let calls = 0;
    let during: Awaited<ReturnType<typeof tables>> | undefined;
    hook = async () => {
      if (++calls < 3) return;
      during = await tables();
      throw new Error("stopped between two transactions");
    };
    try {
      await expect(services.ingest({ text, title: "01 again" })).rejects.toThrow("stopped between two transactions");
    } finally {
      hook = undefined;
    }
    // It had stored the source, new speakers and events, statements and their keys; all of it is gone.
    expect(during!.sources).toBe(before.sources + 1);
    expect(during!.speakers).toBeGreaterThan(before.speakers);
    expect(during!.events).toBeGreaterThan(before.events);
    expect(during!.statements).toBe(before.statements + 2 * CHUNK);
    expect(during!.claimKeys).toBeGreaterThan(before.claimKeys);
    expect(during!.pending).toBe(1);
    expect(await tables()).toEqual(before);
    const r = await services.ingest({ text, title: "01 again" });
    expect(r.created).toBe(true);
    expect(r.statementIds.length).toBeGreaterThan(2 * CHUNK);
  }, 120_000);

  it("stores the same text sent twice at once as one source", async () => {
    const text = synthetic(500, 501);
    const both = await Promise.all([services.ingest({ text, title: "a" }), services.ingest({ text, title: "b" })]);
    expect(both.map((b) => b.created).sort()).toEqual([false, true]);
    expect(both[0]!.sourceId).toBe(both[1]!.sourceId);
    expect(both[0]!.statementIds).toEqual(both[1]!.statementIds);
    expect(await db.prisma.source.count({ where: { contentHash: contentHash(text) } })).toBe(1);
  }, 120_000);
});
