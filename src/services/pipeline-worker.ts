// The extraction pipeline in a worker thread (see pipeline-thread.ts): one message in ({ id, input }), one out
// ({ id, result } or { id, error }). The thread loads the NLP models once and runs one text at a time.
import { parentPort } from "node:worker_threads";
import { runPipeline } from "../ingest/pipeline.js";
import type { PipelineInput } from "../ingest/types.js";

if (!parentPort) throw new Error("services/pipeline-worker: run me as a worker thread");
const port = parentPort;
port.on("message", (m: { id: number; input: PipelineInput }) => {
  try {
    port.postMessage({ id: m.id, result: runPipeline(m.input) });
  } catch (e) {
    port.postMessage({ id: m.id, error: { message: (e as Error).message, stack: (e as Error).stack } });
  }
});
