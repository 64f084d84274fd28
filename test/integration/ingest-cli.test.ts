import { spawn, type ChildProcess } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "@jest/globals";
import { readiness, START_CEILING_MS } from "../helpers/server-process.js";

// The three ways in from the command line, end to end: a real server (npm start's command, PGlite, private URLs
// allowed for the local test server), `npm run ingest` with a saved page, a URL, and a feed (RSS file and Atom URL)
// whose item pages a local HTTP server started here serves. A feed read again skips what is stored.
const root = path.resolve(path.dirname(new URL(import.meta.url).pathname), "../..");
const fixture = (name: string) => path.join(root, "test/pages", name);
const dir = mkdtempSync(path.join(tmpdir(), "gainsay-cli-"));
let pages: Server;
let base = "";
let server: ChildProcess;
let exited: Promise<unknown>;
let url = "";

beforeAll(async () => {
  pages = createServer((req, res) => {
    const files: Record<string, string> = { "/ferry": "ferry-contract.html", "/levy": "grain-levy.html", "/tunnel": "tunnel-live.html" };
    if (req.url === "/atom.xml") {
      res.writeHead(200, { "content-type": "application/atom+xml" }).end(`<?xml version="1.0" encoding="utf-8"?>
<feed xmlns="http://www.w3.org/2005/Atom"><title>Metro Wire</title><id>urn:metro</id><updated>2026-07-21T08:00:00Z</updated>
<entry><title>Tunnel closure to last a month</title><id>urn:metro:tunnel</id><link rel="alternate" href="${base}/tunnel"/><updated>2026-07-21T08:00:00Z</updated></entry>
<entry><title>Harbour board delays vote</title><id>urn:metro:ferry</id><link href="/ferry"/><updated>2026-03-14T09:30:00Z</updated></entry>
</feed>`);
      return;
    }
    if (req.url === "/levy-update") {
      const page = readFileSync(fixture("grain-levy.html"), "utf8").replace("</p>\n   <p class=\"read-more\">", " A ministry statement on Friday repeated the figure.</p>\n   <p class=\"read-more\">");
      return void res.writeHead(200, { "content-type": "text/html" }).end(page);
    }
    const f = files[req.url ?? ""];
    if (!f) return void res.writeHead(404).end();
    res.writeHead(200, { "content-type": "text/html; charset=utf-8" }).end(readFileSync(fixture(f)));
  });
  await new Promise<void>((r) => pages.listen(0, "127.0.0.1", r));
  base = `http://127.0.0.1:${(pages.address() as AddressInfo).port}`;
  server = spawn(process.execPath, ["--import", "tsx", "src/server/main.ts"], {
    cwd: root,
    env: { ...process.env, NODE_OPTIONS: "", PORT: "0", GAINSAY_API_KEYS: "", DATABASE_URL: "", REDIS_URL: "", NODE_ENV: "test", LOG_LEVEL: "info", GAINSAY_DATA_DIR: path.join(dir, "data"), GAINSAY_ALLOW_PRIVATE_URLS: "1" },
  });
  exited = new Promise((r) => server.on("exit", r));
  const { ready, log } = readiness(server, exited);
  const u = await ready;
  if (!u) throw new Error(`server exited before it was ready:\n${log()}`);
  url = u;
}, START_CEILING_MS + 10_000);

afterAll(async () => {
  server?.kill("SIGTERM");
  await exited;
  pages?.closeAllConnections();
  await new Promise((r) => pages?.close(r));
  rmSync(dir, { recursive: true, force: true });
});

function ingest(...args: string[]): Promise<{ code: number | null; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, ["--import", "tsx", "src/cli/ingest.ts", ...args], { cwd: root, env: { ...process.env, NODE_OPTIONS: "", GAINSAY_URL: url } });
    let stdout = "";
    let stderr = "";
    child.stdout.on("data", (b: Buffer) => (stdout += b.toString()));
    child.stderr.on("data", (b: Buffer) => (stderr += b.toString()));
    child.on("exit", (code) => resolve({ code, stdout, stderr }));
  });
}

async function sources(): Promise<Array<{ title: string; url: string | null; publisher: string | null; publishedAt: string | null; fromHtml: boolean }>> {
  const res = await fetch(url, { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify({ query: "{ sources(first: 50) { edges { node { title url publisher publishedAt fromHtml } } } }" }) });
  const json = (await res.json()) as { data: { sources: { edges: Array<{ node: Awaited<ReturnType<typeof sources>>[number] }> } } };
  return json.data.sources.edges.map((e) => e.node);
}

