import { readFileSync } from "node:fs";
import { afterAll, beforeAll, describe, expect, it } from "@jest/globals";
import {
  AddStatement, CheckClaim, Contradictions, DeleteSource, IngestSource, MergeSpeakers, NodeById, ReviewContradiction,
  SourceById, Sources, SpeakerStatements, Statements, UpdateStatement,
} from "../../client/operations.js";
import { createTestApp, type TestApp } from "../helpers/app.js";

const fixture = (name: string) => readFileSync(new URL(`../fixtures/${name}`, import.meta.url), "utf8");

let app: TestApp;
beforeAll(async () => {
  app = await createTestApp();
});
afterAll(async () => {
  await app.close();
});

async function counts() {
  const [sources, statements, contradictions, speakers] = await Promise.all([
    app.db.prisma.source.count(), app.db.prisma.statement.count(), app.db.prisma.contradiction.count(), app.db.prisma.speaker.count(),
  ]);
  return { sources, statements, contradictions, speakers };
}

describe("ingestSource", () => {
  it("stores a source, extracts statements and detects the notification conflict as one two-sided contradiction", async () => {
    const data = await app.ok(IngestSource, { input: { text: fixture("raid-notice.txt"), publisher: "Test Wire" } });
    const r = data.ingestSource;
    expect(r.created).toBe(true);
    expect(r.source.title).toBe("US Says Iraq Was Told Before Riverside Raid");
    expect(r.source.publishedAt).toBe("2031-05-02T00:00:00.000Z");
    const brenner = r.statements.filter((s) => s.speaker.name === "Carl Brenner");
    expect(brenner.length).toBeGreaterThanOrEqual(2);
    expect(brenner.some((s) => s.direct && s.polarity === "AFFIRM")).toBe(true);
    const hamdan = r.statements.filter((s) => s.speaker.name === "Layla Hamdan");
    expect(hamdan.some((s) => s.polarity === "DENY")).toBe(true);
    // Every span is verbatim.
    const text = fixture("raid-notice.txt");
    for (const s of r.statements) expect(text.slice(s.start, s.end)).toBe(s.text);
    const notice = r.contradictions.find((c) => c.kind === "POLARITY");
    expect(notice).toBeDefined();
    expect(notice!.explanation).toMatch(/Brenner/);
    expect(notice!.explanation).toMatch(/Hamdan/);
    expect(notice!.confidence).toBeGreaterThan(0);
    expect(notice!.confidence).toBeLessThanOrEqual(1);
  });

  it("returns the existing source for the same text and creates nothing", async () => {
    const before = await counts();
    const first = await app.ok(Sources, { first: 10 });
    const again = await app.ok(IngestSource, { input: { text: `${fixture("raid-notice.txt")}\n\n` } });
    expect(again.ingestSource.created).toBe(false);
    expect(again.ingestSource.source.id).toBe(first.sources!.edges[0]!.node.id);
    expect(await counts()).toEqual(before);
  });

  it("extends the contradiction across sources; another office of the same government is not a self-reversal", async () => {
    const data = await app.ok(IngestSource, { input: { text: fixture("raid-followup.txt") } });
    // A self-reversal is one canonical speaker saying p and then not-p, never inherited through an affiliation.
    expect(data.ingestSource.contradictions.map((c) => c.kind)).not.toContain("SELF_REVERSAL");
    const all = await app.ok(Contradictions, { first: 20, filter: { kind: "POLARITY" } });
    const sides = all.contradictions!.edges[0]!.node.sides;
    expect(sides).toHaveLength(2);
    const names = sides.map((s) => s.statements.map((st) => st.speaker.name));
    expect(names[0]).toContain("Carl Brenner");
    expect(names[1]).toEqual(expect.arrayContaining(["Layla Hamdan", "US Department of State"]));
  });

  it("does not flag 'at least three' against 'three' (a lower bound)", async () => {
    const numeric = await app.ok(Contradictions, { first: 20, filter: { kind: "NUMERIC" } });
    expect(numeric.contradictions!.totalCount).toBe(0);
  });
});

