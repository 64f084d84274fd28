/**
 * bench/pipeline — speed of the extraction pipeline (no database). Prints numbers; asserts nothing.
 *
 *   npm run bench:pipeline
 *   ROUNDS=20 WARMUP=3 npm run bench:pipeline          # more repetitions in part 1
 *   CAP_S=60 SIZES_KB=200,400,1024,2048 npm run bench:pipeline
 *   GROW=off npm run bench:pipeline                    # part 1 only (THROUGHPUT=off: parts 2 and 3 only)
 *
 * 1. Throughput (KB/s, 1 KB = 1024 UTF-8 bytes) of runPipeline against wink-nlp's readDoc (the tokenizer alone,
 *    wink-eng-lite-web-model) and compromise (nlp(text) with its people/organizations/places as JSON), on the seed
 *    articles (../shared/seeds), the newsdev articles (../shared/data/newsdev/*\/*.txt) and synthetic articles
 *    (bench/scale/corpus.ts). Per engine and set: WARMUP untimed passes (≥ MIN_ROUND_MS), then ROUNDS timed rounds in rotating order,
 *    a round being as many whole passes over the set as fill MIN_ROUND_MS (200); the median round is reported. Sets that are absent are skipped with a message.
 * 2. Growth with size: one article each of about 200 KB, 400 KB, 1 MB and 2 MB (concatenated newsdev articles, else
 *    synthetic ones), each timed once in a fresh child process (bench/pipeline/grow-child.ts) after a warm-up. The
 *    child is killed when a run passes CAP_S seconds (default 120); growth then stops there. Also segment() alone
 *    and, for runs under STAGE_MAX_S, attribute / resolveSpeakers timed one by one (n/a if those modules change).
 * 3. Memory of each child (peak RSS, heapUsed after the run); the 2 MB one is printed on its own.
 * Article text is read from ../shared at run time only (GAINSAY_SHARED moves it).
 */
import { fork } from "node:child_process";
import { readFileSync } from "node:fs";
import winkNLP from "wink-nlp";
import model from "wink-eng-lite-web-model";
import nlpCompromise from "compromise";
import { runPipeline } from "../../src/ingest/pipeline.js";
import { percentile } from "../lib.js";
import { kbOf, newsdevDir, newsdevTexts, seedsDir, seedTexts, SYNTHETIC_COUNT, syntheticTexts, type TextSet } from "./texts.js";

const ROUNDS = Math.max(1, Number(process.env.ROUNDS ?? 10));
const WARMUP = Math.max(0, Number(process.env.WARMUP ?? 2));
const CAP_S = Number(process.env.CAP_S ?? 120);
const STAGE_MAX_S = Number(process.env.STAGE_MAX_S ?? 20);
const SIZES_KB = (process.env.SIZES_KB ?? "200,400,1024,2048").split(",").map(Number).filter((n) => n > 0);
const GROW = process.env.GROW !== "off";
const THROUGHPUT = process.env.THROUGHPUT !== "off";
const MIN_ROUND_MS = Number(process.env.MIN_ROUND_MS ?? 200);
const benchStart = performance.now();

const errText = (e: unknown) => (e instanceof Error ? e.message : String(e)).split("\n")[0]!.slice(0, 160);
const median = (xs: number[]) => percentile(xs, 50);
const fmt = (n: number | undefined, digits = 0) => (n === undefined || !Number.isFinite(n) ? "n/a" : n.toFixed(digits));
const sizeLabel = (kb: number) => (kb >= 1024 ? `${+(kb / 1024).toFixed(2)} MB` : `${Math.round(kb)} KB`);

