/**
 * bench/api — the read path on PostgreSQL with at least 10,000 statements, side by side with PostGraphile v4.
 *
 * Both servers run as their own processes on the same scratch database (PostGraphile: bench/api/postgraphile-server.cjs,
 * read-only, no cache; gainsay: the command of `npm start`, no response cache); autocannon drives them from this one.
 * For each case both answers are checked to hold the same contradiction ids and the same number of nested statements;
 * then each side is warmed up and the rounds alternate (gainsay, PostGraphile, PostGraphile, gainsay, …). It prints
 * the median requests/s over rounds, p50/p95/p99 over every response of the case, the server process's CPU time per
 * request (from /proc: steadier than req/s on a shared machine), the ratio gainsay / PostGraphile, and the SQL
 * statements per request (PostgreSQL's xact_commit, the same count for both). Then gainsay's other hot
 * reads: statements of one speaker, and a speaker with its statements and contradictions. Prints numbers; asserts
 * nothing about speed.
 *
 *   npm run bench:api                       # 12,000 statements, 3 rounds of 5 s per side and case
 *   ROUNDS=5 DURATION=10 npm run bench:api
 *   ONLY=gainsay npm run bench:api          # gainsay alone (no PostGraphile)
 *   SQL_COUNT=0 CASES=1 OTHERS=0 npm run bench:api   # quicker: no SQL count, only the first case
 *   CPU_PROF=/tmp/prof npm run bench:api    # both servers write a .cpuprofile there when they stop
 *   BENCH_DATABASE_URL=postgresql://user@host:5432/postgres npm run bench:api   (an admin URL: a scratch database is created and dropped)
 */
import { spawn } from "node:child_process";
import { readFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import autocannon from "autocannon";
import pg from "pg";
import { ADMIN_URL, databaseUrl, percentile, runSql } from "../lib.js";
import { seed } from "./seed.js";

const root = path.resolve(path.dirname(new URL(import.meta.url).pathname), "../..");
const STATEMENTS = Math.max(10_000, Number(process.env.STATEMENTS ?? 12_000));
const DURATION = Number(process.env.DURATION ?? 5);
const ROUNDS = Math.max(3, Number(process.env.ROUNDS ?? 3));
const WARMUP = Number(process.env.WARMUP ?? 3);
const ONLY_GAINSAY = process.env.ONLY === "gainsay";
/** SQL_COUNT=0 skips counting SQL per request (about 35 s per case); CASES=1,3 runs only those comparison cases, CASES=0 none. */
const SQL_COUNT = process.env.SQL_COUNT !== "0";
const CASES = process.env.CASES?.split(",").map(Number);
const OTHERS = process.env.OTHERS !== "0";
// BENCH_DB_PREFIX names the scratch database (a helper's own prefix on a shared server).
const dbName = `${process.env.BENCH_DB_PREFIX ?? "gainsay_"}bench_api_${process.pid}`;

type Server = { name: string; url: string; pid: number; stop(): Promise<void> };

/** Starts a server process and waits for the `"url":"http…"` line it writes on stderr. */
function startProcess(name: string, bin: string, args: string[], env: Record<string, string>): Promise<Server> {
  const child = spawn(bin, args, { cwd: root, env: { ...process.env, NODE_OPTIONS: "", ...env }, stdio: ["ignore", "ignore", "pipe"] });
  let log = "";
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`${name} did not start:\n${log}`)), 90_000);
    child.on("exit", (code) => reject(new Error(`${name} exited (${code}):\n${log}`)));
    child.stderr!.on("data", (b: Buffer) => {
      log += b.toString();
      const m = /"url":"(http:[^"]+)"/.exec(log);
      if (!m) return;
      clearTimeout(timer);
      log = "";
      child.stderr!.removeAllListeners("data").resume();
      resolve({
        name,
        url: m[1]!,
        pid: child.pid!,
        stop: () => new Promise<void>((r) => (child.removeAllListeners("exit"), child.on("exit", () => r()), child.kill("SIGTERM"))),
      });
    });
  });
}

