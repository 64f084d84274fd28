import { timingSafeEqual } from "node:crypto";
import type { Plugin } from "graphql-yoga";
import type pg from "pg";
import type { PrismaClient } from "../generated/prisma/client.js";
import { backendOf } from "../db/client.js";
import { enableAppMetrics } from "../services/metrics.js";
import { REFRESH_TASK } from "../services/jobs.js";
import { currentRequest } from "./errors.js";

export type MetricsOptions = {
  /** When set, a scrape must send `Authorization: Bearer <key>` (GAINSAY_METRICS_KEY). */
  key?: string;
  prisma: PrismaClient;
  /** PostgreSQL's connection pool, for the pool gauges. */
  pool?: pg.Pool;
  path?: string;
};

/**
 * GET /metrics in Prometheus's text format: GraphQL requests and their durations per operation and phase
 * (@graphql-yoga/plugin-prometheus), errors by `extensions.code`, the application's ingest counters and stage
 * durations (services/metrics.ts), the queue depths and the database pool at scrape time, and Node's process metrics.
 * Each Yoga instance has its own registry (tests build several in one process); the application's is shared.
 * prom-client and the plugin are loaded here, only when metrics are on (GAINSAY_METRICS=on).
 */
export async function createMetricsPlugins(opts: MetricsOptions): Promise<Plugin[]> {
  const [{ usePrometheus }, { collectDefaultMetrics, Counter, Gauge, Registry }, app] = await Promise.all([import("@graphql-yoga/plugin-prometheus"), import("prom-client"), enableAppMetrics()]);
  const appRegistry = app.registry;
  const path = opts.path ?? "/metrics";
  const registry = new Registry();
  collectDefaultMetrics({ register: registry, prefix: "gainsay_" });
  const errors = new Counter({ name: "gainsay_graphql_errors_total", help: "GraphQL errors in responses, by extensions.code and operation.", labelNames: ["code", "operation"] as const, registers: [registry] });
  const prisma = opts.prisma;
  new Gauge({
    name: "gainsay_queue_depth",
    help: "Work waiting: queue=ingest (batch texts not yet done), queue=analysis (contradiction refreshes not yet run).",
    labelNames: ["queue"] as const,
    registers: [registry],
    async collect() {
      const [ingest, analysis] = await Promise.all([
        prisma.ingestJobItem.count({ where: { state: "PENDING" } }),
        backendOf(prisma) === "postgres"
          ? prisma.$queryRaw<Array<{ n: number }>>`SELECT count(*)::int AS n FROM graphile_worker.jobs WHERE task_identifier = ${REFRESH_TASK}`.then((r) => r[0]?.n ?? 0, () => 0)
          : prisma.analysisJob.count({ where: { state: "PENDING" } }),
      ]);
      this.set({ queue: "ingest" }, ingest);
      this.set({ queue: "analysis" }, analysis);
    },
  });
  const pool = opts.pool;
  if (pool) {
    new Gauge({
      name: "gainsay_db_pool_connections",
      help: "PostgreSQL connections of this process's pool: state=total, idle, waiting (clients waiting for one).",
      labelNames: ["state"] as const,
      registers: [registry],
      collect() {
        this.set({ state: "total" }, pool.totalCount);
        this.set({ state: "idle" }, pool.idleCount);
        this.set({ state: "waiting" }, pool.waitingCount);
      },
    });
  }
  const expected = opts.key ? Buffer.from(`Bearer ${opts.key}`) : undefined;
  const authorised = (header: string | null) => {
    if (!expected) return true;
    const got = Buffer.from(header ?? "");
    return got.length === expected.length && timingSafeEqual(got, expected);
  };
  const serve: Plugin = {
    async onRequest({ request, url, endResponse, fetchAPI }) {
      if (url.pathname !== path) return;
      if (!authorised(request.headers.get("authorization"))) {
        endResponse(
          new fetchAPI.Response(JSON.stringify({ errors: [{ message: "/metrics needs Authorization: Bearer <GAINSAY_METRICS_KEY>", extensions: { code: "UNAUTHENTICATED" } }] }), {
            status: 401,
            headers: { "content-type": "application/json; charset=utf-8", "www-authenticate": "Bearer" },
          }),
        );
        return;
      }
      const merged = Registry.merge([registry, appRegistry]);
      endResponse(new fetchAPI.Response(await merged.metrics(), { status: 200, headers: { "content-type": merged.contentType, "cache-control": "no-store" } }));
    },
    onResultProcess({ result }) {
      const results = Array.isArray(result) ? result : [result];
      for (const r of results) {
        const list = (r as { errors?: ReadonlyArray<{ extensions?: Record<string, unknown> }> }).errors;
        if (!list?.length) continue;
        for (const e of list) errors.inc({ code: String(e.extensions?.code ?? "UNKNOWN"), operation: currentRequest()?.operation ?? "" });
      }
    },
  };
  return [
    usePrometheus({
      registry,
      endpoint: false,
      metrics: {
        graphql_envelop_request: true,
        graphql_envelop_request_duration: true,
        graphql_envelop_phase_parse: true,
        graphql_envelop_phase_validate: true,
        graphql_envelop_phase_execute: true,
        graphql_envelop_error_result: true,
        graphql_yoga_http_duration: true,
      },
    }),
    serve,
  ];
}
