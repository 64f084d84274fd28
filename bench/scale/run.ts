/**
 * bench/scale — does ingest stay about constant as the corpus grows, and how fast is checkClaim on a large corpus?
 * Prints numbers only.
 *
 *   npm run bench:scale                                  # PostgreSQL (local server), 100 → 20,000 articles
 *   SMALL=100 LARGE=2000 CHECK_AT=1000 npm run bench:scale   # a quick run
 *   BENCH_DATABASE_URL=postgresql://user@host/postgres      # admin URL: a scratch database is created and dropped
 *
 * 1. Fill the corpus to SMALL articles, then time the ingest of PROBE new articles (the real ingest path: pipeline,
 *    transaction, incremental contradiction refresh).
 * 2. Fill to CHECK_AT and time checkClaim (GraphQL, in-process) for CLAIMS claims: p50 / p95.
 * 3. Fill to LARGE and time PROBE new articles again. Report the ratio of the medians.
 * Each measurement runs in a fresh child process after VACUUM ANALYZE (what autovacuum does in a live database), after
 * 30 warm-up calls; the fill runs in this process, four ingests at a time.
 */
import { spawnSync } from "node:child_process";
import { createHash } from "node:crypto";
import path from "node:path";
import { print } from "graphql";
import { openDatabase } from "../../src/db/client.js";
import { createEvents } from "../../src/events/bus.js";
import { createServices } from "../../src/services/index.js";
import { createGainsayYoga } from "../../src/server/yoga.js";
import { CheckClaim } from "../../client/operations.js";
import { ADMIN_URL, databaseUrl, percentile, runSql } from "../lib.js";
import { article, claimAbout } from "./corpus.js";

// Measurements run in a fresh child process after VACUUM ANALYZE, so that the two corpus sizes are compared under the
// same conditions (not a process that has just ingested 20,000 articles against one that has ingested 100).
const WARM_UP = 30;
if (process.argv[2] === "--measure") {
  const [, , , what, url, base, count] = process.argv;
  const db = await openDatabase({ databaseUrl: url!, dataDir: "", poolSize: 4 });
  const events = createEvents();
  const services = createServices(db.prisma, events);
  const times: number[] = [];
  const extra: Record<string, number> = {};
  if (what === "ingest") {
    for (let k = -WARM_UP; k < Number(count); k++) {
      const a = article(Number(base) + k + WARM_UP);
      const t0 = performance.now();
      const r = await services.ingest({ text: a.text, publishedAt: a.publishedAt });
      if (k >= 0) times.push(performance.now() - t0); // the first calls warm the process up (JIT, pool, query plans)
      if (!r.created) throw new Error("probe article was already stored");
    }
  } else {
    const yoga = createGainsayYoga({ prisma: db.prisma, events, services, apiKeys: [] });
    const doc = print(CheckClaim);
    for (let k = -WARM_UP; k < Number(count); k++) {
      const text = claimAbout(Math.abs((k * 7919) % Number(base)));
      const t0 = performance.now();
      const res = await yoga.fetch("http://bench/graphql", { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify({ query: doc, variables: { text } }) });
      const json = (await res.json()) as { data?: { checkClaim: { verdict: string } }; errors?: unknown };
      if (json.errors) throw new Error(`checkClaim failed: ${JSON.stringify(json.errors)}`);
      if (k < 0) continue;
      times.push(performance.now() - t0);
      extra[json.data!.checkClaim.verdict] = (extra[json.data!.checkClaim.verdict] ?? 0) + 1;
    }
  }
  await db.close();
  process.stdout.write(JSON.stringify({ times, extra }));
  process.exit(0);
}

const SMALL = Number(process.env.SMALL ?? 100);
const LARGE = Number(process.env.LARGE ?? 20_000);
const CHECK_AT = Number(process.env.CHECK_AT ?? 10_000);
const PROBE = Number(process.env.PROBE ?? 60);
const CLAIMS = Number(process.env.CLAIMS ?? 200);
const CONCURRENCY = Number(process.env.CONCURRENCY ?? 4);
const dbName = `gainsay_bench_scale_${process.pid}`;
const root = path.resolve(path.dirname(new URL(import.meta.url).pathname), "../..");

const adminQuery = (sql: string) => runSql(ADMIN_URL, sql);

