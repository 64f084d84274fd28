import { eventTypeOf } from "../lexicon/events.js";
import { REPORTING_VERBS } from "../lexicon/cues.js";
import type { Attribution, Segmented, Sentence, Span, SpeakerMention } from "../types.js";
import { describeSpeaker } from "./03-speakers.js";
import { splitSentences } from "./01-segment.js";

const VERB_ALT = Object.keys(REPORTING_VERBS).sort((a, b) => b.length - a.length).map((v) => v.replace(/ /g, "\\s+")).join("|");
const QUOTE_VERBS = "said|says|stated|wrote|posted|added|told|tweeted|warned|insisted|explained|noted|declared|announced";
// "…,” he said ·  "…,” a spokesman for X, Col. Y, posted to Twitter · "…” CENTCOM wrote on X
const AFTER_QUOTE = new RegExp(`^[\\s,]*(?<spk>[^.“”"!?]{1,160}?)\\s+(?:also\\s+)?(?<cue>${QUOTE_VERBS})\\b`, "u");
// "…,” said Abu Aqeel al-Moussawi, a local commander.
const AFTER_QUOTE_INVERTED = new RegExp(`^[\\s,]*(?<cue>said|says|wrote|added)\\s+(?<spk>[^.,;“”"]{2,120})`, "u");
// X said: “…” · He added, “…” · he said, noting that “…”
const BEFORE_QUOTE = new RegExp(`(?<spk>[^.“”":;]{1,160}?)\\s+(?:also\\s+)?(?<cue>${QUOTE_VERBS}|stated having seen|noting(?:\\s+that)?|saying(?:\\s+that)?|acknowledging)\\s*[:,]?\\s*$`, "u");
// "… in response to what it called Ruritania’s “…”": the pronoun's referent characterises, in its own words.
const WHAT_CALLED = /\bwhat\s+(?<spk>it|he|she|they)\s+(?<cue>called|described\s+as|termed)\s+(?:(?<owner>(?:the\s+)?[A-Z][\w’'.-]*?(?:’s|'s)?)\s+)?$/u;
// "X summoned the envoy to protest against the “…”": the sentence's subject protests in those words.
const PROTEST_BEFORE = /^(?<spk>[A-Z][^,]{1,80}?)\s+(?:on\s+\w+\s+)?(?:summoned|issued|released|lodged|sent|filed)\b.*?\b(?<cue>to\s+protest(?:\s+against)?|protesting(?:\s+against)?|condemning|denouncing)\s+(?:the\s+|what\s+it\s+called\s+(?:the\s+)?)?$/u;
// X said (that) … · X told Y that … · X denied … · X were among the news agencies to report that …
const REPORTED = new RegExp(
  `^(?<lead>(?:[Bb]ut|[Hh]owever|[Aa]nd|[Mm]eanwhile|[Ss]till|[Yy]et|[Dd]espite this|[Ii]nstead)[, ]+)?(?<spk>.{2,170}?)\\s+(?:also\\s+|later\\s+|then\\s+|both\\s+|have\\s+both\\s+|has\\s+also\\s+|have\\s+also\\s+|had\\s+|has\\s+|have\\s+|on\\s+\\w+\\s+|were\\s+among\\s+the\\s+[\\w\\s]+?\\s+to\\s+)*(?<cue>${VERB_ALT})\\b(?<tail>.*)$`,
  "su",
);
// …, the official said. · …, said police and the group's spokesperson.
const TRAILING = new RegExp(`^(?<clause>.{8,}?)[,]?\\s+(?<spk>[^,“”"]{2,90}?)\\s+(?<cue>said|says|reported|told\\s+[A-Z][\\w.]*(?:\\s+[A-Z][\\w.]*)*|confirmed|added|stated)(?:\\s+on\\s+\\w+|\\s+\\w+day)?(?:,\\s+(?:without|adding|citing|noting)\\b[^,]*)?\\s*[.]?\\s*$`, "su");
const TRAILING_INVERTED = new RegExp(`^(?<clause>.{8,}?),\\s+(?<cue>said|says|according\\s+to)\\s+(?<spk>[^,“”"]{2,120}?)\\s*[.]?\\s*$`, "su");
const ACCORDING_LEAD = /^according\s+to\s+(?<spk>[^,]{2,100}),\s+(?<clause>.+)$/isu;
const PASSIVE_DENIAL = /,\s+an?\s+(?:assertion|claim|account|report)\s+(?<cue>denied|disputed|rejected)\s+by\s+(?<spk>[^.,]{2,140})/iu;

