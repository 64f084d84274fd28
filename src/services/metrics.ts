/**
 * The application's own Prometheus metrics (prom-client), shared by every part of one process: ingests and their
 * stages, statements and contradictions created. The HTTP layer's metrics (requests, durations, errors by code) and the
 * gauges read at scrape time (queue depth, pool) are registered by src/server/metrics.ts, which serves them all.
 */
import { Counter, Histogram, Registry } from "prom-client";

export const appRegistry = new Registry();

const STAGE_BUCKETS = [0.01, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30, 60, 120];

export const metrics = {
  ingests: new Counter({ name: "gainsay_ingests_total", help: "Ingests by outcome: created (a new source), existing (the same text was stored), failed.", labelNames: ["outcome"] as const, registers: [appRegistry] }),
  ingestStage: new Histogram({ name: "gainsay_ingest_stage_duration_seconds", help: "Time of each stage of an ingest: fetch (ingestUrl), html (page extraction), extract (the NLP pipeline), store (the transaction), refresh (contradiction detection).", labelNames: ["stage"] as const, buckets: STAGE_BUCKETS, registers: [appRegistry] }),
  ingestDuration: new Histogram({ name: "gainsay_ingest_duration_seconds", help: "Time of a whole ingest that created a source.", buckets: STAGE_BUCKETS, registers: [appRegistry] }),
  statements: new Counter({ name: "gainsay_statements_created_total", help: "Statements stored by ingests.", registers: [appRegistry] }),
  contradictions: new Counter({ name: "gainsay_contradictions_created_total", help: "Contradictions created by refreshes.", registers: [appRegistry] }),
};

/** Times `fn` as one stage of an ingest. */
export async function timed<T>(stage: "fetch" | "html" | "extract" | "store" | "refresh", fn: () => Promise<T> | T): Promise<T> {
  const end = metrics.ingestStage.startTimer({ stage });
  try {
    return await fn();
  } finally {
    end();
  }
}