await adminQuery(`CREATE DATABASE ${dbName}`);
const url = databaseUrl(dbName);
const db = await openDatabase({ databaseUrl: url, dataDir: "", poolSize: CONCURRENCY + 2 });
const events = createEvents();
const services = createServices(db.prisma, events);

let filled = 0;
async function fillTo(n: number) {
  const t0 = performance.now();
  const from = filled;
  let next = filled;
  await Promise.all(
    Array.from({ length: CONCURRENCY }, async () => {
      while (next < n) {
        const a = article(next++);
        await services.ingest({ text: a.text, publishedAt: a.publishedAt });
      }
    }),
  );
  filled = n;
  const s = (performance.now() - t0) / 1000;
  console.log(`  filled ${from} → ${n} articles in ${s.toFixed(1)} s (${((n - from) / s).toFixed(0)} articles/s with ${CONCURRENCY} at a time)`);
}

let probeBase = 10_000_000;
async function measure(what: "ingest" | "check", base: number, count: number): Promise<{ times: number[]; extra: Record<string, number> }> {
  await runSql(url, "VACUUM ANALYZE");
  const r = spawnSync(path.join(root, "node_modules/.bin/tsx"), [path.join(root, "bench/scale/run.ts"), "--measure", what, url, String(base), String(count)], {
    cwd: root, env: { ...process.env, NODE_OPTIONS: "" }, encoding: "utf8", maxBuffer: 64 * 1024 * 1024,
  });
  if (r.status !== 0) throw new Error(`measurement failed:\n${r.stderr}`);
  return JSON.parse(r.stdout.slice(r.stdout.indexOf("{"))) as { times: number[]; extra: Record<string, number> };
}
async function probe(): Promise<number[]> {
  const { times } = await measure("ingest", probeBase, PROBE);
  probeBase += PROBE + WARM_UP + 10;
  return times;
}

async function counts() {
  const [s, st, c] = await Promise.all([db.prisma.source.count(), db.prisma.statement.count(), db.prisma.contradiction.count()]);
  return `${s} sources, ${st} statements, ${c} contradictions`;
}

try {
  console.log(`bench/scale on PostgreSQL (${dbName}); corpus from bench/scale/corpus.ts\n`);
  await fillTo(SMALL);
  const small = await probe();
  console.log(`  at ${SMALL}: ${await counts()}`);

  await fillTo(CHECK_AT);
  const check = await measure("check", CHECK_AT, CLAIMS);
  const checks = check.times;
  const verdicts = check.extra;
  console.log(`  at ${CHECK_AT}: ${await counts()}`);

  await fillTo(LARGE);
  const large = await probe();
  console.log(`  at ${LARGE}: ${await counts()}\n`);

  const med = (xs: number[]) => percentile(xs, 50);
  const rows = [
    [`ingest per article, corpus ${SMALL}`, med(small), percentile(small, 95)],
    [`ingest per article, corpus ${LARGE}`, med(large), percentile(large, 95)],
    [`checkClaim, corpus ${CHECK_AT} (GraphQL, ${CLAIMS} claims)`, med(checks), percentile(checks, 95)],
  ] as const;
  console.log("measure                                         | p50 ms | p95 ms");
  for (const [name, p50, p95] of rows) console.log(`${name.padEnd(48)}| ${p50.toFixed(1).padStart(6)} | ${p95.toFixed(1).padStart(6)}`);
  const ratio = med(large) / med(small);
  console.log(`\ningest ratio (median at ${LARGE} / median at ${SMALL}): ${ratio.toFixed(2)} (target ≤ 1.5)`);
  console.log(`checkClaim p95 at ${CHECK_AT}: ${percentile(checks, 95).toFixed(1)} ms (target ≤ 100 ms); verdicts ${JSON.stringify(verdicts)}`);
  console.log(
    `\n${JSON.stringify({ bench: "scale", small: SMALL, large: LARGE, checkAt: CHECK_AT, probe: PROBE, ingestMedianSmall: med(small), ingestMedianLarge: med(large), ratio, checkP50: med(checks), checkP95: percentile(checks, 95), corpusHash: createHash("sha1").update(article(0).text).digest("hex").slice(0, 8) })}`,
  );
} finally {
  await db.close();
  if (process.env.KEEP_DB) console.log(`kept database ${dbName} (KEEP_DB)`);
  else await adminQuery(`DROP DATABASE IF EXISTS ${dbName} WITH (FORCE)`);
}
