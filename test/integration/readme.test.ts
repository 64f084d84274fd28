import { readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "@jest/globals";
import { createTestApp, type TestApp } from "../helpers/app.js";

// The README's quick start shows what `npm run ingest -- examples/articles` and the sample query print on an empty
// database. This replays both through the API, so the README cannot drift from what a newcomer sees.

const root = path.resolve(path.dirname(new URL(import.meta.url).pathname), "../..");
const readme = readFileSync(path.join(root, "README.md"), "utf8");
const block = (lang: string, after: string) => {
  const from = readme.indexOf(after);
  const m = new RegExp("```" + lang + "\\n([\\s\\S]*?)```").exec(readme.slice(from));
  if (from < 0 || !m) throw new Error(`README: no \`\`\`${lang} block after "${after}"`);
  return m[1]!;
};

let app: TestApp;
const ingested: Array<{ file: string; created: boolean; statements: number; contradictions: number }> = [];

beforeAll(async () => {
  app = await createTestApp();
  // As the CLI does: the folder's text files in name order, one request each.
  const dir = path.join(root, "examples/articles");
  for (const f of readdirSync(dir).filter((f) => /\.(txt|md|text)$/i.test(f)).sort()) {
    const r = await app.post({
      query: "mutation($t: String!) { ingestSource(input: { text: $t }) { created statements { id } contradictions { id } } }",
      variables: { t: readFileSync(path.join(dir, f), "utf8") },
    });
    const d = (r.json.data as { ingestSource: { created: boolean; statements: unknown[]; contradictions: unknown[] } }).ingestSource;
    ingested.push({ file: `examples/articles/${f}`, created: d.created, statements: d.statements.length, contradictions: d.contradictions.length });
  }
});
afterAll(async () => {
  await app?.close();
});

describe("README quick start", () => {
  it("the ingest lines it shows are what ingesting examples/articles gives", () => {
    const shown = [...block("text", "npm run ingest -- examples/articles\n```").matchAll(/^ingest \[(\d+)\/(\d+)\] (\S+): (new source|already stored), (\d+) statements?, (\d+) contradictions?/gm)].map((m) => ({
      file: m[3]!, created: m[4] === "new source", statements: Number(m[5]), contradictions: Number(m[6]),
    }));
    expect(shown).toEqual(ingested);
  });

  it("the sample query prints the JSON shown", async () => {
    const query = block("graphql", "### A sample query");
    const expected = JSON.parse(block("json", "### A sample query")) as unknown;
    const r = await app.post({ query });
    expect(r.json).toEqual(expected);
  });
});