/** gainsay as `npm start` runs it (its node flags and environment assignments), with analysis jobs off (no writes here). */
function startGainsay(url: string): Promise<Server> {
  const start = (JSON.parse(readFileSync(path.join(root, "package.json"), "utf8")) as { scripts: Record<string, string> }).scripts.start!;
  const words = start.trim().split(/\s+/);
  const env = Object.fromEntries(words.filter((w) => /^[A-Z_]+=/.test(w)).map((w) => [w.slice(0, w.indexOf("=")), w.slice(w.indexOf("=") + 1)]));
  const [bin, ...args] = words.filter((w) => !/^[A-Z_]+=/.test(w));
  if (bin !== "node") throw new Error(`bench/api: expected "start" to run node, found: ${start}`);
  const cpuProf = process.env.CPU_PROF ? [`--cpu-prof`, `--cpu-prof-dir=${process.env.CPU_PROF}`] : [];
  // NODE_FLAGS replaces npm start's node flags, to compare settings.
  const flags = process.env.NODE_FLAGS === undefined ? args : [...process.env.NODE_FLAGS.split(/\s+/).filter(Boolean), "--import", "tsx", args[args.length - 1]!];
  return startProcess("gainsay", process.execPath, [...cpuProf, ...flags], {
    ...env, PORT: "0", DATABASE_URL: url, GAINSAY_API_KEYS: "", GAINSAY_SERVER_JOBS: "off", LOG_LEVEL: "info", NODE_ENV: "production",
  });
}

function startPostGraphile(url: string): Promise<Server> {
  const cpuProf = process.env.CPU_PROF ? [`--cpu-prof`, `--cpu-prof-dir=${process.env.CPU_PROF}`] : [];
  return startProcess("PostGraphile", process.execPath, [...cpuProf, "bench/api/postgraphile-server.cjs"], { DATABASE_URL: url, NODE_ENV: "production" });
}

// The same logical query on both sides: a page of contradictions → sides → statements → speaker with affiliation,
// and source. PostGraphile reaches a side's statements through Prisma's join table (_ContradictionSideToStatement).
const GAINSAY_PAGE = `query Page($first: Int!) {
  contradictions(first: $first, orderBy: CONFIDENCE_DESC) {
    totalCount
    pageInfo { hasNextPage endCursor }
    edges { cursor node { id kind confidence explanation status
      sides { label statements { id text start end polarity speaker { name kind affiliation { name } } source { title publishedAt } } } } }
  }
}`;
const POSTGRAPHILE_PAGE = `query Page($first: Int!) {
  contradictions(first: $first, orderBy: [CONFIDENCE_DESC, ID_ASC]) {
    totalCount
    pageInfo { hasNextPage endCursor }
    edges { cursor node { id kind confidence explanation status
      sides: contradictionSidesByContradictionId(orderBy: POSITION_ASC) { nodes { label
        statements: _contradictionSideToStatementsByA { nodes { statement: statementByB {
          id text start end polarity speaker { name kind affiliation { name } } source { title publishedAt } } } } } } } }
  }
}`;
const SPEAKER_STATEMENTS = `query SpeakerStatements($speakerId: ID!, $first: Int!) {
  statements(first: $first, filter: { speakerId: $speakerId }) {
    totalCount
    pageInfo { hasNextPage endCursor }
    edges { node { id text start end polarity claim speaker { name } source { title publishedAt } conflicts { id kind confidence } } }
  }
}`;
const SPEAKER_PAGE = `query Speaker($id: ID!, $first: Int!) {
  speaker(id: $id) { id name kind affiliation { name } statementCount
    statements(first: $first) { totalCount edges { node { id text start end polarity source { title publishedAt } } } }
    contradictions(first: $first) { totalCount edges { node { id kind confidence explanation
      sides { label statements { id text speaker { name } source { title } } } } } }
  }
}`;

