// Seeds: extraction and detection scored against ../shared/gold/seeds.gold.json, in memory (PGlite), through the API.
import { existsSync, readFileSync } from "node:fs";
import path from "node:path";
import { evalApi } from "./api.js";
import { occurrences, overlaps, pct, publisherName, type Span } from "./common.js";

type GoldStatement = { id: string; file: string; speaker: string; quote: string; altQuotes?: string[]; relevance: string; altSpeakers?: string[]; coSpeakers?: string[] };
type GoldSpeaker = { id: string; name: string; aliases: string[] };
type SeedsGold = {
  sources: Array<{ file: string; publisher: string; publishedAt: string | null }>;
  speakers: GoldSpeaker[];
  statements: GoldStatement[];
  contradictions: Array<{ id: string; sides: string[][]; confidence: string; kind: string }>;
  non_contradictions: Array<{ id: string; statements: string[] }>;
};
const norm = (s: string) => s.toLowerCase().replace(/[’]/g, "'").replace(/\s+/g, " ").trim();

export type SeedsReport = Awaited<ReturnType<typeof scoreSeeds>>;
export type SeedsOutcome = SeedsReport | { skipped: string };

/** `metadata`: ingest with publisher and date (as a crawler knows them); otherwise the bare text. */
export async function evalSeeds(shared: string, opts: { metadata: boolean; debug: boolean }): Promise<SeedsOutcome> {
  const goldPath = path.join(shared, "gold/seeds.gold.json");
  if (!existsSync(goldPath)) return { skipped: `${goldPath} not found` };
  const gold = JSON.parse(readFileSync(goldPath, "utf8")) as SeedsGold;
  const missing = gold.sources.map((s) => path.join(shared, "seeds", s.file)).filter((f) => !existsSync(f));
  if (missing.length) return { skipped: `${missing.length} seed article(s) not found, e.g. ${missing[0]}` };
  return scoreSeeds(shared, gold, opts);
}