type Quote = { open: number; close: number; innerStart: number; innerEnd: number };

/** Quotation spans in [from, to): curly pairs, and straight pairs in order. */
export function findQuotes(text: string, from: number, to: number): Quote[] {
  const out: Quote[] = [];
  for (const re of [/“([^”]*)”/g, /"([^"]*)"/g]) {
    re.lastIndex = 0;
    const slice = text.slice(from, to);
    let m: RegExpExecArray | null;
    while ((m = re.exec(slice))) {
      const open = from + m.index;
      const close = open + m[0].length;
      let innerStart = open + 1;
      let innerEnd = close - 1;
      while (innerStart < innerEnd && /\s/.test(text[innerStart]!)) innerStart++;
      while (innerEnd > innerStart && /[\s,]/.test(text[innerEnd - 1]!)) innerEnd--;
      if (innerEnd > innerStart) out.push({ open, close, innerStart, innerEnd });
    }
  }
  return out.sort((a, b) => a.open - b.open);
}

const words = (s: string) => s.trim().split(/\s+/).filter(Boolean).length;

// Periods of titles, initials and abbreviations ("Col.", "B.", "U.S.") are masked with a same-length stand-in while
// the quote-frame patterns run, so that "Col. Aldo Pruitt" reads as one speaker phrase, not a sentence end.
const MASK = "\u2024";
const ABBREVIATION = /\b(?:Col|Lt|Maj|Gen|Brig|Sgt|Capt|Cmdr|Adm|Dr|Mr|Mrs|Ms|Prof|Sen|Rep|Gov|Jr|Sr|St|Jan|Feb|Mar|Apr|Aug|Sept|Sep|Oct|Nov|Dec|[A-Z])\./g;
const maskAbbreviations = (t: string) => t.replace(ABBREVIATION, (m) => m.slice(0, -1) + MASK);

function mention(doc: Segmented, rawSurface: string, start: number): SpeakerMention | undefined {
  const surface = rawSurface.replaceAll(MASK, ".");
  const trimmed = surface.replace(/^[\s,]+|[\s,]+$/g, "");
  if (!trimmed || words(trimmed) > 18) return undefined;
  const offset = start + surface.indexOf(trimmed);
  return describeSpeaker(trimmed, offset, doc);
}