describe("bad input changes nothing", () => {
  const cases: Array<[string, Record<string, unknown>, string]> = [
    ["empty text", { text: "" }, "text"],
    ["whitespace text", { text: "   \n\t " }, "text"],
    ["text over 2 MB", { text: "a".repeat(2 * 1024 * 1024 + 1) }, "text"],
    ["invalid url", { text: "Some title\n\nSomeone said something.", url: "not a url" }, "url"],
    ["ftp url", { text: "Some title\n\nSomeone said something.", url: "ftp://example.org/x" }, "url"],
    ["invalid language", { text: "Some title\n\nSomeone said something.", language: "English!" }, "language"],
  ];
  it.each(cases)("%s → BAD_USER_INPUT", async (_name, input, field) => {
    const before = await counts();
    const r = await app.execute(IngestSource, { input: input as { text: string } });
    expect(r.errors?.[0]?.extensions?.code).toBe("BAD_USER_INPUT");
    expect(r.errors?.[0]?.extensions?.field).toBe(field);
    expect(await counts()).toEqual(before);
  });

  it("an invalid date is rejected by the DateTime scalar", async () => {
    const r = await app.execute(IngestSource, { input: { text: "T\n\nX said Y.", publishedAt: "2024-02-31" } });
    expect(r.errors?.[0]?.extensions?.code).toBe("BAD_USER_INPUT");
    expect(r.errors?.[0]?.message).toMatch(/DateTime/);
  });

  it.each([
    ["malformed", "not-an-id!", "BAD_USER_INPUT"],
    ["wrong type", Buffer.from("Speaker:1").toString("base64"), "BAD_USER_INPUT"],
  ])("%s source ID → %s", async (_n, id, code) => {
    const r = await app.execute(SourceById, { id });
    expect(r.errors?.[0]?.extensions?.code).toBe(code);
  });

  it("an unknown source ID reads as null, and deleting it is a NOT_FOUND user error", async () => {
    const id = Buffer.from("Source:999999").toString("base64");
    const r = await app.ok(SourceById, { id });
    expect(r.source).toBeNull();
    const d = await app.ok(DeleteSource, { id });
    expect(d.deleteSource.errors[0]!.code).toBe("NOT_FOUND");
    expect(d.deleteSource.deletedId).toBeNull();
  });

  it.each([0, 101, -1])("page size %d is out of range", async (first) => {
    const r = await app.execute(Contradictions, { first });
    expect(r.errors?.[0]?.extensions?.code).toBe("BAD_USER_INPUT");
    expect(r.data ?? null).toBeNull();
  });

  it("page sizes 1 and 100 are accepted", async () => {
    await app.ok(Contradictions, { first: 1 });
    await app.ok(Contradictions, { first: 100 });
  });

  it("a wrong enum value is a validation error", async () => {
    const r = await app.post({ query: "{ contradictions(first: 5, filter: { kind: SIDEWAYS }) { totalCount } }" });
    expect(r.json.errors?.[0]?.message).toMatch(/SIDEWAYS/);
    expect(r.json.errors?.[0]?.extensions?.code).toBe("GRAPHQL_VALIDATION_FAILED");
  });

  it("minConfidence outside 0–1 is rejected", async () => {
    const r = await app.execute(Contradictions, { first: 5, filter: { minConfidence: 1.5 } });
    expect(r.errors?.[0]?.extensions?.code).toBe("BAD_USER_INPUT");
  });

  it("too deep a query is refused by graphql-armor", async () => {
    const deep = "{ speakers(first: 1) { edges { node { affiliation { affiliation { affiliation { affiliation { affiliation { affiliation { affiliation { affiliation { affiliation { affiliation { affiliation { name } } } } } } } } } } } } } } }";
    const r = await app.post({ query: deep });
    expect(JSON.stringify(r.json.errors)).toMatch(/depth/i);
  });
});

