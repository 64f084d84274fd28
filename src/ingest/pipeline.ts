import { createHash } from "node:crypto";
import { findPlace, PLACES } from "./lexicon/places.js";
import { segment } from "./stages/01-segment.js";
import { attribute } from "./stages/02-attribute.js";
import { resolveSpeakers } from "./stages/03-speakers.js";
import { buildClaim, eventTypeOf, notifiedPartyOf } from "./stages/04-claims.js";
import type { ExtractedEvent, ExtractedStatement, PipelineInput, PipelineResult } from "./types.js";

const mostCommon = (counts: Map<string, number>) => [...counts.entries()].sort((x, y) => y[1] - x[1])[0]?.[0];

/**
 * What the document as a whole says, in one pass over its sentences: the place most of its strike sentences name (the
 * default site for statements that name none) and the party its notification sentences most often say was (or was
 * not) given notice.
 */
export function documentContext(text: string, sentences: Array<{ start: number; end: number }>): { place?: string; notified?: string } {
  const places = new Map<string, number>();
  const notified = new Map<string, number>();
  for (const s of sentences) {
    const t = text.slice(s.start, s.end);
    const type = eventTypeOf(t);
    if (type === "STRIKE" || type === "RESPONSIBILITY") {
      const p = findPlace(t);
      if (p?.specific) places.set(p.key, (places.get(p.key) ?? 0) + 1);
    } else if (type === "NOTIFICATION") {
      const p = notifiedPartyOf(t.replace(/[“”"]/g, ""), undefined);
      if (p) notified.set(p, (notified.get(p) ?? 0) + 1);
    }
  }
  return { place: mostCommon(places), notified: mostCommon(notified) };
}

/** The base and the airport named most recently in the few sentences before `at`. */
export function recentSites(text: string, sentences: Array<{ start: number; end: number }>, at: number): { base?: string; airport?: string } {
  const out: { base?: string; airport?: string } = {};
  let lo = 0;
  let hi = sentences.length; // first sentence starting at or after `at` (sentences are in text order)
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (sentences[mid]!.start < at) lo = mid + 1;
    else hi = mid;
  }
  const before = sentences.slice(Math.max(0, lo - 6), lo).reverse();
  for (const s of before) {
    const t = text.slice(s.start, Math.min(s.end, at));
    for (const p of PLACES) if (p.category && !out[p.category] && p.pattern.test(t)) out[p.category] = p.key;
  }
  return out;
}

/** A short stable key for a text: scopes its unnamed speakers and its unanchored propositions. */
export const sourceKeyOf = (text: string) => createHash("sha256").update(text).digest("hex").slice(0, 10);

/**
 * A proposition with neither agent nor place ("the strike killed ten people") cannot be matched to another article's
 * with any confidence — "the strike" there is most likely another strike — so it is compared within its own source
 * only. Without this, such statements pile into one block per month and the work per ingest grows with the corpus.
 */
export function anchoredKey(propKey: string, sourceKey: string): string {
  const parts = propKey.split("|");
  if (parts.length !== 5 || parts[1] !== "-" || parts[2] !== "-") return propKey;
  parts[2] = `@${sourceKey}`;
  return parts.join("|");
}

/** Runs the extraction stages in order. Pure: no database, no environment. */
export function runPipeline(input: PipelineInput): PipelineResult {
  const doc = segment(input.text, { title: input.title, publishedAt: input.publishedAt, language: input.language });
  if (doc.meta.language !== "en") return { meta: doc.meta, speakers: [], statements: [], events: [] };
  const sourceKey = sourceKeyOf(input.text);
  const attributions = attribute(doc);
  const { resolved, speakers } = resolveSpeakers(attributions, doc, { sourceKey, ...(input.publisher ? { publisher: input.publisher } : {}), ...(input.url ? { url: input.url } : {}) });
  const { place: docPlace, notified: docNotified } = documentContext(doc.text, doc.sentences);
  const affiliationOf = new Map(speakers.map((sp) => [sp.key, sp.affiliationKey]));
  const statements: ExtractedStatement[] = [];
  const events = new Map<string, ExtractedEvent>();
  const seen = new Set<string>();
  for (const r of resolved) {
    const a = r.attribution;
    const dedupe = `${a.start}:${a.end}:${r.speakerKey}`;
    if (seen.has(dedupe)) continue;
    seen.add(dedupe);
    const text = doc.text.slice(a.start, a.end);
    const clause = a.clauseStart !== undefined ? doc.text.slice(a.clauseStart, a.end) : undefined;
    // Looked up only by a clause that says "the airbase" / "the airport".
    const sitesBefore = () => recentSites(doc.text, doc.sentences, a.start);
    const c = buildClaim(text, { cue: a.cue, direct: a.direct, speakerKey: r.speakerKey, speakerAffiliation: affiliationOf.get(r.speakerKey), publishedAt: doc.meta.publishedAt, docPlace, docNotified, sitesBefore, ...(clause ? { clause } : {}) });
    const type = c.frame.eventType;
    let eventKey: string | undefined;
    if (type !== "OTHER" && c.frame.place) {
      eventKey = [type === "RESPONSIBILITY" ? "STRIKE" : type, c.frame.place, c.period].join("|");
      if (!events.has(eventKey)) {
        events.set(eventKey, {
          key: eventKey,
          type: type === "RESPONSIBILITY" ? "STRIKE" : type,
          description: `${(type === "RESPONSIBILITY" ? "STRIKE" : type).toLowerCase()} at ${c.frame.place}${c.period !== "?" ? ` (${c.period})` : ""}`,
          ...(c.frame.time?.date ? { date: c.frame.time.date } : {}),
          place: c.frame.place,
        });
      }
    }
    statements.push({
      ...a,
      text,
      speakerKey: r.speakerKey,
      ...(r.speakerRole ? { speakerRole: r.speakerRole } : {}),
      claim: c.claim,
      polarity: c.polarity,
      modality: a.cue === "headline" ? "REPORTED" : c.modality,
      frame: c.frame,
      propKey: anchoredKey(c.propKey, sourceKey),
      ...(eventKey ? { eventKey } : {}),
      confidence: (a.direct ? 0.9 : 0.75) * (a.speaker.anaphoric ? 0.9 : 1),
    });
  }
  return { meta: doc.meta, speakers, statements, events: [...events.values()] };
}
