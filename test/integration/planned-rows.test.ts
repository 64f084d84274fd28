import { afterAll, beforeAll, describe, expect, it } from "@jest/globals";
import { parse } from "graphql";
import { createGainsayYoga } from "../../src/server/yoga.js";
import { schema } from "../../src/schema/index.js";
import { plansEveryField, rowsAllMarked } from "../../src/schema/planned-rows.js";
import { createTestApp, type TestApp } from "../helpers/app.js";

// The hot reads answer from marked rows on graphql-jit (src/schema/planned-rows.ts, src/server/jit.ts): the answers
// must be the bytes Yoga's own executor gives (a server built with jit: false), and the SQL the same. (Against the
// prisma plugin's loader-mapping path, main before this change, bench/api/answers.ts compares two trees.)

let app: TestApp;
let plain: ReturnType<typeof createGainsayYoga>;
const gid = (type: string, id: number) => Buffer.from(`${type}:${id}`).toString("base64");
let ids: { speaker: number; statement: number; contradiction: number; source: number };

beforeAll(async () => {
  app = await createTestApp();
  plain = createGainsayYoga({ prisma: app.db.prisma, events: app.events, services: app.services, apiKeys: [], jit: false });
  const p = app.db.prisma;
  const org = await p.speaker.create({ data: { key: "gov:pr", name: "Invented Ministry", aliases: [], kind: "GOVERNMENT" } });
  const people = await Promise.all([0, 1, 2].map((i) => p.speaker.create({ data: { key: `person:pr${i}`, name: `Invented Person ${i}`, aliases: [], kind: "PERSON", affiliationId: i < 2 ? org.id : null } })));
  const sources = await Promise.all([0, 1].map((i) => p.source.create({ data: { contentHash: `pr${i}`, text: "y".repeat(200), title: i ? null : `Invented report ${i}`, publishedAt: new Date(Date.UTC(2030, 1, 2 + i, 3, 4, 5, 6)) } })));
  const event = await p.event.create({ data: { key: "ev:pr", type: "strike", description: "An invented strike", date: new Date(Date.UTC(2030, 0, 1)) } });
  const statements = [];
  for (let c = 0; c < 6; c++) {
    const st = await p.statement.createManyAndReturn({
      data: [0, 1, 2].map((k) => ({
        sourceId: sources[(c + k) % 2]!.id, speakerId: people[(c + k) % 3]!.id, start: k * 20 + c, end: k * 20 + c + 10, text: "yyyyyyyyyy", cue: "said", direct: k === 0,
        claim: `invented claim ${c}`, polarity: k < 2 ? ("AFFIRM" as const) : ("DENY" as const), propKey: `PR|${c}`, eventId: c % 2 ? event.id : null, frame: { eventType: "strike", n: c },
      })),
      select: { id: true },
    });
    statements.push(...st);
    await p.contradiction.create({
      data: {
        key: `POLARITY|PR|${c}`, blockKey: `PR|${c}`, kind: "POLARITY", confidence: c / 10, explanation: `invented ${c}`, rule: "r", detectorVersion: "t",
        status: c === 2 ? "CONFIRMED" : "OPEN", reviewedAt: c === 2 ? new Date(Date.UTC(2030, 5, 6, 7, 8, 9, 10)) : null,
        sides: { create: [{ position: 0, label: "a", statements: { connect: st.slice(0, 2) } }, { position: 1, label: "b", statements: { connect: st.slice(2) } }] },
      },
    });
  }
  await p.statementLink.create({ data: { kind: "REVISION", fromId: statements[0]!.id, toId: statements[3]!.id, explanation: "rose" } });
  const first = await p.contradiction.findFirstOrThrow({ orderBy: { id: "asc" } });
  ids = { speaker: people[0]!.id, statement: statements[0]!.id, contradiction: first.id + 2, source: sources[0]!.id };
});
afterAll(async () => {
  await app?.close();
});

const SAID = `fragment Said on Statement { id text start end direct cue claim polarity modality speakerRole frame confidence manual
  speaker { id name kind affiliation { name } statementCount } source { id title fromHtml publishedAt createdAt statementCount } event { id date } }`;
