/**
 * The application's own Prometheus metrics (prom-client), shared by every part of one process: ingests and their
 * stages, statements and contradictions created. Off until the server turns metrics on (enableAppMetrics, with
 * GAINSAY_METRICS=on): prom-client is then loaded, and until then recording costs nothing. The HTTP layer's metrics
 * (requests, durations, errors by code) and the gauges read at scrape time (queue depth, pool) are registered by
 * src/server/metrics.ts, which serves them all.
 */
import type { Counter, Histogram, Registry } from "prom-client";

export type AppMetrics = {
  registry: Registry;
  ingests: Counter<"outcome">;
  ingestStage: Histogram<"stage">;
  ingestDuration: Histogram;
  statements: Counter;
  contradictions: Counter;
};

const STAGE_BUCKETS = [0.01, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30, 60, 120];
let current: AppMetrics | undefined;
let loading: Promise<AppMetrics> | undefined;

/** The application's metrics, once enabled (undefined while metrics are off). */
export const appMetrics = (): AppMetrics | undefined => current;

/** Loads prom-client and creates the application's metrics (once per process); returns them. */
export function enableAppMetrics(): Promise<AppMetrics> {
  return (loading ??= import("prom-client").then(({ Counter, Histogram, Registry }) => {
    const registry = new Registry();
    current = {
      registry,
      ingests: new Counter({ name: "gainsay_ingests_total", help: "Ingests by outcome: created (a new source), existing (the same text was stored), failed.", labelNames: ["outcome"] as const, registers: [registry] }),
      ingestStage: new Histogram({ name: "gainsay_ingest_stage_duration_seconds", help: "Time of each stage of an ingest: fetch (ingestUrl), html (page extraction), extract (the NLP pipeline), store (the transaction), refresh (contradiction detection).", labelNames: ["stage"] as const, buckets: STAGE_BUCKETS, registers: [registry] }),
      ingestDuration: new Histogram({ name: "gainsay_ingest_duration_seconds", help: "Time of a whole ingest that created a source.", buckets: STAGE_BUCKETS, registers: [registry] }),
      statements: new Counter({ name: "gainsay_statements_created_total", help: "Statements stored by ingests.", registers: [registry] }),
      contradictions: new Counter({ name: "gainsay_contradictions_created_total", help: "Contradictions created by refreshes.", registers: [registry] }),
    };
    return current;
  }));
}

export type IngestStage = "fetch" | "html" | "extract" | "store" | "refresh";
let stageListener: ((stage: IngestStage, at: "start" | "end") => void) | undefined;

/** Hears each ingest stage start and end (the server's debug log; bench/ingest/health reads its phases from it). */
export function onIngestStage(listener: typeof stageListener): void {
  stageListener = listener;
}

/** Times `fn` as one stage of an ingest (when metrics are on). */
export async function timed<T>(stage: IngestStage, fn: () => Promise<T> | T): Promise<T> {
  const end = current?.ingestStage.startTimer({ stage });
  stageListener?.(stage, "start");
  try {
    return await fn();
  } finally {
    end?.();
    stageListener?.(stage, "end");
  }
}
