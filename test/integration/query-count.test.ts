import { afterAll, beforeAll, describe, expect, it } from "@jest/globals";
import { Contradictions, Statements } from "../../client/operations.js";
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
      `per request (${app.db.backend}): page 5 → ${m5.operations.length} operations, ${m5.sql.length} SQL; ` +
        `page 50 → ${m50.operations.length} operations, ${m50.sql.length} SQL\n  operations: ${ops(m50).join(", ")}\n`,
    );
    // Counted by the query-log extension: the same operations, in the same order, whatever the page size.
    expect(m5.operations.length).toBeGreaterThan(0);
    expect(ops(m50)).toEqual(ops(m5));
    // And the SQL those operations sent does not grow either.
    expect(m5.sql.length).toBeGreaterThan(0);
    expect(m50.sql.length).toBe(m5.sql.length);
  });

  it("a speaker's statements (statements(filter: {speakerId})) cost the same SQL at 3 and 25", async () => {
    const speaker = await app.db.prisma.speaker.findFirstOrThrow({ where: { key: "person:s1" } });
    const speakerId = Buffer.from(`Speaker:${speaker.id}`).toString("base64");
    const sizes: number[] = [];
    const m: number[] = [];
    for (const first of [3, 25]) {
      const r = await app.measureQueries(async () => {
        const d = await app.ok(Statements, { filter: { speakerId }, first });
        sizes.push(d.statements!.edges.length);
        expect(d.statements!.edges.every((e) => e.node.speaker.name === "Speaker 1" && e.node.conflicts.length === 1)).toBe(true);
      });
      m.push(r.sql.length);
      if (first === 25) process.stdout.write(`  ${r.operations.map((o) => `${o.model ?? "$"}.${o.operation}`).join(", ")}\n`);
    }
    expect(sizes).toEqual([3, 25]);
    process.stdout.write(`statements(filter: {speakerId}) (${app.db.backend}): ${m[0]} SQL at 3, ${m[1]} SQL at 25\n`);
    expect(m[0]).toBeGreaterThan(0);
    expect(m[1]).toBe(m[0]);
  });

  it("a speaker with its statements and contradictions costs the same SQL at 3 and 25", async () => {
    const speaker = await app.db.prisma.speaker.findFirstOrThrow({ where: { key: "person:s2" } });
    const query = `query ($id: ID!, $first: Int!) { speaker(id: $id) { name statementCount affiliation { name }
      statements(first: $first) { totalCount edges { node { id text source { title } } } }
      contradictions(first: $first) { totalCount edges { node { id kind sides { label statements { id speaker { name } source { title } } } } } } } }`;
    const counts: number[] = [];
    for (const first of [3, 25]) {
      const m = await app.measureQueries(async () => {
        const { json } = await app.post({ query, variables: { id: Buffer.from(`Speaker:${speaker.id}`).toString("base64"), first } });
        expect(json.errors).toBeUndefined();
        const sp = json.data!.speaker as { statements: { edges: unknown[] }; contradictions: { edges: { node: { sides: { statements: unknown[] }[] } }[] } };
        expect(sp.statements.edges).toHaveLength(first);
        expect(sp.contradictions.edges).toHaveLength(first);
        expect(sp.contradictions.edges.every((e) => e.node.sides.flatMap((s) => s.statements).length === 4)).toBe(true);
      });
      counts.push(m.sql.length);
    }
    process.stdout.write(`speaker { statements contradictions } (${app.db.backend}): ${counts[0]} SQL at 3, ${counts[1]} SQL at 25\n`);
    expect(counts[0]).toBeGreaterThan(0);
    expect(counts[1]).toBe(counts[0]);
  });

  it("a page reads only the columns its fields show, and every column for a field with its own resolver", async () => {
    const page = (statementFields: string) => `{ contradictions(first: 5) { edges { node { id kind sides { label statements { ${statementFields} } } } } } }`;
    const read = async (statementFields: string) => {
      let data: unknown;
      const m = await app.measureQueries(async () => {
        const { json } = await app.post({ query: page(statementFields) });
        expect(json.errors).toBeUndefined();
        data = json.data;
      });
      expect(m.sql).toHaveLength(1);
      return { sql: m.sql[0]!, data: data as { contradictions: { edges: { node: { sides: { statements: Record<string, unknown>[] }[] } }[] } } };
    };
    const lean = await read("id text");
    // Statement columns nobody asked for (the claim frame, the cue, the proposition key) and the Contradiction's own.
    for (const column of ['"frame"', '"cue"', '"propKey"', '"explanation"', '"blockKey"']) expect(lean.sql).not.toContain(column);
    expect(lean.data.contradictions.edges[0]!.node.sides[0]!.statements[0]!.text).toBe("xxxxxxxx");
    const framed = await read("id text frame cue");
    expect(framed.sql).toContain('"frame"');
    expect(framed.sql).toContain('"cue"');
    expect(framed.data.contradictions.edges[0]!.node.sides[0]!.statements[0]!.cue).toBe("said");
    // Statement.conflicts has a resolver of its own: the statement rows keep every column.
    const conflicts = await read("id conflicts { id }");
    expect(conflicts.sql).toContain('"propKey"');
  });
});
