import { existsSync } from "node:fs";
import { createServer } from "node:http";
import path from "node:path";
import { ConfigError, loadConfig, redactUrl, type Config } from "../config.js";
import { openDatabase } from "../db/client.js";
import { createServices, workerTasks } from "../services/index.js";
import { createPipelineThread } from "../services/pipeline-thread.js";
import { drainAnalysisJobs, graphileLogger, startAnalysisRunner, startGraphileRunner } from "../services/jobs.js";
import { onIngestStage } from "../services/metrics.js";
import { createLogger } from "./log.js";
import { createEventBus } from "../events/bus.js";
import { createGainsayYoga } from "./yoga.js";
import { createMetricsPlugins } from "./metrics.js";

let config: Config;
try {
  config = loadConfig();
} catch (e) {
  process.stderr.write(`${(e as Error).message}\n`);
  process.exit(2);
}
const log = createLogger(config.logLevel);
const startedAt = performance.now();
const since = () => Math.round(performance.now() - startedAt);

// Say what the start is doing: the first start on the embedded database creates it (initdb in WebAssembly) and
// applies every migration, which takes from ten seconds to a minute or two on a busy machine.
const firstStart = !config.databaseUrl && !existsSync(path.join(config.dataDir, "PG_VERSION"));
if (config.databaseUrl) log.info("connecting to PostgreSQL and applying pending migrations", { location: redactUrl(config.databaseUrl) });
else if (firstStart) log.info("first start: creating the embedded PostgreSQL database and applying migrations (10–60 s, longer on a busy machine)", { location: config.dataDir });
else log.info("opening the embedded PostgreSQL database", { location: config.dataDir });

const db = await openDatabase({
  databaseUrl: config.databaseUrl,
  dataDir: config.dataDir,
  onConnectionError: (e) => log.warn("an idle PostgreSQL connection was lost; the pool replaces it", { error: e.message }),
  // LOG_LEVEL=debug logs every Prisma operation with its duration (the query-log extension).
  onOperation: config.logLevel === "debug" ? (op) => log.debug("db operation", { model: op.model, operation: op.operation, ms: Math.round(op.ms * 10) / 10, ok: op.ok }) : undefined,
}).catch((e: Error) => {
  log.error("cannot open the database", { error: e.message });
  process.exit(1);
});
// LOG_LEVEL=debug also logs each ingest stage's start and end (extract, store, refresh; bench/ingest/health reads them).
if (config.logLevel === "debug") onIngestStage((stage, at) => log.debug("ingest stage", { stage, at }));
log.info("database ready", {
  backend: db.backend,
  location: config.databaseUrl ? redactUrl(config.databaseUrl) : config.dataDir,
  migrationsApplied: db.migrationsApplied,
  ms: since(),
});
if (db.pendingSourcesRemoved) log.warn("removed sources a crash left half-stored (ingest them again)", { sources: db.pendingSourcesRemoved });

const bus = await createEventBus({ redisUrl: config.redisUrl, channelPrefix: config.redisPrefix, onError: (e) => log.warn("Redis error; events between servers pause until it is back", { error: e.message }) }).catch(async (e: Error) => {
  log.error("cannot open the event bus", { error: e.message });
  await db.close();
  process.exit(1);
});
log.info("event bus ready", { transport: bus.transport, location: config.redisUrl ? redactUrl(config.redisUrl) : undefined });
const events = bus.events;

