import { z } from "zod";

/** The only reader of process.env. Every setting is validated once, at start-up. */
const Env = z.object({
  PORT: z.coerce
    .number({ message: "PORT must be a number" })
    .int("PORT must be a whole number")
    .min(0, "PORT must be between 0 and 65535")
    .max(65535, "PORT must be between 0 and 65535")
    .default(4000),
  HOST: z.string().trim().min(1, "HOST must not be empty").optional(),
  DATABASE_URL: z
    .string()
    .trim()
    .refine((v) => /^postgres(ql)?:\/\/.+/.test(v), "DATABASE_URL must start with postgres:// or postgresql://")
    .optional(),
  REDIS_URL: z
    .string()
    .trim()
    .refine((v) => /^rediss?:\/\/.+/.test(v), "REDIS_URL must start with redis:// or rediss://")
    .optional(),
  GAINSAY_REDIS_PREFIX: z.string().trim().max(100).default("gainsay:"),
  GAINSAY_WORKER_CONCURRENCY: z.coerce.number().int("GAINSAY_WORKER_CONCURRENCY must be a whole number").min(1).max(64).default(2),
  GAINSAY_SERVER_JOBS: z.enum(["on", "off"], { message: "GAINSAY_SERVER_JOBS must be on or off" }).default("on"),
  GAINSAY_JOB_GRACE_SECONDS: z.coerce.number().min(0).max(3600).default(30),
  GAINSAY_TEST_CRASH_AFTER_COMMIT: z.enum(["0", "1"]).optional(),
  GAINSAY_TEST_CRASH_MID_STORE: z.enum(["0", "1"]).optional(),
  GAINSAY_STORE_CHUNK: z.coerce.number({ message: "GAINSAY_STORE_CHUNK must be a number" }).int("GAINSAY_STORE_CHUNK must be a whole number").min(0).max(1_000_000).optional(),
  GAINSAY_DATA_DIR: z.string().trim().min(1, "GAINSAY_DATA_DIR must not be empty").default("./.gainsay/data"),
  GAINSAY_API_KEYS: z
    .string()
    .optional()
    .transform((v) => (v ?? "").split(",").map((k) => k.trim()).filter(Boolean))
    .refine((keys) => keys.every((k) => k.length >= 16), "each key in GAINSAY_API_KEYS must be at least 16 characters"),
  GAINSAY_PIPELINE_IDLE_SECONDS: z.coerce.number({ message: "GAINSAY_PIPELINE_IDLE_SECONDS must be a number" }).min(0).max(86400).default(10),
  GAINSAY_METRICS: z.enum(["on", "off"], { message: "GAINSAY_METRICS must be on or off" }).default("off"),
  GAINSAY_METRICS_KEY: z.string().trim().min(16, "GAINSAY_METRICS_KEY must be at least 16 characters").optional(),
  GAINSAY_ALLOW_PRIVATE_URLS: z.enum(["0", "1"], { message: "GAINSAY_ALLOW_PRIVATE_URLS must be 0 or 1" }).default("0"),
  GAINSAY_MAX_BODY_BYTES: z.coerce.number().int().min(1024).default(4 * 1024 * 1024),
  GAINSAY_RATE_LIMIT: z
    .string()
    .trim()
    .regex(/^(off|[1-9][0-9]{0,6}\/[1-9][0-9]{0,5}(s|m|h))$/, "GAINSAY_RATE_LIMIT must be off or <max>/<window>, e.g. 60/1m (window in s, m or h)")
    .default("60/1m"),
  NODE_ENV: z.enum(["development", "production", "test"]).default("production"),
  LOG_LEVEL: z.enum(["debug", "info", "warn", "error", "silent"]).default("info"),
});

