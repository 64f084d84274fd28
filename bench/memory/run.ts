/**
 * bench/memory — resident memory (RSS) of the real server process, started with the command of `npm start`
 * (package.json's "start", e.g. `node --max-semi-space-size=4 --import tsx src/server/main.ts`), on a fresh database:
 *   1. idle after start-up (first start: the embedded database is created),
 *   2. peak while ingesting the example articles (examples/articles) and one larger generated article,
 *   3. idle again after the ingests: a few seconds after, and once the extraction thread has been ended for idleness.
 * RSS is read from /proc/<pid>/status (VmRSS; the peak is VmHWM, reset through /proc/<pid>/clear_refs before the
 * ingests). Prints numbers; asserts nothing.
 *
 *   npm run bench:memory                               # PGlite, plus PostgreSQL when an admin URL is given
 *   BENCH_DATABASE_URL=postgresql://postgres@127.0.0.1:5432/postgres npm run bench:memory
 *   LARGE_KB=1500 SETTLE_MS=3000 npm run bench:memory
 */
import { spawn, type ChildProcess } from "node:child_process";
import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { runSql } from "../lib.js";
import { longArticle } from "../pipeline/texts.js";

const root = path.resolve(path.dirname(new URL(import.meta.url).pathname), "../..");
const LARGE_KB = Number(process.env.LARGE_KB ?? 1000);
/** How long the server is left alone before an idle reading (lets start-up garbage be collected). */
const SETTLE_MS = Number(process.env.SETTLE_MS ?? 3000);
/** The server's GAINSAY_PIPELINE_IDLE_SECONDS (its default unless set here), and how long past it the settled reading waits. */
const PIPELINE_IDLE_SECONDS = Number(process.env.GAINSAY_PIPELINE_IDLE_SECONDS || 10);
const IDLE_END_MS = PIPELINE_IDLE_SECONDS * 1000 + 2000;
const adminUrl = process.env.BENCH_DATABASE_URL ?? process.env.TEST_DATABASE_URL ?? process.env.DATABASE_URL;

const mb = (kb: number) => `${(kb / 1024).toFixed(0)} MB`;
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

function status(pid: number): { rssKb: number; hwmKb: number } {
  const s = readFileSync(`/proc/${pid}/status`, "utf8");
  const field = (name: string) => Number(new RegExp(`^${name}:\\s+(\\d+) kB`, "m").exec(s)?.[1] ?? NaN);
  return { rssKb: field("VmRSS"), hwmKb: field("VmHWM") };
}

/** The node flags and entry of `npm start` (NODE_FLAGS overrides the flags, to compare settings). */
function startCommand(): string[] {
  const start = (JSON.parse(readFileSync(path.join(root, "package.json"), "utf8")) as { scripts: Record<string, string> }).scripts.start!;
  const [bin, ...args] = start.trim().split(/\s+/).filter((w) => !/^[A-Z_]+=/.test(w));
  if (bin !== "node") throw new Error(`bench/memory: expected "start" to run node, found: ${start}`);
  if (process.env.NODE_FLAGS === undefined) return args;
  return [...process.env.NODE_FLAGS.split(/\s+/).filter(Boolean), "--import", "tsx", args[args.length - 1]!];
}

/** The environment assignments in front of `npm start`'s command ("MALLOC_ARENA_MAX=2 node …"). */
function startEnv(): Record<string, string> {
  const start = (JSON.parse(readFileSync(path.join(root, "package.json"), "utf8")) as { scripts: Record<string, string> }).scripts.start!;
  return Object.fromEntries(start.trim().split(/\s+/).filter((w) => /^[A-Z_]+=/.test(w)).map((w) => [w.slice(0, w.indexOf("=")), w.slice(w.indexOf("=") + 1)]));
}

function startServer(env: Record<string, string>): Promise<{ child: ChildProcess; url: string; startMs: number }> {
  const t0 = performance.now();
  const child = spawn(process.execPath, startCommand(), {
    cwd: root,
    env: { ...process.env, ...startEnv(), NODE_OPTIONS: "", PORT: "0", GAINSAY_API_KEYS: "", LOG_LEVEL: "info", NODE_ENV: "production", ...env },
    stdio: ["ignore", "ignore", "pipe"],
  });
  let log = "";
  return new Promise((resolve, reject) => {
    child.on("exit", (code) => reject(new Error(`server exited (${code}):\n${log}`)));
    child.stderr!.on("data", (b: Buffer) => {
      log += b.toString();
      const m = /"msg":"gainsay listening","url":"(http:[^"]+)"/.exec(log);
      if (!m) return;
      child.stderr!.removeAllListeners("data").resume();
      resolve({ child, url: m[1]!, startMs: performance.now() - t0 });
    });
  });
}

const INGEST = `mutation ($input: IngestSourceInput!) { ingestSource(input: $input) { created errors { code message } } }`;

