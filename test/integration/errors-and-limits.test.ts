import { afterAll, beforeAll, describe, expect, it } from "@jest/globals";
import { createTestApp, type TestApp } from "../helpers/app.js";

// Masked errors are logged once with their request; the mutation rate limit counts per API key.

const KEY_A = "key-a-0123456789abcdef";
const KEY_B = "key-b-0123456789abcdef";
const text = (n: number) => `Bridge Report ${n}\n\nA ministry spokesman said the bridge number ${n} was closed on Monday.`;
const INGEST = "mutation Ingest($t: String!) { ingestSource(input: { text: $t }) { created } }";

describe("masked errors", () => {
  let app: TestApp;
  beforeAll(async () => {
    app = await createTestApp();
  });
  afterAll(async () => {
    await app?.close();
  });

  async function withSourceTableGone<T>(fn: () => T | Promise<T>): Promise<T> {
    await app.db.prisma.$executeRawUnsafe('ALTER TABLE "Source" RENAME TO "SourceGone"');
    try {
      return await fn();
    } finally {
      await app.db.prisma.$executeRawUnsafe('ALTER TABLE "SourceGone" RENAME TO "Source"');
    }
  }

  it("are logged once as a JSON line with the operation, request id and stack; the client sees neither", async () => {
    app.logLines.length = 0;
    const res = await withSourceTableGone(() =>
      app.yoga.fetch("http://test/graphql", {
        method: "POST",
        headers: { "content-type": "application/json", "x-request-id": "trace-42.a" },
        body: JSON.stringify({ query: "query CountSources { sources(first: 1) { totalCount } }" }),
      }),
    );
    const body = await res.text();
    expect(res.headers.get("x-request-id")).toBe("trace-42.a");
    const json = JSON.parse(body) as { errors: Array<{ message: string; extensions: Record<string, unknown> }> };
    expect(json.errors).toHaveLength(1);
    expect(json.errors[0]!.message).toBe("Unexpected error.");
    expect(json.errors[0]!.extensions).toEqual({ code: "INTERNAL_SERVER_ERROR", requestId: "trace-42.a" });
    expect(body).not.toMatch(/SourceGone|stack|prisma|\.ts:/i);
    const lines = app.logLines.filter((l) => l.level === "error");
    expect(lines).toHaveLength(1);
    expect(lines[0]).toMatchObject({ msg: "unexpected error (masked)", requestId: "trace-42.a", operation: "CountSources", path: "sources.totalCount" });
    expect(String(lines[0]!.stack)).toMatch(/\n\s+at /);
    expect(String(lines[0]!.error)).toMatch(/Source/);
  });

  it("each request gets its own id when it sends none (or a malformed one); every response carries it", async () => {
    app.logLines.length = 0;
    const send = (headers: Record<string, string> = {}) =>
      withSourceTableGone(() =>
        app.yoga.fetch("http://test/graphql", { method: "POST", headers: { "content-type": "application/json", ...headers }, body: JSON.stringify({ query: "{ sources(first: 1) { edges { node { title } } } }" }) }),
      );
    const a = await send();
    const b = await send({ "x-request-id": "bad id with spaces" });
    const ids = [a.headers.get("x-request-id"), b.headers.get("x-request-id")];
    for (const id of ids) expect(id).toMatch(/^[0-9a-f-]{36}$/);
    expect(ids[0]).not.toBe(ids[1]);
    expect(app.logLines.filter((l) => l.level === "error").map((l) => l.requestId)).toEqual(ids);
    expect(app.logLines.filter((l) => l.level === "error").map((l) => l.operation)).toEqual([null, null]);
    const ok = await app.yoga.fetch("http://test/graphql?query=%7B__typename%7D");
    expect(ok.headers.get("x-request-id")).toMatch(/^[0-9a-f-]{36}$/);
  });

  it("user errors are not logged", async () => {
    app.logLines.length = 0;
    await app.post({ query: '{ source(id: "nope") { id } }' });
    await app.post({ query: "{ sources(first: 0) { totalCount } }" });
    expect(app.logLines).toEqual([]);
  });
});