type Json = Record<string, unknown>;
async function post(url: string, query: string, variables: Json): Promise<Json> {
  const r = (await (await fetch(url, { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify({ query, variables }) })).json()) as { data?: Json; errors?: unknown };
  if (r.errors || !r.data) throw new Error(`bench/api: the query does not answer as expected: ${JSON.stringify(r).slice(0, 800)}`);
  return r.data;
}

const decodeId = (globalId: string) => Number(Buffer.from(globalId, "base64").toString("utf8").split(":")[1]);

/** Contradiction ids in page order and the number of nested statements, from either server's answer. */
function digest(data: Json, side: "gainsay" | "postgraphile") {
  type Edge = { node: { id: string | number; sides: unknown } };
  const edges = (data.contradictions as { edges: Edge[] }).edges;
  const ids = edges.map((e) => (side === "gainsay" ? decodeId(e.node.id as string) : (e.node.id as number)));
  const statements = edges.reduce((n, e) => {
    if (side === "gainsay") return n + (e.node.sides as { statements: unknown[] }[]).reduce((m, s) => m + s.statements.length, 0);
    return n + (e.node.sides as { nodes: { statements: { nodes: { statement: unknown }[] } }[] }).nodes.reduce((m, s) => m + s.statements.nodes.filter((x) => x.statement).length, 0);
  }, 0);
  return { ids, statements };
}

/** CPU time (user + system, ms) the process has used so far, from /proc (Linux); NaN elsewhere. */
function cpuMs(pid: number): number {
  try {
    const fields = readFileSync(`/proc/${pid}/stat`, "utf8").split(") ")[1]!.split(" ");
    return ((Number(fields[11]) + Number(fields[12])) * 1000) / 100; // utime, stime in clock ticks (USER_HZ = 100)
  } catch {
    return NaN;
  }
}

type Run = { rps: number; latencies: number[]; non2xx: number; errors: number; bytes: number; requests: number; cpuMs: number };
function drive(server: Server, query: string, variables: Json, connections: number, duration: number): Promise<Run> {
  const body = JSON.stringify({ query, variables });
  const latencies: number[] = [];
  const cpu0 = cpuMs(server.pid);
  return new Promise((resolve, reject) => {
    const inst = autocannon({ url: server.url, method: "POST", headers: { "content-type": "application/json" }, body, connections, duration }, (err, res) =>
      err
        ? reject(err)
        : resolve({ rps: res.requests.total / duration, latencies, non2xx: res.non2xx, errors: res.errors, bytes: res.throughput.total, requests: res.requests.total, cpuMs: cpuMs(server.pid) - cpu0 }),
    );
    inst.on("response", (_c: unknown, _status: number, _bytes: number, ms: number) => latencies.push(ms));
  });
}

const median = (xs: number[]) => percentile(xs, 50);

/**
 * SQL statements per request as PostgreSQL counts them: the database's commits (every statement either server sends
 * outside a transaction is one) over `n` sequential requests of each query, less the reads' own. A backend flushes
 * its counts only when it has been idle a while (PostgreSQL 15: up to 10 s), hence the waits.
 */
async function sqlPerRequest(dbUrl: string, targets: { url: string; query: string; variables: Json }[], n = 20): Promise<number[]> {
  const c = new pg.Client({ connectionString: dbUrl });
  await c.connect();
  const commits = async () => {
    await new Promise((r) => setTimeout(r, 11_000));
    await c.query("SELECT pg_stat_clear_snapshot()");
    return Number((await c.query("SELECT xact_commit FROM pg_stat_database WHERE datname = current_database()")).rows[0].xact_commit);
  };
  try {
    let last = await commits();
    const overhead = (await commits()) - last;
    last += overhead;
    const out: number[] = [];
    for (const t of targets) {
      for (let i = 0; i < n; i++) await post(t.url, t.query, t.variables);
      const now = await commits();
      out.push((now - last - overhead) / n);
      last = now;
    }
    return out;
  } finally {
    await c.end();
  }
}

