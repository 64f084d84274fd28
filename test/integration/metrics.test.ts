import { readFileSync } from "node:fs";
import { afterAll, beforeAll, describe, expect, it } from "@jest/globals";
import { createTestApp, type TestApp } from "../helpers/app.js";

// GET /metrics: Prometheus's text format, scraped after real requests; protected by a key when one is configured,
// absent when metrics are off.
const KEY = "metrics-key-for-the-test-0123";
const article = readFileSync(new URL("../fixtures/raid-notice.txt", import.meta.url), "utf8");

let app: TestApp;
let off: TestApp;
beforeAll(async () => {
  app = await createTestApp({ metrics: { key: KEY } });
  off = await createTestApp();
});
afterAll(async () => {
  await app?.close();
  await off?.close();
});

const scrape = (a: TestApp, headers: Record<string, string> = {}) => a.yoga.fetch("http://test/metrics", { headers });

/** The value of one sample line (`name{labels} value`), or undefined. */
function sample(text: string, name: string, labels: Record<string, string> = {}): number | undefined {
  for (const line of text.split("\n")) {
    if (line.startsWith("#")) continue;
    const m = /^([a-zA-Z_:][a-zA-Z0-9_:]*)(\{(.*)\})? (\S+)$/.exec(line);
    if (!m || m[1] !== name) continue;
    const got = Object.fromEntries([...(m[3] ?? "").matchAll(/([a-zA-Z_]+)="((?:[^"\\]|\\.)*)"/g)].map((x) => [x[1], x[2]]));
    if (Object.entries(labels).every(([k, v]) => got[k] === v)) return Number(m[4]);
  }
  return undefined;
}

describe("/metrics", () => {
  it("refuses a scrape without the key (401, UNAUTHENTICATED) and with a wrong one", async () => {
    for (const headers of [{}, { authorization: `Bearer ${KEY}x` }, { authorization: KEY }] as Array<Record<string, string>>) {
      const r = await scrape(app, headers);
      expect(r.status).toBe(401);
      expect(((await r.json()) as { errors: Array<{ extensions: { code: string } }> }).errors[0]!.extensions.code).toBe("UNAUTHENTICATED");
    }
  });

  it("is not served when metrics are off", async () => {
    const r = await scrape(off);
    expect(r.status).toBe(404);
  });

  it("counts requests per operation, errors by code, ingests and their stages, statements created, queue depth", async () => {
    const ingest = await app.post({ query: "mutation Ingest($t: String!) { ingestSource(input: { text: $t }) { created statements { id } } }", operationName: "Ingest", variables: { t: article } });
    const created = (ingest.json.data as { ingestSource: { created: boolean; statements: unknown[] } }).ingestSource;
    expect(created.created).toBe(true);
    await app.post({ query: "mutation Ingest($t: String!) { ingestSource(input: { text: $t }) { created } }", operationName: "Ingest", variables: { t: article } });
    await app.post({ query: "query Bad { node(id: 5) { id } }", operationName: "Bad" }); // a wrong id type
    await app.post({ query: "query { nope }" }); // validation error

    const r = await scrape(app, { authorization: `Bearer ${KEY}` });
    expect(r.status).toBe(200);
    expect(r.headers.get("content-type")).toMatch(/^text\/plain; version=0\.0\.4/);
    const text = await r.text();
    expect(sample(text, "graphql_envelop_request_duration_count", { operationName: "Ingest", operationType: "mutation" })).toBe(2);
    expect(sample(text, "graphql_yoga_http_duration_count", { operationName: "Ingest" })).toBe(2);
    expect(sample(text, "gainsay_ingests_total", { outcome: "created" })).toBeGreaterThanOrEqual(1);
    expect(sample(text, "gainsay_ingests_total", { outcome: "existing" })).toBeGreaterThanOrEqual(1);
    for (const stage of ["extract", "store", "refresh"]) expect(sample(text, "gainsay_ingest_stage_duration_seconds_count", { stage })).toBeGreaterThanOrEqual(1);
    expect(sample(text, "gainsay_statements_created_total")).toBeGreaterThanOrEqual(created.statements.length);
    expect(sample(text, "gainsay_contradictions_created_total")).toBeGreaterThanOrEqual(0);
    expect(sample(text, "gainsay_graphql_errors_total", { code: "GRAPHQL_VALIDATION_FAILED" })).toBeGreaterThanOrEqual(1);
    expect(sample(text, "gainsay_queue_depth", { queue: "ingest" })).toBe(0);
    expect(sample(text, "gainsay_queue_depth", { queue: "analysis" })).toBeGreaterThanOrEqual(0);
    expect(sample(text, "gainsay_process_resident_memory_bytes")).toBeGreaterThan(0);
    if (app.db.pool) expect(sample(text, "gainsay_db_pool_connections", { state: "total" })).toBeGreaterThanOrEqual(1);
    process.stdout.write(`metrics: ${text.split("\n").filter((l) => l && !l.startsWith("#")).length} samples\n`);
  });
});
