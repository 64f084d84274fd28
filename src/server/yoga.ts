import { EnvelopArmorPlugin } from "@escape.tech/graphql-armor";
import { GraphQLError } from "graphql";
import { createYoga, type Plugin, type YogaServerInstance } from "graphql-yoga";
import { schema } from "../schema/index.js";
import { createContext, type AppDeps, type Context } from "./context.js";
import { maskAndLog, useErrorCodes, useRequestIds, yogaLogger } from "./errors.js";
import { GRAPHIQL_EXAMPLES } from "./examples.js";
import { useInputChecks } from "./input-checks.js";
import { createLogger, type Logger } from "./log.js";
import { useHealth, type HealthDeps } from "./health.js";
import { useJitForMarkedReads } from "./jit.js";
import { useBodyLimit, usePageSizeLimit } from "./plugins.js";
import { useMutationRateLimit, type RateLimit } from "./rate-limit.js";

export type YogaOptions = AppDeps & {
  development?: boolean;
  maxBodyBytes?: number;
  /** Where masked errors and Yoga's own messages go (JSON lines); silent when absent. */
  log?: Logger;
  /** Mutations per API key and window; off when absent. */
  rateLimit?: RateLimit | null;
  /** Redis reachability for /health (absent: Redis not in use). */
  redisStatus?: HealthDeps["redisStatus"];
  /** GET /metrics (Prometheus) and its request metrics: server/metrics.ts createMetricsPlugins; off when absent. */
  metricsPlugins?: Plugin[];
  /** The hot reads on graphql-jit (server/jit.ts); default on. Off: every operation on Yoga's executor. */
  jit?: boolean;
};

/** The query limits (graphql-armor). A rejection is QUERY_LIMIT_EXCEEDED with the limit's name and value, HTTP 400. */
export const QUERY_LIMITS = { depth: 14, aliases: 30, tokens: 5000, cost: 20000, directives: 50 } as const;

const rejectAs = (limit: keyof typeof QUERY_LIMITS) => [
  (_ctx: unknown, error: GraphQLError) => {
    throw new GraphQLError(error.message.replace(/^Syntax Error: /, ""), {
      extensions: { code: "QUERY_LIMIT_EXCEEDED", limit, max: QUERY_LIMITS[limit], http: { status: 400 } },
    });
  },
];

/** The GraphQL HTTP handler, apart from `listen`: tests call `yoga.fetch` in-process. */
export function createGainsayYoga(opts: YogaOptions): YogaServerInstance<Record<string, unknown>, Context> {
  const log = opts.log ?? createLogger("silent");
  return createYoga<Record<string, unknown>, Context>({
    schema,
    graphqlEndpoint: "/graphql",
    context: ({ request }) => createContext(opts, request),
    maskedErrors: { isDev: !!opts.development, maskError: maskAndLog(log) },
    logging: yogaLogger(log),
    landingPage: false,
    graphiql: { title: "gainsay", defaultQuery: GRAPHIQL_EXAMPLES },
    // The offline GraphiQL page inlines about 9 MB of assets (some 80 MB resident once parsed): loaded on the first
    // visit, not at start-up.
    renderGraphiQL: async (o) => (await import("@graphql-yoga/render-graphiql")).renderGraphiQL(o),
    healthCheckEndpoint: "/health/live",
    plugins: [
      useRequestIds(),
      ...(opts.metricsPlugins ?? []),
      useErrorCodes(),
      useHealth({ prisma: opts.prisma, redisStatus: opts.redisStatus }),
      useBodyLimit(opts.maxBodyBytes ?? 4 * 1024 * 1024),
      EnvelopArmorPlugin({
        maxDepth: { n: QUERY_LIMITS.depth, ignoreIntrospection: true, flattenFragments: true, onReject: rejectAs("depth") },
        maxAliases: { n: QUERY_LIMITS.aliases, onReject: rejectAs("aliases") },
        maxTokens: { n: QUERY_LIMITS.tokens, onReject: rejectAs("tokens") },
        costLimit: { maxCost: QUERY_LIMITS.cost, onReject: rejectAs("cost") },
        maxDirectives: { n: QUERY_LIMITS.directives, onReject: rejectAs("directives") },
        blockFieldSuggestion: { enabled: !opts.development },
      }),
      useInputChecks(),
      usePageSizeLimit(),
      ...(opts.rateLimit ? [useMutationRateLimit(opts.rateLimit)] : []),
      // The hot reads, whose every row json-select loaded and marked (schema/planned-rows.ts), on graphql-jit.
      ...(opts.jit === false ? [] : [useJitForMarkedReads()]),
    ],
  });
}
