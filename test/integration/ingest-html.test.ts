import { readFileSync } from "node:fs";
import { brotliDecompressSync } from "node:zlib";
import { afterAll, beforeAll, describe, expect, it } from "@jest/globals";
import type { Runner } from "graphile-worker";
import { createTestApp, type TestApp } from "../helpers/app.js";
import { quietWorkerLogger } from "../../src/db/client.js";
import { workerTasks } from "../../src/services/index.js";
import { startGraphileRunner } from "../../src/services/jobs.js";
import { extractPage } from "../../src/services/html.js";

// Web pages in the shapes news sites use (written by the team: test/pages): the article's text without the
// page's furniture, its metadata from JSON-LD / OpenGraph / <time>, the given fields winning, the page kept.
const page = (name: string) => readFileSync(new URL(`../pages/${name}`, import.meta.url), "utf8");
const INGEST = `mutation($input: IngestSourceInput!) { ingestSource(input: $input) {
  created errors { code message field }
  source { id title url publisher author publishedAt language text fromHtml }
  statements { text start end speaker { name } }
} }`;
type Payload = {
  created: boolean;
  source: { id: string; title: string; url: string | null; publisher: string | null; author: string | null; publishedAt: string | null; language: string; text: string; fromHtml: boolean };
  statements: Array<{ text: string; start: number; end: number; speaker: { name: string } }>;
};

