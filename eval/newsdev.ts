// newsdev: 58 real articles in 12 storylines (../shared/data/newsdev), all ingested into ONE in-memory database through
// the API, scored against ../shared/gold/newsdev.gold.json. Statement ids in the gold are local to a cluster, so they
// are prefixed with the cluster's code here ("ND-A1:s4"); hard negatives have no ids and are numbered ("ND-A1:n1").
//
// Measures (spans overlap when they share at least half of the shorter one; a gold quote is found at every place it
// occurs in its file):
// - attribution precision: of our statements on a gold span, the share whose speaker (name or alias) equals the gold
//   speaker (name or alias), normalised; recall: gold statements with such a statement, over all of them;
// - conflict recall: gold contradictions with a system contradiction that puts statements on its two sides on
//   different sides (by span; "strict" also needs the speakers to match); pair precision: of the statement pairs
//   across a system contradiction's sides whose both statements sit on gold spans, the share that a gold
//   contradiction pairs; hard negatives: non-contradictions whose statements are paired that way.
import { existsSync, readFileSync } from "node:fs";
import path from "node:path";
import { evalApi } from "./api.js";
import { occurrences, overlaps, pct, publisherName, ratio, type Span } from "./common.js";

type NdSource = { file: string; title: string; publisher: string; publishedAt: string | null; url: string | null };
type NdStatement = {
  id: string;
  file: string;
  quote: string;
  speaker: string;
  speakerAliases: string[];
  speakerKind: string;
  affiliation: string | null;
  direct: boolean;
  polarity: string;
  claim: string;
};
type NdCluster = {
  id: string;
  domain: string;
  event: string;
  sources: NdSource[];
  statements: NdStatement[];
  contradictions: Array<{ id: string; kind: string; sides: string[][]; why: string }>;
  non_contradictions: Array<{ statements: string[]; why: string }>;
};
type NdGold = { clusters: NdCluster[] };

/** Speaker names compared: lower case, curly apostrophes straight, spaces collapsed, a leading "the " dropped. */
export const normName = (s: string) =>
  s.toLowerCase().replace(/[\u2018\u2019\u02bc]/g, "'").replace(/\s+/g, " ").trim().replace(/^the /, "");

type Gold = NdStatement & { gid: string; cluster: string; names: Set<string>; spans: Span[] };

export type NewsdevReport = Awaited<ReturnType<typeof scoreNewsdev>>;
export type NewsdevOutcome = NewsdevReport | { skipped: string };

export async function evalNewsdev(shared: string, opts: { metadata: boolean; debug: boolean }): Promise<NewsdevOutcome> {
  const goldPath = path.join(shared, "gold/newsdev.gold.json");
  const dataDir = path.join(shared, "data/newsdev");
  if (!existsSync(goldPath)) return { skipped: `${goldPath} not found` };
  if (!existsSync(dataDir)) return { skipped: `${dataDir} not found` };
  const gold = JSON.parse(readFileSync(goldPath, "utf8")) as NdGold;
  const missing = gold.clusters.flatMap((c) => c.sources.map((s) => path.join(dataDir, s.file))).filter((f) => !existsSync(f));
  if (missing.length) return { skipped: `${missing.length} newsdev article(s) not found, e.g. ${missing[0]}` };
  return scoreNewsdev(dataDir, gold, opts);
}