async function ingest(url: string, text: string, title: string): Promise<{ ms: number; ok: boolean; detail: string }> {
  const t0 = performance.now();
  const res = await fetch(url, {
    method: "POST",
    headers: { "content-type": "application/json", connection: "close" },
    body: JSON.stringify({ query: INGEST, variables: { input: { text, title } } }),
  });
  const json = (await res.json()) as { data?: { ingestSource: { created: boolean; errors: unknown[] } }; errors?: unknown[] };
  const ok = !json.errors && json.data?.ingestSource.errors.length === 0;
  return { ms: performance.now() - t0, ok, detail: ok ? "" : JSON.stringify(json).slice(0, 300) };
}

async function measure(label: string, env: Record<string, string>) {
  const { child, url, startMs } = await startServer(env);
  const pid = child.pid!;
  try {
    await sleep(SETTLE_MS);
    const idle = status(pid);
    writeFileSync(`/proc/${pid}/clear_refs`, "5"); // resets VmHWM to the current RSS
    const articles = readdirSync(path.join(root, "examples/articles")).filter((f) => f.endsWith(".txt")).sort();
    const timings: string[] = [];
    for (const f of articles) {
      const r = await ingest(url, readFileSync(path.join(root, "examples/articles", f), "utf8"), f);
      if (!r.ok) throw new Error(`ingest of ${f} failed: ${r.detail}`);
      timings.push(`${f} ${Math.round(r.ms)} ms`);
    }
    const large = longArticle(LARGE_KB * 1024);
    const r = await ingest(url, large.text, "bench/memory large article");
    if (!r.ok) throw new Error(`ingest of the large article failed: ${r.detail}`);
    timings.push(`large ${Math.round(Buffer.byteLength(large.text) / 1024)} KB (${large.source}) ${(r.ms / 1000).toFixed(1)} s`);
    const peak = status(pid);
    await sleep(SETTLE_MS);
    const after = status(pid);
    // The extraction thread is ended after GAINSAY_PIPELINE_IDLE_SECONDS with nothing to do (and the main thread's
    // garbage collected then): the reading a server left alone after its ingests settles at.
    await sleep(IDLE_END_MS);
    const settled = status(pid);
    console.log(`\n${label}`);
    console.log(`  start-up                 ${(startMs / 1000).toFixed(1)} s (fresh database)`);
    console.log(`  idle RSS after start-up  ${mb(idle.rssKb)}   (start-up peak ${mb(idle.hwmKb)})`);
    console.log(`  peak RSS while ingesting ${mb(peak.hwmKb)}`);
    console.log(`  idle RSS after ingesting ${mb(after.rssKb)}   (${SETTLE_MS} ms after the last ingest)`);
    console.log(`  idle RSS, thread ended   ${mb(settled.rssKb)}   (${SETTLE_MS + IDLE_END_MS} ms after: the extraction thread's idle end, ${PIPELINE_IDLE_SECONDS} s)`);
    console.log(`  ingests                  ${timings.join("; ")}`);
  } finally {
    await stop(child);
  }
  // A restart on the same (now populated) database: what a server that has been up before sits at.
  const again = await startServer(env);
  try {
    await sleep(SETTLE_MS);
    const idle = status(again.child.pid!);
    const t0 = performance.now();
    const r = await ingest(again.url, `${readFileSync(path.join(root, "examples/articles", readdirSync(path.join(root, "examples/articles")).filter((f) => f.endsWith(".txt")).sort()[0]!), "utf8")}\n\nA line of its own for bench/memory, run ${process.pid}.`, "bench/memory first request");
    if (!r.ok) throw new Error(`ingest after restart failed: ${r.detail}`);
    console.log(`  restart: idle RSS        ${mb(idle.rssKb)}   (start-up ${(again.startMs / 1000).toFixed(1)} s; first ingest after it ${Math.round(performance.now() - t0)} ms, RSS then ${mb(status(again.child.pid!).rssKb)})`);
  } finally {
    await stop(again.child);
  }
}

function stop(child: ChildProcess): Promise<void> {
  return new Promise<void>((r) => (child.removeAllListeners("exit"), child.on("exit", () => r()), child.kill("SIGTERM")));
}

const dir = mkdtempSync(path.join(tmpdir(), "gainsay-bench-memory-"));
try {
  console.log(`bench/memory: server process RSS (node ${process.version} ${Object.entries(startEnv()).map(([k, v]) => `${k}=${v} `).join("")}${startCommand().join(" ")}; idle readings ${SETTLE_MS} ms after the event)`);
  await measure("PGlite (embedded, fresh data folder)", { GAINSAY_DATA_DIR: path.join(dir, "data") });
  if (adminUrl) {
    const name = `gainsay_bench_memory_${process.pid}`;
    const on = (db: string) => { const u = new URL(adminUrl); u.pathname = `/${db}`; return u.toString(); };
    const admin = on("postgres");
    await runSql(admin, `CREATE DATABASE ${name}`);
    try {
      await measure("PostgreSQL (fresh database)", { DATABASE_URL: on(name) });
    } finally {
      await runSql(admin, `DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
    }
  } else {
    console.log("\nPostgreSQL: skipped (set BENCH_DATABASE_URL, TEST_DATABASE_URL or DATABASE_URL to measure it)");
  }
} finally {
  rmSync(dir, { recursive: true, force: true });
}
