// npm run worker: a process that runs queued analysis jobs (the AnalysisJob outbox) on PostgreSQL, next to any number
// of API servers. GAINSAY_WORKER_CONCURRENCY jobs at once; each claims its job with FOR UPDATE SKIP LOCKED, so workers
// and servers never run the same one. Events (contradictionDetected) go through REDIS_URL when set. On the embedded
// database only the server may open the data, and it runs the jobs itself.
import { ConfigError, loadConfig, redactUrl, type Config } from "../config.js";
import { openDatabase } from "../db/client.js";
import { createEventBus } from "../events/bus.js";
import { createLogger } from "../server/log.js";
import { drainAnalysisJobs, pruneAnalysisJobs } from "../services/jobs.js";

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
const db = await openDatabase({ databaseUrl: config.databaseUrl, dataDir: "", poolSize: config.workerConcurrency + 1 }).catch((e: Error) => {
  log.error("cannot open the database", { error: e.message });
  process.exit(1);
});
const bus = await createEventBus({ redisUrl: config.redisUrl, channelPrefix: config.redisPrefix, onError: (e) => log.warn("Redis error", { error: e.message }) });

const POLL_MS = 1000;
let stopping = false;
const onError = (jobId: number, e: Error) => log.warn("analysis job failed; it is retried after its lease", { jobId, error: e.message });
async function loop(n: number) {
  while (!stopping) {
    const r = await drainAnalysisJobs(db.prisma, bus.events, { onError }).catch((e: Error) => (log.warn("worker: drain failed", { loop: n, error: e.message }), { ran: 0, failed: 0 }));
    if (r.ran || r.failed) log.info("analysis jobs run", { loop: n, ...r });
    if (n === 0) await pruneAnalysisJobs(db.prisma).catch(() => 0);
    if (!stopping) await new Promise((res) => setTimeout(res, POLL_MS));
  }
}
log.info("worker ready", { database: redactUrl(config.databaseUrl), concurrency: config.workerConcurrency, events: bus.transport });
const loops = Array.from({ length: config.workerConcurrency }, (_, i) => loop(i));

async function shutdown(signal: string) {
  if (stopping) return;
  stopping = true;
  log.info("worker stopping; finishing the jobs in hand", { signal });
  await Promise.all(loops);
  await bus.close();
  await db.close();
  log.info("worker stopped");
  process.exit(0);
}
process.on("SIGTERM", () => void shutdown("SIGTERM"));
process.on("SIGINT", () => void shutdown("SIGINT"));
