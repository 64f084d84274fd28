// One eval mode in its own process (spawned by eval/run.ts): the pipeline reads GAINSAY_LEXICONS when its modules
// load, so each mode needs a fresh process. Prints its detail lines to stdout and sends its result over the IPC
// channel (or prints it as JSON on the last line when run by hand: `EVAL_MODE=bare npx tsx eval/worker.ts`).
//   EVAL_MODE  default | lexicons-off | bare        EVAL_JOB   sets (default) | fnc
//   EVAL_SETS  seeds,newsdev                        EVAL_FNC_LIMIT, EVAL_DEBUG as for `npm run eval`
import { evalFnc1, printFnc1 } from "./fnc1.js";
import { evalNewsdev, printNewsdev } from "./newsdev.js";
import { evalSeeds, printSeeds } from "./seeds.js";
import { envList, isMode, isSet, MODES, sharedDir, type WorkerResult } from "./common.js";

const mode = process.env.EVAL_MODE ?? "default";
if (!isMode(mode)) throw new Error(`eval/worker: unknown EVAL_MODE "${mode}"`);
const job = process.env.EVAL_JOB === "fnc" ? "fnc" : "sets";
const info = MODES[mode];
if ((process.env.GAINSAY_LEXICONS === "off") !== (info.env.GAINSAY_LEXICONS === "off"))
  throw new Error(`eval/worker: mode ${mode} needs GAINSAY_LEXICONS=${info.env.GAINSAY_LEXICONS ?? "(unset)"}, got ${process.env.GAINSAY_LEXICONS ?? "(unset)"}`);
const shared = sharedDir();
const debug = !!process.env.EVAL_DEBUG;
const t0 = performance.now();
const result: WorkerResult = { mode, job, ms: 0, errors: [] };

async function attempt<T>(name: string, run: () => Promise<T>): Promise<T | undefined> {
  try {
    return await run();
  } catch (e) {
    const msg = `${name}: ${(e as Error).stack ?? String(e)}`;
    console.log(`${name}: FAILED — ${(e as Error).message}`);
    result.errors.push(msg);
    return undefined;
  }
}

if (job === "fnc") {
  const limit = Number(process.env.EVAL_FNC_LIMIT ?? Infinity);
  result.fnc1 = await attempt("FNC-1", () => evalFnc1(shared, Number.isNaN(limit) ? Infinity : limit));
  if (result.fnc1) printFnc1(result.fnc1);
} else {
  const sets = envList("EVAL_SETS", ["seeds", "newsdev"]).filter(isSet);
  if (sets.includes("seeds")) {
    result.seeds = await attempt("seeds", () => evalSeeds(shared, { metadata: info.metadata, debug }));
    if (result.seeds) printSeeds(result.seeds);
  }
  if (sets.includes("newsdev")) {
    result.newsdev = await attempt("newsdev", () => evalNewsdev(shared, { metadata: info.metadata, debug }));
    if (result.newsdev) printNewsdev(result.newsdev);
  }
}
result.ms = Math.round(performance.now() - t0);

if (process.send) {
  await new Promise<void>((resolve, reject) => process.send!(result, undefined, {}, (e) => (e ? reject(e) : resolve())));
  process.disconnect();
} else {
  console.log(JSON.stringify(result));
}
// Nothing should be left running; if a handle lingers, do not hang CI.
setTimeout(() => process.exit(result.errors.length ? 1 : 0), 2000).unref();
process.exitCode = result.errors.length ? 1 : 0;
