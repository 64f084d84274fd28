/**
 * bench/api — throughput and latency of the contradictions page (sides → statements → speaker, affiliation, source)
 * on PostgreSQL with at least 10,000 statements. The server runs as its own process; autocannon drives it from this
 * one. Prints numbers; asserts nothing about speed.
 *
 *   npm run bench:api                       # 12,000 statements, 10 s per page size, 10 connections
 *   STATEMENTS=40000 DURATION=20 CONNECTIONS=20 npm run bench:api
 *   BENCH_DATABASE_URL=postgresql://user@host:5432/postgres npm run bench:api   (an admin URL: a scratch database is created and dropped)
 */
import { spawn } from "node:child_process";
import path from "node:path";
import autocannon from "autocannon";
import pg from "pg";
import { openDatabase } from "../../src/db/client.js";
import { ADMIN_URL, databaseUrl, percentile, runSql } from "../lib.js";

const root = path.resolve(path.dirname(new URL(import.meta.url).pathname), "../..");
const STATEMENTS = Math.max(10_000, Number(process.env.STATEMENTS ?? 12_000));
const DURATION = Number(process.env.DURATION ?? 10);
const CONNECTIONS = Number(process.env.CONNECTIONS ?? 10);
const dbName = `gainsay_bench_api_${process.pid}`;

const adminQuery = (sql: string) => runSql(ADMIN_URL, sql);

/** Synthetic corpus straight into the tables: every 4 statements form one contradiction with two sides of two. */
async function seed(url: string) {
  const db = await openDatabase({ databaseUrl: url, dataDir: "" });
  await db.close();
  const c = new pg.Client({ connectionString: url });
  await c.connect();
  const n = STATEMENTS - (STATEMENTS % 4);
  const t0 = performance.now();
  await c.query("BEGIN");
  await c.query(`INSERT INTO "Speaker" (key, name, aliases, kind) SELECT 'org:' || g, 'Organisation ' || g, ARRAY[]::text[], 'GOVERNMENT' FROM generate_series(1, 10) g`);
  await c.query(`INSERT INTO "Speaker" (key, name, aliases, kind, role, "affiliationId") SELECT 'person:' || g, 'Person ' || g, ARRAY['P' || g], 'PERSON', 'spokesperson', 1 + g % 10 FROM generate_series(1, 90) g`);
  await c.query(`INSERT INTO "Source" ("contentHash", title, publisher, "publishedAt", language, text)
    SELECT md5('src' || g), 'Synthetic report ' || g, 'Outlet ' || (g % 7), timestamp '2031-01-01' + g * interval '1 hour', 'en', repeat('Synthetic body text. ', 60)
    FROM generate_series(1, 500) g`);
  await c.query(`INSERT INTO "Statement" ("sourceId", "speakerId", start, "end", text, cue, direct, claim, polarity, "propKey", confidence)
    SELECT 1 + (g * 7) % 500, 11 + (g * 13) % 90, (g % 20) * 40, (g % 20) * 40 + 35, 'Synthetic statement number ' || g, 'said', g % 3 = 0,
           'claim ' || (g / 4), CASE WHEN g % 4 < 2 THEN 'AFFIRM'::"Polarity" ELSE 'DENY'::"Polarity" END, 'K|' || (g / 4), 0.8
    FROM generate_series(0, ${n - 1}) g`);
  await c.query(`INSERT INTO "Contradiction" (key, "blockKey", kind, confidence, explanation, rule, "detectorVersion")
    SELECT 'POLARITY|K|' || g, 'K|' || g, 'POLARITY', (g % 100) / 100.0, 'Synthetic conflict ' || g, 'polarity', 'bench'
    FROM generate_series(0, ${n / 4 - 1}) g`);
  await c.query(`INSERT INTO "ContradictionSide" ("contradictionId", position, label) SELECT 1 + g / 2, g % 2, CASE WHEN g % 2 = 0 THEN 'affirm' ELSE 'deny' END FROM generate_series(0, ${n / 2 - 1}) g`);
  // statement ids 1..n: statements 4k+1, 4k+2 → side 2k+1; 4k+3, 4k+4 → side 2k+2
  await c.query(`INSERT INTO "_ContradictionSideToStatement" ("A", "B") SELECT 1 + g / 2, 1 + g FROM generate_series(0, ${n - 1}) g`);
  await c.query("COMMIT");
  await c.query("ANALYZE");
  const counts = (await c.query(`SELECT (SELECT count(*) FROM "Statement") s, (SELECT count(*) FROM "Contradiction") c, (SELECT count(*) FROM "Source") src`)).rows[0];
  await c.end();
  console.log(`seeded ${counts.s} statements, ${counts.c} contradictions, ${counts.src} sources in ${((performance.now() - t0) / 1000).toFixed(1)} s`);
}