async function scoreNewsdev(dataDir: string, gold: NdGold, opts: { metadata: boolean; debug: boolean }) {
  // Cluster codes ("ND-A1") when they are unique, else the full ids.
  const codes = gold.clusters.map((c) => /^ND-[A-Z]\d+/.exec(c.id)?.[0] ?? c.id);
  const codeOf = new Map(gold.clusters.map((c, i) => [c.id, new Set(codes).size === codes.length ? codes[i]! : c.id]));
  const texts = new Map<string, string>();
  const clusterOfFile = new Map<string, string>();
  for (const c of gold.clusters) for (const s of c.sources) {
    texts.set(s.file, readFileSync(path.join(dataDir, s.file), "utf8"));
    clusterOfFile.set(s.file, c.id);
  }
  const fileLabel = (file: string) => `${codeOf.get(clusterOfFile.get(file) ?? "") ?? "?"}/${path.basename(file)}`;

  // Gold statements with their spans; quotes the file does not contain are reported (they count as misses).
  const golds: Gold[] = [];
  const quotesNotFound: string[] = [];
  for (const c of gold.clusters) for (const s of c.statements) {
    const gid = `${codeOf.get(c.id)}:${s.id}`;
    const text = texts.get(s.file);
    const spans = text === undefined ? [] : occurrences(text, s.quote);
    if (!spans.length) quotesNotFound.push(gid);
    golds.push({ ...s, gid, cluster: c.id, names: new Set([s.speaker, ...s.speakerAliases].map(normName)), spans });
  }
  const goldById = new Map(golds.map((g) => [g.gid, g]));
  const goldsInFile = new Map<string, Gold[]>();
  for (const g of golds) goldsInFile.set(g.file, [...(goldsInFile.get(g.file) ?? []), g]);
  const pairKey = (a: string, b: string) => (a < b ? `${a}~${b}` : `${b}~${a}`);
  const goldPairs = new Set<string>();
  const contradictionPairs = new Map<string, string[]>(); // gold contradiction id → its pair keys
  for (const c of gold.clusters) for (const k of c.contradictions) {
    const keys: string[] = [];
    for (let i = 0; i < k.sides.length; i++) for (let j = i + 1; j < k.sides.length; j++)
      for (const a of k.sides[i]!) for (const b of k.sides[j]!) if (a !== b) keys.push(pairKey(`${codeOf.get(c.id)}:${a}`, `${codeOf.get(c.id)}:${b}`));
    contradictionPairs.set(`${codeOf.get(c.id)}:${k.id}`, keys);
    for (const key of keys) goldPairs.add(key);
  }
  const hardNegatives = gold.clusters.flatMap((c) =>
    c.non_contradictions.map((n, i) => ({ id: `${codeOf.get(c.id)}:n${i + 1}`, cluster: c.id, statements: n.statements.map((s) => `${codeOf.get(c.id)}:${s}`) })),
  );

  const api = await evalApi();
  try {
    const fileOfSource = new Map<number, string>();
    const failures: string[] = [];
    const t0 = performance.now();
    // EVAL_ORDER=reverse ingests the articles last to first: the figures must not depend on the order.
    const order = gold.clusters.flatMap((c) => c.sources);
    if (process.env.EVAL_ORDER === "reverse") order.reverse();
    for (const s of order) {
      // The metadata a crawler knows (publisher, date, address); never the extraction. Bare text: only the text.
      const meta = opts.metadata ? { publisher: publisherName(s.publisher), publishedAt: s.publishedAt ?? undefined, url: s.url ?? undefined } : {};
      try {
        fileOfSource.set(await api.ingest({ text: texts.get(s.file)!, ...meta }), s.file);
      } catch (e) {
        failures.push(`${fileLabel(s.file)}: ${(e as Error).message}`);
      }
    }
    const ingestMs = performance.now() - t0;

    const rows = await api.db.prisma.statement.findMany({ include: { speaker: { include: { affiliation: true } } }, orderBy: [{ sourceId: "asc" }, { start: "asc" }] });
    const ours = rows.flatMap((st) => {
      const file = fileOfSource.get(st.sourceId);
      if (file === undefined) return [];
      const names = [st.speaker.name, ...st.speaker.aliases];
      const aff = st.speaker.affiliation;
      const onSpan = (goldsInFile.get(file) ?? []).filter((g) => g.spans.some((sp) => overlaps(sp, [st.start, st.end])));
      const normNames = new Set(names.map(normName));
      const matched = onSpan.filter((g) => [...g.names].some((n) => normNames.has(n)));
      return [{
        id: st.id, file, text: st.text, speaker: st.speaker.name, normNames,
        affiliationNames: aff ? [aff.name, ...aff.aliases].map(normName) : [],
        onSpan, matched,
      }];
    });
    const ourById = new Map(ours.map((o) => [o.id, o]));

    // Attribution.
    const onGold = ours.filter((o) => o.onSpan.length);
    const right = onGold.filter((o) => o.matched.length);
    const wrong = onGold.filter((o) => !o.matched.length);
    const wrongViaOurAffiliation = wrong.filter((o) => o.onSpan.some((g) => o.affiliationNames.some((n) => g.names.has(n))));
    const wrongOursIsGoldAffiliation = wrong.filter((o) => o.onSpan.some((g) => g.affiliation && o.normNames.has(normName(g.affiliation))));
    const covered = new Set(ours.flatMap((o) => o.matched.map((g) => g.gid)));

    // Contradictions: the statement pairs across each system contradiction's sides, mapped to gold by span (loose) and
    // by span with the speaker matched (strict).
    const contradictions = await api.db.prisma.contradiction.findMany({ include: { sides: { orderBy: { position: "asc" }, include: { statements: { select: { id: true } } } } } });
    const loosePairs = new Set<string>();
    const strictPairs = new Set<string>();
    const seen = new Set<string>();
    let mappedPairs = 0;
    let correctPairs = 0;
    let withUnmapped = 0;
    let crossCluster = 0;
    const clustersOfContradiction = new Map<number, Set<string>>();
    for (const c of contradictions) {
      const all = c.sides.flatMap((s) => s.statements.map((x) => ourById.get(x.id)));
      if (all.some((o) => !o || !o.onSpan.length)) withUnmapped++;
      const cl = new Set(all.flatMap((o) => (o ? [clusterOfFile.get(o.file)!] : [])));
      clustersOfContradiction.set(c.id, cl);
      if (cl.size > 1) crossCluster++;
      for (let i = 0; i < c.sides.length; i++) for (let j = i + 1; j < c.sides.length; j++) {
        for (const xa of c.sides[i]!.statements) for (const xb of c.sides[j]!.statements) {
          const a = ourById.get(xa.id);
          const b = ourById.get(xb.id);
          if (!a || !b || a.id === b.id) continue;
          for (const ga of a.onSpan) for (const gb of b.onSpan) if (ga.gid !== gb.gid) loosePairs.add(pairKey(ga.gid, gb.gid));
          for (const ga of a.matched) for (const gb of b.matched) if (ga.gid !== gb.gid) strictPairs.add(pairKey(ga.gid, gb.gid));
          const key = a.id < b.id ? `${a.id}~${b.id}` : `${b.id}~${a.id}`;
          if (seen.has(key) || !a.onSpan.length || !b.onSpan.length) continue;
          seen.add(key);
          mappedPairs++;
          if (a.onSpan.some((ga) => b.onSpan.some((gb) => goldPairs.has(pairKey(ga.gid, gb.gid))))) correctPairs++;
          else if (opts.debug) console.log(`WPAIR #${c.id} ${c.kind} ${a.onSpan.map((g) => g.gid).join("+")} ~ ${b.onSpan.map((g) => g.gid).join("+")}`);
        }
      }
    }
    const goldContradictions = [...contradictionPairs.keys()];
    const found = goldContradictions.filter((id) => contradictionPairs.get(id)!.some((k) => loosePairs.has(k)));
    const foundStrict = goldContradictions.filter((id) => contradictionPairs.get(id)!.some((k) => strictPairs.has(k)));
    const violated = hardNegatives.filter((n) => n.statements.some((a, i) => n.statements.some((b, j) => i < j && a !== b && loosePairs.has(pairKey(a, b)))));

    // Per cluster.
    const clusters = gold.clusters.map((c) => {
      const code = codeOf.get(c.id)!;
      const g = golds.filter((x) => x.cluster === c.id);
      const o = ours.filter((x) => clusterOfFile.get(x.file) === c.id);
      const on = o.filter((x) => x.onSpan.length);
      const ids = goldContradictions.filter((id) => id.startsWith(`${code}:`));
      return {
        id: c.id,
        code,
        domain: c.domain,
        goldStatements: g.length,
        found: g.filter((x) => covered.has(x.gid)).length,
        statements: o.length,
        onGoldSpans: on.length,
        precision: ratio(on.filter((x) => x.matched.length).length, on.length),
        recall: ratio(g.filter((x) => covered.has(x.gid)).length, g.length),
        contradictions: ids.length,
        contradictionsFound: ids.filter((id) => found.includes(id)).length,
        contradictionsFoundStrict: ids.filter((id) => foundStrict.includes(id)).length,
        contradictionsMissed: ids.filter((id) => !found.includes(id)),
        hardNegatives: hardNegatives.filter((n) => n.cluster === c.id).length,
        hardNegativesViolated: violated.filter((n) => n.cluster === c.id).map((n) => n.id),
        systemContradictions: [...clustersOfContradiction.values()].filter((s) => s.has(c.id)).length,
      };
    });

    if (opts.debug) {
      // Local debugging only: prints article text to the terminal, never to a file.
      const snip = (s: string) => s.replace(/\s+/g, " ").slice(0, 100);
      for (const c of gold.clusters) {
        for (const g of golds.filter((x) => x.cluster === c.id && !covered.has(x.gid))) {
          const there = ours.filter((o) => o.onSpan.includes(g));
          console.log(`MISS  ${g.gid} ${fileLabel(g.file)} gold=[${g.speaker}] ${snip(g.quote)}${there.length ? `  ← ours=[${there.map((o) => o.speaker).join(", ")}]` : g.spans.length ? "" : "  (quote not in file)"}`);
        }
        for (const o of ours.filter((x) => clusterOfFile.get(x.file) === c.id)) {
          if (o.onSpan.length && !o.matched.length) console.log(`WRONG ${fileLabel(o.file)} ours=[${o.speaker}] gold=[${[...new Set(o.onSpan.map((g) => g.speaker))].join(" | ")}] ${snip(o.text)}`);
          if (!o.onSpan.length) console.log(`EXTRA ${fileLabel(o.file)} ours=[${o.speaker}] ${snip(o.text)}`);
        }
      }
      for (const id of goldContradictions.filter((x) => !found.includes(x))) console.log(`CMISS ${id}`);
      // Each system contradiction with its sides and what its cross-side pairs are in gold.
      const hnPairs = new Map<string, string>();
      for (const n of hardNegatives) for (const a of n.statements) for (const b of n.statements) if (a < b) hnPairs.set(pairKey(a, b), n.id);
      const goldOfPair = new Map<string, string>();
      for (const [id, keys] of contradictionPairs) for (const k of keys) goldOfPair.set(k, id);
      for (const c of contradictions) {
        const verdicts = new Set<string>();
        for (let i = 0; i < c.sides.length; i++) for (let j = i + 1; j < c.sides.length; j++)
          for (const xa of c.sides[i]!.statements) for (const xb of c.sides[j]!.statements) {
            const a = ourById.get(xa.id); const b = ourById.get(xb.id);
            if (!a || !b) continue;
            for (const ga of a.onSpan) for (const gb of b.onSpan) {
              const k = pairKey(ga.gid, gb.gid);
              verdicts.add(goldOfPair.get(k) ?? (hnPairs.has(k) ? `HNEG:${hnPairs.get(k)}` : "wrong"));
            }
            if (!a.onSpan.length || !b.onSpan.length) verdicts.add("unmapped");
          }
        console.log(`SYS   #${c.id} ${c.kind} ${c.rule} conf=${c.confidence} block=${c.blockKey} → ${[...verdicts].join(",")}`);
        for (const side of c.sides) for (const x of side.statements) {
          const o = ourById.get(x.id);
          console.log(`        [${side.position}] ${o ? `${fileLabel(o.file)} ${o.onSpan.map((g) => g.gid).join("+") || "-"} [${o.speaker}] ${snip(o.text)}` : x.id}`);
        }
      }
      for (const n of violated) console.log(`HNEG  ${n.id} [${n.statements.join(", ")}] ${n.statements.map((s) => goldById.get(s)?.speaker ?? "?").join(" / ")}`);
    }

    // checkClaim on each gold contradiction: each of its first two sides' claims (the gold's own paraphrase of its
    // first statement), asked of the storyline's sources. Two opposing claims should not both be SUPPORTED, nor both
    // CONTRADICTED (DISCUSSED, a dispute, may hold for both); "separated": one SUPPORTED and the other CONTRADICTED.
    const sourceIdsOf = new Map<string, number[]>();
    for (const [id, file] of fileOfSource) sourceIdsOf.set(clusterOfFile.get(file)!, [...(sourceIdsOf.get(clusterOfFile.get(file)!) ?? []), id]);
    const claimChecks: Array<{ id: string; verdicts: [string, string] }> = [];
    for (const c of gold.clusters) for (const k of c.contradictions) {
      const ids = sourceIdsOf.get(c.id) ?? [];
      const claimOf = (side: string[]) => c.statements.find((x) => x.id === side[0])?.claim;
      const [ca, cb] = [claimOf(k.sides[0] ?? []), claimOf(k.sides[1] ?? [])];
      if (!ca || !cb || !ids.length) continue;
      const [va, vb] = [await api.checkClaim(ca, ids), await api.checkClaim(cb, ids)];
      claimChecks.push({ id: `${codeOf.get(c.id)}:${k.id}`, verdicts: [va.verdict, vb.verdict] });
      if (opts.debug) console.log(`CHECK ${codeOf.get(c.id)}:${k.id} ${va.verdict} / ${vb.verdict}`);
    }
    const verdictCounts: Record<string, number> = {};
    for (const x of claimChecks) for (const v of x.verdicts) verdictCounts[v] = (verdictCounts[v] ?? 0) + 1;

    return {
      claimCheck: {
        pairs: claimChecks.length,
        sameVerdict: claimChecks.filter((x) => x.verdicts[0] === x.verdicts[1] && (x.verdicts[0] === "SUPPORTED" || x.verdicts[0] === "CONTRADICTED")).map((x) => x.id),
        separated: claimChecks.filter((x) => x.verdicts.includes("SUPPORTED") && x.verdicts.includes("CONTRADICTED")).length,
        verdicts: verdictCounts,
      },
      ingestMs: Math.round(ingestMs),
      articles: texts.size,
      ingested: fileOfSource.size,
      clustersTotal: gold.clusters.length,
      failures,
      quotesNotFound,
      attribution: {
        statements: ours.length,
        onGoldSpans: onGold.length,
        rightSpeaker: right.length,
        precision: ratio(right.length, onGold.length),
        wrongSpeaker: wrong.length,
        wrongMatchingViaOurAffiliation: wrongViaOurAffiliation.length,
        wrongNamingGoldAffiliation: wrongOursIsGoldAffiliation.length,
        goldStatements: golds.length,
        found: covered.size,
        recall: ratio(covered.size, golds.length),
        extra: ours.length - onGold.length,
      },
      conflicts: {
        goldContradictions: goldContradictions.length,
        found,
        missed: goldContradictions.filter((id) => !found.includes(id)),
        recall: ratio(found.length, goldContradictions.length),
        foundStrict,
        recallStrict: ratio(foundStrict.length, goldContradictions.length),
        mappedPairs,
        correctPairs,
        pairPrecision: ratio(correctPairs, mappedPairs),
        hardNegativesTotal: hardNegatives.length,
        hardNegativesViolated: violated.map((n) => n.id),
        system: contradictions.length,
        systemWithUnmappedStatement: withUnmapped,
        systemAcrossClusters: crossCluster,
      },
      clusters,
    };
  } finally {
    await api.close();
  }
}

