import { mkdirSync } from "node:fs";
import { redactUrl } from "../config.js";
import { PGlite } from "@electric-sql/pglite";
import { PrismaPg } from "@prisma/adapter-pg";
import pg from "pg";
import { PrismaClient } from "../generated/prisma/client.js";
import { lockDataDir } from "./lock.js";
import { applyMigrations, type MigrationTx } from "./migrate.js";
import { pgliteAdapter } from "./pglite-adapter.js";
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

export type Database = {
  prisma: PrismaClient;
  backend: "pglite" | "postgres";
  migrationsApplied: string[];
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

/** Opens the configured database, applies pending migrations and returns a Prisma client over it. */
export async function openDatabase(opts: DatabaseOptions): Promise<Database> {
  if (opts.databaseUrl) {
    const pool = new pg.Pool({ connectionString: opts.databaseUrl, max: opts.poolSize ?? 10 });
    pool.on("error", opts.onConnectionError ?? ((e) => process.stderr.write(`db/client: an idle PostgreSQL connection was lost (${e.message}); the pool replaces it\n`)));
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
    const prisma = makeClient(new PrismaPg(pool), opts);
    return {
      prisma,
      backend: "postgres",
      migrationsApplied,
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
    if (!inMemory) mkdirSync(opts.dataDir, { recursive: true });
    lite = await PGlite.create(opts.dataDir);
    const migrationsApplied = await lite.transaction(async (t) =>
      applyMigrations({
        exec: async (sql) => void (await t.exec(sql)),
        query: async <T>(sql: string, params?: unknown[]) => (await t.query<T>(sql, params)).rows,
      }),
    );
    const prisma = makeClient(pgliteAdapter(lite), opts);
    const db = lite;
    return {
      prisma,
      backend: "pglite",
      migrationsApplied,
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