// Analysis jobs left pending by a process that stopped between a write's commit and its contradiction refresh. On
// PGlite this process is the only one that can hold any, so all are resumed before the server answers, then due ones
// every 5 s. On PostgreSQL graphile-worker runs them (here, one at a time, unless GAINSAY_SERVER_JOBS=off, and in any
// `npm run worker`), each once its grace period has passed.
// Extraction runs on a worker thread: a large article never holds the event loop (/health, reads keep answering).
// An idle thread is ended after GAINSAY_PIPELINE_IDLE_SECONDS; then the main thread's own garbage (a large ingest's
// rows and query plans, some hundreds of MB that V8 keeps while the process is idle) is collected when `npm start`
// exposes gc (--expose-gc).
// A second collection a moment later gives the pages the first one freed back to the OS (measured: 600 → 340 MB).
const gc = (globalThis as { gc?: () => void }).gc;
const collect = () => {
  if (!gc) return;
  gc();
  setTimeout(() => (gc(), gc()), 1000).unref();
};
// Contradiction refreshes run on the same thread (with a database client of its own: a small pool on PostgreSQL,
// queries relayed to this thread's PGlite), so detection does not hold the event loop either.
const pipeline = createPipelineThread({ idleMs: config.pipelineIdleSeconds * 1000, onIdle: collect, database: db.thread, events });
const jobOptions = { graceSeconds: config.jobGraceSeconds, crashAfterCommit: config.crashAfterCommit, crashMidStore: config.crashMidStore, storeChunk: config.storeChunk, pipeline, refresh: pipeline.refresh, fetch: { allowPrivate: config.allowPrivateUrls } };
const services = createServices(db.prisma, events, {
  ...jobOptions,
  onBatchError: (itemId, e) => log.warn("batch item failed; it is retried", { itemId, error: e.message }),
});
const onJobError = (jobId: number, e: Error) => log.warn("analysis job failed; it stays pending and is retried", { jobId, error: e.message });
let runner: { stop(): Promise<void> } | undefined;
if (config.serverJobs && db.backend === "pglite") {
  const resumed = await drainAnalysisJobs(db.prisma, events, { all: true, onError: onJobError, refresh: pipeline.refresh });
  if (resumed.ran || resumed.failed) log.info("resumed pending analysis jobs", { ...resumed, ms: since() });
  runner = startAnalysisRunner(db.prisma, events, { intervalMs: 5000, onError: onJobError, refresh: pipeline.refresh });
} else if (config.serverJobs && db.pool) {
  runner = await startGraphileRunner({ pool: db.pool, prisma: db.prisma, events, concurrency: 1, logger: graphileLogger(log), tasks: workerTasks(db.prisma, events, jobOptions), refresh: pipeline.refresh });
  log.info("job runner started (graphile-worker)", { concurrency: 1 });
}
// PGlite runs ingestSources batches here, in order: those a stopped server left are resumed now, failed items retried.
if (db.backend === "pglite") {
  void services.resumeBatches();
  setInterval(() => void services.resumeBatches(), 5000).unref();
}

const yoga = createGainsayYoga({
  prisma: db.prisma,
  events,
  redisStatus: bus.redisStatus,
  services,
  apiKeys: config.apiKeys,
  development: config.env === "development",
  maxBodyBytes: config.maxBodyBytes,
  log,
  rateLimit: config.rateLimit,
  metricsPlugins: config.metrics ? await createMetricsPlugins({ key: config.metrics.key, prisma: db.prisma, pool: db.pool }) : undefined,
});

const server = createServer(yoga);
server.keepAliveTimeout = 5000;
server.on("error", (e: NodeJS.ErrnoException) => {
  log.error("cannot listen", { error: e.message, code: e.code, host: config.host, port: config.port });
  void db.close().finally(() => process.exit(1));
});
server.listen(config.port, config.host, () => {
  const addr = server.address();
  const port = typeof addr === "object" && addr ? addr.port : config.port;
  if (config.apiKeys.length === 0) {
    log.warn("no GAINSAY_API_KEYS set: mutations are open, so the server listens on 127.0.0.1 only", { ignoredHost: config.hostForced ? process.env.HOST : undefined });
  }
  collect(); // start-up's garbage (migrations, the schema's construction, module compilation)
  log.info("gainsay listening", { url: `http://${config.host === "0.0.0.0" ? "localhost" : config.host}:${port}/graphql`, health: `/health`, apiKeys: config.apiKeys.length, ms: since() });
});

let stopping = false;
async function shutdown(signal: string) {
  if (stopping) return;
  stopping = true;
  log.info("shutting down", { signal });
  const force = setTimeout(() => {
    log.error("shutdown timed out; exiting");
    process.exit(1);
  }, 10_000);
  force.unref();
  server.close();
  server.closeAllConnections();
  await runner?.stop();
  await pipeline.close();
  await bus.close();
  await db.close().catch((e: Error) => log.error("error closing the database", { error: e.message }));
  log.info("stopped");
  process.exit(0);
}
process.on("SIGTERM", () => void shutdown("SIGTERM"));
process.on("SIGINT", () => void shutdown("SIGINT"));
