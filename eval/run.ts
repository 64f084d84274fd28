// npm run eval: scores extraction and detection in memory (PGlite), through the GraphQL API, against
//   - seeds    ../shared/gold/seeds.gold.json (the founding articles in ../shared/seeds), and
//   - newsdev  ../shared/gold/newsdev.gold.json (58 articles in 12 storylines, ../shared/data/newsdev, one database),
// in three modes, each in its own child process (eval/worker.ts; the pipeline reads GAINSAY_LEXICONS when it loads):
//   default       publisher and date (and url when the gold has one), lexicons on
//   lexicons-off  the same with GAINSAY_LEXICONS=off
//   bare          the text only, lexicons on
// then FNC-1 once, in the default mode (eval/fnc1.ts), and one summary table. Writes eval/out/report.json (one object
// per mode). Reads ../shared (or GAINSAY_SHARED) at run time and skips with a message when it is absent.
//
// Environment: EVAL_MODES=default,lexicons-off,bare   EVAL_SETS=seeds,newsdev   EVAL_FNC_LIMIT=n (0 skips FNC-1)
//              EVAL_JOBS=2 (child processes at once)   EVAL_TIMEOUT_S=1200 (per child)
//              EVAL_DEBUG=1 (MISS / WRONG / EXTRA lines with article text, to the terminal only)
//              EVAL_TEXT_ONLY=1 (older switch: the same as EVAL_MODES=bare)
//              EVAL_ORDER=reverse (newsdev articles ingested last to first; the figures should not change)
// Exits 1 when a child fails or an article cannot be ingested; missed targets are reported, not fatal.
import { spawn } from "node:child_process";
import { existsSync, mkdirSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { ALL_MODES, envList, isMode, isSet, MODES, pct, root, SETS, sharedDir, type Mode, type WorkerResult } from "./common.js";
import { table } from "./newsdev.js";

const t0 = performance.now();
if (process.env.EVAL_TEXT_ONLY && !process.env.EVAL_MODES) process.env.EVAL_MODES = "bare";
const modesAsked = envList("EVAL_MODES", ALL_MODES);
const setsAsked = envList("EVAL_SETS", SETS);
const bad = [...modesAsked.filter((m) => !isMode(m)).map((m) => `mode "${m}" (EVAL_MODES: ${ALL_MODES.join(", ")})`), ...setsAsked.filter((s) => !isSet(s)).map((s) => `set "${s}" (EVAL_SETS: ${SETS.join(", ")})`)];
if (bad.length) {
  console.error(`eval: unknown ${bad.join("; ")}`);
  process.exit(2);
}
const modes = ALL_MODES.filter((m) => modesAsked.includes(m));
const shared = sharedDir();
if (!existsSync(shared)) {
  console.log(`eval: skipped — ${shared} not found (set GAINSAY_SHARED to the shared folder)`);
  process.exit(0);
}
const needs = { seeds: "gold/seeds.gold.json", newsdev: "gold/newsdev.gold.json" } as const;
const sets = SETS.filter((s) => setsAsked.includes(s)).filter((s) => {
  const ok = existsSync(path.join(shared, needs[s])) && (s !== "newsdev" || existsSync(path.join(shared, "data/newsdev")));
  if (!ok) console.log(`eval: ${s} skipped — ${path.join(shared, needs[s])}${s === "newsdev" ? " or data/newsdev" : ""} not found`);
  return ok;
});
const fncLimit = process.env.EVAL_FNC_LIMIT?.trim();
const runFnc = modes.includes("default") && fncLimit !== "0";
if (!sets.length && !runFnc) {
  console.log("eval: nothing to run");
  process.exit(0);
}

type Job = { mode: Mode; job: "sets" | "fnc" };
type Outcome = Job & { result?: WorkerResult; code: number | null; signal: string | null; ms: number; failure?: string; output: string };
// FNC-1 runs once, in its own child with the default mode's environment. Being the longest job it starts first, so
// that with two at a time the modes share the other core; its lines print after all the modes'.
const jobs: Job[] = [...(runFnc ? [{ mode: "default" as const, job: "fnc" as const }] : []), ...(sets.length ? modes.map((mode) => ({ mode, job: "sets" as const })) : [])];
const parallel = Math.max(1, Number(process.env.EVAL_JOBS) || Math.min(2, os.availableParallelism()));
const timeoutMs = (Number(process.env.EVAL_TIMEOUT_S) || 1200) * 1000;
const workerPath = path.join(root, "eval/worker.ts");
const title = (j: Job) => (j.job === "fnc" ? "FNC-1 (default mode)" : `${MODES[j.mode].label} (${MODES[j.mode].about})`);
console.log(`eval: ${jobs.length} child process(es), ${parallel} at a time; sets ${sets.join(", ") || "none"}; modes ${modes.join(", ")}; FNC-1 ${runFnc ? "in the default mode" : "skipped"}`);

function runJob(j: Job): Promise<Outcome> {
  const env: NodeJS.ProcessEnv = { ...process.env, EVAL_MODE: j.mode, EVAL_JOB: j.job, EVAL_SETS: sets.join(",") };
  for (const [k, v] of Object.entries(MODES[j.mode].env)) {
    if (v === undefined) delete env[k];
    else env[k] = v;
  }
  // This process runs under tsx (`tsx eval/run.ts`), so its node flags carry the tsx loader; give the child the same.
  const loader = process.execArgv.some((a) => a.includes("tsx")) ? process.execArgv : ["--import", "tsx"];
  const started = performance.now();
  return new Promise((resolve) => {
    const out: Buffer[] = [];
    const child = spawn(process.execPath, [...loader, workerPath], { cwd: root, env, stdio: ["ignore", "pipe", "pipe", "ipc"] });
    let result: WorkerResult | undefined;
    let failure: string | undefined;
    child.stdout!.on("data", (d: Buffer) => out.push(d));
    child.stderr!.on("data", (d: Buffer) => out.push(d));
    child.on("message", (m) => (result = m as WorkerResult));
    child.on("error", (e) => (failure = `could not start: ${e.message}`));
    const timer = setTimeout(() => {
      failure = `timed out after ${timeoutMs / 1000} s`;
      child.kill("SIGKILL");
    }, timeoutMs);
    child.on("close", (code, signal) => {
      clearTimeout(timer);
      const ms = performance.now() - started;
      if (!result && !failure) failure = `exited with ${signal ?? code} and no result`;
      const output = `\n== ${title(j)} — ${(ms / 1000).toFixed(1)} s\n${Buffer.concat(out).toString("utf8")}${failure ? `eval: ${title(j)} FAILED — ${failure}\n` : ""}`;
      resolve({ ...j, result, code, signal, ms, failure, output });
    });
  });
}

const outcomes: Outcome[] = [];
const queue = [...jobs];
await Promise.all(Array.from({ length: Math.min(parallel, jobs.length) }, async () => {
  for (let j = queue.shift(); j; j = queue.shift()) {
    const o = await runJob(j);
    outcomes.push(o);
    if (o.job === "sets") process.stdout.write(o.output);
    else console.log(`eval: FNC-1 done in ${(o.ms / 1000).toFixed(1)} s (printed after the modes)`);
  }
}));
for (const o of outcomes.filter((x) => x.job === "fnc")) process.stdout.write(o.output);

// One object per mode; FNC-1 belongs to the default mode.
const fnc = outcomes.find((o) => o.job === "fnc");
const byMode = new Map(modes.map((m) => [m, outcomes.find((o) => o.job === "sets" && o.mode === m)]));
const errorsOf = (o: Outcome | undefined) => [...(o?.failure ? [o.failure] : []), ...(o?.result?.errors ?? [])];
const report = {
  generatedAt: new Date().toISOString(),
  wallMs: 0,
  shared,
  sets,
  modes: modes.map((m) => {
    const o = byMode.get(m);
    return {
      mode: m,
      label: MODES[m].label,
      about: MODES[m].about,
      env: { GAINSAY_LEXICONS: MODES[m].env.GAINSAY_LEXICONS ?? null },
      ms: o ? Math.round(o.ms) : null,
      errors: [...errorsOf(o), ...(m === "default" ? errorsOf(fnc).map((e) => `FNC-1: ${e}`) : [])],
      seeds: o?.result?.seeds ?? null,
      newsdev: o?.result?.newsdev ?? null,
      ...(m === "default" && runFnc ? { fnc1: fnc?.result?.fnc1 ?? null } : {}),
    };
  }),
};

// Summary: rows are measures, columns the modes, then the targets. A target applies to every mode unless the mode has
// its own; ✓ / ✗ mark a cell against its column's mode's target.
type Value = { text: string; ok?: boolean };
const atLeast = (x: number, mode: Mode, by: Partial<Record<Mode, number>> & { all: number }): Value => ({ text: pct(x), ok: x >= (by[mode] ?? by.all) });
const none = (n: number, total: number): Value => ({ text: `${n}/${total}`, ok: n === 0 });
type SeedsReport = Exclude<NonNullable<WorkerResult["seeds"]>, { skipped: string }>;
type NewsdevReport = Exclude<NonNullable<WorkerResult["newsdev"]>, { skipped: string }>;
type Row =
  | { set: "seeds"; name: string; target: string; value: (r: SeedsReport, mode: Mode) => Value }
  | { set: "newsdev"; name: string; target: string; value: (r: NewsdevReport, mode: Mode) => Value };
const rows: Row[] = [
  { set: "seeds", name: "seeds attribution P", target: "≥ 90% (lexicons off, bare text ≥ 85%)", value: (s, m) => atLeast(s.extraction.attributionPrecision, m, { all: 0.9, "lexicons-off": 0.85, bare: 0.85 }) },
  { set: "seeds", name: "seeds core R", target: "≥ 85% (lexicons off ≥ 80%)", value: (s, m) => atLeast(s.extraction.coreRecall, m, { all: 0.85, "lexicons-off": 0.8 }) },
  { set: "seeds", name: "seeds high-conf. conflict recall", target: "≥ 90% (lexicons off ≥ 80%)", value: (s, m) => atLeast(s.contradictions.highRecall, m, { all: 0.9, "lexicons-off": 0.8 }) },
  { set: "seeds", name: "seeds hard negatives violated", target: "0", value: (s) => none(s.contradictions.hardNegativesViolated.length, s.contradictions.hardNegativesTotal) },
  { set: "seeds", name: "seeds Kirby/Patel/al-Awadi", target: "—", value: (s) => ({ text: s.contradictions.kirbyPatelAwadiOneTwoSided ? "yes" : "no" }) },
  { set: "newsdev", name: "newsdev attribution P", target: "≥ 85%", value: (n, m) => atLeast(n.attribution.precision, m, { all: 0.85 }) },
  { set: "newsdev", name: "newsdev attribution R", target: "≥ 75%", value: (n, m) => atLeast(n.attribution.recall, m, { all: 0.75 }) },
  { set: "newsdev", name: "newsdev conflict recall", target: "≥ 60%", value: (n, m) => atLeast(n.conflicts.recall, m, { all: 0.6 }) },
  { set: "newsdev", name: "newsdev pair precision", target: "≥ 70%", value: (n, m) => atLeast(n.conflicts.pairPrecision, m, { all: 0.7 }) },
  { set: "newsdev", name: "newsdev hard negatives violated", target: "0", value: (n) => none(n.conflicts.hardNegativesViolated.length, n.conflicts.hardNegativesTotal) },
];
const cell = (row: Row, m: Mode): string => {
  const r = byMode.get(m)?.result;
  const got = row.set === "seeds" ? r?.seeds : r?.newsdev;
  if (!got) return "error";
  if ("skipped" in got) return "skipped";
  const v = row.set === "seeds" ? row.value(got as SeedsReport, m) : row.value(got as NewsdevReport, m);
  return `${v.text}${v.ok === undefined ? "" : v.ok ? " ✓" : " ✗"}`;
};
const shown = rows.filter((r) => sets.includes(r.set));
if (shown.length && modes.length) {
  console.log("\n== summary");
  for (const line of table(["measure", ...modes.map((m) => MODES[m].label), "target"], shown.map((r) => [r.name, ...modes.map((m) => cell(r, m)), r.target]))) console.log(`  ${line}`);
}
// FNC-1's own lines print above; its result's shape belongs to eval/fnc1.ts, so read it loosely here.
const fncResult = fnc?.result?.fnc1 as { score?: number; f1?: { disagree?: number } } | undefined;
if (typeof fncResult?.score === "number") console.log(`  FNC-1 (default mode, targets above): FNC score ${(fncResult.score * 100).toFixed(2)}%, disagree F1 ${fncResult.f1?.disagree?.toFixed(3) ?? "?"}`);

report.wallMs = Math.round(performance.now() - t0);
mkdirSync(path.join(root, "eval/out"), { recursive: true });
writeFileSync(path.join(root, "eval/out/report.json"), `${JSON.stringify(report, null, 2)}\n`);
const ingestFailures = report.modes.flatMap((m) => [
  ...(m.seeds && "failures" in m.seeds ? m.seeds.failures : []),
  ...(m.newsdev && "failures" in m.newsdev ? m.newsdev.failures : []),
]);
const failed = outcomes.filter((o) => errorsOf(o).length);
console.log(`report: eval/out/report.json; wall-clock ${(report.wallMs / 1000).toFixed(1)} s`);
if (failed.length || ingestFailures.length) {
  console.log(`eval: FAILED — ${[...failed.map((o) => `${title(o)}: ${errorsOf(o)[0]?.split("\n")[0]}`), ...(ingestFailures.length ? [`${ingestFailures.length} article(s) could not be ingested`] : [])].join("; ")}`);
  process.exitCode = 1;
}
