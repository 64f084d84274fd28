import path from "node:path";
import { fileURLToPath } from "node:url";
import { MessageChannel, Worker, type MessagePort } from "node:worker_threads";
import type { PipelineInput, PipelineResult } from "../ingest/types.js";
import type { ThreadDatabase } from "../db/client.js";
import type { ThreadDatabaseData } from "../db/thread-client.js";
import type { Events } from "../events/bus.js";
import type { RefreshResult } from "./contradictions.js";
import { appMetrics } from "./metrics.js";

export type PipelineRunner = (input: PipelineInput) => Promise<PipelineResult>;
/** Refreshes the contradictions of some proposition keys somewhere (refreshContradictions, here or on a thread). */
export type RefreshRunner = (propKeys: string[]) => Promise<RefreshResult>;

/**
 * The extraction pipeline, and with a database the contradiction refresh, on a worker thread, so a large article
 * (seconds of CPU to extract, and as many to compare its statements) never holds the event loop: the server keeps
 * answering /health and reads while it is analysed. One thread, started on first use (the NLP models and the
 * detector, about 70 MB, load there, not in the main thread). It extracts one text at a time (texts sent meanwhile
 * wait their turn); refreshes interleave with each other between their database round trips, as they would on the
 * main thread. On PostgreSQL the thread has a pool of its own (three connections); on PGlite, which one thread
 * holds, its queries are relayed to this thread's database (db/adapter-relay.ts), and a transaction the thread
 * leaves open when it dies is rolled back. A refresh's events are published here, on `events`. A thread that dies
 * (out of memory) fails the work in hand; the next call starts a new one. Unref'd: it never keeps the process alive.
 *
 * A thread left with nothing to do for `idleMs` is ended: what it holds (the models, its database client, and the
 * garbage of a large text, several hundred MB after a 1 MB article) goes back to the OS, and `onIdle` is called (the
 * server then collects its own garbage). The next call starts a new thread, about a second of model loading.
 */
export function createPipelineThread(opts: { idleMs?: number; onIdle?: () => void; database?: ThreadDatabase; events?: Events } = {}): PipelineRunner & { close(): Promise<void>; refresh?: RefreshRunner } {
  const idleMs = opts.idleMs ?? 10_000;
  type Thread = { worker: Worker; relay?: { close(): Promise<void> } };
  let thread: Thread | undefined;
  let idleTimer: NodeJS.Timeout | undefined;
  let nextId = 1;
  const pending = new Map<number, { resolve: (r: never) => void; reject: (e: Error) => void }>();
  const failAll = (e: Error) => {
    for (const p of pending.values()) p.reject(e);
    pending.clear();
  };
  /** Ends a thread: its database client closed first (a PostgreSQL pool says goodbye), then the thread. */
  const end = async (t: Thread) => {
    if (opts.database) await Promise.race([send(t, { close: true }).catch(() => undefined), new Promise((r) => setTimeout(r, 2000).unref())]);
    await t.worker.terminate();
    await t.relay?.close();
  };
  const armIdle = () => {
    clearTimeout(idleTimer);
    if (pending.size > 0 || !thread) return;
    idleTimer = setTimeout(() => {
      const t = thread;
      if (!t || pending.size > 0) return;
      thread = undefined;
      void end(t).then(() => opts.onIdle?.());
    }, idleMs);
    idleTimer.unref();
  };
  const start = (): Thread => {
    const here = fileURLToPath(import.meta.url);
    // From the TypeScript sources (npm start, tests) the thread boots through tsx's loader (pipeline-worker-ts.mjs).
    const entry = path.join(path.dirname(here), path.extname(here) === ".ts" ? "pipeline-worker-ts.mjs" : "pipeline-worker.js");
    let db: ThreadDatabaseData | undefined;
    let relay: Thread["relay"];
    const transferList: MessagePort[] = [];
    const d = opts.database;
    if (d?.backend === "postgres") db = d;
    else if (d?.backend === "pglite") {
      const channel = new MessageChannel();
      relay = d.serve(channel.port1);
      db = { backend: "pglite", adapterName: d.adapterName, port: channel.port2 };
      transferList.push(channel.port2);
    }
    const w = new Worker(entry, { workerData: { db }, transferList });
    w.unref();
    const t: Thread = { worker: w, relay };
    w.on("message", (m: { id?: number; result?: unknown; error?: { message: string; stack?: string; code?: string }; event?: [string, ...unknown[]] }) => {
      if (m.event) {
        (opts.events?.publish as ((...a: unknown[]) => void) | undefined)?.(...m.event);
        return;
      }
      const p = pending.get(m.id!);
      if (!p) return;
      pending.delete(m.id!);
      armIdle();
      if (m.error) p.reject(Object.assign(new Error(m.error.message), { stack: m.error.stack, ...(m.error.code ? { code: m.error.code } : {}) }));
      else p.resolve(m.result as never);
    });
    w.on("error", (e) => failAll(new Error(`services/pipeline-thread: the worker thread failed: ${e.message}`)));
    w.on("exit", (code) => {
      if (thread === t) thread = undefined;
      void relay?.close();
      failAll(new Error(`services/pipeline-thread: the worker thread exited (code ${code})`));
    });
    return t;
  };
  const send = <T>(t: Thread | undefined, message: Record<string, unknown>) =>
    new Promise<T>((resolve, reject) => {
      clearTimeout(idleTimer);
      const on = t ?? (thread ??= start());
      const id = nextId++;
      pending.set(id, { resolve: resolve as (r: never) => void, reject });
      on.worker.postMessage({ id, ...message });
    });
  const run = (input: PipelineInput) => send<PipelineResult>(undefined, { input });
  const refresh: RefreshRunner | undefined = opts.database
    ? async (propKeys) => {
        const r = await send<RefreshResult>(undefined, { refresh: propKeys });
        appMetrics()?.contradictions.inc(r.created);
        return r;
      }
    : undefined;
  return Object.assign(run, {
    refresh,
    async close() {
      clearTimeout(idleTimer);
      const t = thread;
      thread = undefined;
      if (t) await end(t);
    },
  });
}
