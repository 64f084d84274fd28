import { readFileSync } from "node:fs";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "@jest/globals";
import type { Runner } from "graphile-worker";
import { IngestJobStatus, IngestSources } from "../../client/operations.js";
import { quietWorkerLogger } from "../../src/db/client.js";
import { createEvents } from "../../src/events/bus.js";
import { encodeGlobalId } from "../../src/schema/ids.js";
import { runIngestItem } from "../../src/services/ingest-batch.js";
import { createServices, workerTasks } from "../../src/services/index.js";
import { startGraphileRunner } from "../../src/services/jobs.js";
import { createTestApp, type TestApp } from "../helpers/app.js";

// ingestSources: a batch validated up front, queued, ingested after the answer (graphile-worker on PostgreSQL with
// TEST_DATABASE_URL, the server's in-order runner on PGlite), followed through ingestJob, node and a subscription.
const root = path.resolve(path.dirname(new URL(import.meta.url).pathname), "../..");
const read = (p: string) => readFileSync(path.join(root, p), "utf8");
const texts = [read("examples/articles/01-border-strike.txt"), read("examples/articles/02-bridge-reopens.txt"), read("test/fixtures/raid-notice.txt")];

let app: TestApp;
let runner: Runner | undefined;

beforeAll(async () => {
  app = await createTestApp();
  // On PostgreSQL the batch's texts are graphile-worker jobs: a runner here stands in for `npm run worker`.
  if (app.db.pool) runner = await startGraphileRunner({ pool: app.db.pool, prisma: app.db.prisma, events: app.events, concurrency: 2, logger: quietWorkerLogger, pollInterval: 200, tasks: workerTasks(app.db.prisma, app.events) });
});
afterAll(async () => {
  await runner?.stop();
  await app?.close();
});

type Status = NonNullable<Awaited<ReturnType<typeof status>>>;
const status = async (id: string) => (await app.ok(IngestJobStatus, { id })).ingestJob;