describe("relay", () => {
  it("node(id) and nodes(ids) resolve global IDs; pagination follows cursors", async () => {
    const page1 = await app.ok(Statements, { first: 2 });
    expect(page1.statements!.totalCount).toBeGreaterThan(2);
    expect(page1.statements!.pageInfo.hasNextPage).toBe(true);
    const page2 = await app.ok(Statements, { first: 2, after: page1.statements!.pageInfo.endCursor });
    const ids1 = page1.statements!.edges.map((e) => e.node.id);
    const ids2 = page2.statements!.edges.map((e) => e.node.id);
    expect(ids1.filter((i) => ids2.includes(i))).toHaveLength(0);
    const speakerId = page1.statements!.edges[0]!.node.speaker.id;
    const n = await app.ok(NodeById, { id: speakerId });
    expect(n.node).toMatchObject({ __typename: "Speaker", id: speakerId });
    const many = await app.post({ query: `{ nodes(ids: ["${speakerId}", "${ids1[0]}"]) { id __typename } }` });
    expect((many.json.data as { nodes: Array<{ __typename: string }> }).nodes.map((x) => x.__typename)).toEqual(["Speaker", "Statement"]);
  });

  it("filters statements by speaker and polarity, and searches text", async () => {
    const sp = await app.ok(SpeakerStatements, { search: "Hamdan", first: 10 });
    const hamdan = sp.speakers!.edges[0]!.node;
    expect(hamdan.kind).toBe("PERSON");
    expect(hamdan.contradictions!.totalCount).toBeGreaterThan(0);
    const denies = await app.ok(Statements, { filter: { speakerId: hamdan.id, polarity: "DENY" }, first: 10 });
    expect(denies.statements!.totalCount).toBeGreaterThan(0);
    expect(denies.statements!.edges.every((e) => e.node.polarity === "DENY" && e.node.speaker.name === "Layla Hamdan")).toBe(true);
    const search = await app.ok(Statements, { filter: { search: "prior coordination" }, first: 10 });
    expect(search.statements!.edges.every((e) => /prior/i.test(e.node.text) || /prior/i.test(e.node.claim))).toBe(true);
    expect(search.statements!.totalCount).toBeGreaterThan(0);
  });
});

