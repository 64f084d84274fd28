import { spawn, type ChildProcess } from "node:child_process";
import path from "node:path";
import pg from "pg";
import { afterAll, beforeAll, describe, expect, it } from "@jest/globals";
import type { PrismaClient } from "../../src/generated/prisma/client.js";
import { article } from "../../bench/scale/corpus.js";
import { openDatabase } from "../../src/db/client.js";
import { createEvents } from "../../src/events/bus.js";
import { createServices } from "../../src/services/index.js";
import { testDatabase } from "../helpers/db.js";
import { readiness, START_CEILING_MS } from "../helpers/server-process.js";
import { reachable, TEST_REDIS_URL } from "../helpers/services.js";
import { firstNextEvent } from "../helpers/sse.js";

// Issue 12 item 6: several processes on one PostgreSQL database and one Redis, as README "Running several servers"
// describes them. Two API servers (A and B, GAINSAY_SERVER_JOBS=off: they serve requests only) and two `npm run
// worker` processes. A subscriber on A hears the contradictions of a batch sent to B (the workers find them and
// publish through Redis); the batch's ARTICLES generated articles (bench/scale/corpus.ts) give the same sources and
// exactly the contradictions of one process ingesting them in order (but one rule's, which still depends on the
// order: see the last test); and a worker killed with SIGKILL while it holds a job loses
// nothing: a new worker is started, every text ends DONE and the result is still the one-process result.
// ARTICLES is 60 (the issue says 200; bench/ingest runs 200): 60 keeps the test near two minutes on a loaded 2-core
// machine, and the corpus's articles share proposition blocks from the first few on, so 60 exercise the same paths.
const ARTICLES = Number(process.env.TEST_MULTI_PROCESS_ARTICLES ?? 60);
const root = path.resolve(path.dirname(new URL(import.meta.url).pathname), "../..");
const base = process.env.TEST_DATABASE_URL;
const redisUrl = process.env.REDIS_URL || TEST_REDIS_URL;
const hasRedis = base ? await reachable(redisUrl, 6379) : false;
const runs = Boolean(base && hasRedis);
if (!base) process.stdout.write("skipping the multi-process test: it needs PostgreSQL (set TEST_DATABASE_URL) and Redis (REDIS_URL)\n");
else if (!hasRedis) process.stdout.write(`skipping the multi-process test: nothing listens at ${redisUrl} (apt-get install redis-server; .ci/run starts it)\n`);

/** Every wait polls with this ceiling; none is a fixed sleep. */
const CEILING_MS = START_CEILING_MS;
const SLOW = 2 * START_CEILING_MS + 120_000;

type Proc = { name: string; child: ChildProcess; exited: Promise<{ code: number | null; signal: NodeJS.Signals | null }>; log: () => string };
const procs: Proc[] = [];
const scratch: string[] = [];
// Redis channels are global and other runs may share this Redis: one prefix per run.
const channelPrefix = `test-mp:${process.pid}:${Date.now()}:`;
let dbUrl = "";

function spawnProc(name: string, script: string, env: Record<string, string>): Proc {
  // node itself (no tsx CLI in between), so a SIGKILL is seen as the process's own exit.
  const child = spawn(process.execPath, ["--import", "tsx", script], {
    cwd: root,
    env: { ...process.env, NODE_OPTIONS: "", NODE_ENV: "test", LOG_LEVEL: "info", GAINSAY_API_KEYS: "", DATABASE_URL: dbUrl, REDIS_URL: redisUrl, GAINSAY_REDIS_PREFIX: channelPrefix, GAINSAY_JOB_GRACE_SECONDS: "0", ...env },
  });
  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((res) => child.on("exit", (code, signal) => res({ code, signal })));
  const p: Proc = { name, child, exited, log: () => "" };
  procs.push(p);
  return p;
}

async function startServer(name: string): Promise<Proc & { url: string }> {
  const p = spawnProc(name, "src/server/main.ts", { PORT: "0", GAINSAY_SERVER_JOBS: "off" });
  const { ready, log } = readiness(p.child, p.exited);
  p.log = log;
  p.child.stdout!.resume();
  const url = await ready;
  if (!url) throw new Error(`server ${name} exited before it was ready:\n${log()}`);
  return { ...p, url };
}

