import type { TypedDocumentNode } from "@graphql-typed-document-node/core";
import { print, type ExecutionResult } from "graphql";
import { createServices } from "../../src/services/index.js";
import { createEvents } from "../../src/events/bus.js";
import { createGainsayYoga } from "../../src/server/yoga.js";
import { createMetricsPlugins } from "../../src/server/metrics.js";
import type { QueryLogEntry } from "../../src/db/query-log.js";
import type { Logger } from "../../src/server/log.js";
import type { RateLimit } from "../../src/server/rate-limit.js";
import { createPipelineThread } from "../../src/services/pipeline-thread.js";
import { testDatabase } from "./db.js";

export type TestApp = Awaited<ReturnType<typeof createTestApp>>;

/** A Yoga instance over a fresh test database; `execute` posts typed documents through `yoga.fetch` (no port). */
export async function createTestApp(opts: { apiKeys?: string[]; maxBodyBytes?: number; rateLimit?: RateLimit; development?: boolean; metrics?: { key?: string }; fetch?: import("../../src/services/fetch-page.js").FetchOptions; thread?: boolean } = {}) {
  /** Log lines the server wrote (JSON, parsed). */
  const logLines: Array<Record<string, unknown>> = [];
  const log: Logger = {
    debug: () => undefined,
    info: (msg, f) => void logLines.push({ level: "info", msg, ...f }),
    warn: (msg, f) => void logLines.push({ level: "warn", msg, ...f }),
    error: (msg, f) => void logLines.push({ level: "error", msg, ...f }),
  };
  const queries: string[] = [];
  const operations: QueryLogEntry[] = [];
  let counting = false;
  const db = await testDatabase({
    onQuery: (sql) => void (counting && queries.push(sql)),
    onOperation: (op) => void (counting && operations.push(op)),
  });
  let parts: { events: ReturnType<typeof createEvents>; services: ReturnType<typeof createServices>; yoga: ReturnType<typeof createGainsayYoga> };
  // `thread`: extraction and contradiction refreshes on a worker thread, as in the server (src/server/main.ts).
  let thread: ReturnType<typeof createPipelineThread> | undefined;
  let threadRefreshes = 0;
  try {
    const events = createEvents();
    thread = opts.thread ? createPipelineThread({ idleMs: 60_000, database: db.thread, events }) : undefined;
    const onThread = thread?.refresh;
    const refresh = onThread && (async (keys: string[]) => ((threadRefreshes += 1), onThread(keys)));
    const services = createServices(db.prisma, events, { fetch: opts.fetch, ...(thread ? { pipeline: thread, refresh } : {}) });
    const yoga = createGainsayYoga({
      prisma: db.prisma, events, services, apiKeys: opts.apiKeys ?? [], maxBodyBytes: opts.maxBodyBytes, log, rateLimit: opts.rateLimit, development: opts.development, metricsPlugins: opts.metrics ? await createMetricsPlugins({ key: opts.metrics.key, prisma: db.prisma, pool: db.pool }) : undefined,
    });
    parts = { events, services, yoga };
  } catch (e) {
    await thread?.close();
    await db.close(); // drops a scratch PostgreSQL database
    throw e;
  }
  const { events, services, yoga } = parts;

  async function post(body: unknown, headers: Record<string, string> = {}) {
    const res = await yoga.fetch("http://test/graphql", {
      method: "POST",
      headers: { "content-type": "application/json", accept: "application/json", ...headers },
      body: JSON.stringify(body),
    });
    return { status: res.status, json: (await res.json()) as ExecutionResult<Record<string, unknown>> };
  }

  async function execute<R, V>(doc: TypedDocumentNode<R, V>, variables?: V, headers?: Record<string, string>): Promise<ExecutionResult<R>> {
    const { json } = await post({ query: print(doc), variables }, headers);
    return json as ExecutionResult<R>;
  }

  /** Runs a document and fails with the GraphQL errors when there are any. */
  async function ok<R, V>(doc: TypedDocumentNode<R, V>, variables?: V, headers?: Record<string, string>): Promise<R> {
    const r = await execute(doc, variables, headers);
    if (r.errors?.length) throw new Error(`GraphQL errors: ${JSON.stringify(r.errors, null, 2)}`);
    return r.data as R;
  }

  /** What `fn` sent to the database: SQL statements (Prisma's query log) and Prisma operations (the query-log extension). */
  async function measureQueries(fn: () => Promise<unknown>): Promise<{ sql: string[]; operations: QueryLogEntry[] }> {
    queries.length = 0;
    operations.length = 0;
    counting = true;
    try {
      await fn();
    } finally {
      counting = false;
    }
    return { sql: [...queries], operations: [...operations] };
  }

  /** SQL statements sent while `fn` runs. */
  async function countQueries(fn: () => Promise<unknown>): Promise<number> {
    return (await measureQueries(fn)).sql.length;
  }

  return { db, yoga, services, events, logLines, post, execute, ok, countQueries, measureQueries, close: async () => (await thread?.close(), await db.close()), refreshesOnThread: () => threadRefreshes };
}