/** Stage 2: finds direct quotes and reported speech, with their speaker mention, cue and verbatim span. */
export function attribute(doc: Segmented): Attribution[] {
  const { text } = doc;
  const out: Attribution[] = [];
  const covered: Array<[number, number]> = [];
  const paragraphs = doc.segments.filter((s) => s.kind === "PARAGRAPH" || s.kind === "CAPTION");

  // A. Direct quotes of four or more words.
  for (const p of paragraphs) {
    const quotes = findQuotes(text, p.start, p.end).filter((q) => words(text.slice(q.innerStart, q.innerEnd)) >= 4);
    let last: Attribution | undefined;
    for (const q of quotes) {
      const holder = doc.sentences.find((x) => x.start < q.close && x.end >= q.close);
      const sentenceEnd = Math.min(p.end, holder && holder.end > q.close ? holder.end : nextStop(text, q.close, p.end));
      const after = maskAbbreviations(text.slice(q.close, sentenceEnd));
      const sentStart = doc.sentences.filter((s) => s.start <= q.open && s.paragraph === doc.segments.indexOf(p)).at(-1)?.start ?? p.start;
      const before = maskAbbreviations(text.slice(sentStart, q.open));
      let spk: SpeakerMention | undefined;
      let cue = "";
      let m = AFTER_QUOTE.exec(after);
      if (m?.groups && /^[\s,]*$/.test(after.slice(0, after.indexOf(m.groups.spk!)).replace(/[,\s]/g, "")) ) {
        spk = mention(doc, m.groups.spk!, q.close + after.indexOf(m.groups.spk!));
        cue = m.groups.cue!;
      }
      if (!spk && (m = AFTER_QUOTE_INVERTED.exec(after))?.groups) {
        spk = mention(doc, m.groups.spk!, q.close + after.indexOf(m.groups.spk!));
        cue = m.groups.cue!;
      }
      if (!spk && (m = BEFORE_QUOTE.exec(before))?.groups) {
        const idx = before.lastIndexOf(m.groups.spk!);
        const pronounSaid = /^\s*(he|she|it|they)\s+(said|added|stated)\s*,?\s*$/i.exec(m.groups.spk!);
        spk = mention(doc, pronounSaid ? pronounSaid[1]! : m.groups.spk!, sentStart + idx);
        cue = m.groups.cue!;
        // "…,” he said, noting that “…” — the speaker of the earlier quote in the same sentence.
        if (spk && last && /^(he|she|it|they)$/i.test(spk.surface) && q.open - last.end < 200) spk = { ...last.speaker, start: spk.start, end: spk.end };
      }
      // Where the proposition starts when it begins before the quote ("Ruritania’s “violation …”" is about Ruritania).
      let clauseAt: number | undefined;
      if (!spk && (m = WHAT_CALLED.exec(before))?.groups) {
        spk = mention(doc, m.groups.spk!, sentStart + m.index + m[0].indexOf(m.groups.spk!, 4));
        cue = m.groups.cue!.split(/\s+/)[0]!;
        if (m.groups.owner) clauseAt = sentStart + m.index + m[0].lastIndexOf(m.groups.owner);
      }
      if (!spk && (m = PROTEST_BEFORE.exec(before))?.groups) {
        spk = mention(doc, m.groups.spk!, sentStart);
        cue = "protested";
      }
      if (!spk && last && q.open - last.end < 40) {
        spk = last.speaker;
        cue = last.cue;
      }
      if (!spk) continue;
      let a: Attribution | undefined;
      for (const piece of splitSentences(text, q.innerStart, q.innerEnd)) {
        const [ps, pe] = trimSpan(text, piece.start, piece.end);
        if (pe - ps < 8) continue;
        a = { start: ps, end: pe, cue: cue.toLowerCase(), direct: true, speaker: spk, ...(clauseAt !== undefined ? { clauseStart: clauseAt } : {}) };
        out.push(a);
      }
      covered.push([q.open, q.close]);
      if (a) last = a;
    }
  }

  // A2. A block-quoted post: a paragraph followed by a signature line "— Name (@handle) date".
  doc.segments.forEach((seg, i) => {
    const next = doc.segments[i + 1];
    if (seg.kind !== "PARAGRAPH" || !next) return;
    const sig = /^—\s*(?<name>[^(]+?)\s*\((?<handle>@\w+)\)/u.exec(text.slice(next.start, next.end));
    if (!sig?.groups) return;
    const spk = mention(doc, sig.groups.name!, next.start + text.slice(next.start, next.end).indexOf(sig.groups.name!));
    if (!spk) return;
    for (const piece of splitSentences(text, seg.start, seg.end)) {
      const [ps, pe] = trimSpan(text, piece.start, piece.end);
      if (pe - ps >= 8) out.push({ start: ps, end: pe, cue: "posted", direct: true, speaker: spk });
    }
    covered.push([seg.start, seg.end]);
  });

  // B. Reported speech, sentence by sentence (headline included).
  for (const s of doc.sentences) {
    if (s.kind === "CAPTION") continue;
    const sentence = text.slice(s.start, s.end);
    const inQuote = covered.some(([a, b]) => a <= s.start + 1 && b >= s.end - 2);
    if (inQuote) continue;
    const found = [...reportedSpeech(doc, s, sentence), ...embeddedSpeech(doc, s, sentence)];
    for (const a of found) {
      // A direct quote already attributed and covering most of the span wins.
      const overlapQuote = covered.find(([qa, qb]) => Math.min(qb, a.end) - Math.max(qa, a.start) > 0.8 * (a.end - a.start));
      if (overlapQuote) continue;
      out.push(a);
    }
  }

  // B2. Reports inside someone's words: "We are aware of reports claiming that X" — X is the reports' claim, not the
  // speaker's. The reports are named by what they claim, as the text does.
  for (const a of [...out]) {
    const inner = NESTED_REPORTS.exec(text.slice(a.start, a.end));
    if (!inner?.groups) continue;
    const at = a.start + inner.index;
    const clauseStart = at + inner[0].lastIndexOf(inner.groups.clause!);
    const [ps, pe] = trimSpan(text, at, clauseStart + inner.groups.clause!.length);
    const who = mention(doc, inner.groups.who!, at);
    if (!who || words(inner.groups.clause!) < 3) continue;
    out.push({ start: ps, end: pe, cue: "claimed", direct: false, speaker: { ...who, alsoKnownAs: [text.slice(ps, pe)] }, clauseStart, via: a.speaker.name });
  }

  // C. The outlet's own voice: a sentence that nobody is credited with and that asserts an event (a strike,
  // casualties, responsibility, notice) is the outlet's claim. Wire copy speaks for its agency ("(Reuters) -"), while
  // the headline and captions stay the publisher's.
  const wire = wireAgency(text);
  for (const s of doc.sentences) {
    if (s.kind !== "PARAGRAPH" && s.kind !== "CAPTION") continue;
    // Only sentences nobody speaks in: any attribution inside, or a reporting verb we could not parse, rules it out
    // (better a missed outlet claim than someone's words credited to the outlet).
    const taken = (a: Span) => Math.min(a.end, s.end) > Math.max(a.start, s.start);
    if (out.some(taken) || covered.some(([a, b]) => taken({ start: a, end: b }))) continue;
    const sentence = text.slice(s.start, s.end);
    if (/\?["”]?\s*$/.test(sentence) || /[“”"]/.test(sentence) || eventTypeOf(sentence) === "OTHER" || !OUTLET_VOICE.test(sentence) || SOMEONE_SPEAKS.test(sentence)) continue;
    const [a, b] = trimSpan(text, s.start, s.end);
    const voice = s.kind === "PARAGRAPH" && wire ? wire : "(publisher)";
    const m = mention(doc, voice, s.start);
    if (m && b - a >= 20) out.push({ start: a, end: b, cue: "reported", direct: false, speaker: m });
  }
  return out.sort((x, y) => x.start - y.start || x.end - y.end);
}

// Case-sensitive: "the United States" is not the verb "states".
const SOMEONE_SPEAKS = new RegExp(`\\b(?:${VERB_ALT}|[Aa]ccording\\s+to|[Cc]iting|cited|asserting|quoted|statement|reported|reports?\\s+said)\\b`);

const NESTED_REPORTS = /\b(?<who>reports?|claims?|allegations?|rumou?rs?)\s+(?:claiming|saying|alleging|suggesting|that)\s+(?:that\s+)?(?<clause>[^.;]{8,})/u;

// A finite verb of the event vocabulary: the sentence states that something happened, not just names it.
const OUTLET_VOICE = /\b(killed|killing|was|were|had|has|have|struck|hit|launched|carried|conducted|targeted|came|took place|resulted|died|wounded|injured|retaliated|exploded|occurred|shows?|showed)\b/i;

/** The news agency whose wire copy the text is, from its dateline or copyright line ("(Reuters) -", "© 2031 Reuters"). */
export function wireAgency(text: string): string | undefined {
  const m = /\((Reuters|AP|AFP)\)\s*[-–—]|©\s*\d{4}\s*(?:Thomson\/)?(Reuters|The Associated Press|AFP)/.exec(text);
  const agency = m?.[1] ?? m?.[2];
  return agency === "AP" ? "The Associated Press" : agency;
}

function nextStop(text: string, from: number, limit: number): number {
  const m = /[.!?](\s|$)/.exec(text.slice(from, limit));
  return m ? from + m.index + 1 : limit;
}

function trimSpan(text: string, start: number, end: number): [number, number] {
  while (start < end && /[\s,:;“"‘]/.test(text[start]!)) start++;
  while (end > start && /[\s.,;:”"’]/.test(text[end - 1]!)) end--;
  return [start, end];
}

function reportedSpeech(doc: Segmented, s: Sentence, sentence: string): Attribution[] {
  const text = doc.text;
  const out: Attribution[] = [];
  const push = (spkSurface: string, spkAt: number, cue: string, cStart: number, cEnd: number, via?: string) => {
    const [a, b] = trimSpan(text, cStart, cEnd);
    // "The command posted a denial": a bare noun phrase reports that someone spoke, not what they said — unless the
    // verb itself takes a stand on it ("Health officials confirmed the toll", "X denied the reports").
    const stance = /^(confirm|deni|deny|disput|reject|refut|dismiss|pushed|contradict|acknowledg|admit)/i.test(cue);
    if (b - a < 8 || (words(text.slice(a, b)) < 3 && !stance)) return;
    const m = mention(doc, spkSurface, spkAt);
    if (!m) return;
    out.push({ start: a, end: b, cue: cue.toLowerCase().replace(/\s+/g, " "), direct: false, speaker: m, ...(via ? { via } : {}) });
  };

  // Headline of the form "… : Spox".
  if (s.kind === "HEADLINE") {
    const hm = /^(?<clause>.+):\s*(?<spk>[A-Z][\w.]*)\s*$/u.exec(sentence);
    if (hm?.groups) {
      push(hm.groups.spk!, s.start + sentence.lastIndexOf(hm.groups.spk!), "headline", s.start, s.start + hm.groups.clause!.length);
      return out;
    }
  }

  if (s.kind === "HEADLINE") {
    const hd = /^(?<spk>[A-Z][^:]{1,80}?)\s+(?<cue>Deny|Denies|Denied|Dispute|Disputes|Reject|Rejects|Say|Says|Said|Confirm|Confirms|Claim|Claims)\s+(?<clause>.+)$/u.exec(sentence);
    if (hd?.groups && plausibleSubject(hd.groups.spk!)) {
      const spkAt = s.start;
      push(hd.groups.spk!, spkAt, hd.groups.cue!.toLowerCase(), s.start, s.end);
      const last = out.at(-1);
      if (last) last.clauseStart = s.start + sentence.indexOf(hd.groups.clause!);
      return out;
    }
  }

  let m = ACCORDING_LEAD.exec(sentence);
  if (m?.groups) {
    const cs = s.start + sentence.indexOf(m.groups.clause!);
    push(m.groups.spk!, s.start + sentence.indexOf(m.groups.spk!), "according to", cs, s.end);
    return out;
  }

  // "…, the official said." / "…, said police and the group's spokesperson." — checked before a leading subject.
  const trailing = TRAILING_INVERTED.exec(sentence) ?? (/,\s+[^,]{2,90}\s(said|says|reported|told|confirmed|stated)\b[^,]*(,\s+(without|adding|citing|noting)\b[^,]*)?[.]?\s*$/u.test(sentence) ? TRAILING.exec(sentence) : null);
  // "X said that …, according to Reuters": X is the speaker, Reuters the relay (handled below).
  const relayed = trailing?.groups?.cue?.startsWith("according") && REPORTED.test(trailing.groups.clause!);
  if (trailing?.groups && !relayed && plausibleSubject(trailing.groups.spk!) && !/^(he|she|it|they)$/i.test(trailing.groups.clause!.trim())) {
    push(trailing.groups.spk!, s.start + sentence.lastIndexOf(trailing.groups.spk!), trailing.groups.cue!.split(/\s+/)[0]!, s.start, s.start + trailing.groups.clause!.length);
    return out;
  }

  m = REPORTED.exec(sentence);
  if (m?.groups && plausibleSubject(cleanSubject(m.groups.spk!))) {
    const rawSpk = m.groups.spk!;
    const spk = cleanSubject(rawSpk);
    const cue = m.groups.cue!;
    const tail = m.groups.tail!;
    const tailStart = s.start + sentence.length - tail.length;
    let clauseStart = tailStart;
    // Skip the addressee and connectors: "told reporters that", "in a statement early Saturday that".
    // Only verbs that take an addressee ("told Reuters that") skip a name after the cue: in "said Washington had …"
    // the name is the clause's subject.
    const addressee = /^(told|tells|informed|assured|briefed|gave)/i.test(cue) ? "(?:[A-Z][\\w’'.-]*(?:\\s+[A-Z][\\w’'.-]*)*|reporters|the\\s+media|journalists)(?:’s\\s+[A-Z]\\w+(?:\\s+[A-Z]\\w+)*)?" : "(?:reporters|the\\s+media|journalists)";
    const skip = new RegExp(`^(?:\\s+${addressee})?(?:\\s+(?:in\\s+(?:a|another)\\s+statement|on\\s+\\w+|early\\s+\\w+|late\\s+\\w+|later|during\\s+a\\s+press\\s+briefing(?:\\s+on\\s+\\w+)?|to\\s+\\w+|,\\s*citing\\s+[^,]+,))*\\s*(?:that\\s+|:\\s*)?`, "u").exec(tail);
    if (skip) clauseStart = tailStart + skip[0].length;
    let clauseEnd = s.end;
    const according = /,\s*according\s+to\s+([^,.]+)[.]?\s*$/u.exec(text.slice(clauseStart, s.end));
    let relay: string | undefined;
    if (according) {
      clauseEnd = clauseStart + according.index;
      relay = according[1];
    }
    // "…, citing an Iraqi army source." → the cited source is kept as the relay
    const citing = /,\s*citing\s+([^,.]+)[.]?\s*$/u.exec(text.slice(clauseStart, s.end));
    let via: string | undefined = relay;
    if (citing) {
      clauseEnd = clauseStart + citing.index;
      via = citing[1];
    }
    const passive = PASSIVE_DENIAL.exec(text.slice(clauseStart, clauseEnd));
    if (passive?.groups) {
      const pEnd = clauseStart + passive.index;
      push(spk, s.start + (m.groups.lead?.length ?? 0), cue, clauseStart, pEnd, via);
      push(passive.groups.spk!, clauseStart + passive.index + passive[0].indexOf(passive.groups.spk!), passive.groups.cue!, clauseStart, pEnd);
      return out;
    }
    // Nested frame: "X told HuffPost that Iraq also denies that …" — the inner speaker owns the claim.
    const inner = /^(?<spk>[A-Z][\w’'.\- ]{1,60}?)\s+(?:also\s+)?(?<cue>denies|denied|said|says|confirmed|disputes|rejected)\s+(?:that\s+)?/u.exec(text.slice(clauseStart, clauseEnd));
    if (inner?.groups && inner.groups.spk!.split(/\s+/).length <= 5) {
      push(inner.groups.spk!, clauseStart, inner.groups.cue!, clauseStart + inner[0].length, clauseEnd, spk);
      return out;
    }
    const spkStart = s.start + (m.groups.lead?.length ?? 0) + rawSpk.indexOf(spk);
    // "officials rejected the story, including Maj. Dana Flint, spokeswoman for …" — the named one speaks.
    const including = /,\s*including\s+(?<who>[^,]+(?:,\s*(?:a\s+)?spokes(?:man|person|woman)\s+for\s+[^,]+)?)/u.exec(text.slice(clauseStart, clauseEnd));
    if (including?.groups) {
      push(including.groups.who!, clauseStart + including.index + including[0].indexOf(including.groups.who!), cue, s.start, clauseStart + including.index, via);
      return out;
    }
    const denies = REPORTING_VERBS[cue.toLowerCase()]?.deny;
    // Denials keep the whole sentence as the span ("Iraq and the coalition denied reports of …"); the claim starts after the cue.
    // "An army source gave similar details to …": what was said is only referred to, so the sentence is the span.
    const whole = denies || /^gave\s/.test(cue) || (words(text.slice(clauseStart, clauseEnd)) < 3 && /^(confirm|acknowledg|admit)/i.test(cue));
    push(spk, spkStart, cue, whole ? s.start : clauseStart, clauseEnd, via);
    const last = out.at(-1);
    if (last && whole) last.clauseStart = clauseStart;
    return out;
  }

  if (s.kind === "HEADLINE") {
    push("(publisher)", s.start, "headline", s.start, s.end);
  }
  return out;
}

// "… came one day after the ministry admitted to shelling the port": a statement inside a time clause.
const EMBEDDED = /\b(?:one day after|a day after|days after|hours after|shortly after|after|when|since)\s+(?<spk>the\s+(?:[A-Z][\w.’'\u2024-]*\s+){0,3}(?:[a-z]+\s+)?(?:[A-Z][\w.’'\u2024-]*|ministry|military|government|army|navy|police|administration|command)|[A-Z][\w.’'\u2024-]*(?:\s+[A-Z][\w.’'\u2024-]*){0,4})\s+(?<cue>said|admitted|acknowledged|confirmed|announced|denied|claimed)\s+(?:to\s+|that\s+)?(?<clause>[^.;]{8,})/u;

function embeddedSpeech(doc: Segmented, s: Sentence, sentence: string): Attribution[] {
  const m = EMBEDDED.exec(maskAbbreviations(sentence));
  if (!m?.groups || s.kind === "HEADLINE") return [];
  const spkAt = s.start + m.index + m[0].indexOf(m.groups.spk!);
  const who = mention(doc, m.groups.spk!, spkAt);
  if (!who || who.anaphoric) return [];
  const clauseStart = s.start + m.index + m[0].lastIndexOf(m.groups.clause!);
  const [a, b] = trimSpan(doc.text, spkAt, clauseStart + m.groups.clause!.length);
  if (words(m.groups.clause!) < 3) return [];
  return [{ start: a, end: b, cue: m.groups.cue!, direct: false, speaker: who, clauseStart }];
}

/** Drops leading adverbials and trailing time phrases: "Despite this, Israeli officials" → "Israeli officials". */
function cleanSubject(spk: string): string {
  let t = spk.trim();
  // "A network of militias, which calls itself the River Front," → the name it goes by.
  const selfNamed = /,\s*which\s+(?:refers\s+to\s+itself\s+as|calls\s+itself|is\s+known\s+as|goes\s+by)\s+(?<name>[^,]+?),?\s*$/i.exec(t);
  if (selfNamed?.groups) return selfNamed.groups.name!.trim();
  const parts = t.split(/,\s*/);
  if (parts.length > 1 && /^(despite|following|on the issue|in |last |after |before |as |while |with |meanwhile|however|instead|prior|still)/i.test(parts[0]!)) {
    t = parts.slice(1).join(", ");
    if (/^(despite|following|on the issue|in |last |after |before |as |while |with )/i.test(t) && t.includes(",")) t = t.slice(t.lastIndexOf(",") + 1).trim();
  }
  t = t.replace(/\s+(on|early|late|last)\s+(monday|tuesday|wednesday|thursday|friday|saturday|sunday|night|week|month)$/i, "").replace(/\s+(recently|also|later|then)$/i, "");
  return t.trim();
}

/** A subject is a short noun phrase: few words and no clause-like punctuation. */
function plausibleSubject(spk: string): boolean {
  const t = spk.trim();
  if (!t || words(t) > 16) return false;
  if (/[“”"]/.test(t)) return false;
  if (/\b(hit|was|were|is|are|killed|struck|targeted|did|will|would|carried|launched)\b/i.test(t)) return false;
  if (/\b(that|which|when|because|if|while|after|before)\b/i.test(t) && !/,\s*(who|which\s+(refers|calls|is\s+known|goes))\b/.test(t)) return false;
  if (/^[A-Z“"‘(@]|^(he|she|it|they|the|a|an|police|local|two|three|several|officials|members|eyewitnesses|witnesses|health|security|militia|reporters)\b/.test(t)) return true;
  // "official sources", "senior military officials", "unnamed diplomats": a short phrase headed by a source noun.
  return words(t) <= 6 && /\b(officials?|sources?|spokes(?:person|man|woman)|witnesses|residents|reporters|media|authorities|diplomats?|commanders?)$/i.test(t);
}