/** Polls the batch until it is DONE (60 s at most: three short articles take a few seconds on a loaded machine). */
async function finished(id: string): Promise<Status> {
  for (let i = 0; i < 600; i++) {
    const s = await status(id);
    if (s?.state === "DONE") return s;
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error(`ingest job ${id} did not finish: ${JSON.stringify(await status(id))}`);
}

const graphileJobCount = async () => (app.db.pool ? Number((await app.db.pool.query("SELECT count(*) AS n FROM graphile_worker.jobs")).rows[0].n) : 0);

describe("ingestSources", () => {
  it("a bad input anywhere is a BAD_USER_INPUT naming it, and nothing is queued", async () => {
    const r = await app.execute(IngestSources, { inputs: [{ text: texts[0]! }, { text: texts[1]!, url: "ftp://example.org/x" }] });
    expect(r.errors?.map((e) => [e.extensions?.code, e.extensions?.field])).toEqual([["BAD_USER_INPUT", "inputs[1].url"]]);
    expect(r.errors?.[0]?.message).toBe("inputs[1]: url must be http or https");
    expect(await app.db.prisma.ingestJob.count()).toBe(0);
    expect(await app.db.prisma.ingestJobItem.count()).toBe(0);
    expect(await graphileJobCount()).toBe(0);
    const empty = await app.execute(IngestSources, { inputs: [] });
    expect(empty.errors?.map((e) => [e.extensions?.code, e.extensions?.field])).toEqual([["BAD_USER_INPUT", "inputs"]]);
  });

  it("queues the texts, answers at once, and ingests them all: the same sources and contradictions as one by one", async () => {
    const inputs = [{ text: texts[0]!, title: "one" }, { text: texts[1]! }, { text: texts[0]! }];
    const { ingestSources: job } = await app.ok(IngestSources, { inputs });
    expect(job).toMatchObject({ total: 3, failed: 0 });
    expect(job.id).toBe(encodeGlobalId("IngestJob", (await app.db.prisma.ingestJob.findFirstOrThrow()).id));
    const done = await finished(job.id);
    expect(done).toMatchObject({ state: "DONE", total: 3, done: 3, failed: 0, errors: [] });
    expect(done.finishedAt).not.toBeNull();
    // The repeated text gives the first one's source again: two sources, in input order.
    expect(done.sources.map((s) => s.title)).toEqual(["one", expect.any(String)]);
    expect(done.sources.every((s) => s.statementCount > 0)).toBe(true);
    expect(await app.db.prisma.source.count()).toBe(2);
    // The items' texts are dropped once stored (the source holds the text), and the queue is empty.
    expect(await app.db.prisma.ingestJobItem.count({ where: { NOT: { input: { equals: null as never } } } })).toBe(0);
    expect(await graphileJobCount()).toBe(0);

    // What one process ingesting the same texts in order finds.
    const { testDatabase } = await import("../helpers/db.js");
    const ref = await testDatabase();
    try {
      const services = createServices(ref.prisma, createEvents());
      for (const input of inputs) await services.ingest(input);
      // Compared by what they say, not by key: keys hold row ids, which differ when workers ingest at once.
      const keys = async (p: typeof ref.prisma) => (await p.contradiction.findMany({ select: { kind: true, rule: true, explanation: true } })).map((c) => `${c.kind} ${c.rule} ${c.explanation}`).sort();
      const expected = await keys(ref.prisma);
      expect(expected.length).toBeGreaterThan(0);
      expect(await keys(app.db.prisma)).toEqual(expected);
    } finally {
      await ref.close();
    }

    // node(id) reads the same batch.
    const node = await app.post({ query: "query($id: ID!) { node(id: $id) { __typename ... on IngestJob { state done } } }", variables: { id: job.id } });
    expect(node.json.data).toEqual({ node: { __typename: "IngestJob", state: "DONE", done: 3 } });
  });

  it("ingestJobProgress streams the batch as its texts are done and ends when it is DONE", async () => {
    const { ingestSources: job } = await app.ok(IngestSources, { inputs: [{ text: texts[2]! }, { text: texts[1]! }] });
    const query = `subscription($id: ID!) { ingestJobProgress(id: $id) { state total done failed } }`;
    const res = await app.yoga.fetch(`http://test/graphql?query=${encodeURIComponent(query)}&variables=${encodeURIComponent(JSON.stringify({ id: job.id }))}`, { headers: { accept: "text/event-stream" } });
    expect(res.status).toBe(200);
    const events: Array<{ state: string; total: number; done: number; failed: number }> = [];
    let buf = "";
    const reader = res.body!.getReader();
    // The stream ends by itself (event: complete) once the batch is DONE.
    for (;;) {
      const { value, done } = await reader.read();
      if (done) break;
      buf += Buffer.from(value).toString("utf8");
      if (buf.includes("event: complete")) break;
    }
    await reader.cancel();
    for (const m of buf.matchAll(/event: next\ndata: (.+)\n/g)) {
      const payload = JSON.parse(m[1]!) as { data?: { ingestJobProgress: (typeof events)[number] }; errors?: unknown };
      expect(payload.errors).toBeUndefined();
      events.push(payload.data!.ingestJobProgress);
    }
    expect(events.length).toBeGreaterThanOrEqual(1); // one when the batch is done before the stream opens (a loaded machine)
    expect(events.at(-1)).toEqual({ state: "DONE", total: 2, done: 2, failed: 0 });
    // Progress only moves forward.
    for (let i = 1; i < events.length; i++) expect(events[i]!.done).toBeGreaterThanOrEqual(events[i - 1]!.done);
  });

  it("a text that fails is recorded in errors, with the others done", async () => {
    // An item whose stored input no longer passes validation (written past the mutation, as a changed rule would).
    const job = await app.db.prisma.ingestJob.create({
      data: { total: 2, items: { create: [{ position: 0, input: { text: texts[2] } }, { position: 1, input: { text: "   " } }] } },
      include: { items: { orderBy: { position: "asc" } } },
    });
    for (const item of job.items) await runIngestItem(app.db.prisma, app.events, item.id, {}, false);
    const s = await status(encodeGlobalId("IngestJob", job.id));
    expect(s).toMatchObject({ state: "DONE", total: 2, done: 1, failed: 1, errors: [{ index: 1, message: "text must not be empty" }] });
    // Run again (a retried job): nothing counts twice.
    for (const item of job.items) await runIngestItem(app.db.prisma, app.events, item.id, {}, false);
    expect(await status(encodeGlobalId("IngestJob", job.id))).toMatchObject({ done: 1, failed: 1 });
  });

  it("an unknown batch reads as null", async () => {
    expect(await status(encodeGlobalId("IngestJob", 999999))).toBeNull();
  });
});
