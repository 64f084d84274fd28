/**
 * bench/ingest — articles per second through the queue (ingestSources → graphile-worker → `npm run worker`) with 1
 * and 2 worker processes, and the API's contradictions-page latency while the batch runs. Prints numbers only.
 *
 *   npm run bench:ingest                       # 200 articles per run, 1 then 2 workers (PostgreSQL, local server)
 *   ARTICLES=2000 WORKERS=1,2 npm run bench:ingest
 *   BENCH_DATABASE_URL=postgresql://user@host/postgres   # admin URL: a scratch database per run, dropped after
 *
 * Each run: a fresh database; the articles (bench/scale/corpus.ts, the same on every run) queued through the API of a
 * server process that runs no jobs itself (GAINSAY_SERVER_JOBS=off); then W `npm run worker` processes
 * (GAINSAY_WORKER_CONCURRENCY=1 each) are started and timed from their start until every batch is DONE. Meanwhile
 * a client asks the server for the first page of contradictions every 250 ms. The sources and contradictions of every
 * run are compared with the first run's (by what they say: keys hold row ids).
 */
import { spawn, type ChildProcess } from "node:child_process";
import path from "node:path";
import { ADMIN_URL, databaseUrl, percentile, runSql } from "../lib.js";
import { article } from "../scale/corpus.js";
import { openDatabase } from "../../src/db/client.js";

const ARTICLES = Number(process.env.ARTICLES ?? 200);
const WORKERS = (process.env.WORKERS ?? "1,2").split(",").map(Number);
const BATCH = 100; // the API's list limit
const root = path.resolve(path.dirname(new URL(import.meta.url).pathname), "../..");

function start(script: string, env: Record<string, string>, readyLine: RegExp): Promise<{ child: ChildProcess; log: () => string; match: RegExpExecArray; exited: Promise<unknown> }> {
  const child = spawn(process.execPath, ["--import", "tsx", script], { cwd: root, env: { ...process.env, NODE_OPTIONS: "", GAINSAY_API_KEYS: "", REDIS_URL: "", LOG_LEVEL: "info", ...env } });
  let log = "";
  const exited = new Promise((res) => child.on("exit", res));
  return new Promise((resolve, reject) => {
    child.stdout!.resume();
    child.stderr!.on("data", (b: Buffer) => {
      log += b.toString();
      const m = readyLine.exec(log);
      if (m) resolve({ child, log: () => log, match: m, exited });
    });
    void exited.then(() => reject(new Error(`${script} exited:\n${log}`)));
  });
}

async function gql<T>(url: string, query: string, variables?: unknown): Promise<T> {
  const res = await fetch(url, { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify({ query, variables }) });
  const json = (await res.json()) as { data?: T; errors?: unknown[] };
  if (json.errors || !json.data) throw new Error(`GraphQL: ${JSON.stringify(json.errors)}`);
  return json.data;
}

type Run = { workers: number; seconds: number; perSecond: number; pageP50: number; pageP95: number; pages: number; sources: number; contradictions: string[] };

async function run(workers: number): Promise<Run> {
  const name = `gainsay_bench_ingest_${process.pid}_${workers}`;
  await runSql(ADMIN_URL, `CREATE DATABASE ${name}`);
  const url = databaseUrl(name);
  const procs: Array<{ child: ChildProcess; exited: Promise<unknown> }> = [];
  try {
    const server = await start("src/server/main.ts", { DATABASE_URL: url, PORT: "0", GAINSAY_SERVER_JOBS: "off" }, /"msg":"gainsay listening","url":"(http:[^"]+)"/);
    procs.push(server);
    const api = server.match[1]!;
    const jobIds: string[] = [];
    for (let i = 0; i < ARTICLES; i += BATCH) {
      const inputs = Array.from({ length: Math.min(BATCH, ARTICLES - i) }, (_, k) => {
        const a = article(i + k);
        return { text: a.text, publishedAt: a.publishedAt };
      });
      jobIds.push((await gql<{ ingestSources: { id: string } }>(api, "mutation($inputs: [IngestSourceInput!]!) { ingestSources(inputs: $inputs) { id } }", { inputs })).ingestSources.id);
    }
    const t0 = performance.now();
    for (let w = 0; w < workers; w++) procs.push(await start("src/cli/worker.ts", { DATABASE_URL: url, GAINSAY_WORKER_CONCURRENCY: "1" }, /"msg":"worker ready"/));
    const latencies: number[] = [];
    let finished = false;
    const pager = (async () => {
      while (!finished) {
        const s = performance.now();
        await gql(api, "{ contradictions(first: 20) { totalCount edges { node { id kind confidence explanation sides { label statements { id text speaker { name } } } } } } }");
        latencies.push(performance.now() - s);
        await new Promise((r) => setTimeout(r, 250));
      }
    })();
    for (;;) {
      const d = await gql<{ nodes: Array<{ state: string; done: number; failed: number }> }>(api, "query($ids: [ID!]!) { nodes(ids: $ids) { ... on IngestJob { state done failed } } }", { ids: jobIds });
      if (d.nodes.every((n) => n.state === "DONE")) {
        const failed = d.nodes.reduce((s, n) => s + n.failed, 0);
        if (failed) throw new Error(`${failed} articles failed`);
        break;
      }
      await new Promise((r) => setTimeout(r, 200));
    }
    // The last refreshes may still be running after the last item is recorded: wait for an empty queue.
    const db = await openDatabase({ databaseUrl: url, dataDir: "", poolSize: 2 });
    try {
      while (Number((await db.pool!.query("SELECT count(*) AS n FROM graphile_worker.jobs")).rows[0].n) > 0) await new Promise((r) => setTimeout(r, 100));
      const seconds = (performance.now() - t0) / 1000;
      finished = true;
      await pager;
      const contradictions = (await db.prisma.contradiction.findMany({ select: { kind: true, rule: true, explanation: true } })).map((c) => `${c.kind} ${c.rule} ${c.explanation}`).sort();
      return { workers, seconds, perSecond: ARTICLES / seconds, pageP50: percentile(latencies, 50), pageP95: percentile(latencies, 95), pages: latencies.length, sources: await db.prisma.source.count(), contradictions };
    } finally {
      await db.close();
    }
  } finally {
    for (const p of procs) p.child.kill("SIGTERM");
    await Promise.all(procs.map((p) => p.exited));
    await runSql(ADMIN_URL, `DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
  }
}

console.log(`bench/ingest: ${ARTICLES} articles (bench/scale/corpus.ts) through ingestSources and graphile-worker, ${WORKERS.join(" then ")} worker process(es)\n`);
const runs: Run[] = [];
for (const w of WORKERS) {
  const r = await run(w);
  runs.push(r);
  console.log(
    `  ${w} worker${w === 1 ? " " : "s"}: ${r.seconds.toFixed(1)} s, ${r.perSecond.toFixed(2)} articles/s; contradictions page p50 ${r.pageP50.toFixed(0)} ms, p95 ${r.pageP95.toFixed(0)} ms (${r.pages} requests); ${r.sources} sources, ${r.contradictions.length} contradictions`,
  );
}
const first = runs[0]!;
for (const r of runs.slice(1)) {
  const same = r.sources === first.sources && JSON.stringify(r.contradictions) === JSON.stringify(first.contradictions);
  console.log(`\n  ${r.workers} workers vs ${first.workers}: ${(r.perSecond / first.perSecond).toFixed(2)}× the throughput; same sources and contradictions: ${same ? "yes" : "NO"}`);
}
