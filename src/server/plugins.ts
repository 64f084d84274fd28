import { GraphQLError, Kind, visit, type ArgumentNode, type DocumentNode, type ValueNode } from "graphql";
import type { GraphQLParams, Plugin } from "graphql-yoga";
import { MAX_PAGE_SIZE } from "../schema/ids.js";

function valueOf(node: ValueNode, variables: Record<string, unknown> | undefined): unknown {
  if (node.kind === Kind.VARIABLE) return variables?.[node.name.value];
  if (node.kind === Kind.INT) return Number(node.value);
  if (node.kind === Kind.NULL) return null;
  return undefined;
}

type PageArg = { field: string; arg: string; node: ArgumentNode; value: ValueNode };

// The `first`/`last` arguments of a document, found once per parsed document (Yoga's parser cache hands the same one).
const pageArgsOf = new WeakMap<DocumentNode, PageArg[]>();
function pageArgs(document: DocumentNode): PageArg[] {
  let found = pageArgsOf.get(document);
  if (!found) {
    const list: PageArg[] = [];
    visit(document, {
      Field(field) {
        for (const arg of field.arguments ?? []) {
          if (arg.name.value === "first" || arg.name.value === "last") list.push({ field: field.name.value, arg: arg.name.value, node: arg, value: arg.value });
        }
      },
    });
    pageArgsOf.set(document, (found = list));
  }
  return found;
}

/** Connection arguments `first`/`last` must be 1…100: anything else is a BAD_USER_INPUT error before execution. */
export function pageSizeErrors(document: DocumentNode, variables: Record<string, unknown> | undefined): GraphQLError[] {
  const errors: GraphQLError[] = [];
  for (const a of pageArgs(document)) {
    const v = valueOf(a.value, variables);
    if (v === null || v === undefined) continue;
    if (typeof v !== "number" || !Number.isInteger(v) || v < 1 || v > MAX_PAGE_SIZE) {
      errors.push(
        new GraphQLError(`${a.field}(${a.arg}: ${String(v)}): page size must be between 1 and ${MAX_PAGE_SIZE}`, {
          nodes: [a.node],
          extensions: { code: "BAD_USER_INPUT", field: a.arg, max: MAX_PAGE_SIZE, http: { status: 400 } },
        }),
      );
    }
  }
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

async function readLimited(req: Request, maxBytes: number): Promise<string> {
  if (!req.body) return "";
  const reader = req.body.getReader();
  const chunks: Uint8Array[] = [];
  let size = 0;
  for (;;) {
    const { value, done } = await reader.read();
    if (done) break;
    size += value.byteLength;
    if (size > maxBytes) {
      await reader.cancel().catch(() => undefined);
      throw new GraphQLError(`request body larger than ${maxBytes} bytes`, { extensions: { code: "PAYLOAD_TOO_LARGE", http: { status: 413 } } });
    }
    chunks.push(value);
  }
  return Buffer.concat(chunks).toString("utf8");
}

/** Rejects request bodies over `maxBytes` with 413: at once when Content-Length says so, while reading when it is chunked. */
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
    // A chunked body declares no length: count its bytes while reading and stop at the limit.
    onRequestParse({ request, setRequestParser }) {
      if (request.method !== "POST" || request.headers.has("content-length")) return;
      if (!/^application\/(graphql-response\+)?json/i.test(request.headers.get("content-type") ?? "")) return;
      setRequestParser(async (req) => {
        const text = await readLimited(req, maxBytes);
        try {
          return JSON.parse(text) as GraphQLParams;
        } catch {
          throw new GraphQLError("request body is not valid JSON", { extensions: { code: "BAD_REQUEST", http: { status: 400 } } });
        }
      });
    },
  };
}
