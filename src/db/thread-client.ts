import type { MessagePort } from "node:worker_threads";
import { PrismaPg } from "@prisma/adapter-pg";
import pg from "pg";
import { PrismaClient } from "../generated/prisma/client.js";
import { relayAdapter } from "./adapter-relay.js";
import { recordBackend } from "./backend.js";

/** What a worker thread is given to reach its process's database (see ThreadDatabase in client.ts). */
export type ThreadDatabaseData = { backend: "postgres"; url: string; poolSize: number } | { backend: "pglite"; adapterName: string; port: MessagePort };

/**
 * A Prisma client in a worker thread: on PostgreSQL over a small pool of its own; on PGlite over the relay to the
 * thread that holds the database (adapter-relay.ts). Migrations are the opener's business, not the thread's.
 */
export function openThreadClient(d: ThreadDatabaseData): { prisma: PrismaClient; close(): Promise<void> } {
  if (d.backend === "postgres") {
    const pool = new pg.Pool({ connectionString: d.url, max: d.poolSize });
    pool.on("error", (e) => process.stderr.write(`db/thread-client: a PostgreSQL connection was lost (${e.message}); the pool replaces it\n`));
    const prisma = new PrismaClient({ adapter: new PrismaPg(pool) } as ConstructorParameters<typeof PrismaClient>[0]);
    recordBackend(prisma, "postgres");
    return { prisma, close: async () => (await prisma.$disconnect(), await pool.end()) };
  }
  const prisma = new PrismaClient({ adapter: relayAdapter(d.port, d.adapterName) } as ConstructorParameters<typeof PrismaClient>[0]);
  recordBackend(prisma, "pglite");
  return { prisma, close: () => prisma.$disconnect() };
}
