import { execFile } from "node:child_process";
import { existsSync, mkdirSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { promisify } from "node:util";
import { redactUrl } from "../config.js";
import { PGlite } from "@electric-sql/pglite";
import { PrismaPg } from "@prisma/adapter-pg";
import pg from "pg";
import { Logger as WorkerLogger, runMigrations as runWorkerMigrations } from "graphile-worker";
import { PrismaClient } from "../generated/prisma/client.js";
import type { MessagePort } from "node:worker_threads";
import { serveAdapter } from "./adapter-relay.js";
import { recordBackend, type Backend } from "./backend.js";
import { lockDataDir } from "./lock.js";
import { applyMigrations, type MigrationTx } from "./migrate.js";
import { removePendingSources } from "./pending.js";
import { pgliteAdapter } from "./pglite-adapter.js";
import { migratePglite, PGLITE_START_PARAMS } from "./pglite-setup.js";
import { queryLog, type QueryLogEntry } from "./query-log.js";

export type Db = PrismaClient;

export type DatabaseOptions = {
  /** postgres://… to use a PostgreSQL server; unset for the embedded PGlite database. */
  databaseUrl?: string;
  /** PGlite data folder, or "memory://" for a throwaway in-memory database. */
  dataDir: string;
  /** Called once per SQL statement sent (for query counting in tests and debug logs). */
  onQuery?: (sql: string) => void;
  /** Called once per Prisma operation, through the query-log client extension (see query-log.ts). */
  onOperation?: (entry: QueryLogEntry) => void;
  poolSize?: number;
  /**
   * An idle pooled PostgreSQL connection failed (server restart, admin termination). The pool drops it and opens
   * another when needed; without a listener node-postgres would crash the process. Default: a line on stderr.
   */
  onConnectionError?: (e: Error) => void;
};

export type { Backend } from "./backend.js";
export { backendOf } from "./backend.js";

/**
 * How a worker thread of this process reaches the same database (services/pipeline-thread.ts runs refreshes on one):
 * PostgreSQL by its URL, with a small pool of its own; PGlite, which one thread holds, through this thread
 * (db/adapter-relay.ts: `serve` answers the thread's queries on a port).
 */
export type ThreadDatabase =
  | { backend: "postgres"; url: string; poolSize: number }
  | { backend: "pglite"; adapterName: string; serve(port: MessagePort): { close(): Promise<void> } };

export type Database = {
  prisma: PrismaClient;
  backend: Backend;
  migrationsApplied: string[];
  /** PGlite: half-stored sources a crash left (see db/pending.ts), removed at opening. Always 0 on PostgreSQL. */
  pendingSourcesRemoved: number;
  /** PostgreSQL only: the connection pool Prisma uses, shared with graphile-worker (the analysis queue). */
  pool?: pg.Pool;
  /** For a worker thread that refreshes contradictions off the event loop (see ThreadDatabase). */
  thread: ThreadDatabase;
  close(): Promise<void>;
};

// eslint-disable-next-line @typescript-eslint/no-explicit-any
function makeClient(adapter: any, { onQuery, onOperation }: Pick<DatabaseOptions, "onQuery" | "onOperation">) {
  const prisma = new PrismaClient({
    adapter,
    log: onQuery ? [{ emit: "event", level: "query" }] : [],
  } as ConstructorParameters<typeof PrismaClient>[0]);
  if (onQuery) (prisma as unknown as { $on(e: "query", cb: (q: { query: string }) => void): void }).$on("query", (q) => onQuery(q.query));
  // The extension adds hooks only, no new methods or result fields, so the extended client keeps PrismaClient's shape.
  return onOperation ? (prisma.$extends(queryLog(onOperation)) as unknown as PrismaClient) : prisma;
}

/**
 * Creates an embedded database folder (initdb and the migrations) in a short-lived child process running
 * pglite-create.ts with this process's loader flags. Done in the server's own process, initdb's WebAssembly instance
 * (about 500 MB) stays mapped until a full garbage collection an idle server may never run, and the migrations leave
 * PostgreSQL's catalog caches grown: a first start sat near 900 MB. Returns the migrations applied, or undefined
 * when no child could be run (the caller then creates the folder itself).
 */
async function createPgliteDir(dataDir: string): Promise<string[] | undefined> {
  const entry = fileURLToPath(new URL(`./pglite-create${path.extname(fileURLToPath(import.meta.url))}`, import.meta.url));
  if (!existsSync(entry)) return undefined;
  try {
    const { stdout } = await promisify(execFile)(process.execPath, [...process.execArgv, entry, dataDir], { maxBuffer: 16 * 1024 * 1024 });
    return JSON.parse(stdout) as string[];
  } catch (e) {
    const err = e as Error & { stderr?: string };
    throw new Error(`db/client: cannot create the embedded database in ${dataDir}: ${(err.stderr || err.message).trim().split("\n").slice(-5).join("\n")}`);
  }
}

/** One read statement sent straight to the driver: the rows as the driver parses them (json columns parsed). */
export type RawRead = (sql: string, params: unknown[]) => Promise<Array<Record<string, unknown>>>;
const rawReads = new WeakMap<object, RawRead>();

/**
 * The driver-level reader of a client openDatabase opened (undefined for any other client, a transaction's included).
 * src/db/json-select.ts sends its compiled one-statement reads through it rather than `$queryRawUnsafe`: Prisma's
 * client would re-read the whole JSON answer (its raw-result mapping and a second JSON.parse, about 2 ms for a page of
 * 50 contradictions), and on PostgreSQL this reader also prepares each distinct statement once per connection, so
 * PostgreSQL stops planning it again on every request (about 7 ms of its CPU for that page).
 */
export function rawReadOf(prisma: object): RawRead | undefined {
  return rawReads.get(prisma);
}

/** At most this many distinct statements are prepared (named) per process; more are sent unnamed. */
const MAX_PREPARED = 200;

function rawReader(send: (sql: string, params: unknown[], name: string | undefined) => Promise<Array<Record<string, unknown>>>, { onQuery, onOperation }: Pick<DatabaseOptions, "onQuery" | "onOperation">): RawRead {
  const names = new Map<string, string>();
  return async (sql, params) => {
    let name = names.get(sql);
    if (name === undefined && names.size < MAX_PREPARED) names.set(sql, (name = `gainsay_read_${names.size + 1}`));
    onQuery?.(sql);
    if (!onOperation) return send(sql, params, name);
    const t0 = performance.now();
    let ok = false;
    try {
      const rows = await send(sql, params, name);
      ok = true;
      return rows;
    } finally {
      onOperation({ model: undefined, operation: "$queryRawUnsafe", ms: performance.now() - t0, ok });
    }
  };
}

/** graphile-worker's log lines, warnings and errors only, to stderr (its migrations and runners are otherwise chatty). */
export const quietWorkerLogger = new WorkerLogger(() => (level, message) => {
  if (level === "error" || level === "warning") process.stderr.write(`graphile-worker ${level}: ${message}\n`);
});

/** Opens the configured database, applies pending migrations and returns a Prisma client over it. */
export async function openDatabase(opts: DatabaseOptions): Promise<Database> {
  if (opts.databaseUrl) {
    const pool = new pg.Pool({ connectionString: opts.databaseUrl, max: opts.poolSize ?? 10 });
    const onConnectionError = opts.onConnectionError ?? ((e: Error) => process.stderr.write(`db/client: a PostgreSQL connection was lost (${e.message}); the pool replaces it\n`));
    pool.on("error", onConnectionError);
    // A connection that fails while checked out (graphile-worker's LISTEN connection holds one for good) is reported
    // the same way rather than crashing the process; the query on it fails and its caller sees that.
    pool.on("connect", (c) => c.on("error", onConnectionError));
    let migrationsApplied: string[];
    const client = await pool.connect().catch((e: Error) => {
      void pool.end();
      throw new Error(`db/client: cannot connect to PostgreSQL at ${redactUrl(opts.databaseUrl!)}: ${e.message}`);
    });
    try {
      await client.query("BEGIN");
      const tx: MigrationTx = {
        exec: async (sql) => void (await client.query(sql)),
        query: async <T>(sql: string, params?: unknown[]) => (await client.query(sql, params)).rows as T[],
      };
      migrationsApplied = await applyMigrations(tx);
      await client.query("COMMIT");
    } catch (e) {
      await client.query("ROLLBACK").catch(() => undefined);
      client.release();
      await pool.end();
      throw e;
    }
    client.release();
    // graphile-worker's own schema (graphile_worker.*), the analysis and ingest queue on PostgreSQL. It serialises
    // concurrent migrators itself, so servers and workers starting together are safe.
    try {
      await runWorkerMigrations({ pgPool: pool, logger: quietWorkerLogger });
    } catch (e) {
      await pool.end();
      throw new Error(`db/client: cannot install graphile-worker's schema: ${(e as Error).message}`);
    }
    const prisma = makeClient(new PrismaPg(pool), opts);
    recordBackend(prisma, "postgres");
    rawReads.set(prisma, rawReader(async (text, values, name) => (await pool.query({ text, values, name })).rows, opts));
    return {
      prisma,
      backend: "postgres",
      migrationsApplied,
      pendingSourcesRemoved: 0,
      pool,
      thread: { backend: "postgres", url: opts.databaseUrl, poolSize: 3 },
      async close() {
        await prisma.$disconnect();
        await pool.end();
      },
    };
  }

  const inMemory = opts.dataDir.startsWith("memory://");
  const release = inMemory ? () => undefined : lockDataDir(opts.dataDir);
  let lite: PGlite | undefined;
  try {
    let created: string[] = [];
    if (!inMemory) {
      mkdirSync(opts.dataDir, { recursive: true });
      if (!existsSync(path.join(opts.dataDir, "PG_VERSION"))) created = (await createPgliteDir(opts.dataDir)) ?? [];
    }
    lite = await PGlite.create(opts.dataDir, { startParams: PGLITE_START_PARAMS });
    const migrationsApplied = [...created, ...(await migratePglite(lite))];
    // This process alone holds the data (lockDataDir), so a source still pending now was cut short by a crash.
    const pendingSourcesRemoved = await lite.transaction((t) => removePendingSources({ query: async <T>(sql: string, params: unknown[]) => (await t.query<T>(sql, params)).rows }));
    const prisma = makeClient(pgliteAdapter(lite), opts);
    recordBackend(prisma, "pglite");
    const lt = lite;
    // PGlite has one session: query() waits while a transaction (Prisma's, through the adapter) holds it.
    rawReads.set(prisma, rawReader(async (sql, params) => (await lt.query<Record<string, unknown>>(sql, params)).rows, opts));
    const db = lite;
    return {
      prisma,
      backend: "pglite",
      migrationsApplied,
      pendingSourcesRemoved,
      thread: { backend: "pglite", adapterName: "pglite-prisma-adapter", serve: (port) => serveAdapter(port, pgliteAdapter(db)) },
      async close() {
        await prisma.$disconnect();
        await db.close();
        release();
      },
    };
  } catch (e) {
    await lite?.close().catch(() => undefined);
    release();
    throw e;
  }
}

