import { AsyncLocalStorage } from "node:async_hooks";
import { randomUUID } from "node:crypto";
import { getOperationAST, GraphQLError, type DocumentNode, type ExecutionResult } from "graphql";
import { maskError as yogaMaskError, type Plugin, type YogaLogger } from "graphql-yoga";
import type { Logger } from "./log.js";

/**
 * Error codes and error logging for the whole HTTP layer.
 *
 * - Every request gets an id (a well-formed incoming `x-request-id`, else a new UUID), returned in the `x-request-id`
 *   response header and carried in an AsyncLocalStorage for the life of the request.
 * - An error that Yoga masks ("Unexpected error.") is logged exactly once, as one JSON line with the request id, the
 *   operation name, the field path and the stack; the client gets the message, `INTERNAL_SERVER_ERROR` and the
 *   request id only (in development also the original error).
 * - Rejections that graphql-yoga or graphql-js leave without `extensions.code` get one: parse and validation failures
 *   answer 400, and so does an unsupported media type (415), each with a JSON body.
 */

export type RequestInfo = { id: string; operation?: string };

const store = new AsyncLocalStorage<RequestInfo>();
const byRequest = new WeakMap<Request, RequestInfo>();
const INCOMING_ID = /^[A-Za-z0-9._:-]{1,64}$/;

/** The request being handled, if any (for log lines). */
export const currentRequest = (): RequestInfo | undefined => store.getStore();

function infoFor(request: Request): RequestInfo {
  let info = byRequest.get(request);
  if (!info) {
    const incoming = request.headers.get("x-request-id");
    info = { id: incoming && INCOMING_ID.test(incoming) ? incoming : randomUUID() };
    byRequest.set(request, info);
  }
  return info;
}

function operationName(document: DocumentNode, name: string | null | undefined): string | undefined {
  return getOperationAST(document, name ?? undefined)?.name?.value ?? name ?? undefined;
}

/** Rebuilds a GraphQL error with extra extensions (graphql-js errors keep their location, path and cause). */
export function withExtensions(error: GraphQLError, extensions: Record<string, unknown>): GraphQLError {
  return new GraphQLError(error.message, {
    nodes: error.nodes,
    source: error.source,
    positions: error.positions,
    path: error.path,
    originalError: error.originalError,
    extensions: { ...error.extensions, ...extensions },
  });
}

const json = (status: number, code: string, message: string, requestId: string) =>
  new Response(JSON.stringify({ errors: [{ message, extensions: { code } }] }), {
    status,
    headers: { "content-type": "application/json; charset=utf-8", "x-request-id": requestId },
  });

export function useRequestIds(): Plugin {
  return {
    instrumentation: {
      request: ({ request }, wrapped) => store.run(infoFor(request), wrapped),
    },
    onParams({ params, request }) {
      infoFor(request).operation = params.operationName ?? undefined;
    },
    onExecute({ args }) {
      const info = store.getStore();
      if (info) info.operation = operationName(args.document, args.operationName);
    },
    onSubscribe({ args }) {
      const info = store.getStore();
      if (info) info.operation = operationName(args.document, args.operationName);
    },
    onResponse({ request, response }) {
      response.headers.set("x-request-id", infoFor(request).id);
    },
  };
}

/** Codes of rejections that happen before execution: the operation did not run, so they answer 400. */
const NOT_EXECUTED = new Set(["BAD_REQUEST", "GRAPHQL_PARSE_FAILED", "GRAPHQL_VALIDATION_FAILED"]);

function codedError(e: GraphQLError, executed: boolean): GraphQLError {
  const http = e.extensions.http as { status?: number; spec?: boolean } | undefined;
  const code = e.extensions.code as string | undefined;
  if (!code) return withExtensions(e, executed ? { code: "INTERNAL_SERVER_ERROR" } : { code: "BAD_REQUEST", http: { status: 400 } });
  // Yoga marks parse and validation failures `spec: true`, which keeps them at 200 for application/json: not here.
  if (http?.spec) return withExtensions(e, { http: { status: http.status ?? 400 } });
  if (NOT_EXECUTED.has(code) && !http?.status) return withExtensions(e, { http: { status: 400 } });
  return e;
}

/**
 * Codes what Yoga and graphql-js leave uncoded, and gives every rejection before execution HTTP 400 (415 for a
 * media type no parser reads), whatever the Accept header. Registered after Yoga's request parsers, so it sees
 * whether one matched.
 */
export function useErrorCodes(): Plugin {
  return {
    onRequestParse({ request, requestParser, endResponse }) {
      if (requestParser || request.method !== "POST") return;
      const type = request.headers.get("content-type") ?? "none";
      endResponse(json(415, "UNSUPPORTED_MEDIA_TYPE", `content type ${type.slice(0, 80)} is not supported: send application/json`, infoFor(request).id));
    },
    onResultProcess({ result, setResult }) {
      if (!result || typeof result !== "object" || Symbol.asyncIterator in result) return;
      const fix = (r: ExecutionResult) =>
        r.errors?.length ? { ...r, errors: r.errors.map((e) => (e instanceof GraphQLError ? codedError(e, "data" in r) : e)) } : r;
      setResult(Array.isArray(result) ? result.map(fix) : fix(result as ExecutionResult));
    },
  };
}

/**
 * A `maskedErrors.maskError` that logs what it hides, once per error, and tells the client the request id.
 * Errors Yoga does not mask (GraphQL errors we raised on purpose) pass through unchanged and are not logged.
 */
export function maskAndLog(log: Logger) {
  const logged = new WeakSet<object>();
  return (error: unknown, message: string, isDev?: boolean): Error => {
    const masked = yogaMaskError(error, message, isDev);
    if (masked === error) return masked;
    const cause = error instanceof GraphQLError && error.originalError ? error.originalError : error;
    const info = currentRequest();
    if (cause && typeof cause === "object" && !logged.has(cause)) {
      logged.add(cause);
      const e = cause as Partial<Error>;
      log.error("unexpected error (masked)", {
        requestId: info?.id,
        operation: info?.operation ?? null,
        path: error instanceof GraphQLError && error.path ? error.path.join(".") : undefined,
        error: e.message ?? String(cause),
        stack: e.stack,
      });
    }
    return masked instanceof GraphQLError && info ? withExtensions(masked, { requestId: info.id }) : masked;
  };
}

/** Yoga's own log calls, as JSON lines; the errors it reports after masking are already logged by maskAndLog. */
export function yogaLogger(log: Logger): YogaLogger {
  const text = (args: unknown[]) => args.map((a) => (a instanceof Error ? a.message : typeof a === "string" ? a : JSON.stringify(a))).join(" ");
  return {
    debug: () => undefined,
    info: (...args: unknown[]) => log.info(`yoga: ${text(args)}`),
    warn: (...args: unknown[]) => log.warn(`yoga: ${text(args)}`),
    error: (...args: unknown[]) => {
      // Masked errors were logged with their request; anything else Yoga reports is logged here.
      if (args.length === 1 && (args[0] instanceof Error || args[0] instanceof GraphQLError)) return;
      log.error(`yoga: ${text(args)}`, { requestId: currentRequest()?.id });
    },
  };
}
