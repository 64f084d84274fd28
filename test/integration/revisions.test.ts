import { afterAll, beforeAll, describe, expect, it } from "@jest/globals";
import { Contradictions, IngestSource, StatementRevisions } from "../../client/operations.js";
import { createTestApp, type TestApp } from "../helpers/app.js";

// A toll that rises is a revision, linked from the earlier count to the later one — never a NUMERIC contradiction.
// Own-words texts.
let app: TestApp;
beforeAll(async () => {
  app = await createTestApp();
});
afterAll(async () => {
  await app.close();
});

const first = "Depot strike leaves two dead\n\nMay 3, 2031\n\nPolice said the strike near Taji killed two guards on Friday.";
const second = "Toll from depot strike climbs\n\nMay 4, 2031\n\nHospital officials said the strike near Taji killed four people in all, as the number of dead rose overnight.";

describe("revisions", () => {
  it("links a rising toll across sources and reports no contradiction", async () => {
    await app.ok(IngestSource, { input: { text: first } });
    await app.ok(IngestSource, { input: { text: second } });
    const page = await app.ok(StatementRevisions, { first: 50 });
    const nodes = page.statements!.edges.map((e) => e.node);
    const two = nodes.find((n) => /two guards/.test(n.text))!;
    const four = nodes.find((n) => /four people/.test(n.text))!;
    expect(two.revisedBy).toEqual([{ kind: "REVISION", explanation: expect.stringMatching(/two guards.*four people.*revision/), to: { id: four.id, text: four.text } }]);
    // Links form a chain: the later count revises the latest earlier one it differs from, not every earlier one.
    expect(four.revises.map((l) => l.from.id)).toEqual([two.id]);
    const c = await app.ok(Contradictions, { first: 10 });
    expect(c.contradictions!.edges.filter((e) => e.node.kind === "NUMERIC")).toEqual([]);
  });

  it("a lower count in a later report is a contradiction, not a revision", async () => {
    await app.ok(IngestSource, { input: { text: "Depot strike toll disputed\n\nMay 5, 2031\n\nA militia spokesman said the strike near Taji killed one guard." } });
    const c = await app.ok(Contradictions, { first: 10 });
    expect(c.contradictions!.edges.some((e) => e.node.kind === "NUMERIC")).toBe(true);
    const page = await app.ok(StatementRevisions, { first: 50 });
    const one = page.statements!.edges.map((e) => e.node).find((n) => /one guard/.test(n.text))!;
    expect(one.revises).toEqual([]);
  });
});