function startServer(url: string): Promise<{ url: string; stop(): Promise<void> }> {
  const child = spawn(path.join(root, "node_modules/.bin/tsx"), ["src/server/main.ts"], {
    cwd: root,
    env: { ...process.env, NODE_OPTIONS: "", PORT: "0", DATABASE_URL: url, GAINSAY_API_KEYS: "", LOG_LEVEL: "info", NODE_ENV: "production" },
    stdio: ["ignore", "ignore", "pipe"],
  });
  let log = "";
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`server did not start:\n${log}`)), 60_000);
    child.on("exit", (code) => reject(new Error(`server exited (${code}):\n${log}`)));
    child.stderr!.on("data", (b: Buffer) => {
      log += b.toString();
      const m = /"url":"(http:[^"]+)"/.exec(log);
      if (!m) return;
      clearTimeout(timer);
      log = "";
      child.stderr!.removeAllListeners("data").resume();
      resolve({
        url: m[1]!,
        stop: () => new Promise<void>((r) => (child.removeAllListeners("exit"), child.on("exit", () => r()), child.kill("SIGTERM"))),
      });
    });
  });
}

const QUERY = `query Page($first: Int!) {
  contradictions(first: $first, orderBy: CONFIDENCE_DESC) {
    totalCount
    pageInfo { hasNextPage endCursor }
    edges { cursor node { id kind confidence explanation status
      sides { label statements { id text start end polarity speaker { name kind affiliation { name } } source { title publishedAt } } } } }
  }
}`;

async function load(url: string, first: number) {
  const body = JSON.stringify({ query: QUERY, variables: { first } });
  const check = (await (await fetch(url, { method: "POST", headers: { "content-type": "application/json" }, body })).json()) as {
    data?: { contradictions: { totalCount: number; edges: { node: { sides: { statements: unknown[] }[] } }[] } };
    errors?: unknown;
  };
  if (check.errors || check.data!.contradictions.edges.length !== first) throw new Error(`the query does not answer as expected: ${JSON.stringify(check).slice(0, 500)}`);
  const latencies: number[] = [];
  const run = (duration: number, record: boolean) =>
    new Promise<autocannon.Result>((resolve, reject) => {
      const inst = autocannon(
        { url, method: "POST", headers: { "content-type": "application/json" }, body, connections: CONNECTIONS, duration },
        (err, res) => (err ? reject(err) : resolve(res)),
      );
      if (record) inst.on("response", (_c: unknown, _status: number, _bytes: number, ms: number) => latencies.push(ms));
    });
  await run(2, false); // warm-up: JIT, pool, plan cache
  const res = await run(DURATION, true);
  return {
    first,
    requests: res.requests.total,
    rps: res.requests.total / DURATION,
    p50: percentile(latencies, 50),
    p95: percentile(latencies, 95),
    p99: percentile(latencies, 99),
    non2xx: res.non2xx,
    errors: res.errors,
    kbPerResponse: res.throughput.total / Math.max(1, res.requests.total) / 1024,
  };
}

await adminQuery(`DROP DATABASE IF EXISTS ${dbName}`);
await adminQuery(`CREATE DATABASE ${dbName}`);
const url = databaseUrl(dbName);
let server: Awaited<ReturnType<typeof startServer>> | undefined;
try {
  await seed(url);
  server = await startServer(url);
  console.log(`server ${server.url} (PostgreSQL), ${CONNECTIONS} connections, ${DURATION} s per run after a 2 s warm-up\n`);
  console.log("page size | requests/s | p50 ms | p95 ms | p99 ms | KB/response | non-2xx | errors");
  const rows = [];
  for (const first of [5, 50]) {
    const r = await load(server.url, first);
    rows.push(r);
    console.log(`${String(first).padStart(9)} | ${r.rps.toFixed(0).padStart(10)} | ${r.p50.toFixed(1).padStart(6)} | ${r.p95.toFixed(1).padStart(6)} | ${r.p99.toFixed(1).padStart(6)} | ${r.kbPerResponse.toFixed(1).padStart(11)} | ${String(r.non2xx).padStart(7)} | ${r.errors}`);
  }
  console.log(`\n${JSON.stringify({ bench: "api", statements: STATEMENTS, connections: CONNECTIONS, duration: DURATION, rows })}`);
} finally {
  await server?.stop();
  await adminQuery(`DROP DATABASE IF EXISTS ${dbName} WITH (FORCE)`);
}
