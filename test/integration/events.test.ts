import { readFileSync } from "node:fs";
import { afterAll, beforeAll, describe, expect, it } from "@jest/globals";
import { createEventBus, type EventBus } from "../../src/events/bus.js";
import { createServices } from "../../src/services/index.js";
import { createGainsayYoga } from "../../src/server/yoga.js";
import { testDatabase } from "../helpers/db.js";
import { redisReachable, TEST_REDIS_URL } from "../helpers/services.js";
import { firstNextEvent } from "../helpers/sse.js";

// Events across servers: two Yoga instances (two "servers") on one database and one Redis. A subscriber on A hears
// the contradiction an ingest on B produced. And /health reports the database and Redis.
const fixture = (name: string) => readFileSync(new URL(`../fixtures/${name}`, import.meta.url), "utf8");

type Db = Awaited<ReturnType<typeof testDatabase>>;
let db: Db;
const hasRedis = await redisReachable();
if (!hasRedis) process.stdout.write(`skipping the Redis event tests: nothing listens at ${TEST_REDIS_URL} (apt-get install redis-server; .ci/run starts it)\n`);

beforeAll(async () => {
  db = await testDatabase();
});
afterAll(async () => {
  await db.close();
});

function server(bus: EventBus) {
  return createGainsayYoga({ prisma: db.prisma, events: bus.events, redisStatus: bus.redisStatus, services: createServices(db.prisma, bus.events), apiKeys: [] });
}

async function health(yoga: ReturnType<typeof server>) {
  const res = await yoga.fetch("http://test/health");
  return { status: res.status, type: res.headers.get("content-type"), body: (await res.json()) as Record<string, string> };
}

describe("/health", () => {
  it("reports the database and no Redis when events stay in the process", async () => {
    const bus = await createEventBus();
    expect(bus.transport).toBe("memory");
    const h = await health(server(bus));
    expect(h).toEqual({ status: 200, type: "application/json; charset=utf-8", body: { status: "ok", database: "up", redis: "unused" } });
  });

  (hasRedis ? it : it.skip)("is 503 when Redis stops answering", async () => {
    const bus = await createEventBus({ redisUrl: TEST_REDIS_URL, channelPrefix: `test:${process.pid}:${Math.random()}:` });
    const yoga = server(bus);
    expect((await health(yoga)).body).toEqual({ status: "ok", database: "up", redis: "up" });
    await bus.close();
    expect(await health(yoga)).toMatchObject({ status: 503, body: { status: "unavailable", database: "up", redis: "down" } });
  });
});

(hasRedis ? describe : describe.skip)("events through Redis", () => {
  let a: EventBus;
  let b: EventBus;
  // One prefix per run: Redis channels are global, and other runs may share this Redis.
  const channelPrefix = `test:${process.pid}:${Date.now()}:`;
  beforeAll(async () => {
    a = await createEventBus({ redisUrl: TEST_REDIS_URL, channelPrefix });
    b = await createEventBus({ redisUrl: TEST_REDIS_URL, channelPrefix });
  });
  afterAll(async () => {
    await Promise.all([a?.close(), b?.close()]);
  });

  it("a subscriber on server A receives the contradiction an ingest on server B detected", async () => {
    const yogaA = server(a);
    const yogaB = server(b);
    expect(a.transport).toBe("redis");
    const abort = new AbortController();
    const subscription = "subscription { contradictionDetected { id kind sides { statements { speaker { name } } } } }";
    const res = await yogaA.fetch(`http://a/graphql?query=${encodeURIComponent(subscription)}`, { headers: { accept: "text/event-stream" }, signal: abort.signal });
    expect(res.status).toBe(200);
    const reader = res.body!.getReader();
    const first = firstNextEvent<{ data: { contradictionDetected: { id: string; kind: string; sides: { statements: { speaker: { name: string } }[] }[] } } }>(reader);
    // Subscribing in Redis is asynchronous: wait until A's SUBSCRIBE is registered before B publishes.
    for (let i = 0; i < 50 && (await numsub(`${channelPrefix}contradictionDetected`)) === 0; i++) await new Promise((r) => setTimeout(r, 50));

    const ingest = await yogaB.fetch("http://b/graphql", {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ query: "mutation($t: String!) { ingestSource(input: { text: $t }) { created contradictions { id } } }", variables: { t: fixture("raid-notice.txt") } }),
    });
    const body = (await ingest.json()) as { data: { ingestSource: { created: boolean; contradictions: { id: string }[] } } };
    expect(body.data.ingestSource.created).toBe(true);
    expect(body.data.ingestSource.contradictions.length).toBeGreaterThan(0);

    const event = await first;
    // Cancelling the stream ends the subscription (and Yoga's keep-alive timer) in-process.
    await reader.cancel();
    abort.abort();
    expect(body.data.ingestSource.contradictions.map((c) => c.id)).toContain(event.data.contradictionDetected.id);
    expect(event.data.contradictionDetected.sides.flatMap((s) => s.statements.map((x) => x.speaker.name))).toEqual(expect.arrayContaining(["Carl Brenner", "Layla Hamdan"]));
  });
});

/** How many connections Redis has subscribed to a channel (PUBSUB NUMSUB), asked on a throwaway connection. */
async function numsub(channel: string): Promise<number> {
  const { Redis } = await import("ioredis");
  const r = new Redis(TEST_REDIS_URL, { lazyConnect: true });
  await r.connect();
  try {
    const reply = (await r.pubsub("NUMSUB", channel)) as Array<string | number>;
    return Number(reply[1] ?? 0);
  } finally {
    r.disconnect();
  }
}