// ---------------------------------------------------------------------------------------------------------------
// 1. Throughput
// ---------------------------------------------------------------------------------------------------------------
const sets: TextSet[] = [];
const seeds = THROUGHPUT ? seedTexts() : undefined;
if (seeds) sets.push({ name: "seed articles", texts: seeds });
else if (THROUGHPUT) console.log(`(seed articles skipped: ${seedsDir} not found or empty)`);
const newsdev = THROUGHPUT ? newsdevTexts() : undefined;
if (newsdev) sets.push({ name: "newsdev articles", texts: newsdev });
else if (THROUGHPUT) console.log(`(newsdev articles skipped: ${newsdevDir} not found or empty)`);
if (THROUGHPUT) sets.push({ name: "synthetic articles", texts: syntheticTexts(SYNTHETIC_COUNT) });

const wink = winkNLP(model);
type Engine = { name: string; run: (texts: string[]) => number };
const engines: Engine[] = [
  {
    name: "readDoc",
    run: (texts) => {
      for (const t of texts) wink.readDoc(t);
      return texts.length;
    },
  },
  {
    name: "pipeline",
    run: (texts) => {
      let statements = 0;
      for (const t of texts) statements += runPipeline({ text: t }).statements?.length ?? 0;
      return statements;
    },
  },
  {
    name: "compromise",
    run: (texts) => {
      let entities = 0;
      for (const t of texts) {
        const doc = nlpCompromise(t);
        entities += doc.people().json().length + doc.organizations().json().length + doc.places().json().length;
      }
      return entities;
    },
  },
];

type Row = { set: string; texts: number; kb: number; count: Record<string, number>; kbs: Record<string, number | undefined>; spread: Record<string, [number, number]>; errors: Record<string, string> };
const rows: Row[] = [];
if (THROUGHPUT) console.log(`bench/pipeline — 1. throughput per engine and set: warm-up (${WARMUP} passes, at least ${MIN_ROUND_MS} ms), then ${ROUNDS} timed rounds in rotating order, each round as many whole passes over the set as fill ${MIN_ROUND_MS} ms; median round. KB = 1024 UTF-8 bytes\n`);
for (const set of sets) {
  const kb = kbOf(set.texts);
  const row: Row = { set: set.name, texts: set.texts.length, kb, count: {}, kbs: {}, spread: {}, errors: {} };
  const live = engines.filter((e) => {
    try {
      const t0 = performance.now();
      for (let r = 0; r < WARMUP || (WARMUP > 0 && performance.now() - t0 < MIN_ROUND_MS); r++) row.count[e.name] = e.run(set.texts);
      return true;
    } catch (err) {
      row.errors[e.name] = errText(err);
      return false;
    }
  });
  const times: Record<string, number[]> = Object.fromEntries(live.map((e) => [e.name, []]));
  for (let r = 0; r < ROUNDS; r++) {
    for (let k = 0; k < live.length; k++) {
      const e = live[(r + k) % live.length]!;
      if (row.errors[e.name]) continue;
      try {
        // One round: whole passes over the set until MIN_ROUND_MS has passed (small sets are timed over several passes).
        let passes = 0;
        const t0 = performance.now();
        do {
          row.count[e.name] = e.run(set.texts);
          passes++;
        } while (performance.now() - t0 < MIN_ROUND_MS);
        times[e.name]!.push((performance.now() - t0) / 1000 / passes);
      } catch (err) {
        row.errors[e.name] = errText(err);
      }
    }
  }
  for (const e of engines) {
    const ts = times[e.name];
    if (!ts?.length || row.errors[e.name]) continue;
    row.kbs[e.name] = kb / median(ts);
    row.spread[e.name] = [kb / Math.max(...ts), kb / Math.min(...ts)];
  }
  rows.push(row);
}