async function scoreSeeds(shared: string, gold: SeedsGold, opts: { metadata: boolean; debug: boolean }) {
  const speakerById = new Map(gold.speakers.map((s) => [s.id, s]));
  const api = await evalApi();
  try {
    const db = api.db;
    const sourceIdByFile = new Map<string, number>();
    const texts = new Map<string, string>();
    const failures: string[] = [];
    const t0 = performance.now();
    for (const s of gold.sources) {
      const text = readFileSync(path.join(shared, "seeds", s.file), "utf8");
      texts.set(s.file, text);
      // Ingest as a client of the API would: the text with the metadata a crawler knows (publisher, date), never the
      // extraction; in the bare-text mode only the text, as `npm run ingest` does without metadata.
      const meta = opts.metadata ? { publisher: publisherName(s.publisher), publishedAt: s.publishedAt ?? undefined } : {};
      try {
        sourceIdByFile.set(s.file, await api.ingest({ text, ...meta }));
      } catch (e) {
        failures.push(`${s.file}: ${(e as Error).message}`);
      }
    }
    const ingestMs = performance.now() - t0;

    const statements = await db.prisma.statement.findMany({ include: { speaker: true } });
    const spans = (g: GoldStatement): Span[] => {
      const text = texts.get(g.file)!;
      return [g.quote, ...(g.altQuotes ?? [])].flatMap((q) => occurrences(text, q));
    };
    const speakerMatches = (g: GoldStatement, names: string[]) => {
      const ids = [g.speaker, ...(g.altSpeakers ?? []), ...(g.coSpeakers ?? [])];
      const goldNames = new Set(ids.flatMap((id) => { const sp = speakerById.get(id); return sp ? [sp.name, ...sp.aliases].map(norm) : []; }));
      return names.some((n) => goldNames.has(norm(n)));
    };

    // Extraction: precision over statements that sit on a gold span; recall over core gold statements.
    const fileOf = new Map([...sourceIdByFile.entries()].map(([f, id]) => [id, f]));
    let onGold = 0;
    let rightSpeaker = 0;
    const matchedGold = new Map<string, number[]>(); // gold id → our statement ids (right speaker)
    for (const st of statements) {
      const file = fileOf.get(st.sourceId)!;
      const candidates = gold.statements.filter((g) => g.file === file && spans(g).some((sp) => overlaps(sp, [st.start, st.end])));
      if (!candidates.length) continue;
      onGold++;
      const names = [st.speaker.name, ...st.speaker.aliases];
      const hits = candidates.filter((g) => speakerMatches(g, names));
      if (hits.length) rightSpeaker++;
      for (const g of hits) matchedGold.set(g.id, [...(matchedGold.get(g.id) ?? []), st.id]);
    }
    const core = gold.statements.filter((g) => g.relevance === "core");
    const coreFound = core.filter((g) => matchedGold.has(g.id)).length;
    if (opts.debug) {
      // Local debugging only (prints article text to the terminal; never written to the repo).
      for (const g of core.filter((x) => !matchedGold.has(x.id))) {
        const onSpan = statements.filter((st) => fileOf.get(st.sourceId) === g.file && spans(g).some((sp) => overlaps(sp, [st.start, st.end])));
        console.log(`MISS ${g.id} ${g.file.slice(0, 3)} [${g.speaker}] ${g.quote.slice(0, 110)}${onSpan.length ? `  ← we said: ${onSpan.map((x) => x.speaker.name).join(", ")}` : ""}`);
      }
      for (const st of statements) {
        const file = fileOf.get(st.sourceId)!;
        const cands = gold.statements.filter((g) => g.file === file && spans(g).some((sp) => overlaps(sp, [st.start, st.end])));
        if (cands.length && !cands.some((g) => speakerMatches(g, [st.speaker.name, ...st.speaker.aliases]))) console.log(`WRONG ${file.slice(0, 3)} ours=[${st.speaker.name}] gold=[${cands.map((c) => c.speaker).join(",")}] ${st.text.slice(0, 90)}`);
        if (!cands.length) console.log(`EXTRA ${file.slice(0, 3)} [${st.speaker.name}] ${st.text.slice(0, 100)}`);
      }
    }

    // Wrong merges: one of our speakers holding statements of two different gold speakers (by matched spans).
    const goldSpeakersOf = new Map<number, Set<string>>();
    for (const [gid, ids] of matchedGold) {
      const g = gold.statements.find((x) => x.id === gid)!;
      for (const id of ids) {
        const sp = statements.find((s) => s.id === id)!.speakerId;
        if (!goldSpeakersOf.has(sp)) goldSpeakersOf.set(sp, new Set());
        goldSpeakersOf.get(sp)!.add(g.speaker);
      }
    }
    const related = (a: string, b: string) =>
      gold.statements.some((g) => (g.speaker === a && [...(g.altSpeakers ?? []), ...(g.coSpeakers ?? [])].includes(b)) || (g.speaker === b && [...(g.altSpeakers ?? []), ...(g.coSpeakers ?? [])].includes(a)));
    const wrongMerges = [...goldSpeakersOf.entries()].filter(([, set]) => [...set].some((a) => [...set].some((b) => a !== b && !related(a, b))));

    // Contradictions: every pair across our sides, mapped to gold statements.
    const contradictions = await db.prisma.contradiction.findMany({ include: { sides: { include: { statements: { select: { id: true } } } } } });
    const goldIdsOf = (sid: number) => [...matchedGold.entries()].filter(([, ids]) => ids.includes(sid)).map(([g]) => g);
    const ourPairs = new Set<string>();
    let pairsTotal = 0;
    for (const c of contradictions) {
      for (let i = 0; i < c.sides.length; i++) for (let j = i + 1; j < c.sides.length; j++) {
        for (const a of c.sides[i]!.statements) for (const b of c.sides[j]!.statements) {
          pairsTotal++;
          for (const ga of goldIdsOf(a.id)) for (const gb of goldIdsOf(b.id)) ourPairs.add([ga, gb].sort().join("~"));
        }
      }
    }
    const goldPairs = (c: SeedsGold["contradictions"][number]) => c.sides[0]!.flatMap((a) => c.sides[1]!.map((b) => [a, b].sort().join("~")));
    const high = gold.contradictions.filter((c) => c.confidence === "high");
    const found = high.filter((c) => goldPairs(c).some((p) => ourPairs.has(p)));
    const allGoldPairs = new Set(gold.contradictions.flatMap(goldPairs));
    const lowPairs = new Set(gold.contradictions.filter((c) => c.confidence === "low").flatMap(goldPairs));
    const goldRelevantOurPairs = [...ourPairs].filter((p) => !lowPairs.has(p));
    const correctPairs = goldRelevantOurPairs.filter((p) => allGoldPairs.has(p)).length;
    const violated = gold.non_contradictions.filter((n) => n.statements.some((a) => n.statements.some((b) => a < b && ourPairs.has([a, b].sort().join("~")))));
    const kirby = contradictions.find((c) => {
      const sideGold = c.sides.map((s) => new Set(s.statements.flatMap((x) => goldIdsOf(x.id)).map((g) => gold.statements.find((y) => y.id === g)!.speaker)));
      return sideGold.some((s) => s.has("kirby")) && sideGold.some((s) => s.has("patel")) && sideGold.some((s) => s.has("awadi")) && !sideGold.some((s) => s.has("kirby") && (s.has("patel") || s.has("awadi")));
    });

    if (opts.debug) {
      // Local debugging only: each system contradiction, its sides and what its cross pairs are in gold.
      const hn = new Map<string, string>();
      for (const n of gold.non_contradictions) for (const a of n.statements) for (const b of n.statements) if (a < b) hn.set(`${a}~${b}`, n.id);
      const gc = new Map<string, string>();
      for (const c of gold.contradictions) for (const p of goldPairs(c)) gc.set(p, c.id);
      const byId = new Map(statements.map((s) => [s.id, s]));
      for (const c of contradictions) {
        const v = new Set<string>();
        for (let i = 0; i < c.sides.length; i++) for (let j = i + 1; j < c.sides.length; j++)
          for (const a of c.sides[i]!.statements) for (const b of c.sides[j]!.statements)
            for (const ga of goldIdsOf(a.id)) for (const gb of goldIdsOf(b.id)) { const k = [ga, gb].sort().join("~"); v.add(gc.get(k) ?? (hn.has(k) ? `HNEG:${hn.get(k)}` : "wrong")); }
        console.log(`SYS   #${c.id} ${c.kind} ${c.rule} conf=${c.confidence} block=${c.blockKey} → ${[...v].join(",") || "unmapped"}`);
        for (const side of c.sides) for (const x of side.statements) {
          const st = byId.get(x.id)!;
          console.log(`        [${side.position}] ${fileOf.get(st.sourceId)!.slice(0, 3)} ${goldIdsOf(st.id).join("+") || "-"} [${st.speaker.name}] ${st.text.replace(/\s+/g, " ").slice(0, 100)}`);
        }
      }
    }
    const revisionLinks = await db.prisma.statementLink.count({ where: { kind: "REVISION" } });
    return {
      ingestMs: Math.round(ingestMs),
      failures,
      extraction: {
        statements: statements.length,
        onGoldSpans: onGold,
        attributionPrecision: onGold ? rightSpeaker / onGold : 0,
        coreRecall: coreFound / core.length,
        coreFound,
        coreTotal: core.length,
        wrongMerges: wrongMerges.map(([id, set]) => ({ speakerId: id, gold: [...set] })),
      },
      contradictions: {
        detected: contradictions.length,
        highRecall: found.length / high.length,
        highFoundCount: found.length,
        highTotal: high.length,
        highFound: found.map((c) => c.id),
        highMissed: high.filter((c) => !found.includes(c)).map((c) => c.id),
        pairPrecision: goldRelevantOurPairs.length ? correctPairs / goldRelevantOurPairs.length : 0,
        goldMappedPairs: goldRelevantOurPairs.length,
        pairsAcrossSides: pairsTotal,
        hardNegativesTotal: gold.non_contradictions.length,
        hardNegativesViolated: violated.map((n) => n.id),
        kirbyPatelAwadiOneTwoSided: !!kirby,
        revisionLinks,
      },
    };
  } finally {
    await api.close();
  }
}

