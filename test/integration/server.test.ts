import { spawn, spawnSync, type ChildProcess } from "node:child_process";
import { existsSync, mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "@jest/globals";

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
