import { createRedisEventTarget } from "@graphql-yoga/redis-event-target";
import { createPubSub } from "graphql-yoga";
import { Redis } from "ioredis";
import { redactUrl } from "../config.js";

/** The events the API publishes: a contradiction id whenever detection creates or changes one; a batch's progress. */
export type Topics = {
  contradictionDetected: [{ contradictionId: number; created: boolean }];
  /** An ingest batch moved on (an item done or failed), by the batch's id. */
  ingestJobProgress: [jobId: number, payload: { jobId: number }];
};

/** In-process events: what one process publishes, only its own subscribers hear. */
export const createEvents = () => createPubSub<Topics>();
export type Events = ReturnType<typeof createEvents>;

export type EventBus = {
  events: Events;
  /** "redis" when events travel through Redis (every server and worker on it hears them), else "memory". */
  transport: "redis" | "memory";
  /** Redis reachability for /health: "up", "down", or "unused" without REDIS_URL. */
  redisStatus(timeoutMs?: number): Promise<"up" | "down" | "unused">;
  close(): Promise<void>;
};

/**
 * The event bus every process shares. With a Redis URL, Yoga's pubsub runs over Redis channels (one connection to
 * publish, one to subscribe, as Redis requires), so a subscriber on one server hears what another server or a worker
 * published. Without it, the in-process pubsub: the embedded default needs nothing else.
 */
export async function createEventBus(opts: { redisUrl?: string; channelPrefix?: string; onError?: (e: Error) => void } = {}): Promise<EventBus> {
  if (!opts.redisUrl) {
    return { events: createEvents(), transport: "memory", redisStatus: async () => "unused", close: async () => undefined };
  }
  const connect = () =>
    new Redis(opts.redisUrl!, {
      lazyConnect: true,
      // Keep reconnecting in the background; commands made while down fail fast instead of queueing forever.
      maxRetriesPerRequest: 1,
      retryStrategy: (attempt) => Math.min(attempt * 200, 2000),
    });
  const publishClient = connect();
  const subscribeClient = connect();
  let lastError = "";
  for (const c of [publishClient, subscribeClient]) {
    c.on("error", (e: Error) => {
      // ioredis repeats the same error on every reconnect attempt: report each new one once.
      if (e.message === lastError) return;
      lastError = e.message;
      (opts.onError ?? ((err) => process.stderr.write(`events/bus: Redis error: ${err.message}\n`)))(e);
    });
    c.on("ready", () => void (lastError = ""));
  }
  try {
    await Promise.all([publishClient.connect(), subscribeClient.connect()]);
  } catch (e) {
    publishClient.disconnect();
    subscribeClient.disconnect();
    throw new Error(`events/bus: cannot connect to Redis at ${redactUrl(opts.redisUrl)}: ${(e as Error).message}`);
  }
  const events = createPubSub<Topics>({ eventTarget: prefixed(createRedisEventTarget({ publishClient, subscribeClient }), opts.channelPrefix ?? "gainsay:") });
  return {
    events,
    transport: "redis",
    async redisStatus(timeoutMs = 1000) {
      let timer: NodeJS.Timeout | undefined;
      const timeout = new Promise<"down">((resolve) => (timer = setTimeout(() => resolve("down"), timeoutMs)));
      const ping = publishClient.ping().then(
        (r) => (r === "PONG" ? ("up" as const) : ("down" as const)),
        () => "down" as const,
      );
      try {
        return await Promise.race([ping, timeout]);
      } finally {
        clearTimeout(timer);
      }
    },
    async close() {
      await Promise.allSettled([publishClient.quit(), subscribeClient.quit()]);
      publishClient.disconnect();
      subscribeClient.disconnect();
    },
  };
}

type Target = ReturnType<typeof createRedisEventTarget>;

/** Redis pub/sub channels are global to a server: the prefix keeps deployments (and test runs) sharing one apart. */
function prefixed(target: Target, prefix: string): Target {
  return {
    addEventListener: (type, cb, o) => target.addEventListener(`${prefix}${type}`, cb, o),
    removeEventListener: (type, cb, o) => target.removeEventListener(`${prefix}${type}`, cb, o),
    dispatchEvent: (event) => target.dispatchEvent(new CustomEvent(`${prefix}${event.type}`, { detail: event.detail })),
  };
}

