// npm run worker: a graphile-worker process that runs the queued jobs on PostgreSQL (contradiction refreshes recorded
// by writes in their own transaction, and the texts of ingestSources batches), next to any number of API servers.
// GAINSAY_WORKER_CONCURRENCY jobs at once; graphile-worker hands each job to one worker only and retries failures
// with back-off. Events go through REDIS_URL when set. On the embedded database only the server may open the data,
// and it runs the jobs itself.
import { ConfigError, loadConfig, redactUrl, type Config } from "../config.js";
import { openDatabase } from "../db/client.js";
import { createEventBus } from "../events/bus.js";
import { createLogger } from "../server/log.js";
import { graphileLogger, startGraphileRunner } from "../services/jobs.js";
import { workerTasks } from "../services/index.js";
import { createPipelineThread } from "../services/pipeline-thread.js";

let config: Config;
try {
  config = loadConfig();
} catch (e) {
  process.stderr.write(`${e instanceof ConfigError ? e.message : (e as Error).message}\n`);
  process.exit(2);
}
const log = createLogger(config.logLevel);
if (!config.databaseUrl) {
  log.error("npm run worker needs DATABASE_URL (PostgreSQL); with the embedded database the server runs analysis jobs itself");
  process.exit(2);
}
// Per job: a connection to take it and one for the refresh's transaction; one more for graphile-worker's LISTEN.
const db = await openDatabase({ databaseUrl: config.databaseUrl, dataDir: "", poolSize: 2 * config.workerConcurrency + 2 }).catch((e: Error) => {
  log.error("cannot open the database", { error: e.message });
  process.exit(1);
});
const bus = await createEventBus({ redisUrl: config.redisUrl, channelPrefix: config.redisPrefix, onError: (e) => log.warn("Redis error", { error: e.message }) });

// Extraction on a worker thread, so graphile-worker's own timers and connections keep running during a large article.
const pipeline = createPipelineThread({ idleMs: config.pipelineIdleSeconds * 1000 });
const tasks = workerTasks(db.prisma, bus.events, { graceSeconds: config.jobGraceSeconds, crashAfterCommit: config.crashAfterCommit, pipeline, fetch: { allowPrivate: config.allowPrivateUrls } });
const runner = await startGraphileRunner({ pool: db.pool!, prisma: db.prisma, events: bus.events, concurrency: config.workerConcurrency, logger: graphileLogger(log), tasks });
runner.events.on("job:success", ({ job }) => log.info("job done", { task: job.task_identifier, jobId: job.id, attempts: job.attempts }));
runner.events.on("job:error", ({ job, error }) => log.warn("job failed; graphile-worker retries it", { task: job.task_identifier, jobId: job.id, attempts: job.attempts, error: (error as Error)?.message }));
log.info("worker ready", { database: redactUrl(config.databaseUrl), concurrency: config.workerConcurrency, events: bus.transport });

let stopping = false;
async function shutdown(signal: string) {
  if (stopping) return;
  stopping = true;
  log.info("worker stopping; finishing the jobs in hand", { signal });
  await runner.stop();
  await pipeline.close();
  await bus.close();
  await db.close();
  log.info("worker stopped");
  process.exit(0);
}
process.on("SIGTERM", () => void shutdown("SIGTERM"));
process.on("SIGINT", () => void shutdown("SIGINT"));
