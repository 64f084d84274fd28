/**
 * bench/ingest/health — how fast the API answers while one large article is ingested: the real server process (the
 * command of the tests, `node --import tsx src/server/main.ts`) gets a ~2 MB article through `ingestSource`, and
 * meanwhile a client polls `GET /health` every 100 ms and another asks for the first page of contradictions every
 * 250 ms. Each answer is put in the phase it started in, read from the server's debug log: extract (the pipeline
 * thread), store (the write transaction), refresh (contradiction detection after the commit). Prints numbers only.
 *
 *   npm run bench:health                                  # PGlite, plus PostgreSQL when an admin URL is given
 *   BENCH_DATABASE_URL=postgresql://postgres@127.0.0.1:5432/postgres npm run bench:health
 *   HEALTH_KB=1000 npm run bench:health
 *   HEALTH_UNTIL=store HEALTH_KB=2000 npm run bench:health   # stop when the store commits (skip the refresh's minutes)
 */
import { spawn, type ChildProcess } from "node:child_process";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { request } from "node:http";
import { tmpdir } from "node:os";
import path from "node:path";
import { percentile, runSql } from "../lib.js";
import { article } from "../scale/corpus.js";

const root = path.resolve(path.dirname(new URL(import.meta.url).pathname), "../..");
const KB = Number(process.env.HEALTH_KB ?? 2000);
const adminUrl = process.env.BENCH_DATABASE_URL ?? process.env.TEST_DATABASE_URL;
/** "store": the measure ends when the store transaction has committed (the server is then stopped, its refresh unfinished). */
const UNTIL = process.env.HEALTH_UNTIL === "store" ? "store" : "all";

/** Synthetic articles (bench/scale/corpus.ts) joined into one text of at most `bytes`. */
function bigArticle(bytes: number): string {
  const parts: string[] = [];
  let size = 0;
  for (let i = 0; ; i++) {
    const t = article(i).text;
    if (size + Buffer.byteLength(t, "utf8") + 2 > bytes) break;
    parts.push(t);
    size += Buffer.byteLength(t, "utf8") + 2;
  }
  return parts.join("\n\n");
}

function post(url: string, body: string): Promise<string> {
  return new Promise((resolve, reject) => {
    const req = request(url, { method: "POST", headers: { "content-type": "application/json", "content-length": Buffer.byteLength(body) } }, (res) => {
      let out = "";
      res.setEncoding("utf8");
      res.on("data", (c: string) => (out += c));
      res.on("end", () => resolve(out));
      res.on("error", reject);
    });
    req.on("error", reject);
    req.end(body);
  });
}

type Phase = "extract" | "store" | "refresh" | "after";
type Sample = { at: number; ms: number; status: number };

function startServer(env: Record<string, string>): Promise<{ child: ChildProcess; url: string; log: () => string; exited: Promise<unknown> }> {
  const child = spawn(process.execPath, ["--import", "tsx", "src/server/main.ts"], {
    cwd: root,
    env: { ...process.env, NODE_OPTIONS: "", PORT: "0", GAINSAY_API_KEYS: "", REDIS_URL: "", NODE_ENV: "test", LOG_LEVEL: "debug", ...env },
    stdio: ["ignore", "ignore", "pipe"],
  });
  let log = "";
  const exited = new Promise((res) => child.on("exit", res));
  return new Promise((resolve, reject) => {
    child.stderr!.on("data", (b: Buffer) => {
      log += b.toString();
      const m = /"msg":"gainsay listening","url":"(http:[^"]+)"/.exec(log);
      if (m) resolve({ child, url: m[1]!, log: () => log, exited });
    });
    void exited.then(() => reject(new Error(`server exited:\n${log.slice(-3000)}`)));
  });
}

/** The log's times (ms since the epoch) at which each phase began: the server's "ingest stage" lines (LOG_LEVEL=debug). */
function phasesOf(log: string, mark: number): Record<Exclude<Phase, "after">, number> {
  const lines = log.slice(mark).split("\n").filter((l) => l.startsWith("{")).map((l) => JSON.parse(l) as { time: string; msg: string; stage?: string; at?: string });
  const at = (stage: string) => {
    const l = lines.find((x) => x.msg === "ingest stage" && x.stage === stage && x.at === "start");
    return l ? Date.parse(l.time) : NaN;
  };
  return { extract: at("extract"), store: at("store"), refresh: at("refresh") };
}

