import { readFileSync } from "node:fs";
import { createServer, type IncomingMessage, type Server, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import { afterAll, beforeAll, describe, expect, it } from "@jest/globals";
import { createTestApp, type TestApp } from "../helpers/app.js";
import { isNonPublicAddress } from "../../src/services/fetch-page.js";
import { InputError } from "../../src/services/errors.js";
import { createServices, workerTasks } from "../../src/services/index.js";
import type { Runner } from "graphile-worker";
import { quietWorkerLogger } from "../../src/db/client.js";
import { startGraphileRunner } from "../../src/services/jobs.js";

// ingestUrl against a local HTTP server this test starts (no outside network): a page, redirects, and each way a
// fetch fails, with its code; loopback refused unless the operator allows private addresses.
const page = (name: string) => readFileSync(new URL(`../pages/${name}`, import.meta.url), "utf8");

let server: Server;
let base = "";
let app: TestApp; // private addresses allowed (GAINSAY_ALLOW_PRIVATE_URLS=1)
let strict: TestApp; // the default: public addresses only
const hits: string[] = [];
let runner: Runner | undefined;

const routes: Record<string, (req: IncomingMessage, res: ServerResponse) => void> = {
  "/ferry": (_q, res) => res.writeHead(200, { "content-type": "text/html; charset=utf-8" }).end(page("ferry-contract.html")),
  "/tunnel": (_q, res) => res.writeHead(200, { "content-type": "text/html" }).end(page("tunnel-live.html")),
  "/moved": (_q, res) => res.writeHead(301, { location: "/moved-again" }).end(),
  "/moved-again": (_q, res) => res.writeHead(302, { location: `${base}/tunnel` }).end(),
  "/loop": (_q, res) => res.writeHead(302, { location: "/loop" }).end(),
  "/missing": (_q, res) => res.writeHead(404, { "content-type": "text/html" }).end("<h1>Not found</h1>"),
  "/pdf": (_q, res) => res.writeHead(200, { "content-type": "application/pdf" }).end("%PDF-1.4"),
  "/huge": (_q, res) => res.writeHead(200, { "content-type": "text/html" }).end(`<p>${"word ".repeat(1_100_000)}</p>`),
  "/huge-chunked": (_q, res) => {
    res.writeHead(200, { "content-type": "text/html" });
    for (let i = 0; i < 60; i++) res.write(`<p>${"chunk ".repeat(20_000)}</p>`);
    res.end();
  },
  "/slow": () => undefined, // never answers
  "/latin1": (_q, res) => res.writeHead(200, { "content-type": "text/html; charset=iso-8859-1" }).end(Buffer.from(page("grain-levy.html").replace("The agriculture ministry", "The agriculture ministry (Landwirtschaftsministerium, f\u00fcr Bauern)"), "latin1")),
};

beforeAll(async () => {
  server = createServer((req, res) => {
    hits.push(req.url ?? "");
    (routes[req.url ?? ""] ?? ((_q, r) => r.writeHead(404).end()))(req, res);
  });
  await new Promise<void>((r) => server.listen(0, "127.0.0.1", r));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  // A generous fetch limit: on a loaded machine the test process's own event loop (the page server is in it) can stall
  // past the 15 s default, and the timer then fires before the waiting response is read. URL_TIMEOUT has its own test.
  app = await createTestApp({ fetch: { allowPrivate: true, timeoutMs: 120_000 } });
  strict = await createTestApp();
  // On PostgreSQL a batch's pages are graphile-worker jobs: a runner here stands in for `npm run worker`.
  if (app.db.pool) runner = await startGraphileRunner({ pool: app.db.pool, prisma: app.db.prisma, events: app.events, concurrency: 2, logger: quietWorkerLogger, pollInterval: 200, tasks: workerTasks(app.db.prisma, app.events, { fetch: { allowPrivate: true, timeoutMs: 120_000 } }) });
});
afterAll(async () => {
  await runner?.stop();
  server?.closeAllConnections();
  await new Promise((r) => server?.close(r));
  await app?.close();
  await strict?.close();
});

const MUTATION = `mutation($url: String!, $publisher: String, $publishedAt: DateTime) {
  ingestUrl(url: $url, publisher: $publisher, publishedAt: $publishedAt) { created source { title url publisher author publishedAt fromHtml } statements { text } }
}`;
type Payload = { created: boolean; source: { title: string; url: string; publisher: string; author: string; publishedAt: string; fromHtml: boolean }; statements: Array<{ text: string }> };
const call = async (a: TestApp, variables: Record<string, unknown>) => {
  const r = await a.post({ query: MUTATION, variables });
  const e = r.json.errors?.[0] as { message: string; extensions: Record<string, unknown> } | undefined;
  return { data: (r.json.data as { ingestUrl: Payload } | null)?.ingestUrl, error: e };
};

describe("ingestUrl", () => {
  it("fetches a page and ingests it with its metadata; the same URL again creates nothing", async () => {
    const first = await call(app, { url: `${base}/ferry` });
    expect(first.error).toBeUndefined();
    expect(first.data!.created).toBe(true);
    expect(first.data!.source).toEqual({
      title: "Harbour board delays ferry contract vote",
      url: "https://news.example.org/2026/03/14/harbour-board-ferry-contract", // the page's canonical URL
      publisher: "The Coastal Ledger",
      author: "Mara Lindqvist",
      publishedAt: "2026-03-14T09:30:00.000Z",
      fromHtml: true,
    });
    expect(first.data!.statements.length).toBeGreaterThanOrEqual(3);
    const again = await call(app, { url: `${base}/ferry` });
    // (Once, under heavy load, this answer had no data: say which error it was.)
    expect(again.error).toBeUndefined();
    expect(again.data!.created).toBe(false);
  });

  it("follows redirects (within the cap); a relative canonical resolves against the final address; given fields win", async () => {
    const r = await call(app, { url: `${base}/moved`, publisher: "Agency feed", publishedAt: "2026-07-22" });
    expect(r.error).toBeUndefined();
    expect(r.data!.source).toMatchObject({ title: "Tunnel closure to last a month, says operator", url: `${base}/transport/tunnel-closure`, publisher: "Agency feed", publishedAt: "2026-07-22T00:00:00.000Z" });
  });

  it("decodes the charset the server declares", async () => {
    const r = await call(app, { url: `${base}/latin1` });
    expect(r.error).toBeUndefined();
    const row = await app.db.prisma.source.findFirstOrThrow({ where: { title: "Ministry rejects claim that grain levy will double" }, select: { text: true } });
    expect(row.text).toContain("f\u00fcr Bauern");
  });

  it("gives each failure its code and stores nothing", async () => {
    const before = await app.db.prisma.source.count();
    const cases: Array<[string, string, Record<string, unknown>?]> = [
      [`${base}/missing`, "URL_HTTP_STATUS", { status: 404 }],
      [`${base}/pdf`, "URL_NOT_HTML", { contentType: "application/pdf" }],
      [`${base}/huge`, "URL_TOO_LARGE"],
      [`${base}/huge-chunked`, "URL_TOO_LARGE"],
      [`${base}/loop`, "URL_TOO_MANY_REDIRECTS", { maxRedirects: 5 }],
      ["http://127.0.0.1:1/closed-port", "URL_UNREACHABLE"],
      ["http://no-such-host.invalid/", "URL_UNREACHABLE"],
      ["ftp://example.org/file", "BAD_USER_INPUT"],
      ["not a url", "BAD_USER_INPUT"],
      ["http://user:secret@example.org/", "BAD_USER_INPUT"],
    ];
    for (const [url, code, more] of cases) {
      const r = await call(app, { url });
      expect({ url, code: r.error?.extensions.code, field: r.error?.extensions.field }).toEqual({ url, code, field: "url" });
      if (more) expect(r.error!.extensions).toMatchObject(more);
    }
    expect(await app.db.prisma.source.count()).toBe(before);
  });

  it("gives up on a page that does not arrive in time (URL_TIMEOUT, with the limit)", async () => {
    // The limit is 15 s by default: services with a short one stand in, so the test does not wait that long.
    const impatient = createServices(app.db.prisma, app.events, { fetch: { allowPrivate: true, timeoutMs: 300 } });
    const e = await impatient.ingestUrl({ url: `${base}/slow` }).then(() => undefined, (x: unknown) => x);
    expect(e).toBeInstanceOf(InputError);
    expect(e).toMatchObject({ code: "URL_TIMEOUT", field: "url", details: { timeoutMs: 300 } });
  });

  it("refuses loopback and private addresses, literal or by name, and a redirect to one, by default", async () => {
    const port = (server.address() as AddressInfo).port;
    const before = hits.length;
    for (const url of [`${base}/ferry`, `http://localhost:${port}/ferry`, `http://[::1]:${port}/ferry`, "http://10.1.2.3/x", "http://169.254.169.254/latest/meta-data", "http://[::ffff:127.0.0.1]/", "http://0.0.0.0/"]) {
      const r = await call(strict, { url });
      expect({ url, code: r.error?.extensions.code }).toEqual({ url, code: "URL_FORBIDDEN" });
      expect(r.error!.message).toMatch(/GAINSAY_ALLOW_PRIVATE_URLS/);
    }
    expect(hits.length).toBe(before); // no request reached the local server
    expect(await strict.db.prisma.source.count()).toBe(0);
  });

  it("ingestUrls queues pages: each is fetched and ingested, a failure fails its item with its code", async () => {
    const bad = await app.post({ query: "mutation($u: [String!]!) { ingestUrls(urls: $u) { id } }", variables: { u: [`${base}/ferry`, "ftp://x.example/"] } });
    expect(bad.json.errors?.[0]?.extensions).toMatchObject({ code: "BAD_USER_INPUT", field: "urls[1]" });
    const r = await app.post({ query: "mutation($u: [String!]!) { ingestUrls(urls: $u) { id total } }", variables: { u: [`${base}/latin1`, `${base}/missing`, `${base}/tunnel`] } });
    expect(r.json.errors).toBeUndefined();
    const { id, total } = (r.json.data as { ingestUrls: { id: string; total: number } }).ingestUrls;
    expect(total).toBe(3);
    for (let i = 0; i < 1200; i++) {
      const j = await app.post({ query: "query($id: ID!) { ingestJob(id: $id) { state done failed errors { index message } sources { title fromHtml } } }", variables: { id } });
      const job = (j.json.data as { ingestJob: { state: string; done: number; failed: number; errors: Array<{ index: number; message: string }>; sources: Array<{ title: string; fromHtml: boolean }> } }).ingestJob;
      if (job.state === "DONE") {
        expect(job).toMatchObject({ done: 2, failed: 1 });
        expect(job.errors).toEqual([{ index: 1, message: expect.stringMatching(/^URL_HTTP_STATUS: .*HTTP 404/) }]);
        expect(job.sources.map((s) => s.title).sort()).toEqual(["Ministry rejects claim that grain levy will double", "Tunnel closure to last a month, says operator"]);
        return;
      }
      await new Promise((res) => setTimeout(res, 100));
    }
    throw new Error("the batch did not finish");
  });

  it("classifies addresses: only public unicast is fetched", () => {
    for (const a of ["127.0.0.1", "10.0.0.1", "172.16.5.4", "192.168.1.1", "169.254.1.1", "100.64.0.1", "0.0.0.0", "224.0.0.1", "::1", "fe80::1", "fd00::1", "::ffff:10.0.0.1", "::"]) expect({ a, refused: isNonPublicAddress(a) }).toEqual({ a, refused: true });
    for (const a of ["93.184.216.34", "8.8.8.8", "2606:4700:4700::1111"]) expect({ a, refused: isNonPublicAddress(a) }).toEqual({ a, refused: false });
  });
});
