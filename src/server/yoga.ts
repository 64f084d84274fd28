import { EnvelopArmorPlugin } from "@escape.tech/graphql-armor";
import { renderGraphiQL } from "@graphql-yoga/render-graphiql";
import { createYoga, type YogaServerInstance } from "graphql-yoga";
import { schema } from "../schema/index.js";
import { createContext, type AppDeps, type Context } from "./context.js";
import { GRAPHIQL_EXAMPLES } from "./examples.js";
import { useHealth, type HealthDeps } from "./health.js";
import { useBodyLimit, usePageSizeLimit } from "./plugins.js";

export type YogaOptions = AppDeps & { development?: boolean; maxBodyBytes?: number; logging?: boolean; redisStatus?: HealthDeps["redisStatus"] };

/** The GraphQL HTTP handler, apart from `listen`: tests call `yoga.fetch` in-process. */
export function createGainsayYoga(opts: YogaOptions): YogaServerInstance<Record<string, unknown>, Context> {
  return createYoga<Record<string, unknown>, Context>({
    schema,
    graphqlEndpoint: "/graphql",
    context: ({ request }) => createContext(opts, request),
    maskedErrors: opts.development ? { isDev: true } : true,
    logging: opts.logging ?? false,
    landingPage: false,
    graphiql: { title: "gainsay", defaultQuery: GRAPHIQL_EXAMPLES },
    renderGraphiQL,
    healthCheckEndpoint: "/health/live",
    plugins: [
      useHealth({ prisma: opts.prisma, redisStatus: opts.redisStatus }),
      useBodyLimit(opts.maxBodyBytes ?? 4 * 1024 * 1024),
      EnvelopArmorPlugin({
        maxDepth: { n: 14, ignoreIntrospection: true, flattenFragments: true },
        maxAliases: { n: 30 },
        maxTokens: { n: 5000 },
        costLimit: { maxCost: 20000 },
        maxDirectives: { n: 50 },
        blockFieldSuggestion: { enabled: !opts.development },
      }),
      usePageSizeLimit(),
    ],
  });
}
