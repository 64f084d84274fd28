import { GraphQLError, Kind, visit, type DocumentNode, type ValueNode } from "graphql";
import type { Plugin } from "graphql-yoga";
import { MAX_PAGE_SIZE } from "../schema/ids.js";

function valueOf(node: ValueNode, variables: Record<string, unknown> | undefined): unknown {
  if (node.kind === Kind.VARIABLE) return variables?.[node.name.value];
  if (node.kind === Kind.INT) return Number(node.value);
  if (node.kind === Kind.NULL) return null;
  return undefined;
}

/** Connection arguments `first`/`last` must be 1…100: anything else is a BAD_USER_INPUT error before execution. */
export function pageSizeErrors(document: DocumentNode, variables: Record<string, unknown> | undefined): GraphQLError[] {
  const errors: GraphQLError[] = [];
  visit(document, {
    Field(field) {
      for (const arg of field.arguments ?? []) {
        if (arg.name.value !== "first" && arg.name.value !== "last") continue;
        const v = valueOf(arg.value, variables);
        if (v === null || v === undefined) continue;
        if (typeof v !== "number" || !Number.isInteger(v) || v < 1 || v > MAX_PAGE_SIZE) {
          errors.push(
            new GraphQLError(`${field.name.value}(${arg.name.value}: ${String(v)}): page size must be between 1 and ${MAX_PAGE_SIZE}`, {
              nodes: [arg],
              extensions: { code: "BAD_USER_INPUT", field: arg.name.value },
            }),
          );
        }
      }
    },
  });
  return errors;
}

export function usePageSizeLimit(): Plugin {
  return {
    onExecute({ args, setResultAndStopExecution }) {
      const errors = pageSizeErrors(args.document, args.variableValues as Record<string, unknown> | undefined);
      if (errors.length) setResultAndStopExecution({ errors });
    },
    onSubscribe({ args, setResultAndStopExecution }) {
      const errors = pageSizeErrors(args.document, args.variableValues as Record<string, unknown> | undefined);
      if (errors.length) setResultAndStopExecution({ errors });
    },
  };
}

/** Rejects request bodies over `maxBytes` with 413 before they are parsed. */
export function useBodyLimit(maxBytes: number): Plugin {
  const tooLarge = () =>
    new Response(JSON.stringify({ errors: [{ message: `request body larger than ${maxBytes} bytes`, extensions: { code: "PAYLOAD_TOO_LARGE" } }] }), {
      status: 413,
      headers: { "content-type": "application/json" },
    });
  return {
    async onRequest({ request, endResponse, url }) {
      if (request.method !== "POST" || !url.pathname.endsWith("/graphql")) return;
      const declared = Number(request.headers.get("content-length") ?? NaN);
      if (Number.isFinite(declared) && declared > maxBytes) endResponse(tooLarge());
    },
  };
}
