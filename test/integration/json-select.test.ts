import { afterAll, beforeAll, describe, expect, it } from "@jest/globals";
import { compileCount, compileFindMany, countJson, findManyJson } from "../../src/db/json-select.js";
import { testDatabase } from "../helpers/db.js";

// The one-statement reader against Prisma itself: for each argument shape the resolvers (and Pothos's planner) pass,
// the compiled SQL must answer exactly what prisma.<model>.findMany / count answers.

let db: Awaited<ReturnType<typeof testDatabase>>;
let sql: string[] = [];

beforeAll(async () => {
  db = await testDatabase({ onQuery: (q) => void sql.push(q) });
  const p = db.prisma;
  const org = await p.speaker.create({ data: { key: "org:harbour", name: "Harbour Board", aliases: ["the board"], kind: "ORGANIZATION" } });
  const people = await Promise.all(
    ["Ada Reyes", "Bo Lindqvist", "Cy O'Hara", "Di 100%_sure"].map((name, i) =>
      p.speaker.create({ data: { key: `person:${i}`, name, aliases: i % 2 ? [`${name.split(" ")[0]}`] : [], kind: "PERSON", role: i === 0 ? "chair" : null, affiliationId: i < 3 ? org.id : null } }),
    ),
  );
  const sources = await Promise.all(
    [0, 1, 2].map((i) =>
      p.source.create({ data: { contentHash: `h${i}`, text: `Body ${i} of a made-up report.`, title: i === 2 ? null : `Report ${i}`, publishedAt: i === 1 ? null : new Date(Date.UTC(2030, i, 3, 4, 5, 6, 789)) } }),
    ),
  );
  const event = await p.event.create({ data: { key: "ev:1", type: "closure", description: "the pier closed", date: new Date(Date.UTC(2030, 0, 1)) } });
  const st = [];
  for (let i = 0; i < 12; i++) {
    st.push(
      await p.statement.create({
        data: {
          sourceId: sources[i % 3]!.id, speakerId: people[i % 4]!.id, eventId: i % 5 === 0 ? event.id : null, start: (i * 7) % 20, end: ((i * 7) % 20) + 5,
          text: `statement ${i} about the pier`, cue: i % 2 ? "said" : "denied", direct: i % 3 === 0, claim: `pier closes ${i % 4}`,
          polarity: i % 2 ? "AFFIRM" : "DENY", frame: { eventType: "closure", quantities: [{ value: i, unit: "days" }] }, propKey: `K|${i % 4}`, confidence: (i % 5) / 5,
          speakerRole: i % 4 === 0 ? "chair" : null,
        },
      }),
    );
  }
  await p.statementLink.create({ data: { kind: "REVISION", fromId: st[0]!.id, toId: st[4]!.id, explanation: "count rose" } });
  for (let c = 0; c < 5; c++) {
    await p.contradiction.create({
      data: {
        key: `POLARITY|K|${c}`, blockKey: `K|${c % 4}`, kind: c % 2 ? "POLARITY" : "NUMERIC", confidence: [0.9, 0.5, 0.9, 0.2, 0.5][c]!, explanation: `conflict ${c}`, rule: "r", detectorVersion: "t",
        status: c === 1 ? "CONFIRMED" : "OPEN", note: c === 1 ? "checked" : null, reviewedAt: c === 1 ? new Date(Date.UTC(2030, 5, 6)) : null,
        sides: {
          create: [
            { position: 1, label: "deny", statements: { connect: [{ id: st[c]!.id }, { id: st[c + 4]!.id }] } },
            { position: 0, label: "affirm", statements: { connect: [{ id: st[c + 1]!.id }, { id: st[(c + 7) % 12]!.id }, { id: st[(c + 2) % 12]!.id }] } },
          ],
        },
      },
    });
  }
});
afterAll(async () => {
  await db.close();
});

const pageTree = {
  include: {
    sides: {
      orderBy: { position: "asc" },
      include: {
        statements: {
          orderBy: [{ sourceId: "asc" }, { start: "asc" }],
          include: { speaker: { include: { affiliation: true } }, source: { select: { id: true, title: true, publishedAt: true } } },
        },
      },
    },
  },
};