const pad = (s: string, n: number) => s.padStart(n);
if (THROUGHPUT) console.log("texts               |   n |     KB | readDoc KB/s | pipeline KB/s | compromise KB/s | pipeline / readDoc (target ≥ 0.33) | compromise / readDoc");
for (const r of rows) {
  const ratio = (r.kbs.pipeline ?? NaN) / (r.kbs.readDoc ?? NaN);
  const cratio = (r.kbs.compromise ?? NaN) / (r.kbs.readDoc ?? NaN);
  const verdict = Number.isFinite(ratio) ? (ratio >= 1 / 3 ? "meets" : "BELOW") : "";
  console.log(
    `${r.set.padEnd(20)}| ${pad(String(r.texts), 3)} | ${pad(r.kb.toFixed(1), 6)} | ${pad(fmt(r.kbs.readDoc), 12)} | ${pad(fmt(r.kbs.pipeline), 13)} | ${pad(fmt(r.kbs.compromise), 15)} | ${pad(fmt(ratio, 2), 6)} ${verdict.padEnd(27)} | ${pad(fmt(cratio, 2), 6)}`,
  );
}
for (const r of rows) {
  const spread = Object.entries(r.spread).map(([k, [lo, hi]]) => `${k} ${lo.toFixed(0)}–${hi.toFixed(0)}`);
  console.log(`  ${r.set}: slowest–fastest round KB/s: ${spread.join(", ")}; ${r.count.pipeline ?? "?"} statements, ${r.count.compromise ?? "?"} compromise entities`);
  for (const [k, v] of Object.entries(r.errors)) console.log(`  ${r.set}: ${k} failed: ${v}`);
}

// ---------------------------------------------------------------------------------------------------------------
// 2 + 3. Growth with size, memory
// ---------------------------------------------------------------------------------------------------------------
type Mem = { rssMB: number; heapUsedMB: number; heapTotalMB: number; peakRssMB: number };
type Grow = {
  targetKB: number;
  kb?: number;
  source?: string;
  ms?: number;
  statements?: number;
  cutOff?: { phase: string; afterMs: number; peakRssMB?: number; rssMB?: number };
  error?: string;
  segmentMs?: number;
  segmentError?: string;
  stages?: Record<string, number | string>;
  before?: Mem;
  afterRun?: Mem;
  retainedHeapUsedMB?: number;
};

/** Peak and current RSS of a live process from /proc (Linux); undefined elsewhere. */
function procMem(pid: number | undefined): { peakRssMB?: number; rssMB?: number } {
  try {
    const status = readFileSync(`/proc/${pid}/status`, "utf8");
    const kbOfField = (f: string) => Number(new RegExp(`^${f}:\\s+(\\d+) kB`, "m").exec(status)?.[1]) / 1024 || undefined;
    return { peakRssMB: kbOfField("VmHWM"), rssMB: kbOfField("VmRSS") };
  } catch {
    return {};
  }
}

function growOne(targetKB: number, capMs: number): Promise<Grow> {
  const out: Grow = { targetKB };
  return new Promise((resolve) => {
    const child = fork(new URL("./grow-child.ts", import.meta.url).pathname, [String(targetKB * 1024), String(STAGE_MAX_S * 1000)], {
      execArgv: [...process.execArgv, "--expose-gc"],
      stdio: ["ignore", "inherit", "inherit", "ipc"],
    });
    let phase = "load";
    let phaseStart = performance.now();
    let timer: NodeJS.Timeout | undefined;
    let done = false;
    const finish = () => {
      if (done) return;
      done = true;
      if (timer) clearTimeout(timer);
      resolve(out);
    };
    // Loading and building the text get their own (generous) limit; each measured phase gets capMs.
    const arm = (ms: number) => {
      if (timer) clearTimeout(timer);
      timer = setTimeout(() => {
        const afterMs = performance.now() - phaseStart;
        if (phase === "stages") out.stages = { error: `cut off after ${(afterMs / 1000).toFixed(1)} s` };
        else out.cutOff = { phase, afterMs, ...procMem(child.pid) };
        child.kill("SIGKILL");
        finish();
      }, ms);
    };
    arm(Math.max(capMs, 120_000));
    child.on("message", (raw) => {
      const m = raw as Record<string, unknown> & { phase: string };
      if (m.phase === "start") {
        phase = String(m.name);
        phaseStart = performance.now();
        arm(capMs);
      } else if (m.phase === "ready") {
        Object.assign(out, { kb: m.kb, source: m.source, before: m.before });
      } else if (m.phase === "segment") {
        out.segmentMs = m.ms as number | undefined;
        out.segmentError = m.error as string | undefined;
      } else if (m.phase === "pipeline") {
        Object.assign(out, { ms: m.ms, error: m.error, statements: m.statements, afterRun: m.afterRun, retainedHeapUsedMB: m.retainedHeapUsedMB });
      } else if (m.phase === "stages") {
        out.stages = m.stages as Record<string, number | string>;
      }
    });
    child.on("error", (e) => {
      out.error ??= errText(e);
      finish();
    });
    child.on("exit", (code, signal) => {
      if (!done && out.ms === undefined && !out.cutOff) out.error ??= `child exited (${signal ?? `code ${code}`}) before the run finished`;
      finish();
    });
  });
}