async function measure(label: string, env: Record<string, string>) {
  const { child, url, log, exited } = await startServer(env);
  try {
    const health = url.replace(/\/graphql$/, "/health");
    const text = bigArticle(KB * 1024);
    const mark = log().length;
    const health_: Sample[] = [];
    const page: Sample[] = [];
    let done = false;
    const poll = async (into: Sample[], every: number, call: () => Promise<number>) => {
      while (!done) {
        const at = Date.now();
        const t0 = performance.now();
        const status = await call().catch(() => 0);
        into.push({ at, ms: performance.now() - t0, status });
        await new Promise((r) => setTimeout(r, every));
      }
    };
    const t0 = Date.now();
    // node:http, not fetch: fetch gives up on an answer that takes over 300 s (undici's headers timeout).
    const ingest = post(url, JSON.stringify({ query: "mutation($t: String!) { ingestSource(input: { text: $t }) { created source { id } contradictions { id } errors { code message } } }", variables: { t: text } })).then(
      (body) => JSON.parse(body) as { data?: { ingestSource: { created: boolean; contradictions: unknown[]; errors: unknown[] } }; errors?: unknown[] },
    );
    const pollers = [
      poll(health_, 100, () => fetch(health, { headers: { connection: "close" } }).then((r) => r.status)),
      poll(page, 250, () =>
        fetch(url, { method: "POST", headers: { "content-type": "application/json", connection: "close" }, body: JSON.stringify({ query: "{ contradictions(first: 20) { totalCount edges { node { id kind explanation } } } }" }) }).then(async (r) => {
          const j = (await r.json()) as { errors?: unknown };
          return j.errors ? 500 : r.status;
        }),
      ),
    ];
    const stored = new Promise<void>((resolve) => {
      const watch = setInterval(() => log().slice(mark).includes('"msg":"ingest stage","stage":"store","at":"end"') && (clearInterval(watch), resolve()), 20);
    });
    const result = UNTIL === "store" ? await stored.then(() => undefined) : await ingest;
    const end = Date.now();
    done = true;
    await Promise.all(pollers);
    if (result && (result.errors || !result.data || result.data.ingestSource.errors.length)) throw new Error(`ingest failed: ${JSON.stringify(result).slice(0, 500)}`);
    if (!result) void ingest.catch(() => undefined); // the server is stopped before it answers
    const ph = phasesOf(log(), mark);
    if (UNTIL === "store") ph.refresh = end;
    if (process.env.HEALTH_LOG) {
      const slow = health_.filter((x) => x.ms > 1000).map((x) => `slow /health at ${new Date(x.at).toISOString()} ${Math.round(x.ms)} ms`);
      writeFileSync(process.env.HEALTH_LOG, `${slow.join("\n")}\n${log().slice(mark)}`);
    }
    const phaseOf = (at: number): Phase => (at >= end ? "after" : at >= ph.refresh ? "refresh" : at >= ph.store ? "store" : "extract");
    const phases = `extract ${((ph.store - t0) / 1000).toFixed(1)} s, store ${((ph.refresh - ph.store) / 1000).toFixed(1)} s${UNTIL === "store" ? " (stopped at the commit)" : `, refresh ${((end - ph.refresh) / 1000).toFixed(1)} s`}`;
    console.log(`\n${label}: ${Math.round(Buffer.byteLength(text) / 1024)} KB article, ingest ${((end - t0) / 1000).toFixed(1)} s — ${phases}`);
    if (result) console.log(`  ${result.data!.ingestSource.contradictions.length} contradictions`);
    for (const [name, samples] of [["/health", health_], ["contradictions page", page]] as const) {
      for (const phase of ["extract", "store", "refresh"] as const) {
        const xs = samples.filter((x) => x.at < end && phaseOf(x.at) === phase);
        if (!xs.length) continue;
        const ms = xs.map((x) => x.ms);
        const bad = xs.filter((x) => x.status !== 200).length;
        console.log(
          `  ${name.padEnd(19)} during ${phase.padEnd(7)}: ${String(xs.length).padStart(4)} answers, p50 ${percentile(ms, 50).toFixed(0)} ms, p95 ${percentile(ms, 95).toFixed(0)} ms, max ${Math.max(...ms).toFixed(0)} ms, over 1 s: ${ms.filter((m) => m > 1000).length}${bad ? `, not 200: ${bad}` : ""}`,
        );
      }
    }
  } finally {
    child.kill(UNTIL === "store" ? "SIGKILL" : "SIGTERM");
    await exited;
  }
}

const dir = mkdtempSync(path.join(tmpdir(), "gainsay-bench-health-"));
try {
  console.log(`bench/ingest/health: /health (every 100 ms) and the contradictions page (every 250 ms) while one large article is ingested`);
  await measure("PGlite", { GAINSAY_DATA_DIR: path.join(dir, "data"), DATABASE_URL: "" });
  if (adminUrl) {
    const name = `gainsay_bench_health_${process.pid}`;
    const on = (db: string) => {
      const u = new URL(adminUrl);
      u.pathname = `/${db}`;
      return u.toString();
    };
    await runSql(on("postgres"), `CREATE DATABASE ${name}`);
    try {
      await measure("PostgreSQL", { DATABASE_URL: on(name) });
    } finally {
      await runSql(on("postgres"), `DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
    }
  } else {
    console.log("\nPostgreSQL: skipped (set BENCH_DATABASE_URL or TEST_DATABASE_URL)");
  }
} finally {
  rmSync(dir, { recursive: true, force: true });
}
