import { spawn, spawnSync, type ChildProcess } from "node:child_process";
import { existsSync, mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "@jest/globals";
import { CHROMIUM, hasChromium, launchChromium } from "../helpers/browser.js";

// The real server process: start-up, /health, GraphiQL from local assets, the data-folder lock, the ingest CLI,
// both example clients, and a clean SIGTERM. Runs on PGlite, or on TEST_DATABASE_URL's server when set.
const root = path.resolve(path.dirname(new URL(import.meta.url).pathname), "../..");
const tsx = path.join(root, "node_modules/.bin/tsx");
const dir = mkdtempSync(path.join(tmpdir(), "gainsay-srv-"));
const dataDir = path.join(dir, "data");
let server: ChildProcess;
let url = "";
let dbEnv: Record<string, string> = {};

function start(extraEnv: Record<string, string> = {}): Promise<{ child: ChildProcess; url: string; exit: Promise<number | null>; log: () => string }> {
  const child = spawn(tsx, ["src/server/main.ts"], {
    cwd: root,
    env: { ...process.env, NODE_OPTIONS: "", PORT: "0", GAINSAY_DATA_DIR: dataDir, GAINSAY_API_KEYS: "", DATABASE_URL: "", ...dbEnv, ...extraEnv },
  });
  let log = "";
  const exit = new Promise<number | null>((res) => child.on("exit", (code) => res(code)));
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`server did not start:\n${log}`)), 60_000);
    child.stderr!.on("data", (b: Buffer) => {
      log += b.toString();
      const m = /"url":"(http:[^"]+)"/.exec(log);
      if (m) {
        clearTimeout(timer);
        resolve({ child, url: m[1]!, exit, log: () => log });
      }
    });
    void exit.then((code) => {
      clearTimeout(timer);
      resolve({ child, url: "", exit, log: () => log });
      void code;
    });
  });
}

beforeAll(async () => {
  if (process.env.TEST_DATABASE_URL) {
    const name = `gainsay_srv_${process.pid}`;
    const u = new URL(process.env.TEST_DATABASE_URL);
    spawnSync("psql", [process.env.TEST_DATABASE_URL, "-c", `DROP DATABASE IF EXISTS ${name}`, "-c", `CREATE DATABASE ${name}`]);
    u.pathname = `/${name}`;
    dbEnv = { DATABASE_URL: u.toString() };
  }
  const s = await start();
  server = s.child;
  url = s.url;
  expect(url).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/graphql$/);
  expect(s.log()).toMatch(/mutations are open, so the server listens on 127\.0\.0\.1 only/);
}, 90_000);

afterAll(async () => {
  if (server && server.exitCode === null) server.kill("SIGKILL");
  rmSync(dir, { recursive: true, force: true });
});

describe("server process", () => {
  it("answers /health", async () => {
    const res = await fetch(url.replace("/graphql", "/health"));
    expect(res.status).toBe(200);
  });

  it("serves GraphiQL with the examples and no CDN", async () => {
    const res = await fetch(url, { headers: { accept: "text/html" } });
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
  }, 60_000);

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
  }, 90_000);

  it("streams contradictionDetected over Server-Sent Events while an ingest changes a contradiction", async () => {
    const subscription = "subscription { contradictionDetected { kind explanation sides { label statements { speaker { name } } } } }";
    const abort = new AbortController();
    const res = await fetch(`${url}?query=${encodeURIComponent(subscription)}`, { headers: { accept: "text/event-stream" }, signal: abort.signal });
    expect(res.status).toBe(200);
    expect(res.headers.get("content-type")).toMatch(/^text\/event-stream/);
    const reader = res.body!.getReader();
    // Read the stream until the first `next` event, in the background, while the ingest below runs.
    const firstEvent = (async () => {
      let buf = "";
      for (;;) {
        const { value, done } = await reader.read();
        if (done) throw new Error(`stream ended before an event: ${buf}`);
        buf += Buffer.from(value).toString("utf8");
        const m = /event: next\ndata: (.+)\n/.exec(buf);
        if (m) return JSON.parse(m[1]!) as { data: { contradictionDetected: { kind: string; sides: { statements: { speaker: { name: string } }[] }[] } } };
      }
    })();
    // A new source (own words) in which one more official denies the notice the earlier fixture affirmed.
    const text = "Second Official Denies Raid Notice\n\nMay 4, 2031\n\nIraqi Foreign Ministry spokesperson Omar Saadi said Washington had not informed Baghdad before the raid.";
    const ingest = await fetch(url, {
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
  }, 60_000);

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
      await page.waitForFunction(() => /query\s+Contradictions/.test(document.querySelector(".graphiql-query-editor")?.textContent ?? ""), null, { timeout: 30_000 });
      // Several operations in the editor: ▶ opens a picker; choose the contradictions example.
      await page.click(".graphiql-execute-button");
      await page.getByRole("menuitem", { name: "Contradictions" }).click();
      await page.waitForFunction(() => /"contradictions"/.test(document.querySelector(".graphiql-response")?.textContent ?? ""), null, { timeout: 30_000 });
      const response = (await page.locator(".graphiql-response").innerText()).replace(/\s+/g, " ");
      expect(response).toMatch(/"totalCount": [1-9]/);
      expect(response).toMatch(/"kind": "(POLARITY|SELF_REVERSAL)"/);
      expect(response).not.toMatch(/"errors"/);
      expect(offMachine).toEqual([]);
    } finally {
      await browser.close();
    }
  }, 90_000);

  it("stops cleanly on SIGTERM and releases the lock", async () => {
    const exited = new Promise<number | null>((res) => server.on("exit", (c) => res(c)));
    server.kill("SIGTERM");
    expect(await exited).toBe(0);
    expect(existsSync(`${dataDir}.lock`)).toBe(false);
  }, 30_000);

  it("rejects bad configuration with a message per value", () => {
    const r = spawnSync(tsx, ["src/server/main.ts"], { cwd: root, env: { ...process.env, NODE_OPTIONS: "", PORT: "abc", DATABASE_URL: "mysql://x", GAINSAY_API_KEYS: "short" }, encoding: "utf8" });
    expect(r.status).toBe(2);
    expect(r.stderr).toMatch(/PORT/);
    expect(r.stderr).toMatch(/DATABASE_URL must start with postgres/);
    expect(r.stderr).toMatch(/GAINSAY_API_KEYS/);
  });
});
