import { createHash } from "node:crypto";
import { segment } from "./stages/01-segment.js";
import { attribute } from "./stages/02-attribute.js";
import { figureHolders, withoutHolders } from "./stages/02-figures.js";
import { lowerBound } from "./sorted.js";
import { resolveSpeakers } from "./stages/03-speakers.js";
import { buildClaim, type ClaimContext, claimClause, documentTopic, forgetDocument, prepareTimes, reportDateOf } from "./stages/04-claims.js";
import type { ExtractedEvent, ExtractedStatement, PipelineInput, PipelineResult } from "./types.js";

/** A short stable key for a text: scopes its unnamed speakers and its unanchored propositions. */
export const sourceKeyOf = (text: string) => createHash("sha256").update(text).digest("hex").slice(0, 10);

/**
 * Kept for callers that scope a key to its source: open frames key on entities and predicates that any article can
 * share (an unanchored claim inherits its document's topic instead), so keys are no longer scoped to a source.
 */
export function anchoredKey(propKey: string, _sourceKey: string): string {
  return propKey;
}

/** The words that set one figure against another at the end of a clause: ", far below", "well short of", "a fraction of". */
const COMPARING_WORD = /[\s,;–—-]+(?:far|well|just|much|way|only|and|but|or|even|still|compared|set|against|with|to|below|above|under|over|short|of|less|more|lower|higher|than|a|fraction|half|third|quarter|double|twice|triple|the|beyond|behind|exceeding|exceeds|exceed|dwarfing|dwarfs)$/i;
function trimComparing(text: string): string {
  let t = ` ${text}`.replace(/[\s,;–—-]+$/, "");
  for (let m = COMPARING_WORD.exec(t); m; m = COMPARING_WORD.exec(t)) t = t.slice(0, m.index).replace(/[\s,;–—-]+$/, "");
  return t.slice(1).replace(/[\s,;–—-]+$/, "");
}

/** Runs the extraction stages in order. Pure: no database, no environment. */
export function runPipeline(input: PipelineInput): PipelineResult {
  forgetDocument();
  try {
    return runStages(input);
  } finally {
    forgetDocument();
  }
}