async function startWorker(name: string): Promise<Proc> {
  const p = spawnProc(name, "src/cli/worker.ts", { GAINSAY_WORKER_CONCURRENCY: "1" });
  let log = "";
  p.log = () => log;
  p.child.stdout!.resume();
  await new Promise<void>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`worker ${name} was not ready in ${CEILING_MS} ms:\n${log}`)), CEILING_MS);
    p.child.stderr!.on("data", (b: Buffer) => {
      log += b.toString();
      if (/"msg":"worker ready"/.test(log)) (clearTimeout(timer), resolve());
    });
    void p.exited.then(() => (clearTimeout(timer), reject(new Error(`worker ${name} exited before it was ready:\n${log}`))));
  });
  return p;
}

const gql = async (url: string, query: string, variables?: unknown) => {
  const res = await fetch(url, { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify({ query, variables }) });
  const json = (await res.json()) as { data?: Record<string, any>; errors?: unknown[] };
  if (json.errors || !json.data) throw new Error(`GraphQL: ${JSON.stringify(json.errors)}`);
  return json.data;
};

/** Polls `check` every 250 ms until it holds, within the ceiling. */
async function until(check: () => Promise<boolean>, failure: () => string) {
  const deadline = Date.now() + CEILING_MS;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error(failure());
    await new Promise((r) => setTimeout(r, 250));
  }
}

const inputs = () =>
  Array.from({ length: ARTICLES }, (_, i) => {
    const a = article(i);
    return { text: a.text, title: a.title, publishedAt: a.publishedAt };
  });

/**
 * The contradictions as what they say, never as row ids: each is its kind and rule and its sides, a side being the
 * set of its statements' (source content hash, start, end); the sides as a set too.
 */
async function contradictionsByContent(prisma: PrismaClient): Promise<string[]> {
  const rows = await prisma.contradiction.findMany({
    select: { kind: true, rule: true, sides: { select: { statements: { select: { start: true, end: true, source: { select: { contentHash: true } } } } } } },
  });
  return rows
    .map((c) => {
      const sides = c.sides.map((s) => s.statements.map((st) => `${st.source.contentHash}:${st.start}-${st.end}`).sort().join(",")).sort();
      return `${c.kind} ${c.rule} ${sides.map((s) => `[${s}]`).join(" ")}`;
    })
    .sort();
}

/** One process ingesting the articles in order, on a scratch PostgreSQL database of its own (dropped at close). */
async function oneProcessRun(): Promise<{ sources: string[]; contradictions: string[] }> {
  const db = await testDatabase();
  try {
    const services = createServices(db.prisma, createEvents());
    for (const input of inputs()) await services.ingest(input);
    const sources = (await db.prisma.source.findMany({ select: { contentHash: true } })).map((s) => s.contentHash).sort();
    return { sources, contradictions: await contradictionsByContent(db.prisma) };
  } finally {
    await db.close();
  }
}

async function scratchDatabase(): Promise<string> {
  const name = `gainsay_mp_${process.pid}_${Math.random().toString(36).slice(2, 8)}`;
  const c = new pg.Client({ connectionString: base });
  await c.connect();
  await c.query(`CREATE DATABASE "${name}"`).finally(() => c.end());
  scratch.push(name);
  const u = new URL(base!);
  u.pathname = `/${name}`;
  return u.toString();
}