const grows: Grow[] = [];
if (GROW) {
  console.log(`\nbench/pipeline — 2. growth with size: runPipeline once per size in a fresh child after a warm-up; a size is cut off after ${CAP_S} s and growth stops there`);
  for (const targetKB of SIZES_KB) {
    const g = await growOne(targetKB, CAP_S * 1000);
    grows.push(g);
    const label = `${sizeLabel(targetKB).padEnd(7)} (${fmt(g.kb, 1).padStart(6)} KB)`;
    if (g.cutOff) {
      console.log(`  ${label} CUT OFF: ${g.cutOff.phase} still running after ${(g.cutOff.afterMs / 1000).toFixed(1)} s (cap ${CAP_S} s); child killed, peak RSS so far ${fmt(g.cutOff.peakRssMB)} MB`);
      break;
    }
    if (g.error || g.ms === undefined) {
      console.log(`  ${label} failed: ${g.error ?? "no result"}`);
      break;
    }
    const seg = g.segmentMs !== undefined ? `${g.segmentMs.toFixed(0)} ms` : `n/a (${g.segmentError})`;
    console.log(`  ${label} ${pad(g.ms.toFixed(0), 7)} ms  ${pad(((g.kb ?? 0) / (g.ms / 1000)).toFixed(0), 5)} KB/s  ${pad(String(g.statements), 5)} statements   segment() alone ${seg}   peak RSS ${fmt(g.afterRun?.peakRssMB)} MB`);
  }
  if (grows[0]?.source) console.log(`  (texts: ${grows[0].source}; headline lines of all but the first article dropped)`);

  const ok = grows.filter((g) => g.ms !== undefined && !g.cutOff && !g.error);
  // Exponent k in time ∝ size^k between consecutive completed sizes.
  for (let i = 1; i < ok.length; i++) {
    const [a, b] = [ok[i - 1]!, ok[i]!];
    const k = Math.log(b.ms! / a.ms!) / Math.log(b.kb! / a.kb!);
    console.log(`  ${sizeLabel(a.targetKB)} → ${sizeLabel(b.targetKB)}: time × ${(b.ms! / a.ms!).toFixed(1)} for size × ${(b.kb! / a.kb!).toFixed(1)}  (time ∝ size^${k.toFixed(2)})`);
  }

  const first = grows.find((g) => g.targetKB === SIZES_KB[0]);
  const last = grows.find((g) => g.targetKB === SIZES_KB[SIZES_KB.length - 1]);
  const firstName = sizeLabel(SIZES_KB[0]!);
  const lastName = sizeLabel(SIZES_KB[SIZES_KB.length - 1]!);
  if (first?.ms !== undefined && last?.ms !== undefined && !last.cutOff) {
    const ratio = last.ms / first.ms;
    console.log(`  time(${lastName}) / time(${firstName}) = ${ratio.toFixed(1)}×  (target ≤ 12×: ${ratio <= 12 ? "meets" : "MISSES"})`);
  } else if (first?.ms !== undefined) {
    // A size cut off after t s means every larger size takes more than t s too.
    const cut = grows.find((g) => g.cutOff);
    const lower = cut ? cut.cutOff!.afterMs / first.ms : undefined;
    const why = cut ? (cut.targetKB === SIZES_KB[SIZES_KB.length - 1] ? `${lastName} cut off` : `${sizeLabel(cut.targetKB)} cut off, ${lastName} not run`) : "";
    let estimate = "";
    if (ok.length >= 2) {
      const [a, b] = [ok[ok.length - 2]!, ok[ok.length - 1]!];
      const k = Math.log(b.ms! / a.ms!) / Math.log(b.kb! / a.kb!);
      const est = b.ms! * Math.pow(SIZES_KB[SIZES_KB.length - 1]! / b.kb!, k);
      estimate = `; extrapolating size^${k.toFixed(2)} from the last two sizes, ${lastName} would take ≈ ${(est / 1000).toFixed(est < 10_000 ? 1 : 0)} s ≈ ${(est / first.ms).toFixed(0)}× (an estimate)`;
    }
    console.log(`  time(${lastName}) / time(${firstName}) ${lower !== undefined ? `≥ ${lower.toFixed(1)}× (${why})  (target ≤ 12×: ${lower > 12 ? "MISSES" : "unknown"})` : "n/a (not reached)"}${estimate}`);
  } else console.log(`  time(${lastName}) / time(${firstName}): n/a`);

  // Per-stage times (separate runs of each stage on the same text; "rest" = whole run minus those, by difference).
  const withStages = grows.filter((g) => g.stages);
  if (withStages.length) {
    console.log("\n  time per stage (each stage run again on its own; rest = documentContext + buildClaim loop, by difference):");
    for (const g of withStages) {
      const s = g.stages!;
      const parts =
        typeof s.error === "string"
          ? `n/a (${s.error})`
          : ["segment", "attribute", "resolveSpeakers", "rest"]
              .map((k) => {
                const v = s[k];
                if (typeof v !== "number") return `${k} n/a`;
                return k === "rest" && v < 0 ? `rest ≈ 0 (the stages alone summed to ${(-v).toFixed(0)} ms more than the whole run)` : `${k} ${v.toFixed(0)} ms`;
              })
              .join(", ");
      console.log(`  ${sizeLabel(g.targetKB).padEnd(9)} ${parts}`);
    }
  }

  console.log(`\nbench/pipeline — 3. memory (each size in its own process; RSS includes the loaded modules, ${fmt(grows[0]?.before?.rssMB)} MB before the first run)`);
  for (const g of grows) {
    const label = sizeLabel(g.targetKB).padEnd(9);
    if (g.afterRun) {
      console.log(`  ${label} peak RSS ${pad(fmt(g.afterRun.peakRssMB), 5)} MB, heapUsed after the run ${pad(fmt(g.afterRun.heapUsedMB), 5)} MB (retained with the result after GC ${fmt(g.retainedHeapUsedMB)} MB; before ${fmt(g.before?.heapUsedMB)} MB)`);
    } else if (g.cutOff) console.log(`  ${label} cut off: peak RSS ${fmt(g.cutOff.peakRssMB)} MB, RSS ${fmt(g.cutOff.rssMB)} MB when killed (heapUsed unavailable: run unfinished)`);
  }
  const big = grows.find((g) => g.targetKB === 2048);
  if (big?.afterRun) console.log(`  after the 2 MB run: peak RSS ${fmt(big.afterRun.peakRssMB)} MB, heapUsed ${fmt(big.afterRun.heapUsedMB)} MB`);
  else if (big?.cutOff) console.log(`  2 MB run cut off after ${(big.cutOff.afterMs / 1000).toFixed(1)} s: peak RSS so far ${fmt(big.cutOff.peakRssMB)} MB; heapUsed n/a`);
  else if (SIZES_KB.includes(2048)) console.log("  2 MB run not reached");
}

console.log(`\nbench time ${((performance.now() - benchStart) / 1000).toFixed(0)} s`);
console.log(JSON.stringify({ bench: "pipeline", rounds: ROUNDS, warmup: WARMUP, capS: CAP_S, rows, grow: grows }));