export function printSeeds(r: SeedsOutcome) {
  if ("skipped" in r) return console.log(`seeds: skipped — ${r.skipped}`);
  const { extraction: x, contradictions: c } = r;
  console.log("seeds — extraction");
  if (r.failures.length) console.log(`  ${r.failures.length} ingest(s) FAILED: ${r.failures.join("; ")}`);
  console.log(`  statements extracted ${x.statements}, on gold spans ${x.onGoldSpans}`);
  console.log(`  attribution precision ${pct(x.attributionPrecision)} (target ≥ 90%)`);
  console.log(`  core recall ${x.coreFound}/${x.coreTotal} = ${pct(x.coreRecall)} (target ≥ 85%)`);
  console.log(`  wrong speaker merges ${x.wrongMerges.length} (target 0)`);
  console.log("seeds — contradictions");
  console.log(`  detected ${c.detected}; high-confidence recall ${c.highFoundCount}/${c.highTotal} = ${pct(c.highRecall)} (target ≥ 90%); missed ${c.highMissed.join(", ") || "none"}`);
  console.log(`  pair precision ${pct(c.pairPrecision)} over ${c.goldMappedPairs} gold-mapped pairs`);
  console.log(`  hard negatives violated ${c.hardNegativesViolated.length}/${c.hardNegativesTotal} ${c.hardNegativesViolated.join(", ")} (target 0)`);
  console.log(`  Kirby / Patel / al-Awadi as one two-sided contradiction: ${c.kirbyPatelAwadiOneTwoSided ? "yes" : "no"}`);
  console.log(`  revision links (a count that rose, linked instead of flagged): ${c.revisionLinks}`);
  console.log(`  ingest ${(r.ingestMs / 1000).toFixed(1)} s`);
}