/** Words of the pages' furniture: none may appear in the stored text or in any statement. */
const BOILERPLATE = [/cookie/i, /subscribe/i, /sign up/i, /newsletter/i, /share on/i, /most read/i, /read more/i, /photograph:/i, /advertisement/i, /all rights reserved/i, /latest news/i, /log in/i, /whatsapp/i, /min read/i, /comments \(/i, /timetable/i, /library will open/i, /rain delays/i, /bridge works/i];

let app: TestApp;
let runner: Runner | undefined;
beforeAll(async () => {
  app = await createTestApp();
  // On PostgreSQL a batch's texts are graphile-worker jobs: a runner here stands in for `npm run worker`.
  if (app.db.pool) runner = await startGraphileRunner({ pool: app.db.pool, prisma: app.db.prisma, events: app.events, concurrency: 1, logger: quietWorkerLogger, pollInterval: 200, tasks: workerTasks(app.db.prisma, app.events) });
});
afterAll(async () => {
  await runner?.stop();
  await app?.close();
});

async function ingest(input: Record<string, unknown>) {
  const r = await app.post({ query: INGEST, variables: { input } });
  return r;
}

describe("ingestSource with html", () => {
  it("a page with JSON-LD NewsArticle and OpenGraph: headline, publisher, author, date, canonical URL, no boilerplate", async () => {
    const html = page("ferry-contract.html");
    const r = await ingest({ html });
    expect(r.json.errors).toBeUndefined();
    const p = (r.json.data as { ingestSource: Payload }).ingestSource;
    expect(p.created).toBe(true);
    expect(p.source).toMatchObject({
      title: "Harbour board delays ferry contract vote",
      publisher: "The Coastal Ledger",
      author: "Mara Lindqvist",
      publishedAt: "2026-03-14T09:30:00.000Z",
      url: "https://news.example.org/2026/03/14/harbour-board-ferry-contract",
      language: "en",
      fromHtml: true,
    });
    expect(p.source.text.startsWith("Harbour board delays ferry contract vote\n\nThe harbour board on Friday postponed")).toBe(true);
    for (const re of BOILERPLATE) expect({ re: String(re), hit: re.test(p.source.text) }).toEqual({ re: String(re), hit: false });
    // Statements: the article's quotes, spans into the stored (extracted) text.
    expect(p.statements.length).toBeGreaterThanOrEqual(3);
    for (const s of p.statements) {
      expect(p.source.text.slice(s.start, s.end)).toBe(s.text);
      for (const re of BOILERPLATE) expect(re.test(s.text)).toBe(false);
    }
    const speakers = new Set(p.statements.map((s) => s.speaker.name));
    
    expect([...speakers]).toEqual(expect.arrayContaining(["Elena Varga", "Tomas Berg"]));
    // The page is kept, compressed, with the extractor that read it.
    const row = await app.db.prisma.source.findFirstOrThrow({ where: { title: "Harbour board delays ferry contract vote" }, select: { originalHtml: true, htmlExtractor: true } });
    expect(row.htmlExtractor).toMatch(/^readability-.+\+linkedom-.+$/);
    expect(brotliDecompressSync(row.originalHtml!).toString("utf8")).toBe(html);
    expect(row.originalHtml!.byteLength).toBeLessThan(Buffer.byteLength(html) / 2);
    // The same page again: nothing new.
    const again = await ingest({ html });
    expect((again.json.data as { ingestSource: Payload }).ingestSource.created).toBe(false);
  });

  it("JSON-LD inside an array and @graph, with a <time> and a plain date; given fields win over the page's", async () => {
    const r = await ingest({ html: page("grain-levy.html"), publisher: "Wire copy desk", publishedAt: "2026-05-03" });
    expect(r.json.errors).toBeUndefined();
    const p = (r.json.data as { ingestSource: Payload }).ingestSource;
    expect(p.source).toMatchObject({
      title: "Ministry rejects claim that grain levy will double",
      publisher: "Wire copy desk",
      author: "Owen Hale",
      publishedAt: "2026-05-03T00:00:00.000Z",
      url: "https://courier.example.net/farming/grain-levy-claim",
    });
    for (const re of BOILERPLATE) expect({ re: String(re), hit: re.test(p.source.text) }).toEqual({ re: String(re), hit: false });
    expect(p.source.text).toContain("The levy will not double.");
    expect(p.statements.map((s) => s.speaker.name)).toEqual(expect.arrayContaining(["Petra Holm", "Karl Weiss"]));
  });

  it("a page with only meta tags, <time> and <html lang>: a pull quote and a link paragraph are left out", () => {
    const { text, meta } = extractPage(page("tunnel-live.html"), "https://metro.example.com/transport/tunnel-closure?utm_source=feed");
    expect(meta).toEqual({
      title: "Tunnel closure to last a month, says operator",
      publisher: "Metro Wire",
      author: "Priya Natarajan",
      publishedAt: "2026-07-21",
      url: "https://metro.example.com/transport/tunnel-closure",
      language: "en",
    });
    expect(text.match(/We expect to reopen/g)).toHaveLength(1);
    expect(text).not.toMatch(/Bridge works|Comments|Tweet|Log in/);
    expect(text.split("\n\n")).toHaveLength(4); // headline and three paragraphs
  });

  it("refuses text and html together, neither, and a page with no article, with BAD_USER_INPUT, storing nothing", async () => {
    const before = await app.db.prisma.source.count();
    const cases: Array<[Record<string, unknown>, string, RegExp]> = [
      [{ text: "Officials said the road was closed.", html: "<p>Officials said the road was closed.</p>" }, "html", /either text or html/],
      [{ title: "nothing" }, "text", /text or html is required/],
      [{ html: "   " }, "html", /must not be empty/],
      [{ html: "<html><body><nav><a href='/'>Home</a> <a href='/news'>News</a></nav><footer>© 2026</footer></body></html>" }, "html", /no article text/],
      [{ html: "<p>A lone \uD800 surrogate said the mayor.</p>" }, "html", /malformed Unicode/],
    ];
    for (const [input, field, message] of cases) {
      const r = await ingest(input);
      const e = r.json.errors?.[0] as { message: string; extensions?: { code?: string; field?: string } } | undefined;
      // The field as the service names it, or its variable path when the request's own check caught it first.
      expect({ input, code: e?.extensions?.code, field: e?.extensions?.field?.replace(/^input\./, "") }).toEqual({ input, code: "BAD_USER_INPUT", field });
      expect(e?.message).toMatch(message);
    }
    expect(await app.db.prisma.source.count()).toBe(before);
  });

  it("a batch (ingestSources) takes pages too", async () => {
    const r = await app.post({ query: `mutation($inputs: [IngestSourceInput!]!) { ingestSources(inputs: $inputs) { id } }`, variables: { inputs: [{ html: page("tunnel-live.html") }] } });
    expect(r.json.errors).toBeUndefined();
    const id = (r.json.data as { ingestSources: { id: string } }).ingestSources.id;
    for (let i = 0; i < 600; i++) {
      const j = await app.post({ query: `query($id: ID!) { ingestJob(id: $id) { state done failed errors { message } sources { title author fromHtml } } }`, variables: { id } });
      const job = (j.json.data as { ingestJob: { state: string; done: number; failed: number; errors: unknown[]; sources: Array<{ title: string; author: string; fromHtml: boolean }> } }).ingestJob;
      if (job.state === "DONE") {
        expect(job).toMatchObject({ done: 1, failed: 0, errors: [], sources: [{ title: "Tunnel closure to last a month, says operator", author: "Priya Natarajan", fromHtml: true }] });
        return;
      }
      await new Promise((r) => setTimeout(r, 100));
    }
    throw new Error("the batch did not finish");
  });
});
