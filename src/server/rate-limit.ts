import { createHash } from "node:crypto";
import { useRateLimiter } from "@envelop/rate-limiter";
import { GraphQLError } from "graphql";
import type { Plugin } from "graphql-yoga";
import type { Context } from "./context.js";

export type RateLimit = { max: number; window: string; windowSeconds: number };

/** Who a request counts against: the API key it presents (hashed; the key itself is not kept), else one shared bucket. */
export function rateKeyOf(authorization: string | null): string {
  const m = authorization ? /^Bearer\s+(\S+)$/i.exec(authorization.trim()) : null;
  return m ? `key:${createHash("sha256").update(m[1]!).digest("hex").slice(0, 16)}` : "anonymous";
}

/**
 * At most `max` calls of each mutation per `window` for each API key (@envelop/rate-limiter, in-memory store, so per
 * server process). Checked before execution: a refused mutation changes nothing and answers 429 RATE_LIMITED with
 * Retry-After. Queries are not limited.
 */
export function useMutationRateLimit(limit: RateLimit): Plugin {
  return useRateLimiter({
    identifyFn: (ctx) => (ctx as Context).rateKey,
    configByField: [{ type: "Mutation", field: "*", max: limit.max, window: limit.window }],
    formatError: ({ fieldName }) => `too many ${fieldName} calls: at most ${limit.max} per ${limit.window} for each API key`,
    transformError: (message) =>
      new GraphQLError(message, {
        extensions: { code: "RATE_LIMITED", max: limit.max, window: limit.window, http: { status: 429, headers: { "Retry-After": String(limit.windowSeconds) } } },
      }),
  }) as Plugin;
}