// [model, findMany arguments]
const cases: Array<[string, string, Record<string, unknown>]> = [
  ["the contradictions page as Pothos plans it", "Contradiction", { ...pageTree, take: 3, skip: 0, where: {}, orderBy: [{ confidence: "desc" }, { id: "asc" }] }],
  ["the page after a cursor", "Contradiction", { ...pageTree, take: 3, skip: 1, cursor: { id: 3 }, where: {}, orderBy: [{ confidence: "desc" }, { id: "asc" }] }],
  ["a cursor that names no row", "Contradiction", { take: 3, skip: 1, cursor: { id: 999 }, orderBy: [{ confidence: "desc" }, { id: "asc" }] }],
  ["filtered by kind, status and confidence", "Contradiction", { where: { kind: "NUMERIC", status: "OPEN", confidence: { gte: 0.5 } }, orderBy: [{ createdAt: "desc" }, { id: "desc" }] }],
  ["contradictions of one speaker (many-to-many filter)", "Contradiction", { ...pageTree, where: { sides: { some: { statements: { some: { speakerId: 3 } } } } }, orderBy: [{ confidence: "desc" }, { id: "asc" }] }],
  ["contradictions of a source and speaker", "Contradiction", { where: { sides: { some: { statements: { some: { speakerId: 2, sourceId: 2 } } } } }, orderBy: { id: "asc" } }],
  ["statements with conflicts (sides → contradiction)", "Statement", {
    select: { id: true, text: true, frame: true, createdAt: true, sides: { select: { contradiction: { include: { sides: true } } }, orderBy: { contradictionId: "asc" } } },
    where: { speakerId: 2 }, orderBy: [{ sourceId: "desc" }, { start: "asc" }, { id: "asc" }], take: 4,
  }],
  ["statements found by words, any case", "Statement", { where: { AND: [{ OR: [{ text: { contains: "PIER", mode: "insensitive" } }, { claim: { contains: "PIER", mode: "insensitive" } }] }], polarity: "AFFIRM", direct: false }, orderBy: { id: "asc" } }],
  ["a literal % and _ in a search", "Speaker", { where: { name: { contains: "100%_", mode: "insensitive" } } , orderBy: { id: "asc" } }],
  ["statements with event, links and nullable role", "Statement", { include: { event: true, linksFrom: { where: { kind: "REVISION" }, orderBy: { id: "asc" } }, linksTo: { where: { kind: "REVISION" }, orderBy: { id: "asc" } } }, where: { eventId: { not: null } }, orderBy: { id: "asc" } }],
  ["a speaker with members, counts and a statements page", "Speaker", {
    include: { members: true, affiliation: true, _count: { select: { statements: true } }, statements: { take: 2, skip: 1, orderBy: [{ sourceId: "desc" }, { start: "asc" }, { id: "asc" }] } },
    where: { id: { in: [1, 2] } }, orderBy: { id: "asc" },
  }],
  ["sources with a null title and date", "Source", { select: { id: true, title: true, publishedAt: true, language: true }, where: { OR: [{ title: null }, { publishedAt: null }] }, orderBy: { id: "asc" } }],
  ["speakers by alias", "Speaker", { where: { OR: [{ name: { contains: "bo", mode: "insensitive" } }, { aliases: { has: "Bo" } }] }, orderBy: { id: "asc" } }],
  ["a unique row by id", "Contradiction", { ...pageTree, where: { id: 2 }, take: 1 }],
];

describe("findManyJson answers what Prisma's findMany answers", () => {
  it.each(cases)("%s", async (_label, model, args) => {
    expect(compileFindMany(model, args as never)).not.toBeNull();
    const delegate = (db.prisma as unknown as Record<string, { findMany(a: unknown): Promise<unknown[]> }>)[model[0]!.toLowerCase() + model.slice(1)]!;
    const expected = await delegate.findMany(args);
    sql = [];
    const got = await findManyJson(db.prisma, model, args as never);
    expect(sql).toHaveLength(1);
    expect(got).toEqual(expected);
  });

  it("a page holds rows, in order, with dates as Date and JSON parsed", async () => {
    const rows = await findManyJson<{ id: number; createdAt: Date; sides: { position: number; statements: { frame: unknown; source: { publishedAt: Date | null } }[] }[] }>(db.prisma, "Contradiction", {
      ...pageTree, orderBy: [{ confidence: "desc" }, { id: "asc" }],
    } as never);
    expect(rows.map((r) => r.id)).toEqual([1, 3, 2, 5, 4]);
    expect(rows[0]!.createdAt).toBeInstanceOf(Date);
    expect(rows[0]!.sides.map((s) => s.position)).toEqual([0, 1]);
    expect(rows[0]!.sides[0]!.statements[0]!.frame).toEqual({ eventType: "closure", quantities: [{ value: expect.any(Number), unit: "days" }] });
  });

  it("what it cannot compile goes to Prisma unchanged", async () => {
    const args = { where: {}, orderBy: [{ statements: { _count: "desc" } }, { id: "asc" }], take: 2 };
    expect(compileFindMany("Speaker", args as never)).toBeNull();
    expect(await findManyJson(db.prisma, "Speaker", args as never)).toEqual(await db.prisma.speaker.findMany(args as never));
    expect(compileFindMany("Contradiction", { take: -2 })).toBeNull();
  });
});

describe("countJson answers what Prisma's count answers", () => {
  const wheres: Array<[string, Record<string, unknown>]> = [
    ["contradiction", {}],
    ["contradiction", { sides: { some: { statements: { some: { speakerId: 3 } } } } }],
    ["contradiction", { confidence: { gte: 0.5 }, kind: "NUMERIC" }],
    ["statement", { speakerId: 2, polarity: "DENY" }],
    ["statement", { AND: [{ OR: [{ text: { contains: "pier", mode: "insensitive" } }] }] }],
  ];
  it.each(wheres)("%s %j", async (model, where) => {
    const name = model[0]!.toUpperCase() + model.slice(1);
    expect(compileCount(name, where)).not.toBeNull();
    const expected = await (db.prisma as unknown as Record<string, { count(a: unknown): Promise<number> }>)[model]!.count({ where });
    expect(await countJson(db.prisma, name, where)).toBe(expected);
  });
});
