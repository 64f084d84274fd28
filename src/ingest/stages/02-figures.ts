import { describeSpeaker } from "./03-speakers.js";
import type { Attribution, Segmented } from "../types.js";

// Figures credited inside a noun phrase: a report giving its own count and, in the same sentence, another party's
// ("far below the ministry's official figure of 316,000", "a fraction of the 318,000 claimed by the government",
// "short of the estimates of between 200,000 and 300,000 made by most aid groups"). Each such phrase is that party's
// statement of its figure, not the sentence speaker's: a sieve of its own, over sentences, linear in the text.

const BOUND = "(?:(?:about|around|roughly|some|nearly|almost|more than|over|fewer than|less than|at least|up to|as many as|between) )?";
const FIGURE = "(?:\\d[\\d,]*(?:\\.\\d+)?(?: (?:million|billion|thousand))?|a (?:quarter|half|third) (?:of a )?(?:million|billion)|half a (?:million|billion))";
const NUM = `${BOUND}${FIGURE}(?: (?:and|to) ${FIGURE})?`;
const FIGURE_NOUN = "(?:(?:own|official|latest|initial|earlier|revised|new|previous|provisional|final) )*(?:figures?|estimates?|counts?|tally|tallies|toll|death toll|numbers?|total)";
/** A holder: a possessive noun phrase of up to five words, starting with a determiner or a capital. */
const HOLDER_POSS = "((?:(?:the|a|an|its|their) )?(?:[A-Za-z][\\w.&-]* ){0,4}[A-Za-z][\\w.&-]*)['’]s";
const BY_HOLDER = "((?:(?:the|a|an|most|some|many|several|other|local|independent) )*(?:[A-Za-z][\\w.&-]* ){0,4}[A-Za-z][\\w.&-]*)";
const GIVEN = "(?:claimed|given|cited|reported|announced|put forward|released|published|provided|issued|offered|made|quoted)";

const PATTERNS: RegExp[] = [
  // "the ministry's official figure of 316,000"
  // (With what the figure counts when a participle says so: "the mayor's count of 900 bodies buried".)
  new RegExp(`\\b${HOLDER_POSS} ${FIGURE_NOUN} (?:of|at) (${NUM})(?: [a-z]+ [a-z]+ed\\b)?`, "g"),
  // "the 318,000 claimed by the government"
  new RegExp(`\\bthe (${NUM})(?: [a-z]+)? ${GIVEN} by ${BY_HOLDER}`, "g"),
  // "the estimates of between 200,000 and 300,000 made by most aid groups"
  new RegExp(`\\b${FIGURE_NOUN} (?:of|at) (${NUM})(?: [a-z]+)? ${GIVEN} by ${BY_HOLDER}`, "g"),
];
/** What each pattern's match always holds, as a quick test before the pattern's scan: the figure noun after the
 * possessive (the first), the participle and "by" (the others). */
const NEEDS: RegExp[] = [new RegExp(`['’]s ${FIGURE_NOUN} (?:of|at) `), new RegExp(` ${GIVEN} by `), new RegExp(` ${GIVEN} by `)];
/** Words that end a holder phrase's left side: it starts after them ("far below the ministry's" → the ministry). */
const LEFT_EDGE = /^(?:.*\b(?:below|above|than|of|with|to|from|against|beside|under|over|short|unlike|by|and|but|or|as|while|whereas|on|in|at|for))\s+/i;

export function figureHolders(doc: Segmented): Attribution[] {
  const out: Attribution[] = [];
  for (const s of doc.sentences) {
    if (s.kind !== "PARAGRAPH") continue;
    const text = doc.text.slice(s.start, s.end);
    if (!/\d|million|billion/.test(text)) continue;
    for (const [k, re] of PATTERNS.entries()) {
      // (Only where the words the pattern cannot match without occur: its scan from every word is the costly part.)
      if (!NEEDS[k]!.test(text)) continue;
      for (const m of text.matchAll(re)) {
        let start = m.index;
        let who = k === 0 ? m[1]! : m[m.length - 1]!;
        if (k === 0) {
          // The possessive's phrase starts after the last preposition or conjunction in it.
          const edge = LEFT_EDGE.exec(who);
          if (edge) {
            start += edge[0].length;
            who = who.slice(edge[0].length);
          }
        }
        // A holder is someone: not a pronoun alone, not a bare number, not a time ("last year's figure").
        if (!/[A-Za-z]{3,}/.test(who) || /^(?:it|its|they|their|this|that|last|next|this year|last year|today|yesterday)$/i.test(who) || /\b(?:year|month|week|day|today|yesterday)$/i.test(who)) continue;
        // The possessive's holder starts the (trimmed) match; a "by" holder ends it.
        const whoAt = s.start + (k === 0 ? start : m.index + m[0].lastIndexOf(who));
        const speaker = describeSpeaker(who, whoAt, doc);
        if (!speaker.name || speaker.anaphoric) continue;
        const end = s.start + m.index + m[0].length - (/[.,;:]$/.exec(m[0])?.[0].length ?? 0);
        // What the holder asserts is the figure itself ("the 318,000"), not the words that credit it.
        const content = k === 0 ? undefined : { start: s.start + m.index, end: s.start + m.index + m[0].indexOf(m[1]!) + m[1]!.length };
        out.push({ start: s.start + start, end, cue: "figure", direct: false, speaker, sieve: "figure-holder", ...(content ? { content } : {}) });
      }
    }
  }
  return out;
}

/** A statement's own clause without the figures it credits to others inside it (blanked, so offsets hold). */
export function withoutHolders(text: string, from: number, to: number, holders: Attribution[]): string {
  let clause = text.slice(from, to);
  for (const h of holders) {
    if (h.start < from || h.end > to) continue;
    clause = clause.slice(0, h.start - from) + " ".repeat(h.end - h.start) + clause.slice(h.end - from);
  }
  return clause;
}