export type Config = {
  port: number;
  host: string;
  hostForced: boolean;
  databaseUrl: string | undefined;
  /** redis://… to carry events between processes; unset for in-process events. */
  redisUrl: string | undefined;
  /** Prefix of the Redis pub/sub channels, so deployments sharing a Redis stay apart. */
  redisPrefix: string;
  /** Jobs a worker process (`npm run worker`) runs at once. */
  workerConcurrency: number;
  /** Whether the server also runs queued analysis jobs (always on with PGlite, where only the server may open the data). */
  serverJobs: boolean;
  /** How long a job waits for the request that made it to run it inline, before any runner takes it. */
  jobGraceSeconds: number;
  /** Test hook (honoured only with NODE_ENV=test): the process kills itself with SIGKILL right after a write commits. */
  crashAfterCommit: boolean;
  /** Test hook (honoured only with NODE_ENV=test): SIGKILL once a chunked store (PGlite) has committed its first statements. */
  crashMidStore: boolean;
  /** PGlite: statements per transaction when a source is stored (0: the whole source in one); unset for the default. */
  storeChunk: number | undefined;
  dataDir: string;
  apiKeys: string[];
  /** How long the extraction thread stays up with nothing to do before it is ended (its memory goes back to the OS). */
  pipelineIdleSeconds: number;
  maxBodyBytes: number;
  /** ingestUrl and feeds may fetch private, loopback and link-local addresses (off: only public ones). */
  allowPrivateUrls: boolean;
  /** GET /metrics: off (null), or on, with the bearer key a scrape must send when one is set. */
  metrics: { key?: string } | null;
  /** Mutations per API key and window; null when off (always off without API keys). */
  rateLimit: { max: number; window: string; windowSeconds: number } | null;
  env: "development" | "production" | "test";
  logLevel: "debug" | "info" | "warn" | "error" | "silent";
};

export class ConfigError extends Error {
  constructor(readonly problems: string[]) {
    super(`config: invalid environment\n${problems.map((p) => `  - ${p}`).join("\n")}`);
  }
}

/** Parses an environment (process.env by default) into a typed Config, or throws ConfigError listing every bad value. */
export function loadConfig(env: Record<string, string | undefined> = process.env): Config {
  const blankToUndefined = Object.fromEntries(Object.entries(env).map(([k, v]) => [k, v === "" ? undefined : v]));
  const parsed = Env.safeParse(blankToUndefined);
  if (!parsed.success) {
    throw new ConfigError(parsed.error.issues.map((i) => `${i.path.join(".") || "env"}: ${i.message}`));
  }
  const e = parsed.data;
  // Without API keys, mutations are open: only listen on loopback then.
  const host = e.GAINSAY_API_KEYS.length === 0 ? "127.0.0.1" : (e.HOST ?? "0.0.0.0");
  return {
    port: e.PORT,
    host,
    hostForced: e.GAINSAY_API_KEYS.length === 0 && e.HOST !== undefined && e.HOST !== "127.0.0.1",
    databaseUrl: e.DATABASE_URL,
    redisUrl: e.REDIS_URL,
    redisPrefix: e.GAINSAY_REDIS_PREFIX,
    workerConcurrency: e.GAINSAY_WORKER_CONCURRENCY,
    serverJobs: e.GAINSAY_SERVER_JOBS === "on" || !e.DATABASE_URL,
    jobGraceSeconds: e.GAINSAY_JOB_GRACE_SECONDS,
    crashAfterCommit: e.NODE_ENV === "test" && e.GAINSAY_TEST_CRASH_AFTER_COMMIT === "1",
    crashMidStore: e.NODE_ENV === "test" && e.GAINSAY_TEST_CRASH_MID_STORE === "1",
    storeChunk: e.GAINSAY_STORE_CHUNK,
    dataDir: e.GAINSAY_DATA_DIR,
    apiKeys: e.GAINSAY_API_KEYS,
    pipelineIdleSeconds: e.GAINSAY_PIPELINE_IDLE_SECONDS,
    maxBodyBytes: e.GAINSAY_MAX_BODY_BYTES,
    allowPrivateUrls: e.GAINSAY_ALLOW_PRIVATE_URLS === "1",
    metrics: e.GAINSAY_METRICS === "on" ? { key: e.GAINSAY_METRICS_KEY } : null,
    rateLimit: e.GAINSAY_API_KEYS.length === 0 ? null : parseRateLimit(e.GAINSAY_RATE_LIMIT),
    env: e.NODE_ENV,
    logLevel: e.LOG_LEVEL,
  };
}

/** "60/1m" → 60 calls per minute; "off" → null. The format is checked by the schema above. */
export function parseRateLimit(v: string): Config["rateLimit"] {
  const m = /^(\d+)\/(\d+)(s|m|h)$/.exec(v);
  if (!m) return null;
  const n = Number(m[2]);
  return { max: Number(m[1]), window: `${n}${m[3]}`, windowSeconds: n * { s: 1, m: 60, h: 3600 }[m[3] as "s" | "m" | "h"] };
}

/** A connection URL fit for logs: its password masked. */
export function redactUrl(url: string): string {
  try {
    const u = new URL(url);
    if (u.password) u.password = "***";
    return u.toString();
  } catch {
    return "(unparseable url)";
  }
}
