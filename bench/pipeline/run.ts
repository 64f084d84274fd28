/**
 * bench/pipeline — throughput of the extraction pipeline (no database) against the tokenizer alone (wink-nlp's
 * readDoc with wink-eng-lite-web-model), in one run on the same texts. Prints KB/s and the ratio; asserts nothing.
 *
 *   npm run bench:pipeline                # the seed articles from ../shared/seeds (skips when absent) + synthetic ones
 *   ROUNDS=20 npm run bench:pipeline
 */
import { existsSync, readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import winkNLP from "wink-nlp";
import model from "wink-eng-lite-web-model";
import { runPipeline } from "../../src/ingest/pipeline.js";
import { article } from "../scale/corpus.js";

const root = path.resolve(path.dirname(new URL(import.meta.url).pathname), "../..");
const seedsDir = path.join(process.env.GAINSAY_SHARED ?? path.resolve(root, "../shared"), "seeds");
const ROUNDS = Number(process.env.ROUNDS ?? 10);

const sets: Array<{ name: string; texts: string[] }> = [];
if (existsSync(seedsDir)) sets.push({ name: "seed articles", texts: readdirSync(seedsDir).sort().map((f) => readFileSync(path.join(seedsDir, f), "utf8")) });
else console.log(`(seed articles skipped: ${seedsDir} not found)`);
sets.push({ name: "synthetic articles", texts: Array.from({ length: 200 }, (_, i) => article(i).text) });

const nlp = winkNLP(model);
const kb = (texts: string[]) => texts.reduce((s, t) => s + Buffer.byteLength(t, "utf8"), 0) / 1024;

function time(fn: () => void): number {
  fn(); // warm-up round
  const t0 = performance.now();
  for (let r = 0; r < ROUNDS; r++) fn();
  return (performance.now() - t0) / 1000;
}

console.log(`bench/pipeline: ${ROUNDS} rounds after one warm-up; KB/s over the same texts\n`);
console.log("texts               |     KB | tokenizer KB/s | pipeline KB/s | pipeline / tokenizer");
const out = [];
for (const set of sets) {
  const size = kb(set.texts);
  let statements = 0;
  const tok = time(() => {
    for (const t of set.texts) nlp.readDoc(t);
  });
  const pipe = time(() => {
    statements = 0;
    for (const t of set.texts) statements += runPipeline({ text: t }).statements.length;
  });
  const tokRate = (size * ROUNDS) / tok;
  const pipeRate = (size * ROUNDS) / pipe;
  out.push({ set: set.name, kb: size, tokenizerKBs: tokRate, pipelineKBs: pipeRate, ratio: pipeRate / tokRate, statements });
  console.log(`${set.name.padEnd(20)}| ${size.toFixed(1).padStart(6)} | ${tokRate.toFixed(0).padStart(14)} | ${pipeRate.toFixed(0).padStart(13)} | ${(pipeRate / tokRate).toFixed(2).padStart(6)}  (${statements} statements; target ≥ 0.33)`);
}
console.log(`\n${JSON.stringify({ bench: "pipeline", rounds: ROUNDS, rows: out })}`);
