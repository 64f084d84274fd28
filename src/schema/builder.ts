import SchemaBuilder from "@pothos/core";
import DataloaderPlugin from "@pothos/plugin-dataloader";
import PrismaPlugin from "@pothos/plugin-prisma";
import RelayPlugin from "@pothos/plugin-relay";
import PlannedRowsPlugin from "./planned-rows.js";
import type PrismaTypes from "../generated/pothos-prisma-types.js";
import { getDatamodel } from "../generated/pothos-prisma-types.js";
import type { Context } from "../server/context.js";
import { isObjectType, type GraphQLSchema } from "graphql";
import { decodeGlobalId, encodeGlobalId, MAX_LIST_LENGTH, MAX_PAGE_SIZE, DEFAULT_PAGE_SIZE } from "./ids.js";

const isNodeType = (schema: GraphQLSchema, typename: string) => {
  const t = schema.getType(typename);
  return isObjectType(t) && t.getInterfaces().some((i) => i.name === "Node");
};

/** Plugins and the Context type only; the types live in one module each (see ./index.ts). */
export const builder = new SchemaBuilder<{
  PrismaTypes: PrismaTypes;
  Context: Context;
  DefaultFieldNullability: false;
  DefaultEdgesNullability: false;
  DefaultNodeNullability: false;
  Scalars: {
    DateTime: { Input: Date; Output: Date | string };
    JSON: { Input: unknown; Output: unknown };
  };
}>({
  // PlannedRowsPlugin first: its resolver wrapper is the outermost (see planned-rows.ts).
  plugins: [PlannedRowsPlugin, PrismaPlugin, RelayPlugin, DataloaderPlugin],
  defaultFieldNullability: false,
  relay: {
    clientMutationId: "omit",
    cursorType: "String",
    edgesFieldOptions: { nullable: false },
    nodeFieldOptions: { nullable: false },
    encodeGlobalID: encodeGlobalId,
    decodeGlobalID: (id) => decodeGlobalId(id),
    nodesOnConnection: false,
    // An ID that is well-formed but names no node type (`Foo:1`, `ContradictionSide:1`) or no row reads as null, as
    // Relay clients expect; a malformed one is BAD_USER_INPUT (decodeGlobalId).
    nodeQueryOptions: {
      description: "Any object by its global ID; null when it does not exist.",
      resolve: (_root, args, _ctx, info, resolveNode) => (isNodeType(info.schema, args.id.typename) ? resolveNode(args.id) : null),
    },
    nodesQueryOptions: {
      description: `Objects by their global IDs (at most ${MAX_LIST_LENGTH}), in order; null for each that does not exist.`,
      resolve: (_root, args, _ctx, info, resolveNodes) => {
        const ids = args.ids as Array<{ typename: string; id: string } | null>;
        ids.forEach((g, i) => {
          if (g && !isNodeType(info.schema, g.typename)) ids[i] = null;
        });
        return resolveNodes(args.ids);
      },
    },
  },
  prisma: {
    client: (ctx) => ctx.prisma,
    dmmf: getDatamodel(),
    exposeDescriptions: false,
    filterConnectionTotalCount: true,
    maxConnectionSize: MAX_PAGE_SIZE,
    defaultConnectionSize: DEFAULT_PAGE_SIZE,
    onUnusedQuery: null,
  },
});

builder.queryType({ description: "Read the corpus: sources, speakers, statements, events and the contradictions between them." });
builder.mutationType({ description: "Change the corpus. Requires `Authorization: Bearer <key>` when the server has API keys." });
builder.subscriptionType({ description: "Live updates over Server-Sent Events." });
