import { afterAll, beforeAll, describe, expect, it } from "@jest/globals";
import { Contradictions } from "../../client/operations.js";
import { createTestApp, type TestApp } from "../helpers/app.js";

let app: TestApp;

// 60 contradictions, each with two sides of two statements from different speakers and sources.
async function seed(app: TestApp) {
  const p = app.db.prisma;
  const org = await p.speaker.create({ data: { key: "gov:test", name: "Test Government", aliases: [], kind: "GOVERNMENT" } });
  const speakers = await Promise.all(
    Array.from({ length: 8 }, (_, i) => p.speaker.create({ data: { key: `person:s${i}`, name: `Speaker ${i}`, aliases: [], kind: "PERSON", affiliationId: org.id } })),
  );
  const sources = await Promise.all(Array.from({ length: 6 }, (_, i) => p.source.create({ data: { contentHash: `h${i}`, text: "x".repeat(500), title: `Source ${i}` } })));
  for (let c = 0; c < 60; c++) {
    const st = await p.statement.createManyAndReturn({
      data: Array.from({ length: 4 }, (_, k) => ({
        sourceId: sources[(c + k) % sources.length]!.id, speakerId: speakers[(c + k) % speakers.length]!.id,
        start: k * 10, end: k * 10 + 8, text: "xxxxxxxx", cue: "said", direct: false, claim: `claim ${c}`,
        polarity: k < 2 ? ("AFFIRM" as const) : ("DENY" as const), propKey: `K|${c}`,
      })),
      select: { id: true },
    });
    await p.contradiction.create({
      data: {
        key: `POLARITY|K|${c}`, blockKey: `K|${c}`, kind: "POLARITY", confidence: (c % 10) / 10, explanation: "e", rule: "r", detectorVersion: "t",
        sides: {
          create: [
            { position: 0, label: "a", statements: { connect: st.slice(0, 2).map((s) => ({ id: s.id })) } },
            { position: 1, label: "b", statements: { connect: st.slice(2).map((s) => ({ id: s.id })) } },
          ],
        },
      },
    });
  }
}

beforeAll(async () => {
  app = await createTestApp();
  await seed(app);
});
afterAll(async () => {
  await app.close();
});

describe("no N+1", () => {
  it("a page of contradictions → sides → statements → speaker and source costs the same SQL at 5 and 50", async () => {
    let page5 = 0;
    let page50 = 0;
    const m5 = await app.measureQueries(async () => {
      const r = await app.ok(Contradictions, { first: 5 });
      page5 = r.contradictions!.edges.length;
    });
    const m50 = await app.measureQueries(async () => {
      const r = await app.ok(Contradictions, { first: 50 });
      page50 = r.contradictions!.edges.length;
      expect(r.contradictions!.edges.every((e) => e.node.sides.length === 2 && e.node.sides.every((s) => s.statements.length === 2 && s.statements.every((st) => st.speaker.affiliation?.name === "Test Government")))).toBe(true);
    });
    expect(page5).toBe(5);
    expect(page50).toBe(50);
    const ops = (m: typeof m5) => m.operations.map((o) => `${o.model ?? "$"}.${o.operation}`);
    process.stdout.write(
      `per request (${app.db.backend}): page 5 → ${m5.operations.length} Prisma operations, ${m5.sql.length} SQL; ` +
        `page 50 → ${m50.operations.length} operations, ${m50.sql.length} SQL\n  operations: ${ops(m50).join(", ")}\n`,
    );
    // Counted by the query-log extension: the same operations, in the same order, whatever the page size.
    expect(m5.operations.length).toBeGreaterThan(0);
    expect(ops(m50)).toEqual(ops(m5));
    // And the SQL those operations sent does not grow either.
    expect(m5.sql.length).toBeGreaterThan(0);
    expect(m50.sql.length).toBe(m5.sql.length);
  });
});
