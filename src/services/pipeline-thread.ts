import path from "node:path";
import { fileURLToPath } from "node:url";
import { Worker } from "node:worker_threads";
import type { PipelineInput, PipelineResult } from "../ingest/types.js";

export type PipelineRunner = (input: PipelineInput) => Promise<PipelineResult>;

/**
 * The extraction pipeline on a worker thread, so a large article (seconds of CPU) never holds the event loop: the
 * server keeps answering /health and reads while it is analysed. One thread, started on first use (the NLP models,
 * about 70 MB, load there, not in the main thread), runs one text at a time; texts sent meanwhile wait their turn.
 * A thread that dies (out of memory) fails the texts in hand; the next text starts a new one. Unref'd: it never keeps
 * the process alive.
 *
 * A thread left with nothing to do for `idleMs` is ended: what it holds (the models, and the garbage of a large text,
 * several hundred MB after a 1 MB article) goes back to the OS, and `onIdle` is called (the server then collects its
 * own garbage). The next text starts a new thread, about a second of model loading.
 */
export function createPipelineThread(opts: { idleMs?: number; onIdle?: () => void } = {}): PipelineRunner & { close(): Promise<void> } {
  const idleMs = opts.idleMs ?? 10_000;
  let worker: Worker | undefined;
  let idleTimer: NodeJS.Timeout | undefined;
  const armIdle = () => {
    clearTimeout(idleTimer);
    if (pending.size > 0 || !worker) return;
    idleTimer = setTimeout(() => {
      const w = worker;
      if (!w || pending.size > 0) return;
      worker = undefined;
      void w.terminate().then(() => opts.onIdle?.());
    }, idleMs);
    idleTimer.unref();
  };
  let nextId = 1;
  const pending = new Map<number, { resolve: (r: PipelineResult) => void; reject: (e: Error) => void }>();
  const failAll = (e: Error) => {
    for (const p of pending.values()) p.reject(e);
    pending.clear();
  };
  const start = () => {
    const here = fileURLToPath(import.meta.url);
    // From the TypeScript sources (npm start, tests) the thread boots through tsx's loader (pipeline-worker-ts.mjs).
    const entry = path.join(path.dirname(here), path.extname(here) === ".ts" ? "pipeline-worker-ts.mjs" : "pipeline-worker.js");
    const w = new Worker(entry);
    w.unref();
    w.on("message", (m: { id: number; result?: PipelineResult; error?: { message: string; stack?: string } }) => {
      const p = pending.get(m.id);
      if (!p) return;
      pending.delete(m.id);
      armIdle();
      if (m.error) p.reject(Object.assign(new Error(m.error.message), { stack: m.error.stack }));
      else p.resolve(m.result!);
    });
    w.on("error", (e) => failAll(new Error(`services/pipeline-thread: the extraction thread failed: ${e.message}`)));
    w.on("exit", (code) => {
      if (worker === w) worker = undefined;
      failAll(new Error(`services/pipeline-thread: the extraction thread exited (code ${code})`));
    });
    return w;
  };
  const run = (input: PipelineInput) =>
    new Promise<PipelineResult>((resolve, reject) => {
      clearTimeout(idleTimer);
      worker ??= start();
      const id = nextId++;
      pending.set(id, { resolve, reject });
      worker.postMessage({ id, input });
    });
  return Object.assign(run, {
    async close() {
      clearTimeout(idleTimer);
      const w = worker;
      worker = undefined;
      if (w) await w.terminate();
    },
  });
}
