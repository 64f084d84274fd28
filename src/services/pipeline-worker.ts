// The worker thread of pipeline-thread.ts. Two kinds of message in, each answered by one out with its id:
// { id, input } runs the extraction pipeline (one text at a time: it holds the thread while it runs) and answers
// { id, result }; { id, refresh: propKeys } refreshes those keys' contradictions on the process's database (a Prisma
// client of the thread's own, opened on the first refresh) and answers { id, result }; failures answer { id, error }.
// A refresh's events go out as { event: [topic, payload] }, for the parent to publish. { id, close: true } closes the
// database client before the parent ends the thread.
import { parentPort, workerData } from "node:worker_threads";
import { runPipeline } from "../ingest/pipeline.js";
import type { PipelineInput } from "../ingest/types.js";
import type { Events } from "../events/bus.js";
import { openThreadClient, type ThreadDatabaseData } from "../db/thread-client.js";
import { refreshContradictions } from "./contradictions.js";

if (!parentPort) throw new Error("services/pipeline-worker: run me as a worker thread");
const port = parentPort;
const database = (workerData as { db?: ThreadDatabaseData } | null)?.db;
let client: ReturnType<typeof openThreadClient> | undefined;
// The refresh publishes through the parent's event bus (in-process subscribers, or Redis).
const events = { publish: (...args: unknown[]) => port.postMessage({ event: args }) } as unknown as Events;

const fail = (id: number, e: Error & { code?: string }) => port.postMessage({ id, error: { message: e.message, stack: e.stack, code: e.code } });

port.on("message", (m: { id: number; input?: PipelineInput; refresh?: string[]; close?: boolean }) => {
  if (m.refresh) {
    if (!database) return fail(m.id, new Error("services/pipeline-worker: this thread was started without a database"));
    client ??= openThreadClient(database);
    refreshContradictions(client.prisma, events, m.refresh).then((result) => port.postMessage({ id: m.id, result }), (e: Error) => fail(m.id, e));
    return;
  }
  if (m.close) {
    const c = client;
    client = undefined;
    void (c?.close() ?? Promise.resolve()).catch(() => undefined).then(() => port.postMessage({ id: m.id, result: null }));
    return;
  }
  try {
    port.postMessage({ id: m.id, result: runPipeline(m.input!) });
  } catch (e) {
    fail(m.id, e as Error);
  }
});
