import { backendOf } from "../db/backend.js";

// PGlite: one store or write at a time per client. A chunked store (services/ingest.ts) commits its source's rows in
// several transactions, hidden until the last; between them the connection answers reads, but another write must
// wait, because it could change what the hidden rows rely on (a merge deleting a speaker they name, a second store
// of the same text that cannot see the first one's source yet). PGlite's data folder is open in one process only
// (db/lock.ts), so a lock in this process excludes every other writer. PostgreSQL needs none: its store is one
// transaction, and its unique keys and row locks order concurrent writers.
const tails = new WeakMap<object, Promise<unknown>>();

/** Runs `write` once every earlier write of this client (PGlite) has settled; on PostgreSQL at once. */
export function withWriteLock<T>(prisma: object, write: () => Promise<T>): Promise<T> {
  if (backendOf(prisma) !== "pglite") return write();
  const previous = tails.get(prisma) ?? Promise.resolve();
  const run = previous.catch(() => undefined).then(write);
  tails.set(prisma, run);
  return run;
}
