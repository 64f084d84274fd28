/**
 * scripts/dump-frames.ts — writes runPipeline's whole result (meta, speakers, statements with their claim frames,
 * events) for every seed and newsdev article, plus the synthetic bench articles and one long concatenated article, to
 * one JSON file OUTSIDE the repo (article text must not enter the project). Run it before and after a change that
 * must not alter the analysis, then compare the two files:
 *
 *   npx tsx scripts/dump-frames.ts /tmp/frames-before.json
 *   GAINSAY_LEXICONS=off npx tsx scripts/dump-frames.ts /tmp/frames-before-lexoff.json
 *   … change …
 *   npx tsx scripts/dump-frames.ts /tmp/frames-after.json && cmp /tmp/frames-before.json /tmp/frames-after.json
 *
 * Each article is run twice: with the metadata the eval gives (publisher, date, url from the gold files) and as bare
 * text. Reads ../shared (or GAINSAY_SHARED) at run time; refuses an output path inside the repo.
 */
import { existsSync, readFileSync, writeFileSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { runPipeline } from "../src/ingest/pipeline.js";
import type { PipelineInput } from "../src/ingest/types.js";
import { longArticle, syntheticTexts } from "../bench/pipeline/texts.js";

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");
const shared = process.env.GAINSAY_SHARED ?? path.resolve(root, "../shared");
const out = path.resolve(process.argv[2] ?? "/tmp/frames.json");
if (out.startsWith(root + path.sep)) {
  console.error(`dump-frames: ${out} is inside the repo; write it elsewhere (e.g. /tmp)`);
  process.exit(2);
}
const publisherName = (p: string | null | undefined) => p?.replace(/\s*\(.*\)\s*$/, "").trim() || undefined;

type Item = { id: string; input: PipelineInput };
const items: Item[] = [];
const seedsGold = path.join(shared, "gold/seeds.gold.json");
if (existsSync(seedsGold)) {
  const gold = JSON.parse(readFileSync(seedsGold, "utf8")) as { sources: Array<{ file: string; publisher: string; publishedAt: string | null }> };
  for (const s of gold.sources) {
    const text = readFileSync(path.join(shared, "seeds", s.file), "utf8");
    items.push({ id: `seeds/${s.file}`, input: { text, publisher: publisherName(s.publisher), publishedAt: s.publishedAt ?? undefined } });
    items.push({ id: `seeds/${s.file} bare`, input: { text } });
  }
} else console.log(`(seeds skipped: ${seedsGold} not found)`);
const ndGold = path.join(shared, "gold/newsdev.gold.json");
if (existsSync(ndGold)) {
  const gold = JSON.parse(readFileSync(ndGold, "utf8")) as { clusters: Array<{ sources: Array<{ file: string; publisher: string; publishedAt: string | null; url: string | null }> }> };
  for (const c of gold.clusters) for (const s of c.sources) {
    const text = readFileSync(path.join(shared, "data/newsdev", s.file), "utf8");
    items.push({ id: `newsdev/${s.file}`, input: { text, publisher: publisherName(s.publisher), publishedAt: s.publishedAt ?? undefined, url: s.url ?? undefined } });
    items.push({ id: `newsdev/${s.file} bare`, input: { text } });
  }
} else console.log(`(newsdev skipped: ${ndGold} not found)`);
syntheticTexts(Number(process.env.DUMP_SYNTHETIC ?? 60)).forEach((text, i) => items.push({ id: `synthetic/${i}`, input: { text } }));
const longKB = Number(process.env.DUMP_LONG_KB ?? 300);
if (longKB > 0) items.push({ id: `long/${longKB}KB`, input: { text: longArticle(longKB * 1024).text } });

const t0 = performance.now();
const dump: Record<string, unknown> = {};
let statements = 0;
for (const it of items) {
  const r = runPipeline(it.input);
  statements += r.statements.length;
  dump[it.id] = r;
}
writeFileSync(out, `${JSON.stringify(dump, null, 1)}\n`);
console.log(`dump-frames: ${items.length} runs, ${statements} statements, ${((performance.now() - t0) / 1000).toFixed(1)} s → ${out}`);