const queries = () => [
  `query { contradictions(first: 4) { totalCount pageInfo { hasNextPage endCursor } edges { cursor node { id kind confidence explanation status reviewedAt
    sides { position label statements { ...Said } } } } } } ${SAID}`,
  `query { contradictions(first: 2, after: "${Buffer.from(`GPC:N:${ids.contradiction}`).toString("base64")}", orderBy: NEWEST_FIRST) { edges { node { id createdAt } } } }`,
  `query($s: ID!) { statements(first: 10, filter: { speakerId: $s }) { totalCount edges { node { id text conflicts { id kind sides { label } } revisedBy { to { id } } revises { from { id } } speaker { name } source { title publishedAt } } } } }`,
  `query($s: ID!) { speaker(id: $s) { id name statementCount statements(first: 3) { totalCount edges { cursor node { ...Said } } pageInfo { hasNextPage } }
    contradictions(first: 3) { totalCount edges { node { id sides { statements { id speaker { name } } } } } } } } ${SAID}`,
  `query($c: ID!, $t: ID!) { contradiction(id: $c) { id status note reviewedAt sides { label } } statement(id: $t) { ...Said } } ${SAID}`,
  `query { contradictions(first: 2, after: "not a cursor") { edges { node { id } } } }`,
  `query($t: ID!) { statement(id: $t) { ...Said id } } ${SAID}`,
  `query($t: ID!) { node(id: $t) { id ... on Statement { text speaker { name } } } }`,
];

async function raw(yoga: ReturnType<typeof createGainsayYoga>, query: string) {
  const res = await yoga.fetch("http://test/graphql", {
    method: "POST",
    headers: { "content-type": "application/json", accept: "application/json" },
    body: JSON.stringify({ query, variables: { s: gid("Speaker", ids.speaker), t: gid("Statement", ids.statement), c: gid("Contradiction", ids.contradiction) } }),
  });
  return `${res.status} ${await res.text()}`;
}

describe("marked rows and graphql-jit", () => {
  it("answer every read byte for byte as Yoga's executor does, with the same SQL", async () => {
    for (const query of queries()) {
      // Twice each: the second run uses the cached compiled query and plan.
      for (let round = 0; round < 2; round++) {
        let fast = "";
        let slow = "";
        const a = await app.measureQueries(async () => void (fast = await raw(app.yoga, query)));
        const b = await app.measureQueries(async () => void (slow = await raw(plain, query)));
        expect(fast).toBe(slow);
        expect(a.sql.length).toBe(b.sql.length);
      }
    }
    // The answers hold what was seeded (not two empty answers alike).
    const page = await raw(app.yoga, queries()[0]!);
    expect(page).toContain('"totalCount":6');
    expect(page).toContain('"reviewedAt":"2030-06-06T07:08:09.010Z"');
    expect(page).toContain('"publishedAt":"2030-02-02T03:04:05.006Z"');
    expect(page).toContain('"affiliation":{"name":"Invented Ministry"}');
  });

  it("take graphql-jit only for operations whose every row is marked", () => {
    const yes = (q: string) => rowsAllMarked(schema, parse(q));
    expect(yes(queries()[0]!)).toBe(true);
    expect(yes(queries()[2]!)).toBe(true);
    expect(yes(queries()[3]!)).toBe(true);
    expect(yes(queries()[4]!)).toBe(true);
    // node(id) loads through Pothos's own loader; speakers through Prisma; a mutation writes.
    expect(yes(queries()[7]!)).toBe(false);
    expect(yes(`{ speakers(first: 2) { edges { node { id } } } }`)).toBe(false);
    expect(yes(`mutation { reviewContradiction(id: "x", status: OPEN) { errors { code } } }`)).toBe(false);
    // One relation under two aliases: the plan takes only the first.
    expect(yes(`{ contradictions(first: 2) { edges { node { a: sides { label } b: sides { position } } } } }`)).toBe(false);
    // A field after a fragment spread (graphql-jit would answer it first).
    expect(yes(queries()[6]!)).toBe(false);
  });

  it("plansEveryField refuses two response keys for one field and @defer, through fragments", () => {
    const plans = (q: string) => {
      const doc = parse(q);
      const operation = doc.definitions.find((d) => d.kind === "OperationDefinition")!;
      const fragments = Object.fromEntries(doc.definitions.flatMap((d) => (d.kind === "FragmentDefinition" ? [[d.name.value, d]] : [])));
      return plansEveryField({ operation: operation as never, fragments });
    };
    expect(plans(`{ contradictions { edges { node { id sides { label } ...F } } } } fragment F on Contradiction { sides { position } }`)).toBe(true);
    expect(plans(`{ contradictions { edges { node { id ...F } } } } fragment F on Contradiction { other: sides { position } sides { label } }`)).toBe(false);
    expect(plans(`{ contradictions { edges { node { sides { statements { id } } sides { again: statements { id } } } } } }`)).toBe(false);
    expect(plans(`{ contradictions { edges { node { id ... @defer { sides { label } } } } } }`)).toBe(false);
  });
});