function runStages(input: PipelineInput): PipelineResult {
  const doc = segment(input.text, { title: input.title, publishedAt: input.publishedAt, language: input.language });
  if (doc.meta.language !== "en") return { meta: doc.meta, speakers: [], statements: [], events: [] };
  const sourceKey = sourceKeyOf(input.text);
  const holders = figureHolders(doc).sort((x, y) => x.start - y.start);
  const attributions = [...attribute(doc), ...holders].sort((x, y) => x.start - y.start || x.end - y.end);
  // The figure phrases inside a span (binary search over the holders in text order).
  const holdersIn = (from: number, to: number) => {
    const out = [];
    for (let i = lowerBound(holders, from, (h) => h.start); i < holders.length && holders[i]!.start < to; i++) out.push(holders[i]!);
    return out;
  };
  const { resolved, speakers } = resolveSpeakers(attributions, doc, { sourceKey, ...(input.publisher ? { publisher: input.publisher } : {}), ...(input.url ? { url: input.url } : {}) });
  const topic = documentTopic(doc.text, doc.sentences);
  const reportDate = reportDateOf(doc.text, doc.sentences, doc.meta.publishedAt);
  const affiliationOf = new Map(speakers.map((sp) => [sp.key, sp.affiliationKey]));
  const namesOf = new Map(speakers.map((sp) => [sp.key, [sp.name, ...sp.aliases]]));
  const statements: ExtractedStatement[] = [];
  const events = new Map<string, ExtractedEvent>();
  const seen = new Set<string>();
  // The words of the sentence before a statement (its frame), found by binary search over the sentences in order.
  const leadOf = (at: number, into: { lead?: string; before?: string }): void => {
    const i = lowerBound(doc.sentences, at + 1, (x) => x.start) - 1;
    const s = doc.sentences[i];
    const prev = doc.sentences[i - 1];
    if (s && s.start <= at && at - s.start <= 300) into.lead = doc.text.slice(s.start, at);
    if (prev && prev.end - prev.start <= 600) into.before = doc.text.slice(prev.start, prev.end);
  };
  // First the spans to read (trimmed, deduplicated) with their clauses; then their times in one pass; then the claims.
  const pending: Array<{ r: (typeof resolved)[number]; a: (typeof resolved)[number]["attribution"]; text: string; clause: string | undefined }> = [];
  for (const r of resolved) {
    let a = r.attribution;
    // A span that ends on someone else's figure ("…, far below the ministry's figure of 316,000") ends before it, and
    // before the words that compare the two ("far below", "a fraction of").
    const tail = a.sieve === "figure-holder" ? undefined : holdersIn(a.start, a.end).find((h) => /^(?:\s*[a-z]+){0,2}[\s.,;]*$/.test(doc.text.slice(h.end, a.end)) && h.speaker.name !== a.speaker.name);
    if (tail) {
      const kept = trimComparing(doc.text.slice(a.start, tail.start));
      if (kept.length >= 20 && (a.clauseStart ?? a.start) < a.start + kept.length) a = { ...a, end: a.start + kept.length };
    }
    const dedupe = `${a.start}:${a.end}:${r.speakerKey}`;
    if (seen.has(dedupe)) continue;
    seen.add(dedupe);
    const text = doc.text.slice(a.start, a.end);
    const [from, to] = a.content ? [a.content.start, a.content.end] : [a.clauseStart ?? a.start, a.end];
    // Figures the span credits to someone else ("far below the ministry's figure of 316,000") are theirs, not its.
    const inside = a.sieve === "figure-holder" ? [] : holdersIn(from, to);
    const clause = inside.length ? withoutHolders(doc.text, from, to, inside) : a.content || a.clauseStart !== undefined ? doc.text.slice(from, to) : undefined;
    pending.push({ r, a, text, clause });
  }
  prepareTimes(pending.map((p) => claimClause(p.text, p.clause || undefined)), doc.meta.publishedAt ?? reportDate?.date);
  for (const { r, a, text, clause } of pending) {
    // (The context filled field by field: no temporary object per optional field.)
    const ctx: ClaimContext = {
      cue: a.cue, direct: a.direct, speakerKey: r.speakerKey, speakerAffiliation: affiliationOf.get(r.speakerKey),
      speakerNames: namesOf.get(r.speakerKey) ?? [a.speaker.name], publishedAt: doc.meta.publishedAt, topic, at: a.start,
    };
    leadOf(a.start, ctx);
    if (reportDate) ctx.reportDate = reportDate;
    if (a.sieve) ctx.sieve = a.sieve;
    if (clause) ctx.clause = clause;
    const c = buildClaim(text, ctx);
    // An event: one predicate about one entity in one period ("layoff at acme, 2031"), for browsing.
    const pred = c.frame.predicates?.[0];
    const ent = c.frame.entities?.[0];
    let eventKey: string | undefined;
    if (pred && ent && c.frame.eventType !== "OTHER") {
      eventKey = [pred, ent, c.period].join("|");
      if (!events.has(eventKey)) {
        events.set(eventKey, {
          key: eventKey,
          type: c.frame.eventType,
          description: `${pred}: ${ent}${c.period !== "?" ? ` (${c.period})` : ""}`,
          ...(c.frame.time?.date ? { date: c.frame.time.date } : {}),
          ...(c.frame.place ? { place: c.frame.place } : {}),
        });
      }
    }
    // (The statement: the attribution's fields, then its own, in that order; set one by one rather than from
    // conditional spreads.)
    const st = Object.assign({}, a) as ExtractedStatement;
    st.text = text;
    st.speakerKey = r.speakerKey;
    if (r.speakerRole) st.speakerRole = r.speakerRole;
    st.claim = c.claim;
    st.polarity = c.polarity;
    st.modality = a.cue === "headline" ? "REPORTED" : c.modality;
    st.frame = c.frame;
    st.propKey = c.propKey;
    if (eventKey) st.eventKey = eventKey;
    st.confidence = (a.direct ? 0.9 : 0.75) * (a.speaker.anaphoric ? 0.9 : 1);
    statements.push(st);
  }
  return { meta: doc.meta, speakers, statements, events: [...events.values()] };
}
