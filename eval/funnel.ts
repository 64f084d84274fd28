// The conflict funnel (a local diagnostic, not part of the eval's scores): ingests newsdev as the eval does, then for
// each gold contradiction judges every pair of statements on its two sides and prints the furthest gate its best pair
// reaches: FOUND, low confidence, the sameness gate, a numeric rule (with why), different events, same polarity, no
// shared blocking key, or a side with no statement of ours. Ends with the tally.
//   npx tsx eval/funnel.ts            # all storylines
//   npx tsx eval/funnel.ts ND-B3 -v   # one storyline, every pair with its frames and keys
// Like EVAL_DEBUG, -v prints article text to the terminal only; never redirect it into the project.
import { readFileSync } from "node:fs";
import path from "node:path";
import { evalApi } from "./api.js";
import { occurrences, overlaps, publisherName, sharedDir } from "./common.js";
import { compatibleCounts, differentEvents, figureDaysApart, MIN_CONFIDENCE, ordersApart, pairConflict, sameProposition, sharedBlock, sharedKeys, type ConflictStatement } from "../src/analysis/detect.js";
import { pairFeatures } from "../src/analysis/pair-scorer.js";

/** Which numeric gate a pair of figure statements fails. */
function numericWhy(a: ConflictStatement, b: ConflictStatement): string {
  const unitKey = sharedKeys(a, b).find((k) => k.startsWith("q:"));
  if (!unitKey) return "no shared q key";
  const f = pairFeatures(a, b);
  if (!(f.sharedEntities > 0 || f.contentJaccard >= 0.15)) return `no entity/content overlap (jac ${f.contentJaccard.toFixed(2)})`;
  const unit = unitKey.slice(2).split(/[:@]/)[0]!;
  if (figureDaysApart(a, b)) return "figure days apart";
  const out: string[] = [];
  for (const qa of a.frame.quantities.filter((q) => q.unit === unit)) for (const qb of b.frame.quantities.filter((q) => q.unit === unit)) {
    const why = qa.partial || qb.partial ? "partial" : qa.projected || qb.projected ? "projected" : (qa.scope ?? "") !== (qb.scope ?? "") ? `scope ${qa.scope}/${qb.scope}` : (qa.per ?? "") !== (qb.per ?? "") ? `per ${qa.per}/${qb.per}` : (qa.sort ?? "") !== (qb.sort ?? "") ? `sort ${qa.sort}/${qb.sort}` : compatibleCounts(qa, qb) ? "compatible" : ordersApart(qa, qb) ? "orders apart" : "other(update/once/same speaker)";
    out.push(`${qa.text}~${qb.text}:${why}`);
  }
  return out.join("; ");
}
const only = process.argv[2];
const verbose = process.argv.includes("-v");
const shared = sharedDir();
const gold = JSON.parse(readFileSync(path.join(shared, "gold/newsdev.gold.json"), "utf8"));
const dataDir = path.join(shared, "data/newsdev");
const api = await evalApi();
const fileOfSource = new Map<number, string>();
const texts = new Map<string, string>();
for (const c of gold.clusters) for (const s of c.sources) {
  const text = readFileSync(path.join(dataDir, s.file), "utf8");
  texts.set(s.file, text);
  fileOfSource.set(await api.ingest({ text, publisher: publisherName(s.publisher), publishedAt: s.publishedAt ?? undefined, url: s.url ?? undefined }), s.file);
}
const rows = await api.db.prisma.statement.findMany({ include: { speaker: { include: { affiliation: true } }, source: true } });
const cs = (r: (typeof rows)[number]): ConflictStatement => ({ id: r.id, sourceId: r.sourceId, speakerId: r.speakerId, speakerKey: r.speaker.key, speakerName: r.speaker.name, speakerKind: r.speaker.kind, affiliationKey: r.speaker.affiliation?.key, publishedAt: r.source.publishedAt, text: r.text, claim: r.claim, polarity: r.polarity, modality: r.modality, frame: r.frame as never, propKey: r.propKey, start: r.start, end: r.end, confidence: r.confidence });
const all = rows.map((r) => ({ s: cs(r), file: fileOfSource.get(r.sourceId)! }));
const tally = new Map<string, number>();
for (const c of gold.clusters) {
  const code = /^ND-[A-Z]\d+/.exec(c.id)![0];
  if (only && !only.startsWith("-") && code !== only) continue;
  const gst = new Map(c.statements.map((s: any) => [s.id, s]));
  const ours = (gid: string) => {
    const g: any = gst.get(gid);
    const spans = occurrences(texts.get(g.file)!, g.quote);
    return all.filter((o) => o.file === g.file && spans.some((sp) => overlaps(sp, [o.s.start, o.s.end]))).map((o) => o.s);
  };
  for (const k of c.contradictions) {
    const reasons = new Set<string>();
    let best = "";
    const sides: ConflictStatement[][] = k.sides.map((side: string[]) => side.flatMap(ours));
    if (sides.some((s) => !s.length)) best = "one side missing";
    else {
      for (const a of sides[0] ?? []) for (const b of sides[1] ?? []) {
        const sk = sharedKeys(a, b);
        let r: string;
        const p = sk.length ? pairConflict(a, b, sharedBlock(a, b)!) : undefined;
        if (!sk.length) r = "no shared key";
        else if (!p && a.polarity === b.polarity && k.kind !== "NUMERIC") r = `same polarity ${a.polarity}`;
        else {
          if (p) r = p.confidence >= MIN_CONFIDENCE ? `FOUND ${p.kind} ${p.confidence.toFixed(2)}` : `low conf ${p.confidence.toFixed(2)}`;
          else if (differentEvents(a, b)) r = "different events";
          else if (a.polarity !== b.polarity) { const [af, de] = a.polarity === "AFFIRM" ? [a, b] : [b, a]; r = sameProposition(af, de, pairFeatures(af, de)) ? "sameProp ok but rejected" : "sameProp fails"; }
          else r = "numeric rejected: " + numericWhy(a, b);
        }
        reasons.add(r);
        if (verbose) console.log(`   ${k.id} ${r}\n     A[${a.speakerName}|${a.polarity}|${a.modality}] ${a.text.slice(0, 140)}\n       preds=${a.frame.predicates?.join(",")} ents=${a.frame.entities?.join(",")} q=${a.frame.quantities.map((q) => `${q.text}/${q.unit}/${q.scope ?? ""}`).join(";")} keys=${a.propKey}\n     B[${b.speakerName}|${b.polarity}|${b.modality}] ${b.text.slice(0, 140)}\n       preds=${b.frame.predicates?.join(",")} ents=${b.frame.entities?.join(",")} q=${b.frame.quantities.map((q) => `${q.text}/${q.unit}/${q.scope ?? ""}`).join(";")} keys=${b.propKey}`);
      }
      const order = ["FOUND", "low conf", "sameProp ok", "numeric rejected", "sameProp fails", "different events", "same polarity", "no shared key"];
      best = order.map((o) => [...reasons].find((r) => r.startsWith(o))).find(Boolean) ?? [...reasons][0]!;
    }
    const bucket = best.replace(/ [\d.]+$/, "").replace(/^FOUND.*/, "FOUND");
    tally.set(bucket, (tally.get(bucket) ?? 0) + 1);
    console.log(`${code}:${k.id} ${k.kind} → ${best}   (${k.why?.slice(0, 90)})`);
  }
}
console.log([...tally].sort((a, b) => b[1] - a[1]).map(([k, v]) => `${k}: ${v}`).join("\n"));
await api.close();
