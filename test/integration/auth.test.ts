import { afterAll, beforeAll, describe, expect, it } from "@jest/globals";
import { IngestSource, Sources } from "../../client/operations.js";
import { createTestApp, type TestApp } from "../helpers/app.js";

const KEY = "test-key-0123456789abcdef";
let app: TestApp;
beforeAll(async () => {
  app = await createTestApp({ apiKeys: [KEY], maxBodyBytes: 64 * 1024 });
});
afterAll(async () => {
  await app.close();
});

describe("API keys", () => {
  const input = { text: "Title\n\nThe ministry said the bridge was closed on Monday." };
  it.each([
    ["no header", {}],
    ["wrong key", { authorization: "Bearer not-the-right-key-000" }],
    ["wrong scheme", { authorization: `Basic ${KEY}` }],
  ])("a mutation with %s is UNAUTHENTICATED and changes nothing", async (_n, headers) => {
    const r = await app.execute(IngestSource, { input }, headers as Record<string, string>);
    expect(r.errors?.[0]?.extensions?.code).toBe("UNAUTHENTICATED");
    expect(await app.db.prisma.source.count()).toBe(0);
  });
  it("a mutation with the key works, and queries need no key", async () => {
    const r = await app.ok(IngestSource, { input }, { authorization: `Bearer ${KEY}` });
    expect(r.ingestSource.created).toBe(true);
    const q = await app.ok(Sources, { first: 5 });
    expect(q.sources!.totalCount).toBe(1);
  });
  it("a body over the limit gets 413", async () => {
    const r = await app.post({ query: "{ __typename }", variables: { pad: "x".repeat(70 * 1024) } });
    expect(r.status).toBe(413);
    expect(r.json.errors?.[0]?.extensions?.code).toBe("PAYLOAD_TOO_LARGE");
  });
  it("a chunked body (no Content-Length) is limited while it is read", async () => {
    const send = async (bytes: number) => {
      const json = JSON.stringify({ query: "{ sources(first: 1) { totalCount } }", variables: { pad: "x".repeat(bytes) } });
      const body = new ReadableStream<Uint8Array>({
        start(c) {
          const all = new TextEncoder().encode(json);
          for (let i = 0; i < all.length; i += 8192) c.enqueue(all.subarray(i, i + 8192));
          c.close();
        },
      });
      const res = await app.yoga.fetch("http://test/graphql", { method: "POST", headers: { "content-type": "application/json" }, body, duplex: "half" } as RequestInit);
      return { status: res.status, json: (await res.json()) as { data?: unknown; errors?: { extensions?: { code?: string } }[] } };
    };
    const big = await send(70 * 1024);
    expect(big.status).toBe(413);
    expect(big.json.errors?.[0]?.extensions?.code).toBe("PAYLOAD_TOO_LARGE");
    const small = await send(1024);
    expect(small.status).toBe(200);
    expect(small.json.data).toEqual({ sources: { totalCount: 1 } });
  });
  it("unexpected errors are masked", async () => {
    await app.db.prisma.$executeRawUnsafe('ALTER TABLE "Source" RENAME TO "SourceGone"');
    try {
      const r = await app.post({ query: "{ sources(first: 1) { totalCount } }" });
      expect(r.json.errors?.[0]?.message).toBe("Unexpected error.");
      expect(JSON.stringify(r.json)).not.toMatch(/SourceGone|stack/);
    } finally {
      await app.db.prisma.$executeRawUnsafe('ALTER TABLE "SourceGone" RENAME TO "Source"');
    }
  });
});