type Case = { label: string; connections: number; gainsay: { query: string; variables: Json }; postgraphile?: { query: string; variables: Json } };

type Row = { label: string; side: string; rounds: number[]; rps: number; p50: number; p95: number; p99: number; kb: number; non2xx: number; errors: number; sql: number; cpu: number };

async function runCase(c: Case, servers: { gainsay: Server; postgraphile?: Server }, dbUrl: string): Promise<Row[]> {
  const sides = [{ name: "gainsay", server: servers.gainsay, ...c.gainsay }];
  if (c.postgraphile && servers.postgraphile) sides.push({ name: "PostGraphile", server: servers.postgraphile, ...c.postgraphile });
  if (sides.length === 2) {
    const g = digest(await post(sides[0]!.server.url, sides[0]!.query, sides[0]!.variables), "gainsay");
    const p = digest(await post(sides[1]!.server.url, sides[1]!.query, sides[1]!.variables), "postgraphile");
    if (g.ids.join() !== p.ids.join() || g.statements !== p.statements) {
      throw new Error(`bench/api: the answers differ (${c.label}): gainsay ${g.ids.length} ids, ${g.statements} statements; PostGraphile ${p.ids.length} ids, ${p.statements} statements\n  ${g.ids.slice(0, 10)}\n  ${p.ids.slice(0, 10)}`);
    }
  }
  const sql = SQL_COUNT ? await sqlPerRequest(dbUrl, sides.map((s) => ({ url: s.server.url, query: s.query, variables: s.variables }))) : sides.map(() => NaN);
  for (const s of sides) await drive(s.server, s.query, s.variables, c.connections, WARMUP); // JIT, pools, plan caches
  const runs: Run[][] = sides.map(() => []);
  for (let r = 0; r < ROUNDS; r++) {
    const order = r % 2 === 0 ? sides.map((_, i) => i) : sides.map((_, i) => i).reverse();
    for (const i of order) runs[i]!.push(await drive(sides[i]!.server, sides[i]!.query, sides[i]!.variables, c.connections, DURATION));
  }
  return sides.map((s, i) => {
    const all = runs[i]!.flatMap((r) => r.latencies);
    const requests = runs[i]!.reduce((n, r) => n + r.requests, 0);
    return {
      label: c.label,
      side: s.name,
      rounds: runs[i]!.map((r) => Math.round(r.rps)),
      rps: median(runs[i]!.map((r) => r.rps)),
      p50: percentile(all, 50),
      p95: percentile(all, 95),
      p99: percentile(all, 99),
      kb: runs[i]!.reduce((n, r) => n + r.bytes, 0) / Math.max(1, requests) / 1024,
      non2xx: runs[i]!.reduce((n, r) => n + r.non2xx, 0),
      errors: runs[i]!.reduce((n, r) => n + r.errors, 0),
      sql: sql[i]!,
      cpu: runs[i]!.reduce((n, r) => n + r.cpuMs, 0) / Math.max(1, requests),
    };
  });
}

const f = (x: number, w: number, d = 1) => x.toFixed(d).padStart(w);
function printRows(rows: Row[]) {
  console.log(`${"case".padEnd(40)} | ${"server".padEnd(12)} | req/s | p50 ms | p95 ms | p99 ms | SQL/req | CPU ms/req | KB/resp | rounds (req/s)  | non-2xx/err`);
  for (const r of rows) {
    console.log(`${r.label.padEnd(40)} | ${r.side.padEnd(12)} | ${f(r.rps, 5, 0)} | ${f(r.p50, 6)} | ${f(r.p95, 6)} | ${f(r.p99, 6)} | ${f(r.sql, 7)} | ${f(r.cpu, 10)} | ${f(r.kb, 7)} | ${r.rounds.join(" ").padEnd(15)} | ${r.non2xx}/${r.errors}`);
  }
}

