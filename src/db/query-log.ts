import { Prisma } from "../generated/prisma/client.js";

/** One Prisma operation as the query-log extension saw it. */
export type QueryLogEntry = { model: string | undefined; operation: string; ms: number; ok: boolean };

/**
 * A Prisma client extension that reports every operation (model, action, duration, outcome) to `onEntry`.
 * Used by the tests to count the database round trips a GraphQL request makes, and by the server's debug log.
 */
export function queryLog(onEntry: (entry: QueryLogEntry) => void) {
  return Prisma.defineExtension({
    name: "gainsay-query-log",
    query: {
      async $allOperations({ model, operation, args, query }) {
        const t0 = performance.now();
        let ok = false;
        try {
          const result = await query(args);
          ok = true;
          return result;
        } finally {
          onEntry({ model, operation, ms: performance.now() - t0, ok });
        }
      },
    },
  });
}