describe("npm run ingest: pages, URLs and feeds", () => {
  it("a saved page (.html) and a URL", async () => {
    const r = await ingest(fixture("grain-levy.html"), `${base}/tunnel`);
    expect(r.code).toBe(0);
    expect(r.stderr).toMatch(/ingest \[1\/2\] .*grain-levy\.html: new source/);
    expect(r.stderr).toMatch(/ingest \[2\/2\] http:\/\/127\.0\.0\.1:\d+\/tunnel: new source/);
    expect(r.stdout).toMatch(/new sources: 2 /);
    const got = await sources();
    expect(got).toEqual(expect.arrayContaining([
      expect.objectContaining({ title: "Ministry rejects claim that grain levy will double", publisher: "Valley Courier", url: "https://courier.example.net/farming/grain-levy-claim", fromHtml: true }),
      expect.objectContaining({ title: "Tunnel closure to last a month, says operator", publisher: "Metro Wire", url: `${base}/transport/tunnel-closure`, publishedAt: "2026-07-21T00:00:00.000Z" }),
    ]));
    const bad = await ingest(`${base}/nothing-here`);
    expect(bad.code).toBe(1);
    expect(bad.stdout).toMatch(/FAILED .*URL_HTTP_STATUS/);
  }, 120_000);

  it("a feed file (RSS) and a feed URL (Atom): every item's page, then nothing new the second time", async () => {
    const rss = path.join(dir, "feed.xml");
    writeFileSync(rss, `<?xml version="1.0"?><rss version="2.0"><channel><title>Coastal Ledger</title><link>${base}/</link>
<item><title>Harbour board delays ferry contract vote</title><link>${base}/ferry</link><pubDate>Sat, 14 Mar 2026 09:30:00 GMT</pubDate><guid isPermaLink="false">ferry-1</guid></item>
<item><title>Grain levy</title><link>${base}/levy</link><guid isPermaLink="false">levy-1</guid></item>
</channel></rss>`);
    const first = await ingest("--feed", rss);
    expect(first.code).toBe(0);
    expect(first.stderr).toMatch(/feed .*feed\.xml: 2 items, 2 not stored yet/);
    // The levy page was stored before (from its saved file): fetched again, found stored, its link remembered.
    expect(first.stdout).toMatch(/new sources: 1 {2}already stored: 1 /);
    expect((await sources()).map((s) => s.title)).toContain("Harbour board delays ferry contract vote");
    // The Atom feed's items (one link relative to the feed) were both fetched before, by these links: both skipped.
    const atom = await ingest("--feed", `${base}/atom.xml`);
    expect(atom.code).toBe(0);
    expect(atom.stderr).toMatch(/feed .*atom\.xml: 2 items, 0 not stored yet/);
    expect(atom.stdout).toMatch(/skipped \(feed items already stored\): 2 /);
    const again = await ingest("--feed", rss);
    expect(again.code).toBe(0);
    expect(again.stdout).toMatch(/skipped \(feed items already stored\): 2 /);
    expect(again.stderr).not.toMatch(/ingest \[/); // nothing was fetched
    // --batch with a feed: its new items are queued (ingestUrls); a page that fails fails its item, with its code.
    const rss2 = path.join(dir, "feed2.xml");
    writeFileSync(rss2, `<?xml version="1.0"?><rss version="2.0"><channel><title>Valley Courier</title>
<item><title>Update</title><link>${base}/levy-update</link></item><item><title>Gone</title><link>${base}/gone</link></item><item><title>Levy</title><link>${base}/levy</link></item></channel></rss>`);
    const batch = await ingest("--batch", "--feed", rss2);
    expect(batch.stderr).toMatch(/feed .*feed2\.xml: 3 items, 2 not stored yet/);
    expect(batch.stderr).toMatch(/queued 2 URLs as batch/);
    expect(batch.stdout).toMatch(/batches: 1 {2}stored: 1 {2}failures: 1/);
    expect(batch.stdout).toMatch(/FAILED http:\/\/127\.0\.0\.1:\d+\/gone: URL_HTTP_STATUS/);
    expect(batch.code).toBe(1);
    const bad = await ingest("--feed", fixture("ferry-contract.html"));
    expect(bad.code).toBe(1);
    expect(bad.stderr).toMatch(/not an RSS, Atom, RDF or JSON feed/);
  }, 180_000);
});
