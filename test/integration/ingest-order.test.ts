import { afterAll, describe, expect, it } from "@jest/globals";
import { readFileSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { detectBlock, type ConflictStatement } from "../../src/analysis/detect.js";
import { createTestApp, type TestApp } from "../helpers/app.js";
import { refreshContradictions } from "../../src/services/contradictions.js";
import { IngestSource } from "../../client/operations.js";
import { idOf } from "../../src/schema/ids.js";
import type { ClaimFrame } from "../../src/ingest/types.js";

// The same articles give the same speakers and contradictions whatever order they arrive in, and the same as
// detection run once over all of them: what a corpus holds must not depend on which worker ingested what first.
// Own-words articles (test/corpus/order; not in test/fixtures, which the CLI test ingests as a folder): a company denying, then confirming, a layoff report, with a union's other
// figure; a storm toll given differently by a mayor, a fire chief and a governor, later revised.
const dir = path.join(path.dirname(fileURLToPath(import.meta.url)), "../corpus/order");
const ARTICLES = [
  { file: "norvale-1.txt", publisher: "Harbor Ledger", publishedAt: "2031-03-03" },
  { file: "norvale-2.txt", publisher: "Dunmore Courier", publishedAt: "2031-03-04" },
  { file: "norvale-3.txt", publisher: "Dunmore Courier", publishedAt: "2031-03-07" },
  { file: "storm-1.txt", publisher: "Coast Wire", publishedAt: "2031-05-05" },
  { file: "storm-2.txt", publisher: "Bay Herald", publishedAt: "2031-05-06" },
  { file: "storm-3.txt", publisher: "Coast Wire", publishedAt: "2031-05-08" },
].map((a) => ({ ...a, text: readFileSync(path.join(dir, a.file), "utf8") }));

type Outcome = { speakers: string[]; statements: string[]; stored: string[]; fromScratch: string[]; onThread: number };

async function ingestInOrder(order: number[], opts: { thread?: boolean } = {}): Promise<Outcome> {
  const app: TestApp = await createTestApp(opts);
  apps.push(app);
  const fileOf = new Map<number, string>();
  for (const i of order) {
    const a = ARTICLES[i]!;
    const r = await app.ok(IngestSource, { input: { text: a.text, publisher: a.publisher, publishedAt: a.publishedAt } });
    fileOf.set(idOf(r.ingestSource.source!.id, "Source"), a.file);
  }
  const prisma = app.db.prisma;
  const rows = await prisma.statement.findMany({ include: { speaker: { include: { affiliation: true } }, source: true } });
  const name = (id: number) => {
    const r = rows.find((x) => x.id === id)!;
    return `${fileOf.get(r.sourceId)}@${r.start}-${r.end}:${r.polarity}`;
  };
  const speakers = (await prisma.speaker.findMany({ include: { affiliation: true } })).map((s) => `${s.key} ${s.name} ${s.kind} ${s.affiliation?.key ?? "-"}`).sort();
  const statements = rows.map((r) => `${name(r.id)} ${r.speaker.key} ${r.propKey}`).sort();
  const describe = (c: { kind: string; rule: string; blockKey: string; confidence: number; sides: number[][] }) =>
    `${c.kind} ${c.rule} ${c.blockKey} ${c.confidence} :: ${c.sides.map((ids) => ids.map(name).sort().join(",")).join(" | ")}`;
  const stored = (await prisma.contradiction.findMany({ include: { sides: { include: { statements: { select: { id: true } } }, orderBy: { position: "asc" } } } }))
    .map((c) => describe({ ...c, sides: c.sides.map((s) => s.statements.map((x) => x.id)) }))
    .sort();
  // Detection once over each block's statements, as if they had all come at once.
  const blocks = new Map<string, ConflictStatement[]>();
  for (const r of rows) {
    const s: ConflictStatement = {
      id: r.id, sourceId: r.sourceId, speakerId: r.speakerId, speakerKey: r.speaker.key, speakerName: r.speaker.name, speakerKind: r.speaker.kind,
      affiliationKey: r.speaker.affiliation?.key, publishedAt: r.source.publishedAt, sourceKey: r.source.contentHash,
      sourceTitle: r.source.title ?? r.source.publisher ?? undefined, text: r.text, claim: r.claim, polarity: r.polarity, modality: r.modality,
      frame: r.frame as unknown as ClaimFrame, propKey: r.propKey, start: r.start, end: r.end, confidence: r.confidence,
    };
    for (const k of r.propKey.split(" ").filter(Boolean)) blocks.set(k, [...(blocks.get(k) ?? []), s]);
  }
  const fromScratch = [...blocks].flatMap(([b, list]) => detectBlock(list, b).map((c) => describe({ ...c, sides: c.sides.map((s) => s.statementIds) }))).sort();
  return { speakers, statements, stored, fromScratch, onThread: app.refreshesOnThread() };
}

const apps: TestApp[] = [];
afterAll(async () => {
  for (const app of apps) await app.close();
});

describe("ingest order", () => {
  it("gives the same speakers, statements and contradictions in any order, and the same as detection from scratch", async () => {
    const forward = await ingestInOrder([0, 1, 2, 3, 4, 5]);
    const reverse = await ingestInOrder([5, 4, 3, 2, 1, 0]);
    const mixed = await ingestInOrder([2, 4, 0, 5, 1, 3]);
    // The fixtures hold real conflicts of several kinds, so equality is not the equality of two empty lists.
    expect(forward.stored.length).toBeGreaterThanOrEqual(4);
    expect(new Set(forward.stored.map((c) => c.split(" ")[0])).size).toBeGreaterThanOrEqual(2);
    expect(forward.stored).toEqual(forward.fromScratch);
    for (const other of [reverse, mixed]) {
      expect(other.speakers).toEqual(forward.speakers);
      expect(other.statements).toEqual(forward.statements);
      expect(other.stored).toEqual(forward.stored);
    }
  });

  it("gives the same when extraction and refreshes run on the server's worker thread", async () => {
    // As in the server: the pipeline and refreshContradictions on a worker thread, its database client relayed to
    // this thread's PGlite (db/adapter-relay.ts) or a pool of its own on PostgreSQL, its events published here.
    const inline = await ingestInOrder([0, 1, 2, 3, 4, 5]);
    const threaded = await ingestInOrder([5, 4, 3, 2, 1, 0], { thread: true });
    expect(inline.stored.length).toBeGreaterThanOrEqual(4);
    expect([inline.onThread, threaded.onThread]).toEqual([0, ARTICLES.length]);
    expect(threaded.speakers).toEqual(inline.speakers);
    expect(threaded.statements).toEqual(inline.statements);
    expect(threaded.stored).toEqual(inline.stored);
  });

  it("a second refresh of an article changes nothing, also when its blocks are past the cap", async () => {
    // Refreshing what was just refreshed must leave every contradiction as it is (same rows, same sides): with a
    // small cap, which pairs are judged depends on the focus, and the rows must still not churn from one pass to
    // the next (a reviewed contradiction keeps its row only if the row is not handed to another).
    const app = await createTestApp();
    apps.push(app);
    for (const a of ARTICLES) await app.ok(IngestSource, { input: { text: a.text, publisher: a.publisher, publishedAt: a.publishedAt } });
    const prisma = app.db.prisma;
    const snapshot = async () =>
      (await prisma.contradiction.findMany({ include: { sides: { include: { statements: { select: { id: true } } }, orderBy: { position: "asc" } } }, orderBy: { id: "asc" } }))
        .map((c) => `${c.id} ${c.key} ${c.kind} ${c.confidence} ${c.sides.map((s) => s.statements.map((x) => x.id).sort((x, y) => x - y).join(",")).join(" | ")}`);
    const sources = await prisma.source.findMany({ select: { id: true, statements: { select: { propKey: true } } }, orderBy: { id: "asc" } });
    expect((await snapshot()).length).toBeGreaterThanOrEqual(4);
    for (const cap of [undefined, 3, 2]) {
      for (const src of sources) {
        const keys = src.statements.map((s) => s.propKey);
        await refreshContradictions(prisma, app.events, keys, { cap });
        const before = await snapshot();
        const again = await refreshContradictions(prisma, app.events, keys, { cap });
        expect({ cap, source: src.id, created: again.created, updated: again.updated, removed: again.removed }).toEqual({ cap, source: src.id, created: 0, updated: 0, removed: 0 });
        expect(await snapshot()).toEqual(before);
      }
    }
  });

  it("an acronym met first and its full name met later make one speaker, named in full, in either order", async () => {
    const acronymFirst = ["The HSB said on Tuesday that the Kestrel pier would stay closed until June.", "The Harbor Safety Board said on Monday that the Kestrel pier was closed after the storm."];
    const speakersOf = async (texts: string[]) => {
      const app = await createTestApp();
      apps.push(app);
      for (const text of texts) await app.ok(IngestSource, { input: { text, publisher: "Coast Wire", publishedAt: "2031-05-09" } });
      return (await app.db.prisma.speaker.findMany({ include: { _count: { select: { statements: true } } } })).map((s) => `${s.key} ${s.name} ${s._count.statements}`).sort();
    };
    const one = ["org:harbor-safety-board Harbor Safety Board 2"];
    expect(await speakersOf(acronymFirst)).toEqual(one);
    expect(await speakersOf([...acronymFirst].reverse())).toEqual(one);
    // Two bodies with the same initials stay two, in either order.
    const twoBodies = [acronymFirst[1]!, "The Hill Shipping Bureau said the Kestrel pier was never closed."];
    const two = ["org:harbor-safety-board Harbor Safety Board 1", "org:hill-shipping-bureau Hill Shipping Bureau 1"];
    expect(await speakersOf(twoBodies)).toEqual(two);
    expect(await speakersOf([...twoBodies].reverse())).toEqual(two);
  });
});