(runs ? describe : describe.skip)(`two servers and two workers on one PostgreSQL database and Redis (${ARTICLES} articles)`, () => {
  let db: Awaited<ReturnType<typeof openDatabase>>;
  let a: Proc & { url: string };
  let b: Proc & { url: string };
  let w1: Proc;
  let w2: Proc;
  let expected: { sources: string[]; contradictions: string[] };
  let w1Runner = "";

  beforeAll(async () => {
    expected = await oneProcessRun();
    dbUrl = await scratchDatabase();
    // One at a time: each process migrates the database and installs graphile-worker's schema at start.
    a = await startServer("A");
    b = await startServer("B");
    db = await openDatabase({ databaseUrl: dbUrl, dataDir: "", poolSize: 2, onConnectionError: () => undefined });
    // One at a time too, so that each runner's id (the name of its LISTEN connection) is known to be its own.
    w1 = await startWorker("W1");
    await until(async () => (await runnerIds()).length === 1, () => `W1's runner has no LISTEN connection:\n${w1.log()}`);
    w1Runner = (await runnerIds())[0]!;
    w2 = await startWorker("W2");
    await until(async () => (await runnerIds()).length === 2, () => `W2's runner has no LISTEN connection:\n${w2.log()}`);
  }, SLOW);

  afterAll(async () => {
    try {
      // (SIGCONT first: a worker frozen by a failed kill step would not see its SIGTERM.)
      for (const p of procs) p.child.kill("SIGCONT"), p.child.kill("SIGTERM");
      await Promise.all(procs.map((p) => p.exited));
      await db?.close();
    } finally {
      for (const name of scratch) {
        const c = new pg.Client({ connectionString: base });
        await c.connect();
        await c.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`).finally(() => c.end());
      }
    }
  }, SLOW);

  /** The graphile-worker runners alive now: their LISTEN connections' names (src/services/runner-recovery.ts). */
  const runnerIds = async () =>
    (await db.pool!.query<{ id: string }>("SELECT substr(application_name, length('gainsay-runner:') + 1) AS id FROM pg_stat_activity WHERE application_name LIKE 'gainsay-runner:%' AND datname = current_database()")).rows.map((r) => r.id).sort();
  const lockedBy = async (runner: string) =>
    Number((await db.pool!.query<{ n: string }>("SELECT count(*) AS n FROM graphile_worker._private_jobs WHERE locked_by = $1", [runner])).rows[0]!.n);
  const queued = async () => Number((await db.pool!.query<{ n: string }>("SELECT count(*) AS n FROM graphile_worker.jobs")).rows[0]!.n);
  const batch = async (id: string) => (await gql(a.url, "query($id: ID!) { ingestJob(id: $id) { state total done failed errors { index message } } }", { id })).ingestJob as { state: string; total: number; done: number; failed: number; errors: unknown[] };

  // A batch takes at most 100 inputs (the list cap): more articles go as several batches, followed as one.
  let jobIds: string[] = [];
  const progress = async () => {
    const all = await Promise.all(jobIds.map(batch));
    const sum = (k: "total" | "done" | "failed") => all.reduce((n, j) => n + j[k], 0);
    return { state: all.every((j) => j.state === "DONE") ? "DONE" : all.find((j) => j.state !== "DONE")!.state, total: sum("total"), done: sum("done"), failed: sum("failed"), errors: all.flatMap((j) => j.errors) };
  };

  it(
    "a subscriber on server A receives a contradiction found for a batch sent to server B",
    async () => {
      expect(expected.contradictions.length).toBeGreaterThan(0); // the corpus must make contradictions for this to mean anything
      const abort = new AbortController();
      const subscription = "subscription { contradictionDetected { id kind } }";
      const res = await fetch(`${a.url}?query=${encodeURIComponent(subscription)}`, { headers: { accept: "text/event-stream" }, signal: abort.signal });
      expect(res.status).toBe(200);
      const reader = res.body!.getReader();
      const first = firstNextEvent<{ data: { contradictionDetected: { id: string; kind: string } } }>(reader);
      // Subscribing in Redis is asynchronous: wait until A's SUBSCRIBE is registered before anything is published.
      const { Redis } = await import("ioredis");
      const r = new Redis(redisUrl);
      try {
        await until(async () => Number(((await r.pubsub("NUMSUB", `${channelPrefix}contradictionDetected`)) as unknown[])[1]) > 0, () => `server A never subscribed in Redis:\n${a.log()}`);
      } finally {
        r.disconnect();
      }

      const all = inputs();
      let total = 0;
      for (let i = 0; i < all.length; i += 100) {
        const queuedJob = (await gql(b.url, "mutation($inputs: [IngestSourceInput!]!) { ingestSources(inputs: $inputs) { id state total } }", { inputs: all.slice(i, i + 100) })).ingestSources;
        total += queuedJob.total;
        jobIds.push(queuedJob.id);
      }
      expect(total).toBe(ARTICLES);

      let timer: NodeJS.Timeout | undefined;
      const event = await Promise.race([first, new Promise<never>((_, reject) => (timer = setTimeout(() => reject(new Error(`no contradictionDetected event on A in ${CEILING_MS} ms`)), CEILING_MS)))]).finally(() => {
        clearTimeout(timer);
        void reader.cancel().catch(() => undefined);
        abort.abort();
      });
      // The contradiction is in the database, readable through B as well: one of the batch's sources is on a side.
      const node = (await gql(b.url, "query($id: ID!) { node(id: $id) { ... on Contradiction { kind sides { statements { source { id } } } } } }", { id: event.data.contradictionDetected.id })).node;
      expect(node.kind).toBe(event.data.contradictionDetected.kind);
      const batchSources = new Set<string>();
      for (const id of jobIds) for (const s of (await gql(b.url, "query($id: ID!) { ingestJob(id: $id) { sources { id } } }", { id })).ingestJob.sources as Array<{ id: string }>) batchSources.add(s.id);
      const sides = (node.sides as Array<{ statements: Array<{ source: { id: string } }> }>).flatMap((s) => s.statements.map((st) => st.source.id));
      expect(sides.length).toBeGreaterThan(0);
      for (const s of sides) expect(batchSources.has(s)).toBe(true);
    },
    SLOW,
  );

  it(
    "a worker killed with SIGKILL while it holds a job loses nothing: with a new worker every text is DONE",
    async () => {
      expect(jobIds.length).toBeGreaterThan(0);
      // Freeze W1 (SIGSTOP) and look at what it holds: a frozen process cannot finish a job, so what it holds now it
      // still holds when the SIGKILL lands. If it holds nothing (between two jobs), let it go on and look again.
      const deadline = Date.now() + CEILING_MS;
      for (;;) {
        if (Date.now() > deadline) throw new Error(`W1 never held a job mid-batch:\n${w1.log()}`);
        const now = await progress();
        if (now.state === "DONE") throw new Error("the batch finished before W1 could be killed mid-batch: raise TEST_MULTI_PROCESS_ARTICLES");
        if (now.done > 0) {
          w1.child.kill("SIGSTOP");
          const holds = await lockedBy(w1Runner).catch((e: Error) => (w1.child.kill("SIGCONT"), Promise.reject(e)));
          if (holds > 0) {
            w1.child.kill("SIGKILL");
            break;
          }
          w1.child.kill("SIGCONT");
        }
        await new Promise((r) => setTimeout(r, 250)); // the poll's interval
      }
      expect((await w1.exited).signal).toBe("SIGKILL");
      // Its job stays locked by the dead runner until a live runner unlocks it (runner-recovery.ts, after 30 s).
      expect(await lockedBy(w1Runner)).toBeGreaterThan(0);
      await until(async () => !(await runnerIds()).includes(w1Runner), () => "the killed W1's LISTEN connection is still there");

      const w3 = await startWorker("W3");
      const logs = () => `W2:\n${w2.log()}\nW3:\n${w3.log()}`;
      await until(async () => (await progress()).state === "DONE", () => `the batch did not finish:\n${logs()}`);
      // The last refreshes may still run after the last text is recorded: wait for an empty queue.
      await until(async () => (await queued()) === 0, () => `jobs left in the queue:\n${logs()}`);
      expect(await lockedBy(w1Runner)).toBe(0);
      expect(`${w2.log()}${w3.log()}`).toMatch(/unlocked \d+ job\(s\) of runners that stopped while running them/);

      const done = await progress();
      expect(done).toEqual({ state: "DONE", total: ARTICLES, done: ARTICLES, failed: 0, errors: [] });
      expect(await db.prisma.ingestJobItem.groupBy({ by: ["state"], _count: true })).toEqual([{ state: "DONE", _count: ARTICLES }]);
    },
    SLOW,
  );

  it(
    "the queue's result is the one-process run's: the same sources and the same contradictions",
    async () => {
      const sources = (await db.prisma.source.findMany({ select: { contentHash: true } })).map((s) => s.contentHash).sort();
      expect(sources).toEqual(expected.sources);
      expect(sources.length).toBe(ARTICLES);
      const got = await contradictionsByContent(db.prisma);
      // Every rule's contradictions, compared by content. (A temporal rule that judged dates apart in a story's undated
      // block, where the block cap makes what a new statement meets depend on arrival order, once made this differ;
      // it now judges them only in dated blocks.)
      const missing = expected.contradictions.filter((c) => !got.includes(c));
      const extra = got.filter((c) => !expected.contradictions.includes(c));
      expect({ count: got.length, missing, extra }).toEqual({ count: expected.contradictions.length, missing: [], extra: [] });
      expect(got.length).toBeGreaterThan(0);
      process.stdout.write(`multi-process: ${got.length} contradictions, identical to the one-process run's\n`);
    },
    SLOW,
  );
});