describe("reviews, edits, merges and deletes", () => {
  it("a review survives recompute", async () => {
    const list = await app.ok(Contradictions, { first: 1 });
    const c = list.contradictions!.edges[0]!.node;
    const rv = await app.ok(ReviewContradiction, { id: c.id, status: "CONFIRMED", note: "checked against the briefing" });
    expect(rv.reviewContradiction.contradiction!.status).toBe("CONFIRMED");
    await app.services.recompute();
    const after = await app.ok(Contradictions, { first: 50, filter: { status: "CONFIRMED" } });
    expect(after.contradictions!.edges.map((e) => e.node.id)).toContain(c.id);
    expect(after.contradictions!.edges.find((e) => e.node.id === c.id)!.node.note).toBe("checked against the briefing");
  });

  it("addStatement and updateStatement validate spans and re-detect", async () => {
    const src = (await app.ok(Sources, { first: 10 })).sources!.edges.at(-1)!.node;
    const sp = (await app.ok(SpeakerStatements, { search: "Brenner", first: 1 })).speakers!.edges[0]!.node;
    const bad = await app.ok(AddStatement, { input: { sourceId: src.id, speakerId: sp.id, start: 5, end: 2 } });
    expect(bad.addStatement.errors[0]!.code).toBe("INVALID");
    expect(bad.addStatement.statement).toBeNull();
    const good = await app.ok(AddStatement, { input: { sourceId: src.id, speakerId: sp.id, start: 0, end: 20, claim: "The US informed Iraq before the raid", polarity: "AFFIRM" } });
    expect(good.addStatement.statement!.manual).toBe(true);
    const upd = await app.ok(UpdateStatement, { input: { id: good.addStatement.statement!.id, polarity: "DENY" } });
    expect(upd.updateStatement.statement!.polarity).toBe("DENY");
  });

  it("mergeSpeakers moves statements and keeps aliases", async () => {
    const a = (await app.ok(SpeakerStatements, { search: "Brenner", first: 50 })).speakers!.edges[0]!.node;
    const b = (await app.ok(SpeakerStatements, { search: "Hamdan", first: 50 })).speakers!.edges[0]!.node;
    const self = await app.ok(MergeSpeakers, { input: { targetId: a.id, mergeIds: [a.id] } });
    expect(self.mergeSpeakers.errors[0]!.code).toBe("INVALID");
    const total = a.statements!.totalCount + b.statements!.totalCount;
    const m = await app.ok(MergeSpeakers, { input: { targetId: a.id, mergeIds: [b.id] } });
    expect(m.mergeSpeakers.speaker!.statementCount).toBe(total);
    expect(m.mergeSpeakers.speaker!.aliases).toContain("Layla Hamdan");
  });

  it("checkClaim answers with a verdict and evidence", async () => {
    const r = await app.ok(CheckClaim, { text: "Washington informed Baghdad before the raid" });
    // The fixtures have one official affirming the notice and others denying it: a disputed claim.
    // Denials outweigh (CONTRADICTED) or, with equal weight each way after the edits above, a dispute (DISCUSSED).
    expect(["CONTRADICTED", "DISCUSSED"]).toContain(r.checkClaim!.verdict);
    expect(r.checkClaim!.explanation).toMatch(/deny it; \d+ assert it|Disputed: \d+ statement\(s\) on the same proposition assert it and \d+ deny it/);
    expect(r.checkClaim!.evidence[0]!.rule).toBe("PROPOSITION");
    expect(r.checkClaim!.evidence.some((e) => e.stance === "SUPPORTED")).toBe(true);
    expect(r.checkClaim!.model).toMatch(/^fnc1-/);
    // Passages are spans of their source's text.
    expect(r.checkClaim!.passages.length).toBeGreaterThan(0);
    for (const p of r.checkClaim!.passages) {
      const src = await app.ok(SourceById, { id: p.source.id });
      expect(src.source!.text.slice(p.start, p.end)).toBe(p.text);
    }
    // Same facts, other names for the parties.
    const synonyms = await app.ok(CheckClaim, { text: "The United States notified Iraq ahead of the raid" });
    expect(["CONTRADICTED", "DISCUSSED"]).toContain(synonyms.checkClaim!.verdict);
    // Scoped to one source; unknown and too many sources are input errors.
    const one = r.checkClaim!.sources[0]!.source.id;
    const scoped = await app.ok(CheckClaim, { text: "Washington informed Baghdad before the raid", sourceIds: [one] });
    expect(scoped.checkClaim!.sources.map((s) => s.source.id)).toEqual([one]);
    const missing = await app.execute(CheckClaim, { text: "x claim", sourceIds: [Buffer.from("Source:99999").toString("base64")] });
    expect(missing.errors?.[0]?.extensions?.code).toBe("NOT_FOUND");
    const many = await app.execute(CheckClaim, { text: "x claim", sourceIds: Array.from({ length: 101 }, (_, i) => Buffer.from(`Source:${i + 1}`).toString("base64")) });
    expect(many.errors?.[0]?.extensions?.code).toBe("BAD_USER_INPUT");
    const u = await app.ok(CheckClaim, { text: "A new bakery opened in Lisbon selling custard tarts" });
    expect(u.checkClaim!.verdict).toBe("UNRELATED");
  });

  it("deleteSource removes its statements and the contradictions left one-sided", async () => {
    const srcs = (await app.ok(Sources, { first: 10 })).sources!.edges.map((e) => e.node);
    for (const s of srcs) {
      const d = await app.ok(DeleteSource, { id: s.id });
      expect(d.deleteSource.deletedId).toBe(s.id);
    }
    const c = await counts();
    expect(c.sources).toBe(0);
    expect(c.statements).toBe(0);
    expect(c.contradictions).toBe(0);
  });
});
