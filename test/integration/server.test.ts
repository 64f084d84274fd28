import { spawn, spawnSync, type ChildProcess } from "node:child_process";
import { existsSync, mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "@jest/globals";
import { CHROMIUM, hasChromium, launchChromium } from "../helpers/browser.js";
import { readiness, START_CEILING_MS } from "../helpers/server-process.js";
import { firstNextEvent } from "../helpers/sse.js";

// The real server process: start-up, /health, GraphiQL from local assets, the data-folder lock, the ingest CLI,
// both example clients, and a clean SIGTERM. Runs on PGlite, or on TEST_DATABASE_URL's server when set.
const root = path.resolve(path.dirname(new URL(import.meta.url).pathname), "../..");
const tsx = path.join(root, "node_modules/.bin/tsx");
const dir = mkdtempSync(path.join(tmpdir(), "gainsay-srv-"));
const dataDir = path.join(dir, "data");
let server: ChildProcess;
let url = "";
let dbEnv: Record<string, string> = {};
const scratchDb = `gainsay_srv_${process.pid}_${Math.random().toString(36).slice(2, 8)}`;

// No fixed waits: see test/helpers/server-process.ts (readiness line, generous ceiling).
const SLOW = START_CEILING_MS + 60_000;

/**
 * fetch without connection reuse: a pooled keep-alive socket that the server closes after its idle timeout, just as
 * the next request picks it up, fails with "other side closed" on a busy machine. `connection: close` never reuses.
 */
const request = (target: string, init: RequestInit = {}) =>
  fetch(target, { ...init, headers: { connection: "close", ...(init.headers as Record<string, string> | undefined) } });

function start(extraEnv: Record<string, string> = {}): Promise<{ child: ChildProcess; url: string; exit: Promise<number | null>; log: () => string }> {
  const child = spawn(tsx, ["src/server/main.ts"], {
    cwd: root,
    env: { ...process.env, NODE_OPTIONS: "", PORT: "0", GAINSAY_DATA_DIR: dataDir, GAINSAY_API_KEYS: "", DATABASE_URL: "", ...dbEnv, ...extraEnv },
  });
  const exit = new Promise<number | null>((res) => child.on("exit", (code) => res(code)));
  const { ready, log } = readiness(child, exit);
  return ready.then((url) => ({ child, url: url ?? "", exit, log }));
}

const psql = (sql: string) => spawnSync("psql", [process.env.TEST_DATABASE_URL!, "-v", "ON_ERROR_STOP=1", "-c", sql], { encoding: "utf8" });

beforeAll(async () => {
  if (process.env.TEST_DATABASE_URL) {
    const created = psql(`CREATE DATABASE ${scratchDb}`);
    if (created.status !== 0) throw new Error(`cannot create ${scratchDb}: ${created.stderr}`);
    const u = new URL(process.env.TEST_DATABASE_URL);
    u.pathname = `/${scratchDb}`;
    dbEnv = { DATABASE_URL: u.toString() };
  }
  const s = await start();
  server = s.child;
  url = s.url;
  expect(url).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/graphql$/);
  expect(s.log()).toMatch(/mutations are open, so the server listens on 127\.0\.0\.1 only/);
}, SLOW);