describe("masked errors in development", () => {
  it("carry the original error for the developer, and are still logged", async () => {
    const dev = await createTestApp({ development: true });
    try {
      await dev.db.prisma.$executeRawUnsafe('ALTER TABLE "Source" RENAME TO "SourceGone"');
      const r = await dev.post({ query: "{ sources(first: 1) { totalCount } }" });
      expect(r.json.errors?.[0]?.extensions?.originalError).toBeDefined();
      expect(dev.logLines.filter((l) => l.level === "error")).toHaveLength(1);
    } finally {
      await dev.close();
    }
  });
});

describe("mutation rate limit", () => {
  let app: TestApp;
  beforeAll(async () => {
    app = await createTestApp({ apiKeys: [KEY_A, KEY_B], rateLimit: { max: 3, window: "1h", windowSeconds: 3600 } });
  });
  afterAll(async () => {
    await app?.close();
  });

  it("allows `max` mutations per key and window, then answers 429 RATE_LIMITED with Retry-After and changes nothing", async () => {
    for (let i = 0; i < 3; i++) {
      const r = await app.post({ query: INGEST, variables: { t: text(i) } }, { authorization: `Bearer ${KEY_A}` });
      expect(r.json.errors).toBeUndefined();
    }
    const sources = await app.db.prisma.source.count();
    const res = await app.yoga.fetch("http://test/graphql", {
      method: "POST",
      headers: { "content-type": "application/json", authorization: `Bearer ${KEY_A}` },
      body: JSON.stringify({ query: INGEST, variables: { t: text(3) } }),
    });
    expect(res.status).toBe(429);
    expect(res.headers.get("retry-after")).toBe("3600");
    const body = (await res.json()) as { data?: unknown; errors: Array<{ message: string; extensions: Record<string, unknown> }> };
    expect(body.errors[0]!.extensions).toMatchObject({ code: "RATE_LIMITED", max: 3, window: "1h" });
    expect(body.errors[0]!.message).toMatch(/ingestSource/);
    expect(await app.db.prisma.source.count()).toBe(sources);
  });

  it("counts each key apart, and does not limit queries", async () => {
    const other = await app.post({ query: INGEST, variables: { t: text(10) } }, { authorization: `Bearer ${KEY_B}` });
    expect(other.json.errors).toBeUndefined();
    for (let i = 0; i < 5; i++) {
      const r = await app.post({ query: "{ sources(first: 1) { totalCount } }" }, { authorization: `Bearer ${KEY_A}` });
      expect(r.status).toBe(200);
      expect(r.json.errors).toBeUndefined();
    }
  });

  it("aliases count one call each", async () => {
    const many = `mutation { ${[20, 21, 22, 23].map((n) => `s${n}: ingestSource(input: { text: ${JSON.stringify(text(n))} }) { created }`).join(" ")} }`;
    const before = await app.db.prisma.source.count();
    const r = await app.post({ query: many }, { authorization: `Bearer ${KEY_B}` });
    expect(r.status).toBe(429);
    expect(r.json.errors?.[0]?.extensions?.code).toBe("RATE_LIMITED");
    expect(await app.db.prisma.source.count()).toBe(before);
  });
});

describe("rate limit configuration", () => {
  it("is off without API keys, on by default with keys, and `off` turns it off", async () => {
    const { loadConfig } = await import("../../src/config.js");
    expect(loadConfig({}).rateLimit).toBeNull();
    expect(loadConfig({ GAINSAY_API_KEYS: KEY_A }).rateLimit).toEqual({ max: 60, window: "1m", windowSeconds: 60 });
    expect(loadConfig({ GAINSAY_API_KEYS: KEY_A, GAINSAY_RATE_LIMIT: "5/30s" }).rateLimit).toEqual({ max: 5, window: "30s", windowSeconds: 30 });
    expect(loadConfig({ GAINSAY_API_KEYS: KEY_A, GAINSAY_RATE_LIMIT: "off" }).rateLimit).toBeNull();
    expect(() => loadConfig({ GAINSAY_RATE_LIMIT: "lots" })).toThrow(/GAINSAY_RATE_LIMIT must be off or <max>\/<window>/);
  });
});