export function printNewsdev(r: NewsdevOutcome) {
  if ("skipped" in r) return console.log(`newsdev: skipped — ${r.skipped}`);
  const { attribution: a, conflicts: c } = r;
  console.log(`newsdev — attribution (${r.ingested}/${r.articles} articles in ${r.clustersTotal} clusters, one database; ingest ${(r.ingestMs / 1000).toFixed(1)} s)`);
  if (r.failures.length) console.log(`  ${r.failures.length} ingest(s) FAILED: ${r.failures.join("; ")}`);
  if (r.quotesNotFound.length) console.log(`  gold quotes not found in their file (counted as misses): ${r.quotesNotFound.join(", ")}`);
  console.log(`  statements extracted ${a.statements}, on gold spans ${a.onGoldSpans}, elsewhere ${a.extra}`);
  console.log(`  attribution precision ${a.rightSpeaker}/${a.onGoldSpans} = ${pct(a.precision)} (target ≥ 85%)`);
  console.log(`    of the ${a.wrongSpeaker} with the wrong speaker: ${a.wrongMatchingViaOurAffiliation} would match through our speaker's affiliation, ${a.wrongNamingGoldAffiliation} name the gold speaker's affiliation (diagnostic; not counted)`);
  console.log(`  attribution recall ${a.found}/${a.goldStatements} = ${pct(a.recall)} (target ≥ 75%)`);
  console.log("newsdev — contradictions");
  console.log(`  system contradictions ${c.system}: ${c.systemWithUnmappedStatement} hold a statement on no gold span, ${c.systemAcrossClusters} join different storylines`);
  console.log(`  conflict recall ${c.found.length}/${c.goldContradictions} = ${pct(c.recall)} (target ≥ 60%); with speakers matched ${c.foundStrict.length}/${c.goldContradictions} = ${pct(c.recallStrict)}`);
  console.log(`  pair precision ${c.correctPairs}/${c.mappedPairs} = ${pct(c.pairPrecision)} over statement pairs on gold spans (target ≥ 70%)`);
  console.log(`  hard negatives violated ${c.hardNegativesViolated.length}/${c.hardNegativesTotal} ${c.hardNegativesViolated.join(", ")} (target 0)`);
  const k = r.claimCheck;
  console.log(`newsdev — checkClaim on both sides of each gold contradiction (${k.pairs} pairs; the gold's paraphrases)`);
  console.log(`  verdicts: ${Object.entries(k.verdicts).map(([v, n]) => `${v} ${n}`).join(", ")}`);
  console.log(`  separated (one SUPPORTED, the other CONTRADICTED) ${k.separated}/${k.pairs}; the same SUPPORTED or CONTRADICTED on both sides ${k.sameVerdict.length}/${k.pairs}${k.sameVerdict.length ? ` (${k.sameVerdict.join(", ")})` : ""}`);
  const head = ["cluster", "domain", "found/gold", "P", "R", "conflicts", "strict", "hard neg", "system", "missed"];
  const body = r.clusters.map((k) => [
    k.code, k.domain, `${k.found}/${k.goldStatements}`, k.onGoldSpans ? pct(k.precision) : "—", pct(k.recall),
    `${k.contradictionsFound}/${k.contradictions}`, `${k.contradictionsFoundStrict}/${k.contradictions}`,
    `${k.hardNegativesViolated.length}/${k.hardNegatives}`, String(k.systemContradictions), k.contradictionsMissed.map((id) => id.split(":")[1]).join(",") || "—",
  ]);
  console.log("  per cluster (found = gold statements with a matching statement; P over our statements on its gold spans; system = system contradictions touching it):");
  for (const line of table(head, body)) console.log(`    ${line}`);
}

/** Left-aligned text columns, two spaces apart. */
export function table(head: string[], body: string[][]): string[] {
  const widths = head.map((h, i) => Math.max([...h].length, ...body.map((r) => [...(r[i] ?? "")].length)));
  const line = (r: string[]) => r.map((c, i) => c + " ".repeat(widths[i]! - [...c].length)).join("  ").trimEnd();
  return [line(head), line(widths.map((w) => "-".repeat(w))), ...body.map(line)];
}