// Whatever failed above: stop the server, then drop the scratch database and the temporary folder.
afterAll(async () => {
  try {
    if (server && server.exitCode === null && server.signalCode === null) {
      const exited = new Promise((res) => server.once("exit", res));
      server.kill("SIGKILL");
      await exited;
    }
  } finally {
    try {
      if (dbEnv.DATABASE_URL) {
        const dropped = psql(`DROP DATABASE IF EXISTS ${scratchDb} WITH (FORCE)`);
        if (dropped.status !== 0) throw new Error(`cannot drop ${scratchDb}: ${dropped.stderr}`);
      }
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  }
}, 60_000);

describe("server process", () => {
  it("answers /health", async () => {
    const res = await request(url.replace("/graphql", "/health"));
    expect(res.status).toBe(200);
  });

  it("serves GraphiQL with the examples and no CDN", async () => {
    const res = await request(url, { headers: { accept: "text/html" } });
    const html = await res.text();
    expect(res.status).toBe(200);
    expect(html).toMatch(/graphiql/i);
    expect(html).not.toMatch(/unpkg\.com|cdn\.jsdelivr/);
    expect(html).toMatch(/query Contradictions/);
  });

  it("a second process on the same data folder fails at once with a clear message", async () => {
    if (dbEnv.DATABASE_URL) return; // the lock guards the embedded database only
    const second = await start();
    expect(await second.exit).not.toBe(0);
    expect(second.log()).toMatch(/data folder is in use by process \d+/);
  }, SLOW);

  it("npm run ingest sends files and prints a summary; both example clients run", async () => {
    const fixtures = path.join(root, "test/fixtures");
    const r = spawnSync(tsx, ["src/cli/ingest.ts", fixtures], { cwd: root, env: { ...process.env, NODE_OPTIONS: "", GAINSAY_URL: url }, encoding: "utf8" });
    expect(r.stderr + r.stdout).toMatch(/new sources: 2 .*failures: 0/);
    expect(r.status).toBe(0);
    const missing = spawnSync(tsx, ["src/cli/ingest.ts", path.join(dir, "nope")], { cwd: root, env: { ...process.env, NODE_OPTIONS: "", GAINSAY_URL: url }, encoding: "utf8" });
    expect(missing.status).toBe(2);
    expect(missing.stderr).toMatch(/no such file or folder/);
    const ts = spawnSync(tsx, ["examples/client.ts", path.join(fixtures, "raid-notice.txt")], { cwd: root, env: { ...process.env, NODE_OPTIONS: "", GAINSAY_URL: url }, encoding: "utf8" });
    expect(ts.stderr).toBe("");
    expect(ts.stdout).toMatch(/already stored: US Says Iraq Was Told/);
    expect(ts.stdout).toMatch(/POLARITY|SELF_REVERSAL/);
    const py = spawnSync("python3", ["examples/notebook.py", path.join(fixtures, "raid-followup.txt")], { cwd: root, env: { ...process.env, GAINSAY_URL: url }, encoding: "utf8" });
    expect(py.status).toBe(0);
    expect(py.stdout).toMatch(/kind\s+conf\s+side A\s+side B/);
    expect(py.stdout).toMatch(/\d+ contradiction\(s\)/);
  }, SLOW);

  it("streams contradictionDetected over Server-Sent Events while an ingest changes a contradiction", async () => {
    const subscription = "subscription { contradictionDetected { kind explanation sides { label statements { speaker { name } } } } }";
    const abort = new AbortController();
    const res = await request(`${url}?query=${encodeURIComponent(subscription)}`, { headers: { accept: "text/event-stream" }, signal: abort.signal });
    expect(res.status).toBe(200);
    expect(res.headers.get("content-type")).toMatch(/^text\/event-stream/);
    const reader = res.body!.getReader();
    // Read the stream until the first `next` event, in the background, while the ingest below runs.
    const firstEvent = firstNextEvent<{ data: { contradictionDetected: { kind: string; sides: { statements: { speaker: { name: string } }[] }[] } } }>(reader);
    // A new source (own words) in which one more official denies the notice the earlier fixture affirmed.
    const text = "Second Official Denies Raid Notice\n\nMay 4, 2031\n\nIraqi Foreign Ministry spokesperson Omar Saadi said Washington had not informed Baghdad before the raid.";
    const ingest = await request(url, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ query: "mutation($t: String!) { ingestSource(input: { text: $t }) { created contradictions { id } } }", variables: { t: text } }),
    });
    const body = (await ingest.json()) as { data: { ingestSource: { created: boolean; contradictions: unknown[] } } };
    expect(body.data.ingestSource.created).toBe(true);
    expect(body.data.ingestSource.contradictions.length).toBeGreaterThan(0);
    const event = await firstEvent;
    abort.abort();
    const c = event.data.contradictionDetected;
    expect(["POLARITY", "SELF_REVERSAL"]).toContain(c.kind);
    expect(c.sides.length).toBeGreaterThanOrEqual(2);
    expect(c.sides.flatMap((s) => s.statements.map((st) => st.speaker.name))).toContain("Omar Saadi");
  }, SLOW);

  if (!hasChromium) process.stdout.write(`skipping the GraphiQL browser test: no Chromium at ${CHROMIUM} (apt-get install chromium)\n`);
  (hasChromium ? it : it.skip)("GraphiQL renders in headless Chromium, runs the Contradictions example and loads nothing from off the machine", async () => {
    const browser = await launchChromium();
    try {
      const page = await browser.newPage();
      const offMachine: string[] = [];
      page.on("request", (r) => {
        const u = new URL(r.url());
        if (!["blob:", "data:"].includes(u.protocol) && u.hostname !== "127.0.0.1") offMachine.push(r.url());
      });
      await page.goto(url);
      // The editor renders with the example operations (Monaco shows spaces as no-break spaces, hence \s).
      await page.waitForFunction(() => /query\s+Contradictions/.test(document.querySelector(".graphiql-query-editor")?.textContent ?? ""), null, { timeout: 120_000 });
      // Several operations in the editor: ▶ opens a picker; choose the contradictions example.
      await page.click(".graphiql-execute-button");
      await page.getByRole("menuitem", { name: "Contradictions" }).click();
      await page.waitForFunction(() => /"contradictions"/.test(document.querySelector(".graphiql-response")?.textContent ?? ""), null, { timeout: 120_000 });
      const response = (await page.locator(".graphiql-response").innerText()).replace(/\s+/g, " ");
      expect(response).toMatch(/"totalCount": [1-9]/);
      expect(response).toMatch(/"kind": "(POLARITY|SELF_REVERSAL)"/);
      expect(response).not.toMatch(/"errors"/);
      expect(offMachine).toEqual([]);
    } finally {
      await browser.close();
    }
  }, SLOW);

  it("stops cleanly on SIGTERM and releases the lock", async () => {
    const exited = new Promise<number | null>((res) => server.on("exit", (c) => res(c)));
    server.kill("SIGTERM");
    expect(await exited).toBe(0);
    expect(existsSync(`${dataDir}.lock`)).toBe(false);
  }, SLOW);

  it("rejects bad configuration with a message per value", () => {
    const r = spawnSync(tsx, ["src/server/main.ts"], { cwd: root, env: { ...process.env, NODE_OPTIONS: "", PORT: "abc", DATABASE_URL: "mysql://x", GAINSAY_API_KEYS: "short" }, encoding: "utf8" });
    expect(r.status).toBe(2);
    expect(r.stderr).toMatch(/PORT/);
    expect(r.stderr).toMatch(/DATABASE_URL must start with postgres/);
    expect(r.stderr).toMatch(/GAINSAY_API_KEYS/);
  }, SLOW);
});
