import { readFileSync } from "node:fs";
import { afterAll, beforeAll, describe, expect, it } from "@jest/globals";
import { createTestApp, type TestApp } from "../helpers/app.js";
import { badInputGroups, casesMarkdown, MAX_BODY, type Ids } from "./bad-input-cases.js";

// Every kind of bad request we could think of, one row each (the table is bad-input-cases.ts): the HTTP status, the
// error code (in `extensions.code` or in the mutation payload's `errors`), and that nothing in the database changed.
// Texts are our own.

const fixture = (name: string) => readFileSync(new URL(`../fixtures/${name}`, import.meta.url), "utf8");

let app: TestApp;
const ids: Ids = { sourceId: "", speakerId: "", otherSpeakerId: "", statementId: "" };

beforeAll(async () => {
  app = await createTestApp({ maxBodyBytes: MAX_BODY });
  const r = await app.post({
    query: "mutation($t: String!) { ingestSource(input: { text: $t }) { source { id } statements { id speaker { id } } } }",
    variables: { t: fixture("raid-notice.txt") },
  });
  const data = r.json.data as { ingestSource: { source: { id: string }; statements: Array<{ id: string; speaker: { id: string } }> } };
  ids.sourceId = data.ingestSource.source.id;
  ids.statementId = data.ingestSource.statements[0]!.id;
  const speakers = [...new Set(data.ingestSource.statements.map((s) => s.speaker.id))];
  ids.speakerId = speakers[0]!;
  ids.otherSpeakerId = speakers[1]!;
});
afterAll(async () => {
  await app?.close();
});

async function snapshot() {
  const p = app.db.prisma;
  const [sources, statements, speakers, contradictions, events, sides, reviewed] = await Promise.all([
    p.source.count(), p.statement.count(), p.speaker.count(), p.contradiction.count(), p.event.count(), p.contradictionSide.count(),
    p.contradiction.count({ where: { status: { not: "OPEN" } } }),
  ]);
  return { sources, statements, speakers, contradictions, events, sides, reviewed };
}

const groups = badInputGroups(ids);
const cases = groups.flatMap(([, c]) => c);

describe("bad input: status, code, and nothing written", () => {
  it("has at least 50 cases, listed in BAD_INPUT_CASES.md as the table says", () => {
    expect(cases.length).toBeGreaterThanOrEqual(50);
    // Printed by `npx tsx test/integration/bad-input-cases.ts > test/integration/BAD_INPUT_CASES.md`.
    expect(readFileSync(new URL("./BAD_INPUT_CASES.md", import.meta.url), "utf8")).toBe(casesMarkdown());
  });

  it.each(cases)("%s", async (_name, build, want) => {
    const before = await snapshot();
    const send = build();
    let res: Response;
    if ("raw" in send) {
      const { method = "POST", headers = {}, body, url = "http://test/graphql" } = send.raw;
      res = await app.yoga.fetch(url, { method, headers: { accept: "application/json", ...headers }, body, ...(body instanceof ReadableStream ? { duplex: "half" } : {}) } as RequestInit);
    } else {
      res = await app.yoga.fetch("http://test/graphql", { method: "POST", headers: { "content-type": "application/json", accept: "application/json" }, body: JSON.stringify(send) });
    }
    const text = await res.text();
    const body = JSON.parse(text) as { data?: Record<string, unknown> | null; errors?: Array<{ message: string; extensions?: Record<string, unknown> }> };
    expect({ status: res.status, body }).toMatchObject({ status: want.status });
    expect(res.headers.get("content-type")).toMatch(/^application\/json/);
    expect(res.headers.get("x-request-id")).toMatch(/^[0-9a-f-]{36}$/);
    if ("data" in want) {
      expect(body.errors).toBeUndefined();
      expect(body.data).toEqual(want.data());
    } else if ("payload" in want) {
      expect(body.errors).toBeUndefined();
      const payload = body.data![want.payload] as { errors: Array<{ code: string }> };
      expect(payload.errors.map((e) => e.code)).toEqual([want.code]);
    } else {
      expect(body.errors?.length).toBeGreaterThan(0);
      for (const e of body.errors!) expect(e.extensions?.code).toBe(want.code);
      if (want.extra) expect(body.errors![0]!.extensions).toMatchObject(want.extra);
      // A user error never carries a stack or an internal message.
      expect(text).not.toMatch(/Unexpected error|stack|at .*\.ts:\d+/);
    }
    expect(await snapshot()).toEqual(before);
  });
});
