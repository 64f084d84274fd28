/**
 * Child process of bench/pipeline (growth with size): builds one long article of about argv[2] bytes, warms the
 * pipeline up on small articles, then times runPipeline once on it and reports to the parent over IPC. The parent
 * times each phase itself and kills this process when a phase runs past the cap, so a slow pipeline cannot hold
 * the bench. Started with --expose-gc so that the heap retained by the result can be told from garbage.
 *
 * Messages: {phase: "start", name} before each phase; {phase: "ready" | "segment" | "pipeline" | "stages", ...}
 * with its results. Per-stage timing loads the stage modules by computed path inside try/catch: src/ingest/stages is
 * being rewritten, and a renamed file or changed signature must only turn those numbers into "n/a".
 */
import { runPipeline } from "../../src/ingest/pipeline.js";
import { kbOf, longArticle, newsdevTexts, syntheticTexts } from "./texts.js";

const targetBytes = Number(process.argv[2]);
const stageMaxMs = Number(process.argv[3] ?? 20_000);
const send = (m: Record<string, unknown>) => process.send?.(m);
const mem = () => {
  const m = process.memoryUsage();
  return { rssMB: m.rss / 2 ** 20, heapUsedMB: m.heapUsed / 2 ** 20, heapTotalMB: m.heapTotal / 2 ** 20, peakRssMB: process.resourceUsage().maxRSS / 1024 };
};
const gc = (globalThis as { gc?: () => void }).gc;
const errText = (e: unknown) => (e instanceof Error ? e.message : String(e)).split("\n")[0]!.slice(0, 160);

async function stageFn(file: string, name: string): Promise<((...args: unknown[]) => unknown) | undefined> {
  try {
    const mod = (await import(new URL(`../../src/ingest/stages/${file}`, import.meta.url).href)) as Record<string, unknown>;
    return typeof mod[name] === "function" ? (mod[name] as (...args: unknown[]) => unknown) : undefined;
  } catch {
    return undefined;
  }
}

function timed<T>(fn: () => T): { ms: number; value: T } {
  const t0 = performance.now();
  const value = fn();
  return { ms: performance.now() - t0, value };
}

const { text, source } = longArticle(targetBytes);
// Warm-up: the JIT sees every stage on ordinary articles before the measured run.
const warm = (newsdevTexts() ?? syntheticTexts(58)).slice(0, 58);
for (let r = 0; r < 3; r++) for (const t of warm) runPipeline({ text: t });
const segment = await stageFn("01-segment.js", "segment");
gc?.();
send({ phase: "ready", kb: kbOf(text), chars: text.length, source, before: mem() });

// segment() alone (optional: n/a when the module or function is gone).
send({ phase: "start", name: "segment" });
let segmentMs: number | undefined;
let segmentError: string | undefined;
if (segment) {
  try {
    segment(warm[0]!, {});
    segmentMs = timed(() => segment(text, {})).ms;
  } catch (e) {
    segmentError = errText(e);
  }
} else segmentError = "segment() not found in src/ingest/stages/01-segment";
send({ phase: "segment", ms: segmentMs, error: segmentError });
gc?.();

// The whole pipeline, once.
send({ phase: "start", name: "pipeline" });
const beforeRun = mem();
let result: { statements?: unknown[] } | undefined;
let pipelineMs: number | undefined;
let pipelineError: string | undefined;
try {
  const r = timed(() => runPipeline({ text }));
  pipelineMs = r.ms;
  result = r.value;
} catch (e) {
  pipelineError = errText(e);
}
const afterRun = mem();
gc?.();
const retained = mem(); // `result` is still referenced here
send({ phase: "pipeline", ms: pipelineMs, error: pipelineError, statements: result?.statements?.length ?? 0, beforeRun, afterRun, retainedHeapUsedMB: gc ? retained.heapUsedMB : undefined });
result = undefined;

// Stages one by one, the way runPipeline calls them today; only when the whole run was short enough.
if (pipelineMs !== undefined && pipelineMs <= stageMaxMs) {
  send({ phase: "start", name: "stages" });
  const stages: Record<string, number | string> = {};
  try {
    const attribute = await stageFn("02-attribute.js", "attribute");
    const resolveSpeakers = await stageFn("03-speakers.js", "resolveSpeakers");
    if (!segment || !attribute || !resolveSpeakers) throw new Error("stage functions not found (stages were renamed?)");
    gc?.();
    const doc = timed(() => segment(text, {}));
    stages.segment = doc.ms;
    const att = timed(() => attribute(doc.value));
    stages.attribute = att.ms;
    const res = timed(() => resolveSpeakers(att.value, doc.value, { sourceKey: "bench" }));
    stages.resolveSpeakers = res.ms;
    stages.rest = pipelineMs - doc.ms - att.ms - res.ms; // < 0 when the separate runs summed to more than the whole run
  } catch (e) {
    stages.error = errText(e);
  }
  send({ phase: "stages", stages });
} else send({ phase: "stages", stages: { error: `skipped: the whole run took more than ${(stageMaxMs / 1000).toFixed(0)} s` } });

process.disconnect?.();