await runSql(ADMIN_URL, `DROP DATABASE IF EXISTS ${dbName}`);
await runSql(ADMIN_URL, `CREATE DATABASE ${dbName}`);
const url = databaseUrl(dbName);
const servers: { gainsay?: Server; postgraphile?: Server } = {};
try {
  await seed(url, STATEMENTS);
  servers.gainsay = await startGainsay(url);
  if (!ONLY_GAINSAY) servers.postgraphile = await startPostGraphile(url);
  const load = os.loadavg().map((l) => l.toFixed(1)).join(" ");
  console.log(`gainsay ${servers.gainsay.url}${servers.postgraphile ? `, PostGraphile v4 ${servers.postgraphile.url}` : ""} (PostgreSQL, no response cache)`);
  console.log(`${ROUNDS} alternating rounds of ${DURATION} s per side after a ${WARMUP} s warm-up; ${os.cpus().length} cores, load average ${load} at start\n`);

  const page = (first: number, connections: number): Case => ({
    label: `contradictions page ${first}, ${connections} conn`,
    connections,
    gainsay: { query: GAINSAY_PAGE, variables: { first } },
    postgraphile: { query: POSTGRAPHILE_PAGE, variables: { first } },
  });
  const cases: Case[] = [page(5, 10), page(50, 10), page(50, 1)].filter((_, i) => !CASES || CASES.includes(i + 1));
  const rows: Row[] = [];
  for (const c of cases) rows.push(...(await runCase(c, servers as { gainsay: Server; postgraphile?: Server }, url)));
  printRows(rows);
  if (servers.postgraphile) {
    console.log("\nratio gainsay / PostGraphile (req/s; p50 and server CPU per request as PostGraphile / gainsay: above 1 is gainsay faster)");
    for (const c of cases) {
      const g = rows.find((r) => r.label === c.label && r.side === "gainsay")!;
      const p = rows.find((r) => r.label === c.label && r.side === "PostGraphile")!;
      console.log(`  ${c.label.padEnd(34)} req/s ${(g.rps / p.rps).toFixed(2)}   p50 ${(p.p50 / g.p50).toFixed(2)}   CPU/req ${(p.cpu / g.cpu).toFixed(2)}`);
    }
  }

  // gainsay's other hot reads (PostGraphile has no speaker → contradictions relation to compare with).
  const speakerId = Buffer.from("Speaker:20").toString("base64");
  const others: Case[] = [
    { label: "statements(filter: speakerId) 50", connections: 10, gainsay: { query: SPEAKER_STATEMENTS, variables: { speakerId, first: 50 } } },
    { label: "speaker { statements contradictions } 20", connections: 10, gainsay: { query: SPEAKER_PAGE, variables: { id: speakerId, first: 20 } } },
  ];
  const more: Row[] = [];
  for (const c of OTHERS ? others : []) {
    const data = await post(servers.gainsay.url, c.gainsay.query, c.gainsay.variables);
    if (JSON.stringify(data).length < 1000) throw new Error(`bench/api: ${c.label} answered too little: ${JSON.stringify(data)}`);
    more.push(...(await runCase(c, servers as { gainsay: Server }, url)));
  }
  console.log("\ngainsay's other reads");
  printRows(more);
  console.log(`\n${JSON.stringify({ bench: "api", statements: STATEMENTS, rounds: ROUNDS, duration: DURATION, load, rows: [...rows, ...more].map(({ rounds, ...r }) => ({ ...r, rounds })) })}`);
} finally {
  await servers.gainsay?.stop();
  await servers.postgraphile?.stop();
  await runSql(ADMIN_URL, `DROP DATABASE IF EXISTS ${dbName} WITH (FORCE)`);
}
