import { CLAIM_NOUNS, CUE_FORMS, DENIAL_PREDICATES, DOCUMENT_NOUNS, ELIDED_CLAUSE, FIGURE_CUES, FIGURE_NOUNS, GROUP_NOUNS, HARMED_NOUNS, POST_MODIFIERS, PUT_AT_VERBS, REVISE_TO_VERBS, ROLE_NOUNS, STANCE_ADJECTIVES, TIME_WORDS, WEAK_CUES, type CueVerb } from "../lexicon/attribution.js";
import { firstNotBefore, tokenize, tokenAt, type Token } from "../nlp/tokens.js";
import type { Attribution, Segmented, Sentence, SpeakerMention } from "../types.js";
import { describeSpeaker } from "./03-speakers.js";
import { splitSentences } from "./01-segment.js";

// Stage 2: attribution as a ladder of general sieves over wink-nlp tokens and POS tags (no parser, no list of actors).
// Each sieve finds a cue (a reporting or denial verb, "according to", a quotation's frame), its source (a noun phrase
// that can speak: person, organisation, group, document, outlet, or a pronoun resolved in stage 3) and its content
// (a quotation, or the clause the cue introduces). Precision first: a sentence with a cue whose source cannot be
// found is left alone rather than credited to someone nearby. Every attribution records the sieve that made it.

type Frame = { m: SpeakerMention; cue: string; sieve?: string; cueAt?: number; clauseStart?: number };
type Quote = { open: number; close: number; innerStart: number; innerEnd: number; paragraph: number; closed: boolean };

// Words the per-token cue tests look for (set look-ups: they run on every token of every sentence).
const GAVE_VERBS = new Set(["gave", "give", "gives", "provided", "offered"]);
const QUOTING_WORDS = new Set(["quoting", "quoted", "cited", "citing"]);
const OPENERS = new Set(["“", "\"", "«", "„"]);
const CLOSER_OF: Record<string, string> = { "“": "”", "\"": "\"", "«": "»", "„": "“" };

/**
 * Quotations in a paragraph: curly, straight and guillemet marks paired in order. A quotation opened and not closed
 * by the paragraph's end runs to that end (the English convention for a quote that continues in the next paragraph).
 */
export function findQuotes(text: string, from: number, to: number, paragraph = 0): Quote[] {
  const out: Quote[] = [];
  let i = from;
  while (i < to) {
    const c = text[i]!;
    // Single marks quote only when they clearly do: an opening mark at a word's start and a closing one before a
    // space or punctuation, with no apostrophe-like mark between ("‘It is false,’ she said", headlines' 'X').
    if ((c === "‘" || c === "'") && (i === from || /[\s(—–-]/.test(text[i - 1]!)) && /\p{L}/u.test(text[i + 1] ?? "")) {
      const closer = c === "‘" ? "’" : "'";
      const re = c === "‘" ? /’(?=[\s,.;:!?)—–-]|$)/g : /'(?=[\s,.;:!?)—–-]|$)/g;
      re.lastIndex = i + 1;
      const m = re.exec(text);
      const j = m && m.index < to ? m.index : -1;
      const inner = j > 0 ? text.slice(i + 1, j) : "";
      if (j > 0 && !inner.includes(closer) && !inner.includes(c) && words(inner) >= 3 && !/[\n“”"]/.test(inner)) {
        let e = j;
        while (e > i + 1 && /[\s,]/.test(text[e - 1]!)) e--;
        out.push({ open: i, close: j + 1, innerStart: i + 1, innerEnd: e, paragraph, closed: true });
        i = j + 1;
        continue;
      }
    }
    if (!OPENERS.has(c) || (c === "\"" && i > from && /\w/.test(text[i - 1]!) && !/\s/.test(text[i + 1] ?? " "))) {
      i++;
      continue;
    }
    const closer = CLOSER_OF[c]!;
    let j = c === "“" ? matchingClose(text, i, to) : text.indexOf(closer, i + 1);
    const closed = j >= 0 && j < to;
    if (!closed) j = to;
    let innerStart = i + 1;
    let innerEnd = j;
    while (innerStart < innerEnd && /\s/.test(text[innerStart]!)) innerStart++;
    while (innerEnd > innerStart && /[\s,]/.test(text[innerEnd - 1]!)) innerEnd--;
    if (innerEnd > innerStart) out.push({ open: i, close: closed ? j + 1 : to, innerStart, innerEnd, paragraph, closed });
    i = closed ? j + 1 : to;
  }
  return out;
}

/**
 * The ” that closes the “ at `open`, counting quotations nested inside it (“… the “cutoff” position …,” she said);
 * when the marks do not balance before `to`, the first ” (a stray inner mark must not swallow the paragraph).
 */
function matchingClose(text: string, open: number, to: number): number {
  let depth = 0;
  for (let k = open + 1; k < to; k++) {
    const ch = text[k];
    if (ch === "“") depth++;
    else if (ch === "”") {
      if (depth === 0) return k;
      depth--;
    }
  }
  return text.indexOf("”", open + 1);
}

const words = (s: string) => s.trim().split(/\s+/).filter(Boolean).length;

function trimSpan(text: string, start: number, end: number): [number, number] {
  while (start < end && /[\s,:;“"‘'—–-]/.test(text[start]!)) start++;
  while (end > start && /[\s.,;:”"’'—–-]/.test(text[end - 1]!)) end--;
  return [start, end];
}

/** A noun phrase inside the token range [a, b). */
type NP = { a: number; b: number; appositive?: { a: number; b: number } };

const MEANS_OF_SAYING = new Set(["statement", "statements", "ruling", "judgment", "judgement", "filing", "affidavit", "testimony", "release", "post", "posts", "tweet", "tweets", "letter", "email", "e-mail", "interview", "briefing", "conference", "teleconference", "message", "video", "speech", "remarks", "podcast", "broadcast", "call"]);
const NP_ADP = new Set(["of", "for", "at", "from", "in", "with", "on"]);
/** Words the tagger may read as adjectives that head a speaking noun phrase ("the U.S. military"). */
const NOUNISH_ADJ = new Set(["military", "police", "official", "federal", "national", "local"]);
const SPEECH_NOUNS = new Set(["denial", "denials", "statement", "statements", "rebuttal", "response", "reply", "comment", "comments", "remarks", "announcement", "clarification", "correction", "retraction", "apology"]);
const PUBLISHED = new Set(["published", "posted", "shared", "broadcast", "aired", "circulated", "released", "issued", "distributed"]);
/** What a speaker voices: "expressing concern that …", "voicing doubts that …". */
const STANCE_NOUNS = new Set(["concern", "concerns", "fear", "fears", "doubt", "doubts", "hope", "hopes", "confidence", "worry", "worries", "frustration", "belief", "optimism"]);
const QUANTITY_HEADS = new Set(["none", "half", "fraction", "most", "some", "all", "many", "number", "dozens", "scores", "hundreds", "thousands", "millions", "part", "majority", "minority", "share", "rest", "percent", "per", "each", "both", "either", "neither"]);
/** Verbs that stand before their source at a clause's end ("…, said X", "…, added X"). */
const INVERTING = new Set(["say", "add", "write", "explain", "insist", "note", "warn", "argue", "reply", "respond", "recall", "claim", "concede", "state", "declare", "announce", "confirm", "continue", "ask", "report"]);
const POSSESSIVE_PRON = new Set(["his", "her", "its", "their", "our", "my", "your"]);
const PERSONAL_PRON = new Set(["he", "she", "it", "they", "we", "i"]);
const CLAUSE_PRON = new Set(["that", "which", "what", "who", "whom", "this", "these", "those", "there", "here", "something", "nothing", "everything", "anything"]);

class Sieves {
  readonly T: Token[];
  readonly out: Attribution[] = [];
  /** Character ranges already attributed to a quotation's speaker. */
  private readonly quoted: Quote[] = [];
  /** Cue tokens that framed a quotation: the sentence sieves do not use them again. */
  private readonly usedCues = new Set<number>();
  /** Quotations an aside credits to someone else ("… agreed to, as X put it, “…”"): the clause around them is X's. */
  private readonly asides: Quote[] = [];
  /** Those of them that follow their quotation ("“…,” X said"). */
  private readonly cuesAfterQuotes = new Set<number>();
  /** Speakers of quotations framed after them ("“…,” X said"), by the frame's cue offset, in text order. */
  private readonly framedAfter: Array<{ at: number; m: SpeakerMention }> = [];
  constructor(readonly doc: Segmented) {
    this.T = tokenize(doc.text);
    // After "according to" comes its source, a noun phrase; the tagger may read "to" as an infinitive's and the next
    // word as a verb ("according to/PART people/VERB familiar with …").
    for (let i = 0; i + 2 < this.T.length; i++) {
      const [a, to, x] = [this.T[i]!, this.T[i + 1]!, this.T[i + 2]!];
      if (a.lower !== "according" || to.lower !== "to") continue;
      to.pos = "ADP";
      if (x.pos === "VERB" && !/ing$/.test(x.lower)) x.pos = x.cap ? "PROPN" : "NOUN";
    }
    doc.tokens = this.T;
    this.headlineSeg = doc.segments.find((x) => x.kind === "HEADLINE");
  }

  get text() {
    return this.doc.text;
  }

  private readonly headlineSeg: Segmented["segments"][number] | undefined;
  headlineAt(offset: number): boolean {
    const h = this.headlineSeg;
    return !!h && offset >= h.start && offset < h.end;
  }

  /** The sentence holding character `offset` (binary search over the sentences, which are in text order). */
  sentenceAt(offset: number): Sentence | undefined {
    const ss = this.doc.sentences;
    const x = ss[firstNotBefore(ss, (y) => y.end < offset)];
    return x && x.start <= offset && x.end >= offset ? x : undefined;
  }

  /** Attributed quotations overlapping [start, end), found by binary search (they are pushed in text order). */
  quotedIn(start: number, end: number): Quote[] {
    const qs = this.quoted;
    const lo = firstNotBefore(qs, (q) => q.close <= start);
    const out: Quote[] = [];
    for (let i = lo; i < qs.length && qs[i]!.open < end; i++) out.push(qs[i]!);
    return out;
  }

  // ---- token predicates ----
  cueAt(i: number): CueVerb | undefined {
    const t = this.T[i];
    if (!t || t.quoted) return undefined;
    const cue = CUE_FORMS.get(t.lower);
    if (!cue) return undefined;
    if (this.participleAdjective(i)) return undefined;
    // A noun or adjective use ("the reports", "an alleged attack") is not a cue; "said" is a verb whatever the tagger says.
    // "… and further alleged that …": a finite form before "that" is the verb, whatever the tagger says.
    const beforeThat = (cue.form === "past" || cue.form === "third") && this.T[i + 1]?.lower === "that" && !/^(DET|ADP)$/.test(this.T[i - 1]?.pos ?? "");
    if (t.pos !== "VERB" && t.pos !== "AUX" && !beforeThat && !(cue.lemma === "say" && t.lower !== "say") && !(cue.lemma === "tell" && t.lower === "told")) {
      // The tagger reads "The union claims 885,000 …" as a noun: a third-person form right after a name or noun,
      // before a number, a determiner, a pronoun or "that", is the verb.
      const prev = this.T[i - 1];
      const next = this.T[i + 1];
      if (t.pos === "ADJ" || !prev || /^(DET|ADJ|ADP|NUM)$/.test(prev.pos) || /^['’]s$/.test(prev.lower)) return undefined;
      if (!(prev.pos === "AUX" || prev.pos === "PRON" || prev.pos === "PROPN" || prev.pos === "NOUN")) return undefined;
      // (a name then "reports"/"says" is the name speaking: "Jo Quill reports for the Courier"; "Local reports from
      // Ruritania" is a noun)
      if ((cue.form === "third" || cue.form === "base") && !(cue.form === "third" && prev.pos === "PROPN" && !prev.quoted && !/^(from|of|about|on|in|by|with|over)$/.test(next?.lower ?? "")) && !(next && (/^(NUM|DET|PRON|SCONJ)$/.test(next.pos) || next.lower === "that" || next.quoted || /^[.;]$/.test(next.text)))) return undefined;
    }
    if (cue.particle && this.T[i + 1]?.lower !== cue.particle) return undefined;
    // Headlines drop the auxiliary of a passive: "Toll Disputed as …" reports a dispute, "X Denies Y" a denial.
    if (cue.form === "past" && t.cap && this.headlineAt(t.start) && this.T[i + 1]?.lower !== "that") return undefined;
    // A capitalised word inside a sentence is part of a name ("the Islamic State", "Post"), except in title-case headlines.
    if (t.cap && this.T[i - 1] && !/^[.“"‘:—–-]$/.test(this.T[i - 1]!.text) && !this.headlineAt(t.start)) return undefined;
    return cue;
  }

  /** A participle used as an adjective is no cue: "the alleged attack", "a reported 40 deaths", "its revised estimate". */
  participleAdjective(i: number): boolean {
    const form = CUE_FORMS.get(this.T[i]?.lower ?? "")?.form;
    const p = this.T[i - 1]?.lower ?? "";
    return (form === "past" || form === "ing") && (/^(a|an|the)$/.test(p) || POSSESSIVE_PRON.has(p));
  }

  /** "it was reported that …", "the figure was confirmed on Monday": a passive with no agent names no speaker. */
  agentlessPassive(i: number): boolean {
    const T = this.T;
    if (CUE_FORMS.get(T[i]?.lower ?? "")?.form !== "past") return false;
    let k = i - 1;
    while (k >= 0 && (T[k]!.pos === "ADV" || /^(not|n't|n’t)$/.test(T[k]!.lower))) k--;
    if (!/^(is|are|was|were|been|being|be)$/.test(T[k]?.lower ?? "")) return false;
    for (let n = i + 1; n < Math.min(T.length, i + 6); n++) {
      if (T[n]!.lower === "by") return false;
      if (/^[.;]$/.test(T[n]!.text)) break;
    }
    return true;
  }

  npTok(i: number, first: boolean): boolean {
    const t = this.T[i];
    if (!t || t.quoted) return false;
    switch (t.pos) {
      case "PROPN":
      case "NUM":
        return true;
      case "NOUN":
        // "a post", "the report": a cue word after a determiner is a noun
        return !CUE_FORMS.has(t.lower) || t.lower.endsWith("s") || t.lower === "report" || /^(DET|ADJ)$/.test(this.T[i - 1]?.pos ?? "") || POSSESSIVE_PRON.has(this.T[i - 1]?.lower ?? "");
      case "ADJ":
        return !CUE_FORMS.has(t.lower) || /ed$/.test(t.lower) === false;
      case "DET":
        return !/^(that|which|what)$/.test(t.lower);
      case "PRON":
        return POSSESSIVE_PRON.has(t.lower) || (first && PERSONAL_PRON.has(t.lower));
      case "PART":
        return /^['’]s?$/.test(t.lower) || t.lower === "'s" || t.lower === "’s";
      case "PUNCT":
        // "(AAIB)" after a name
        if (t.text === "(" ) return this.T[i + 1]?.pos === "PROPN" && this.T[i + 2]?.text === ")";
        if (t.text === ")") return this.T[i - 1]?.pos === "PROPN" && this.T[i - 2]?.text === "(";
        // "the Rowing Federation—TRF—and …": an acronym between dashes after a name
        if (/^[—–]$/.test(t.text)) {
          const acronym = (x: Token | undefined) => !!x && x.pos === "PROPN" && /^\p{Lu}[\p{Lu}\p{N}&.]{1,9}$/u.test(x.text);
          return (acronym(this.T[i + 1]) && this.T[i + 2]?.text === t.text) || (acronym(this.T[i - 1]) && this.T[i - 2]?.text === t.text);
        }
        return /^[-–&.'’]$/.test(t.text) && !!this.T[i - 1] && this.T[i - 1]!.end === t.start;
      case "ADP":
        // "close to the board", "briefed about the plans": the preposition a post-modifier takes
        return NP_ADP.has(t.lower) || this.postModifierAt(i - 1);
      case "CCONJ":
        return t.lower === "and" || t.lower === "&";
      case "VERB":
        // A capitalised word the tagger reads as a verb inside a name ("Hold Security"); a participle joined by a
        // hyphen ("the U.S.-led coalition", "Iranian-backed groups").
        if (this.T[i - 1]?.text === "-" && this.T[i - 1]!.end === t.start) return true;
        // "a person briefed on the plans", "officials linked to the party": a participle tying the noun to its object
        if (!first && this.postModifierAt(i)) return true;
        // a participle modifying the noun after it: "the club's managing director", "the acting minister"
        if (/ing$/.test(t.lower) && !CUE_FORMS.has(t.lower) && this.T[i + 1]?.pos === "NOUN" && /^(DET|PART|ADJ)$/.test(this.T[i - 1]?.pos ?? "")) return true;
        // A capitalised word right before a cue, at a clause's start, is a name ("…, Hold found the number …").
        if (t.cap && !CUE_FORMS.has(t.lower) && CUE_FORMS.has(this.T[i + 1]?.lower ?? "") && this.T[i + 1]!.pos === "VERB" && !this.headlineAt(t.start) && (!this.T[i - 1] || /^[,;:]$/.test(this.T[i - 1]!.text))) return true;
        // A capitalised word after a name, inside a sentence, is the name's next part ("Robert Dole" read as
        // PROPN VERB), not its verb.
        if (t.cap && !CUE_FORMS.has(t.lower) && this.T[i - 1]?.pos === "PROPN" && this.T[i - 1]!.cap && !this.headlineAt(t.start) && /^\p{Ll}/u.test(t.text.slice(1) || "x")) return true;
        return t.cap && !CUE_FORMS.has(t.lower) && this.T[i + 1]?.pos === "PROPN";
      default:
        return t.pos === "X" && t.cap;
    }
  }

  /**
   * Token `i` is a post-modifier after a noun with its preposition next ("people familiar | with the matter",
   * "sources close | to the owners"): the phrase goes on, and its head is the noun before it.
   */
  postModifierAt(i: number): boolean {
    const t = this.T[i];
    const preps = t && !t.quoted ? POST_MODIFIERS.get(t.lower) : undefined;
    const before = this.T[i - 1];
    return !!preps && !!before && (before.pos === "NOUN" || before.pos === "PROPN") && preps.includes(this.T[i + 1]?.lower ?? "");
  }

  /** Walks left from token `j` (inclusive) over a noun phrase, not past `lo`. */
  npLeft(j: number, lo: number): NP | undefined {
    let a = j + 1;
    while (a - 1 >= lo && this.npTok(a - 1, a - 1 === j)) a--;
    // Trim what a phrase cannot start with.
    while (a <= j && (this.T[a]!.pos === "ADP" || this.T[a]!.pos === "CCONJ" || this.T[a]!.pos === "PART" || this.T[a]!.pos === "PUNCT")) a++;
    if (a > j) return undefined;
    return this.validNP({ a, b: j + 1 });
  }

  /** Walks right from token `i` over a noun phrase (and one appositive after a comma), not past `hi`. */
  npRight(i: number, hi: number): NP | undefined {
    if (this.T[i]?.pos === "ADP" || this.T[i]?.pos === "VERB") return undefined;
    // "by both the auditor and the bank": the pair, without its quantifier
    if (/^(both|either)$/.test(this.T[i]?.lower ?? "") && /^(DET|PROPN)$/.test(this.T[i + 1]?.pos ?? "")) i++;
    let b = i;
    while (b < hi && this.npTok(b, b === i)) b++;
    while (b > i && /^(ADP|CCONJ|DET)$/.test(this.T[b - 1]!.pos)) b--;
    if (b === i) return undefined;
    const np = this.validNP({ a: i, b });
    if (!np) return undefined;
    // ", a spokesman for the club" / ", who …" after the name; titles may run over several commas ("said the
    // agency's director, science and medicine, Professor X")
    let at = b;
    for (let n = 0; n < 3 && this.T[at]?.text === "," && at + 1 < hi; n++) {
      let e = at + 1;
      if (/^(who|which)$/.test(this.T[e]!.lower)) break;
      while (e < hi && this.npTok(e, false)) e++;
      if (e > at + 1 && (e >= hi || /^[,.;:]$/.test(this.T[e]!.text))) {
        np.appositive = { a: np.appositive?.a ?? at + 1, b: e };
        at = e;
      } else break;
    }
    return np;
  }

  /** The phrase's head must be able to speak: not a time word, not a bare determiner, not a clause word. */
  validNP(np: NP): NP | undefined {
    while (np.b > np.a && /^(PUNCT|PART|CCONJ|ADP)$/.test(this.T[np.b - 1]!.pos) && !/^['’]s$/.test(this.T[np.b - 1]!.lower) && !(this.T[np.b - 1]!.text === ")" && this.T[np.b - 3]?.text === "(")) np.b--;
    // "… (AAIB) on Thursday", "The board in a post on X": a time phrase or a means of saying after the name is not
    // part of it.
    for (let k = np.a + 1; k < np.b; k++) {
      const after = this.T.slice(k + 1, Math.min(np.b, k + 4));
      if (this.T[k]!.pos === "ADP" && (isTime(this.T[k + 1]) || (/^(in|on|via|during)$/.test(this.T[k]!.lower) && after.some((x) => MEANS_OF_SAYING.has(x.lower))))) {
        np.b = k;
        break;
      }
    }
    while (np.a < np.b && /^(PUNCT|CCONJ|ADP)$/.test(this.T[np.a]!.pos)) np.a++;
    if (np.b <= np.a) return undefined;
    const toks = this.T.slice(np.a, np.b);
    // "the other" of a pair the sentence named ("one pilot …, the other …") is the other one of them.
    if (toks.length === 2 && toks[0]!.lower === "the" && toks[1]!.lower === "other") return this.otherOfPair(np, "the other") !== "the other" ? np : undefined;
    const heads = toks.filter((t) => t.pos === "NOUN" || NOUNISH_ADJ.has(t.lower) || ROLE_NOUNS.has(t.lower) || t.pos === "PROPN" || (t.pos === "PRON" && PERSONAL_PRON.has(t.lower)) || (t.cap && t.pos !== "DET" && t.pos !== "ADP" && t.pos !== "PRON"));
    if (!heads.length) return undefined;
    if (toks.some((t) => CLAUSE_PRON.has(t.lower) && t.pos === "PRON")) return undefined;
    // Head: the last noun before the first preposition ("spokesman" in "a spokesman for the club").
    let firstAdp = toks.findIndex((t) => t.pos === "ADP");
    // (before a post-modifier: "people familiar with the matter" is headed by "people")
    if (firstAdp > 1 && this.postModifierAt(np.a + firstAdp - 1)) firstAdp--;
    const headToks = (firstAdp > 0 ? toks.slice(0, firstAdp) : toks).filter((t) => t.pos !== "PART" && t.pos !== "PUNCT" && !(t.text === "(" || t.text === ")"));
    const head = headToks.at(-1);
    if (/\d+-year-old$/.test(this.text.slice(toks[0]!.start, toks.at(-1)!.end))) return np; // "the 48-year-old"
    if (!head || isTime(head) || head.pos === "DET" || (head.pos === "ADJ" && !NOUNISH_ADJ.has(head.lower) && !ROLE_NOUNS.has(head.lower) && !GROUP_NOUNS.has(head.lower)) || head.pos === "NUM" || (head.pos === "PRON" && !PERSONAL_PRON.has(head.lower))) return undefined;
    // "in the week Valleywag": a time phrase glued before the name is not part of it
    for (let k = np.b - 2; k >= np.a; k--) {
      if (isTime(this.T[k]) && (this.T[k + 1]!.cap || this.T[k + 1]!.pos === "DET")) return this.validNP({ a: k + 1, b: np.b });
    }
    // A quantity of something is not a source: "half the number of people", "none of the rage", "a fraction of …".
    // ("some experts", "many analysts" are groups that speak: a quantifier before a group noun, not "some of …")
    const quantifiedGroup = GROUP_NOUNS.has(head.lower) && toks[1]?.lower !== "of" && toks[1]?.pos !== "DET";
    if ((QUANTITY_HEADS.has(toks[0]!.lower) && !quantifiedGroup) || QUANTITY_HEADS.has(head.lower) || (toks[0]!.pos === "NUM" && toks[1]?.lower === "of")) return undefined;
    if (toks.length > 16) return undefined;
    return np;
  }

  surface(np: NP): { surface: string; at: number } {
    const a = this.T[np.a]!.start;
    const b = this.T[np.b - 1]!.end;
    let surface = this.text.slice(a, b);
    if (np.appositive) surface += `, ${this.text.slice(this.T[np.appositive.a]!.start, this.T[np.appositive.b - 1]!.end)}`;
    return { surface, at: a };
  }

  mention(np: NP): SpeakerMention | undefined {
    const { surface, at } = this.surface(np);
    const m = describeSpeaker(this.otherOfPair(np, surface), at, this.doc);
    return m.name ? m : undefined;
  }

  /** "One pilot asked …, and the other replied …": "the other" is the other of the pair the sentence named. */
  otherOfPair(np: NP, surface: string): string {
    if (!/^the other$/i.test(surface)) return surface;
    const { T } = this;
    for (let k = np.a - 1; k > 0 && k >= np.a - 30; k--) {
      if (/^[.!?]$/.test(T[k]!.text)) break;
      // (Not the idioms "on (the) one hand … the other", "one way … the other".)
      if (T[k - 1]!.lower === "one" && T[k]!.pos === "NOUN" && !/^(?:hand|way|side|day|time|thing|point|moment)$/.test(T[k]!.lower)) return `the other ${T[k]!.lower}`;
    }
    return surface;
  }

  /** Skips adverbs, auxiliaries, negation and time phrases leftwards from `j`. */
  skipLeft(j: number, lo: number): number {
    while (j >= lo) {
      const t = this.T[j]!;
      if (t.quoted) break;
      if (t.pos === "ADV" || t.pos === "AUX" || (t.pos === "PART" && /^(not|n't|n’t)$/.test(t.lower))) j--;
      // an intensifying reflexive after the subject: "Marquardt herself dismissed …", "the club itself said …"
      else if (/^(himself|herself|itself|themselves)$/.test(t.lower) && j > lo && /^(NOUN|PROPN)$/.test(this.T[j - 1]!.pos)) j--;
      // floating quantifiers: "The club and its owner have both denied …"
      else if (/^(both|all|each|jointly|together)$/.test(t.lower) && (this.T[j - 1]?.pos === "AUX" || this.T[j + 1]?.pos === "VERB")) j--;
      else if (isTime(t) && (t.pos !== "PROPN" || /day$/.test(t.lower))) j--;
      else if (t.pos === "NUM" && isTime(this.T[j - 1])) j--;
      else if ((t.pos === "ADP" || t.pos === "DET") && isTime(this.T[j + 1])) j--;
      // a short parenthesis after the subject: "Jo Quill (D-Calder) is concerned …"
      else if (t.text === ")" && !t.quoted) {
        let k = j - 1;
        while (k >= lo && j - k <= 7 && this.T[k]!.text !== "(" && this.T[k]!.text !== ")") k--;
        if (k >= lo && this.T[k]!.text === "(" && j - k >= 2) j = k - 1;
        else break;
      } else break;
    }
    return j;
  }

  /** Skips, rightwards from `i`, what stands between a cue and its content: time, place of saying, "that". */
  skipRight(i: number, hi: number, cue: CueVerb): number {
    if (cue.particle && this.T[i]?.lower === cue.particle) i++;
    if (cue.addressee) {
      const np = this.npRight(i, hi);
      if (np && !this.T.slice(np.a, np.b).some((t) => t.pos === "VERB")) {
        // The addressee ends where a second phrase starts: "told reporters | the plant would close", "told the
        // board | the plant …" (a determiner after a noun opens the content's subject).
        let b = np.b;
        for (let k = np.a + 1; k < np.b; k++) if (this.T[k]!.pos === "DET" && /^(NOUN|PROPN|PRON)$/.test(this.T[k - 1]!.pos)) { b = k; break; }
        i = b;
      }
    }
    for (let guard = 0; guard < 6 && i < hi; guard++) {
      const t = this.T[i]!;
      if (t.text === "," || t.pos === "ADV") i++;
      else if (isTime(t) && t.pos !== "VERB") i++;
      else if (t.pos === "ADP" && /^(in|on|at|during|via|over|through|after|before|to|late|early)$/.test(t.lower) && !this.T[i + 1]?.quoted) {
        // "in a statement", "on Friday", "during a press briefing", "in an interview with X", "to reporters"
        let e = i + 1;
        while (e < hi && (this.npTok(e, false) || (this.T[e]!.pos === "VERB" && /ed$/.test(this.T[e]!.lower) && this.T[e + 1]?.pos === "NOUN"))) e++;
        const phrase = this.T.slice(i + 1, e);
        if (e === i + 1 || e >= hi || !phrase.some((p) => MEANS_OF_SAYING.has(p.lower) || isTime(p) || /^(reporters|journalists|media|press|interview|conference|briefing|television|radio|tv|podcast)$/.test(p.lower) || (t.lower === "to" && p.cap))) break;
        i = e;
      } else break;
    }
    if (this.T[i]?.lower === "that" && this.T[i]!.pos !== "DET") i++;
    else if (this.T[i]?.lower === "that" && this.T[i + 1] && this.T[i + 1]!.pos !== "NOUN") i++;
    if (this.T[i]?.text === ":") i++;
    return i;
  }

  push(a: Omit<Attribution, "start" | "end"> & { start: number; end: number }) {
    const [s, e] = trimSpan(this.text, a.start, a.end);
    if (e - s < 6) return undefined;
    const at: Attribution = { ...a, start: s, end: e };
    if (a.clauseStart !== undefined && a.clauseStart >= e) delete at.clauseStart;
    this.out.push(at);
    return at;
  }

  // ---- sieve 1: quotations and their frames ----
  quotations() {
    const { doc, text, T } = this;
    const quotes: Quote[] = [];
    doc.segments.forEach((seg, p) => {
      if (seg.kind === "PARAGRAPH" || seg.kind === "CAPTION" || seg.kind === "HEADLINE") quotes.push(...findQuotes(text, seg.start, seg.end, p));
    });
    for (const q of quotes) for (let i = tokenAt(T, q.innerStart); i < T.length && T[i]!.start < q.innerEnd; i++) T[i]!.quoted = true;
    const speakerOf: Array<Frame | undefined> = [];
    let s = 0;
    for (let qi = 0; qi < quotes.length; qi++) {
      const q = quotes[qi]!;
      if (words(text.slice(q.innerStart, q.innerEnd)) < 3) {
        speakerOf.push(undefined);
        continue;
      }
      while (s < doc.sentences.length - 1 && doc.sentences[s]!.end <= q.open) s++;
      const sentence = doc.sentences[s];
      const closeSentence = this.sentenceAt(q.close) ?? sentence;
      // "X said: “…”" names its source before the quote; otherwise look after it first ("“…,” X said").
      const colonBefore = /(?::|\bthat)\s*$/.test(text.slice(Math.max(0, q.open - 6), q.open));
      let found: Frame | undefined = colonBefore
        ? (this.frameBefore(q, sentence) ?? this.frameAfter(q, closeSentence) ?? this.colonFrame(q, sentence))
        : (this.frameAfter(q, closeSentence) ?? this.frameBefore(q, sentence));
      // An unclosed quotation continues in the next paragraph: it takes the speaker of the quotation that closes it.
      if (!found && !q.closed) {
        for (let k = qi + 1; k < quotes.length && k < qi + 6; k++) {
          const nq = quotes[k]!;
          const ns = this.sentenceAt(nq.close);
          const f = this.frameAfter(nq, ns) ?? this.frameBefore(nq, ns);
          if (f) {
            found = f;
            break;
          }
          if (nq.closed) break;
        }
      }
      // “…,” it said, adding: “…” — the source of the quotation before, in the same sentence.
      if (!found && qi > 0 && speakerOf[qi - 1] && /,\s*(?:adding|saying|noting|explaining|insisting|continuing|stressing)\s*(?:that\s*)?[,:]?\s*$/.test(text.slice(quotes[qi - 1]!.close, q.open))) {
        found = { ...speakerOf[qi - 1]!, sieve: "quote-adding" };
      }
      // A paragraph of quotation right after an attributed one continues it ("floating" quotes), unless a new source
      // is named in between.
      if (!found && qi > 0 && speakerOf[qi - 1]) {
        const prev = quotes[qi - 1]!;
        const between = text.slice(prev.close, q.open);
        const startsParagraph = doc.segments[q.paragraph]!.start === q.open;
        const near = q.paragraph === prev.paragraph || (q.paragraph - prev.paragraph === 1 && startsParagraph);
        // Between them only the earlier quotation's own frame ("…,” says X, a Y. “…”): at most its one cue.
        let cues = 0;
        for (let i = tokenAt(T, prev.close); i < T.length && T[i]!.start < q.open; i++) if (this.cueAt(i) || T[i]!.lower === "according") cues++;
        const allowed = speakerOf[qi - 1]!.sieve === "quote-after" ? 1 : 0;
        if (near && cues <= allowed && between.length < 300) found = { ...speakerOf[qi - 1]!, sieve: "quote-continued" };
      }
      // An orphan quotation opening its paragraph takes the person who speaks in the sentence just before it
      // ("… Secretary Jo Quill urged the board to act.\n\n“Their point is …”"), when nothing stands between.
      if (!found) found = this.orphanFrame(q, qi > 0 ? quotes[qi - 1] : undefined);
      speakerOf.push(found);
      if (!found) continue;
      this.quoted.push(q);
      if (found.sieve === "as-put-it") this.asides.push(q);
      if (found.cueAt !== undefined) this.usedCues.add(found.cueAt);
      if (found.cueAt !== undefined && found.sieve === "quote-after") {
        this.cuesAfterQuotes.add(found.cueAt);
        this.framedAfter.push({ at: this.T[found.cueAt]!.start, m: found.m });
      }
      for (const piece of splitSentences(text, q.innerStart, q.innerEnd)) {
        const clauseStart = found.clauseStart !== undefined && piece.start === q.innerStart ? { clauseStart: found.clauseStart } : {};
        this.push({ start: piece.start, end: piece.end, cue: found.cue, direct: true, speaker: found.m, sieve: found.sieve ?? "quote", ...clauseStart });
      }
    }
  }

  orphanFrame(q: Quote, prevQuote: Quote | undefined): Frame | undefined {
    const { doc, T } = this;
    const seg = doc.segments[q.paragraph];
    const prevSeg = doc.segments[q.paragraph - 1];
    if (!seg || seg.start !== q.open || !prevSeg || prevSeg.kind !== "PARAGRAPH") return undefined;
    if (prevQuote && prevQuote.close > prevSeg.start) return undefined;
    const s = this.sentenceAt(prevSeg.end);
    if (!s) return undefined;
    const lo = tokenAt(T, s.start);
    const hi = tokenAt(T, s.end);
    for (let c = lo; c < hi; c++) {
      const cue = this.cueAt(c);
      if (!cue || cue.form === "ing" || cue.form === "base") continue;
      const m = this.subjectOf(c, lo);
      if (m && m.kind === "PERSON" && !m.anaphoric) return { m, cue: T[c]!.lower, sieve: "quote-orphan" };
      return undefined;
    }
    return undefined;
  }

  /** “…,” X said · “…,” said X, a spokesman for Y · “…” X wrote on X. */
  frameAfter(q: Quote, sentence: Sentence | undefined): Frame | undefined {
    const { T } = this;
    let i = tokenAt(T, q.close);
    let hi = Math.min(T.length, sentence ? tokenAt(T, sentence.end) : i + 30, i + 30);
    // “… can be.” Lorne told a magazine. — a quotation closed by its own full stop, its frame a short sentence of its own
    if (sentence && i >= hi && /[.!?]$/.test(this.text.slice(q.innerStart, q.close - 1).trimEnd())) {
      const next = this.doc.sentences[firstNotBefore(this.doc.sentences, (x) => x.start < q.close)];
      const nhi = next && next.paragraph === sentence.paragraph ? tokenAt(T, next.end) : i;
      if (next && nhi - i <= 8 && nhi > i) {
        const f = this.npRightUntilCue(i, nhi);
        if (f && this.onlyTailAfter(this.skipRight(f.cue + 1, nhi, CUE_FORMS.get(T[f.cue]!.lower)!), nhi)) hi = nhi;
      }
    }
    if (T[i]?.text === ",") i++;
    if (i >= hi || T[i]!.quoted) return undefined;
    // “…,” according to X
    if (T[i]?.lower === "according" && T[i + 1]?.lower === "to") {
      const np = this.npRight(i + 2, hi);
      const m = np && this.mention(np);
      if (m) return { m, cue: "according to", sieve: "quote-after", cueAt: i };
    }
    // said X
    const c0 = this.cueAt(i);
    if (c0) {
      const np = this.npRight(i + 1 + (c0.particle ? 1 : 0), hi);
      const m = np && this.mention(np);
      if (m) return { m, cue: T[i]!.lower, sieve: "quote-after", cueAt: i };
    }
    // X said
    const np = this.npRightUntilCue(i, hi);
    if (np) {
      const m = this.mention(np.np);
      if (m) return { m, cue: T[np.cue]!.lower, sieve: "quote-after", cueAt: np.cue };
    }
    return undefined;
  }

  /** A noun phrase from `i` followed (after adverbs and time words) by a cue. */
  npRightUntilCue(i: number, hi: number): { np: NP; cue: number } | undefined {
    let b = i;
    while (b < hi && this.npTok(b, b === i) && !(b > i && this.cueAt(b))) b++;
    // "X, a spokesman for Y, said"
    let np: NP | undefined = b > i ? { a: i, b } : undefined;
    let k = b;
    if (np && T_is(this.T[k], ",")) {
      let e = k + 1;
      if (this.T[e] && /^(who|which)$/.test(this.T[e]!.lower)) {
        while (e < hi && this.T[e]!.text !== ",") e++;
        k = e + 1;
      } else {
        while (e < hi && this.npTok(e, false)) e++;
        if (T_is(this.T[e], ",")) {
          np.appositive = { a: k + 1, b: e };
          k = e + 1;
        }
      }
    }
    while (k < hi && (this.T[k]!.pos === "ADV" || this.T[k]!.pos === "AUX" || isTime(this.T[k]!))) k++;
    if (!np || !this.cueAt(k)) return undefined;
    np = this.validNP(np);
    return np ? { np, cue: k } : undefined;
  }

  /** X said: “…” · X added, “…” · In a statement, X said “…” */
  frameBefore(q: Quote, sentence: Sentence | undefined): Frame | undefined {
    if (!sentence) return undefined;
    const { T, text } = this;
    const lo = tokenAt(T, sentence.start);
    const before = text.slice(sentence.start, q.open);
    // "… in response to what it called X’s “…”": the pronoun's referent characterises, in its own words; the claim is
    // about X.
    const called = /\bwhat\s+(it|he|she|they)\s+(called|described\s+as|termed|labelled|labeled)\s+((?:the\s+)?\p{Lu}[\p{L}’'.-]*?(?:’s|'s)\s+)?$/iu.exec(before);
    if (called) {
      const at = sentence.start + called.index + called[0].indexOf(called[1]!, 4);
      const m = describeSpeaker(called[1]!, at, this.doc);
      return { m, cue: called[2]!.split(/\s+/)[0]!, sieve: "what-it-called", ...(called[3] ? { clauseStart: sentence.start + called.index + called[0].lastIndexOf(called[3]) } : {}) };
    }
    // "X summoned the envoy to protest against the “…”": the sentence's subject protests in those words.
    if (/\b(?:to\s+protest(?:\s+against)?|protesting(?:\s+against)?|condemning|denouncing|to\s+condemn|to\s+denounce)\s+(?:the\s+|what\s+it\s+called\s+(?:the\s+)?)?$/iu.test(before)) {
      const m = this.sentenceSubject(lo, tokenAt(T, q.open));
      if (m) return { m, cue: "protested", sieve: "protest" };
    }
    // "… to, as Brandt put it, “…”": the one the aside names says the words.
    const asPut = /\bas\s+((?:\p{Lu}[\p{L}’'.-]*\s+){0,3}\p{Lu}[\p{L}’'.-]*|he|she|they|it)\s+(?:put\s+it|puts\s+it|phrased\s+it|said|says|described\s+it|wrote)\s*,?\s*$/u.exec(before);
    if (asPut) {
      const m = describeSpeaker(asPut[1]!, sentence.start + asPut.index + asPut[0].indexOf(asPut[1]!, 2), this.doc);
      if (m.name) return { m, cue: "said", sieve: "as-put-it" };
    }
    let j = tokenAt(T, q.open) - 1;
    if (j < lo) return undefined;
    if (/^[,:—–-]$/.test(T[j]!.text)) j--;
    if (T[j]?.lower === "that") j--;
    // skip "in a statement", "on Twitter", "to reporters" between the cue and the quote
    let c = j;
    for (let guard = 0; guard < 6 && c >= lo && !this.cueAt(c); guard++) c--;
    if (c < lo || !this.cueAt(c)) return undefined;
    const between = T.slice(c + 1, j + 1);
    if (between.some((t) => t.pos === "VERB" || t.quoted)) return undefined;
    const sub = this.subjectOf(c, lo);
    if (sub) return { m: sub, cue: T[c]!.lower, sieve: "quote-before", cueAt: c };
    // "X criticised the reports and said: “…”": the cue shares the subject of the clause before it.
    const and = this.skipLeft(c - 1, lo);
    if (and > lo && /^(and|but)$/.test(T[and]!.lower) && !T.slice(and + 1, c).some((x) => /^(is|are|was|were|be|been)$/.test(x.lower))) {
      const m = this.clauseSubject(lo, and);
      if (m) return { m, cue: T[c]!.lower, sieve: "quote-coordinated", cueAt: c };
    }
    return undefined;
  }

  /** "X interrupted him, giving a lower number: “…”": a colon hands the quotation to the sentence's subject. */
  colonFrame(q: Quote, sentence: Sentence | undefined): Frame | undefined {
    if (!sentence || !/:\s*$/.test(this.text.slice(Math.max(sentence.start, q.open - 3), q.open))) return undefined;
    const lo = tokenAt(this.T, sentence.start);
    const m = this.sentenceSubject(lo, tokenAt(this.T, q.open));
    return m && (m.kind === "PERSON" || m.kind === "ORGANIZATION" || m.kind === "GOVERNMENT" || m.anaphoric) ? { m, cue: ":", sieve: "quote-colon" } : undefined;
  }

  /** The source of the cue at `c`: the noun phrase before it (with an appositive), or after it when inverted. */
  subjectOf(c: number, lo: number): SpeakerMention | undefined {
    const { T } = this;
    // A passive ("the figures were reported", "it has been denied") names what was said, not who said it.
    for (let k = c - 1; k >= lo && k >= c - 3 && !/ing$/.test(T[c]!.lower); k--) {
      if (/^(is|are|was|were|be|been|being|'s|’s|get|got|gets)$/.test(T[k]!.lower) && (T[k]!.pos === "AUX" || T[k]!.pos === "VERB" || T[k]!.pos === "PART")) return undefined;
      if (T[k]!.pos !== "ADV" && T[k]!.pos !== "PART") break;
    }
    // "X were among the news agencies to report that …", "X was the first to say …": the copula's subject.
    if (T[c - 1]?.lower === "to" && T[c - 1]!.pos === "PART") {
      let k = c - 2;
      while (k > lo && (this.npTok(k, false) || /^(among|first|last|only)$/.test(T[k]!.lower)) && !/^(is|are|was|were)$/.test(T[k]!.lower)) k--;
      if (/^(is|are|was|were|been)$/.test(T[k]?.lower ?? "") && k < c - 2) {
        const np = this.npLeft(k - 1, lo);
        if (np && this.atClauseStart(np.a, lo)) return this.mention(np);
      }
      return undefined;
    }
    let j = this.skipLeft(c - 1, lo);
    if (j < lo) return undefined;
    // "…, a Chinese inquiry, which said …": the relative pronoun stands for the phrase before it.
    if (/^(who|which)$/.test(T[j]!.lower) && T_is(T[j - 1], ",")) {
      const np = this.npLeft(j - 2, lo);
      if (!np) return undefined;
      // the nearest noun: "the findings of an inquiry, which said" → the inquiry
      for (let k = np.b - 1; k > np.a; k--) if (T[k]!.lower === "of") return this.mention({ a: k + 1, b: np.b });
      return this.mention(np);
    }
    // Asides between a subject and its verb, one or several: "X, who spoke on condition of anonymity, said",
    // "X, in a statement, said", "X, a grouping of groups, including some Y, said", "X, a spokesman for Y, said".
    if (T_is(T[j], ",")) {
      const commas: number[] = [j];
      for (let k = j - 1; k >= lo && commas.length < 5 && !T[k]!.quoted; k--) if (T_is(T[k], ",")) commas.push(k);
      // the subject is the phrase before the leftmost comma whose asides all read as asides
      for (let n = commas.length - 1; n >= 1; n--) {
        const segs = commas.slice(0, n + 1).reverse(); // left to right: [c_n, …, c_0 = j]
        const np = this.npLeft(segs[0]! - 1, lo);
        if (!np || !this.atClauseStart(np.a, lo)) continue;
        let appositive: { a: number; b: number } | undefined;
        let ok = true;
        let named: SpeakerMention | undefined;
        for (let x = 0; x + 1 < segs.length; x++) {
          const a = segs[x]! + 1;
          const b = segs[x + 1]!;
          const first = T[a];
          if (!first || a >= b) { ok = false; break; }
          if (first.lower === "including") {
            const inc = this.npRight(a + 1, b);
            const m = inc && this.mention(inc);
            // "a pair of outlets, including the Calder Times, reported": the one named speaks
            if (m && !m.anaphoric && T[a + 1]!.cap || (m && T[a + 1]?.pos === "DET" && T[a + 2]?.cap)) named ??= m ?? undefined;
            continue;
          }
          if (/^(who|which)$/.test(first.lower)) {
            const self = /^which\s+(?:refers\s+to\s+itself\s+as|calls\s+itself|is\s+known\s+as|goes\s+by(?:\s+the\s+name)?)\s+(.+)$/iu.exec(this.text.slice(first.start, T[b - 1]!.end));
            if (self) return describeSpeaker(self[1]!, first.start + self[0].lastIndexOf(self[1]!), this.doc);
            continue;
          }
          // (a participle clause: "X, speaking on Sunday, said", "The report, issued Saturday by Y, said")
          if (first.pos === "ADP" || first.pos === "SCONJ" || (first.pos === "VERB" && /(ing|ed)$/.test(first.lower)) || isTime(first)) continue;
          // (an age: "Natarajan, 52, said")
          if (first.pos === "NUM" && b === a + 1 && /^\d{1,3}$/.test(first.text)) continue;
          const app = this.npLeft(b - 1, a);
          if (app && app.a === a) {
            appositive ??= { a: app.a, b: app.b };
            continue;
          }
          ok = false;
          break;
        }
        if (!ok) continue;
        if (named) return named;
        if (appositive) np.appositive = appositive;
        return this.mention(np);
      }
      return undefined;
    }
    let np = this.npLeft(j, lo);
    // "A spokesperson who asked not to be named said …": the phrase before the relative clause.
    if (!np || !this.atClauseStart(np.a, lo)) {
      for (let k = j; k > lo && k > c - 14; k--) {
        if (T_is(T[k], ",") || T[k]!.quoted) break;
        if (/^(who|that)$/.test(T[k]!.lower) && (T[k]!.pos === "PRON" || T[k]!.pos === "SCONJ" || T[k]!.pos === "DET")) {
          const head = this.npLeft(k - 1, lo);
          if (head && this.atClauseStart(head.a, lo)) np = head;
          break;
        }
      }
    }
    if (!np) return undefined;
    // "Video footage published by pro-government websites showed …": the publishers speak, not the footage.
    if (T[np.a - 1]?.lower === "by" && PUBLISHED.has(T[np.a - 2]?.lower ?? "")) {
      const artifact = this.npLeft(np.a - 3, lo);
      if (artifact && this.atClauseStart(artifact.a, lo) && this.T.slice(artifact.a, artifact.b).some((t) => DOCUMENT_NOUNS.has(t.lower) || /^(videos?|images?|photos?|pictures?)$/.test(t.lower))) return this.mention(np);
    }
    // "An independent group cited by the Coastal Ledger put the turnout at …": the one cited speaks, and the relay names it.
    if (T[np.a - 1]?.lower === "by" && RELAYED_BY.has(T[np.a - 2]?.lower ?? "")) {
      const cited = this.npLeft(np.a - 3, lo);
      if (cited && this.atClauseStart(cited.a, lo)) {
        const m = this.mention({ a: cited.a, b: np.b });
        if (m) return m;
      }
    }
    if (!this.atClauseStart(np.a, lo)) return undefined;
    return this.mention(np);
  }

  /** "gave similar details to …", "provided the same account": someone spoke without the text saying what. */
  gaveDetails(c: number, hi: number): boolean {
    const t = this.T[c]!;
    if (t.quoted || !GAVE_VERBS.has(t.lower)) return false;
    const rest = this.T.slice(c + 1, Math.min(hi, c + 5)).map((x) => x.lower).join(" ");
    return /^(?:a\s+|the\s+)?(?:similar|same|matching|consistent)\s+(?:details|accounts?|versions?|descriptions?|information)\b/.test(rest);
  }

  /** A subject starts its clause: at the sentence start, or after a comma, a conjunction, "that" or an adverb — not
   * after a verb or preposition, where the phrase is an object ("questioned the figures and said …"). */
  atClauseStart(a: number, lo: number): boolean {
    if (a <= lo) return true;
    const p = this.T[a - 1]!;
    if (p.quoted || /^(?:[,;:—–(“"”]|-{1,2})$/.test(p.text) || isTime(p)) return true;
    return /^(CCONJ|SCONJ|ADV)$/.test(p.pos) || /^(that|after|when|since|before|while|until|because|once|if|as|though|although)$/.test(p.lower) || (p.pos === "PRON" && /^(who|which)$/.test(p.lower));
  }

  // ---- sieve 2: reported speech, sentence by sentence ----
  reported() {
    const { doc, T } = this;
    for (const s of doc.sentences) {
      if (s.kind === "CAPTION") continue;
      const lo = tokenAt(T, s.start);
      const hi = tokenAt(T, s.end);
      if (hi <= lo) continue;
      const near = this.quotedIn(s.start, s.end);
      const inQuote = near.some((q) => q.innerStart <= s.start + 1 && q.innerEnd >= s.end - 3);
      if (inQuote) continue;
      const found: Attribution[] = [];
      // A headline "…: Source" names its source after a colon.
      if (s.kind === "HEADLINE") this.headline(s, lo, hi, found);
      // "X said …" first: in "X said …, according to Reuters" X speaks and the outlet relays.
      if (!found.length) this.cuesIn(s, lo, hi, found);
      if (!found.length) this.according(s, lo, hi, found);
      // "According to the report, one pilot asked …, and the other responded that he had not": the sentence opens with
      // its source, and a speaker of its own after a clause break has the rest.
      else if (T[lo]?.lower === "according" || (T[lo]?.pos === "CCONJ" && T[lo + 1]?.lower === "according")) {
        const opening: Attribution[] = [];
        this.according(s, lo, hi, opening);
        const a = opening[0];
        const next = a && found.filter((f) => f.start > a.start).sort((x, y) => x.start - y.start)[0];
        if (a && next) {
          // (At the last clause break before the new speaker's words: ", and", ", but", ";".)
          let cut = tokenAt(T, next.start);
          while (cut > lo && T[cut - 1]!.start > a.start && !T_is(T[cut - 1], ";") && !(T[cut - 1]!.pos === "CCONJ" && T_is(T[cut - 2], ","))) cut--;
          while (cut > lo && (T[cut - 1]!.pos === "CCONJ" || T_is(T[cut - 1], ",") || T_is(T[cut - 1], ";"))) cut--;
          if (T[cut]!.start > a.start && words(this.text.slice(a.start, T[cut]!.start)) >= 3) found.unshift({ ...a, end: T[cut]!.start });
        }
      }
      for (const a of found) {
        // A quotation already attributed and covering most of the span wins.
        if (this.quotedIn(a.start, a.end).some((q) => Math.min(q.innerEnd, a.end) - Math.max(q.innerStart, a.start) > 0.8 * (a.end - a.start))) continue;
        // So do quotations whose own frame lies inside it ("“A. B,” the actor said, according to the Sun": the actor
        // speaks, the paper relays); a quotation nested in reported content does not ("X said the video shows “…”").
        if (this.framesInside(a.start, a.end)) continue;
        if (this.asides.some((q) => q.open < a.end && q.close > a.start)) continue;
        // A bare prepositional phrase is no content ("wrote to the league", "did not respond to a request for comment").
        if (a.sieve === "reported" && this.barePhrase(a.start, a.end)) continue;
        this.push(a);
      }
    }
  }

  /** [start, end) opens with a preposition and holds no verb. */
  barePhrase(start: number, end: number): boolean {
    const a = tokenAt(this.T, start);
    if (this.T[a]?.pos !== "ADP" || this.T[a]!.quoted) return false;
    for (let i = a; i < this.T.length && this.T[i]!.start < end; i++) {
      const t = this.T[i]!;
      // (a "verb" right after a preposition is a noun: "a request for comment")
      const afterPrep = /^(ADP|SCONJ)$/.test(this.T[i - 1]!.pos) && this.T[i - 1]!.lower !== "to" && this.T[i - 1]!.lower !== "that";
      if (((t.pos === "VERB" || t.pos === "AUX") && !afterPrep) || t.quoted) return false;
    }
    return true;
  }

  /** Does [start, end) hold a cue that already framed the quotation before it? */
  framesInside(start: number, end: number): boolean {
    for (let i = tokenAt(this.T, start); i < this.T.length && this.T[i]!.start < end; i++) if (this.cuesAfterQuotes.has(i)) return true;
    return false;
  }

  /** according to X, … · …, according to X */
  according(s: Sentence, lo: number, hi: number, found: Attribution[]) {
    const { T } = this;
    for (let i = lo; i < hi - 2; i++) {
      if (T[i]!.lower !== "according" || T[i + 1]!.lower !== "to" || T[i]!.quoted) continue;
      const np = this.npRight(i + 2, hi);
      const m = np && this.mention(np);
      if (!np || !m) continue;
      const npEnd = T[(np.appositive?.b ?? np.b) - 1]!.end;
      if (i === lo || (i === lo + 1 && T[lo]!.pos === "CCONJ")) found.push({ start: npEnd, end: s.end, cue: "according to", direct: false, speaker: m, sieve: "according-to" });
      else found.push({ start: s.start, end: T[i]!.start, cue: "according to", direct: false, speaker: m, sieve: "according-to" });
      break;
    }
  }

  cuesIn(s: Sentence, lo: number, hi: number, found: Attribution[]) {
    const { T, text } = this;
    for (let c = lo; c < hi; c++) {
      if (this.usedCues.has(c)) continue;
      const given = this.gaveDetails(c, hi);
      if (given) {
        const subj = this.subjectWithSpan(c, lo);
        if (subj) found.push({ start: s.start, end: s.end, clauseStart: s.start, cue: "gave details", direct: false, speaker: subj.m, sieve: "gave-details" });
        continue;
      }
      // "… a statement quoting the president as saying …", "X was quoted as saying …"
      if (QUOTING_WORDS.has(T[c]!.lower) && !T[c]!.quoted) {
        const np = this.npRight(c + 1, hi);
        const end = np ? np.appositive?.b ?? np.b : c + 1;
        if (np && T[end]?.lower === "as" && /^(saying|telling|stating)$/.test(T[end + 1]?.lower ?? "")) {
          const m = this.mention(np);
          const k = this.skipRight(end + 2, hi, CUE_FORMS.get("saying")!);
          if (m && k < hi) {
            found.push({ start: T[k]!.start, end: s.end, cue: "quoted as saying", direct: false, speaker: m, sieve: "quoted-as-saying" });
            break;
          }
        }
      }
      // A claim noun with its source: "… sparked speculation by several experts that …", "claims from the union that …"
      if (CLAIM_NOUNS.has(T[c]!.lower) && !T[c]!.quoted && /^(by|from)$/.test(T[c + 1]?.lower ?? "")) {
        const np = this.npRight(c + 2, hi);
        const end = np ? (np.appositive?.b ?? np.b) : c + 2;
        const m = np && this.mention(np);
        if (m && !m.anaphoric && T[end]?.lower === "that" && end + 1 < hi && words(text.slice(T[end + 1]!.start, s.end)) >= 4) {
          found.push({ start: T[end + 1]!.start, end: s.end, cue: T[c]!.lower, direct: false, speaker: m, sieve: "claim-noun" });
          c = end;
          continue;
        }
      }
      // A noun cue: "X published a similar report that …", "X issued a statement saying …"
      if (DOCUMENT_NOUNS.has(T[c]!.lower) && !T[c]!.quoted && (T[c + 1]?.lower === "that" || /^(saying|claiming|stating|alleging)$/.test(T[c + 1]?.lower ?? ""))) {
        let v = c - 1;
        while (v > lo && /^(DET|ADJ|NOUN|PROPN|NUM|PART)$/.test(T[v]!.pos) && c - v < 6) v--;
        if (T[v] && (T[v]!.pos === "VERB" || PUBLISHED.has(T[v]!.lower)) && /^(published|issued|released|ran|filed|posted|wrote|put|carried|aired|broadcast|sent|made|publishes|issues|releases|runs|posts)$/.test(T[v]!.lower)) {
          const subj = this.subjectWithSpan(v, lo);
          const k = c + 2;
          if (subj && k < hi && words(text.slice(T[k]!.start, s.end)) >= 3) {
            // the verb itself may have been read as a cue ("published a report that …"): the noun's content wins
            for (let x = found.length - 1; x >= 0; x--) if (found[x]!.start > T[v]!.start && found[x]!.start <= T[c]!.end) found.splice(x, 1);
            found.push({ start: T[k]!.start, end: s.end, cue: T[c]!.lower, direct: false, speaker: subj.m, sieve: "noun-cue" });
            c = hi;
            continue;
          }
        }
      }
      // An estimate: "the union put the turnout at 90,000", "It puts that rate at 5,000 barrels a day".
      if (PUT_AT_VERBS.has(T[c]!.lower) && !T[c]!.quoted && T[c]!.pos === "VERB") {
        let at = c + 1;
        while (at < hi && at - c < 8 && T[at]!.lower !== "at" && !/^[,.;:]$/.test(T[at]!.text) && !T[at]!.quoted) at++;
        // (Up to two bound words before the figure: "at about 300", "at just over 40,000", "at least 12".)
        let fig = -1;
        if (T[at]?.lower === "at") for (let b = at + 1; b <= at + 3 && b < hi; b++) {
          if (T[b]!.pos === "NUM" || (b > at + 1 && /^(least|than)$/.test(T[b]!.lower))) { fig = b; break; }
          if (!BOUND_WORD.test(T[b]!.lower)) break;
        }
        const subj = at > c + 1 && fig > 0 && (T[fig]?.pos === "NUM" || /^(least|than)$/.test(T[fig]?.lower ?? "")) ? this.subjectWithSpan(c, lo) : undefined;
        if (subj) {
          found.push({ start: T[subj.a]!.start, end: s.end, clauseStart: T[c + 1]!.start, cue: "estimated", direct: false, speaker: subj.m, sieve: "put-at" });
          c = at;
          continue;
        }
      }
      // A figure given anew: "the ministry raised the death toll to 1,200", "police revised the number of injured to
      // 45", also inside a clause ("A day after the minister raised the toll to 1,200, her office …"): the subject
      // states the new figure. The object must be a figure's noun ("raised prices to $5" is a deed, not a statement).
      if (REVISE_TO_VERBS.has(T[c]!.lower) && !T[c]!.quoted && T[c]!.pos === "VERB") {
        let to = c + 1;
        let figureNoun = false;
        let numberOf = false;
        while (to < hi && to - c < 9 && T[to]!.lower !== "to" && !/^[,.;:]$/.test(T[to]!.text) && !T[to]!.quoted) {
          const w = T[to++]!.lower;
          if (FIGURE_NOUNS.has(w)) figureNoun = true;
          if (w === "number" || w === "numbers" || w === "total") numberOf = true;
          else if (numberOf && HARMED_NOUNS.has(w)) figureNoun = true;
        }
        const fig = T[to]?.lower === "to" ? (T[to + 1]?.pos === "NUM" ? to + 1 : /^(about|around|nearly|almost|roughly|some|over|between)$/.test(T[to + 1]?.lower ?? "") && T[to + 2]?.pos === "NUM" ? to + 2 : -1) : -1;
        const subj = figureNoun && fig > 0 ? this.subjectWithSpan(c, lo) : undefined;
        if (subj) {
          // The clause ends at its figure's phrase: the next comma, semicolon or the sentence's end.
          let e = fig;
          while (e + 1 < hi && !/^[,;:]$/.test(T[e + 1]!.text)) e++;
          const end = Math.min(s.end, T[e]!.end);
          found.push({ start: T[subj.a]!.start, end, clauseStart: T[c + 1]!.start, cue: "estimated", direct: false, speaker: subj.m, sieve: "revised-to" });
          c = fig;
          continue;
        }
      }
      // A belief after a copula: "officials are worried that …", "the minister was confident that …".
      if (STANCE_ADJECTIVES.has(T[c]!.lower) && !T[c]!.quoted && T[c + 1]?.lower === "that") {
        let v = c - 1;
        while (v > lo && (T[v]!.pos === "ADV" || /^(not|n't|n’t)$/.test(T[v]!.lower))) v--;
        const subj = /^(is|are|was|were|remains?|remained|seemed|seems|appeared|appears)$/.test(T[v]?.lower ?? "") ? this.subjectWithSpan(v, lo) : undefined;
        if (subj && c + 2 < hi && words(text.slice(T[c + 2]!.start, s.end)) >= 4) {
          found.push({ start: T[c + 2]!.start, end: s.end, cue: T[c]!.lower, direct: false, speaker: subj.m, sieve: "stance" });
          c += 1;
          continue;
        }
      }
      // A stance voiced after a clause: "…, expressing concern that the wards were full" (the clause's speaker).
      if ((T[c]!.lower === "expressing" || T[c]!.lower === "voicing") && T_is(T[c - 1], ",") && STANCE_NOUNS.has(T[c + 1]?.lower ?? "") && T[c + 2]?.lower === "that" && !T[c]!.quoted) {
        const prev = found.at(-1);
        const speaker = prev?.speaker ?? this.sentenceSubject(lo, c) ?? this.framedBefore(s.start, T[c]!.start);
        if (speaker && c + 3 < hi && words(text.slice(T[c + 3]!.start, s.end)) >= 4) {
          if (prev) prev.end = Math.min(prev.end, T[c - 1]!.start);
          found.push({ start: T[c + 3]!.start, end: s.end, cue: T[c]!.lower, direct: false, speaker, sieve: "participle" });
          c += 2;
          continue;
        }
      }
      const cue = this.cueAt(c);
      if (!cue) continue;
      const t = T[c]!;
      const prev = found.at(-1);
      // "…, saying that …", "…, adding …": the source of the clause before. After a form of "be" (adverbs between)
      // the participle is a progressive verb with its own subject: "the league is strongly rejecting claims that …".
      let beforeIng = c - 1;
      while (beforeIng > lo && T[beforeIng]!.pos === "ADV" && !T[beforeIng]!.quoted) beforeIng--;
      if (cue.form === "ing" && !/^(is|are|was|were|been|be|am)$/.test(T[beforeIng]?.lower ?? "")) {
        // "…, with the founder admitting that …": the noun phrase after "with" speaks.
        const withAbs = this.withParticiple(c, lo, hi, cue);
        if (withAbs) {
          if (prev) prev.end = Math.min(prev.end, withAbs.cut);
          found.push({ start: withAbs.start, end: s.end, cue: cue.lemma, direct: false, speaker: withAbs.m, sieve: "with-participle" });
          continue;
        }
        if (T_is(T[c - 1], ",")) {
          // "X put the numbers lower, saying that …": the sentence's subject, when it opens the sentence.
          // "… declined to comment on a commission spokesperson's statement made on Friday, saying …": the statement's
          // author says it.
          // "“…,” X said, adding that …": the quotation's speaker goes on.
          const speaker = this.possessorOfStatement(c - 1, lo) ?? prev?.speaker ?? this.sentenceSubject(lo, c) ?? this.framedBefore(s.start, T[c]!.start);
          const k = this.skipRight(c + 1, hi, cue);
          if (speaker && k < hi && words(text.slice(T[k]!.start, s.end)) >= 3) {
            if (prev) prev.end = Math.min(prev.end, T[c - 1]!.start);
            const deny = cue.cls === "DENY";
            found.push({ start: deny ? T[c]!.start : T[k]!.start, end: s.end, ...(deny ? { clauseStart: T[k]!.start } : {}), cue: cue.lemma, direct: false, speaker, sieve: "participle" });
          }
        } else if (cue.cls !== "DENY" && GROUP_NOUNS.has(T[c - 1]?.lower ?? "") && /s$/.test(T[c - 1]!.lower)) {
          // "… referring to a number of experts suggesting that …": the people the participle describes speak.
          // (the group itself, not the quantity of it: "a number of experts" → experts)
          let a = c - 1;
          while (a - 1 >= lo && /^(ADJ|NOUN|PROPN)$/.test(T[a - 1]!.pos) && !T[a - 1]!.quoted) a--;
          const np = this.validNP({ a, b: c });
          const m = np && this.mention(np);
          const k = this.skipRight(c + 1, hi, cue);
          if (m && !m.anaphoric && k < hi && T.slice(k, hi).some((x) => x.pos === "VERB" || x.pos === "AUX") && words(text.slice(T[k]!.start, s.end)) >= 4) {
            if (prev) prev.end = Math.min(prev.end, m.start);
            found.push({ start: T[k]!.start, end: s.end, cue: cue.lemma, direct: false, speaker: m, sieve: "participle-of" });
          }
        }
        continue;
      }
      // Passive: "…, an assertion denied by X" (the claim before it) · "the report was denied by X" (the sentence).
      if (T[c + 1]?.lower === "by" && !MEANS_OF_SAYING.has(T[c + 2]?.lower ?? "") && !/^(phone|telephone|text|mail|e-mail|email|letter|fax|video)$/.test(T[c + 2]?.lower ?? "")) {
        const claimNoun = /^(assertion|claim|claims|account|report|reports|allegation|allegations|statement|version|description|figure|figures|estimate)$/.test(T[c - 1]?.lower ?? "");
        const passiveBe = /^(is|are|was|were|been|be|being)$/.test(T[c - 1]?.lower ?? "") || (T[c - 1]?.pos === "ADV" && /^(is|are|was|were|been)$/.test(T[c - 2]?.lower ?? ""));
        // (the agent is described only when the frame can use it)
        const np = (claimNoun && prev) || passiveBe ? this.npRight(c + 2, hi) : undefined;
        const m = np && this.mention(np);
        if (m && np) {
          if (claimNoun && prev) {
            let cut = c - 1;
            while (cut > lo && (T[cut - 1]!.pos === "DET" || T_is(T[cut - 1], ","))) cut--;
            prev.end = Math.min(prev.end, T[cut]!.start);
            // The span is the passive frame itself ("an assertion denied by X"); what X asserted or denied is the
            // claim before it, carried as the statement's content.
            const b = np.appositive?.b ?? np.b;
            found.push({ start: T[cut]!.start, end: T[b - 1]!.end, cue: t.lower, direct: false, speaker: m, sieve: "passive", content: { start: prev.clauseStart ?? prev.start, end: prev.end } });
            continue;
          }
          if (passiveBe) {
            // "The budget is late, but its deficit has been disputed by X": the clause after the conjunction.
            let from = lo;
            for (let j = c - 1; j > lo + 1; j--) if (T[j]!.pos === "CCONJ" && T_is(T[j - 1], ",") && !T[j]!.quoted) { from = j + 1; break; }
            found.push({ start: T[from]!.start, end: s.end, clauseStart: T[from]!.start, cue: t.lower, direct: false, speaker: m, sieve: "passive" });
            continue;
          }
        }
        // a participle modifying a noun ("footage published by …") is not a cue
        if (T[c - 1]?.pos === "NOUN" || T[c - 1]?.pos === "PROPN") continue;
      }
      // Inverted at the end: "…, said X." (and "…,” said X" handled with quotations)
      if (T_is(T[c - 1], ",") && INVERTING.has(cue.lemma) && cue.form !== "ing") {
        const np = this.npRight(c + 1, hi);
        const end = np ? (np.appositive?.b ?? np.b) : c + 1;
        const m = np && c - 1 > lo && this.onlyTailAfter(end, hi) ? this.mention(np) : undefined;
        if (m) {
          found.push({ start: s.start, end: T[c - 1]!.start, cue: t.lower, direct: false, speaker: m, sieve: "trailing-inverted" });
          continue;
        }
      }
      // "did not say whether …", "asked if …": an open question is nobody's assertion.
      if (/^(whether|if)$/.test(T[this.skipRight(c + 1, hi, cue)]?.lower ?? "")) continue;
      const subj = this.subjectWithSpan(c, lo);
      if (!subj) {
        this.coordinated(s, c, lo, hi, cue, found);
        continue;
      }
      const k = this.skipRight(c + 1, hi, cue);
      // "counted 9,000 marchers" is a count; "counted on the vote" is not
      if (FIGURE_CUES.has(cue.lemma) && !(T[k]?.pos === "NUM" || (/^(about|around|nearly|almost|roughly|some|over|more)$/.test(T[k]?.lower ?? "") && T[k + 1]?.pos === "NUM"))) continue;
      const content = k < hi ? { start: T[k]!.start, end: s.end } : undefined;
      const contentWords = content ? words(text.slice(content.start, content.end)) : 0;
      const hasVerb = content && T.slice(k, hi).some((x) => x.pos === "VERB" || x.pos === "AUX");
      // Trailing: "…, the official said." — the content is before the source.
      if (subj.a > lo + 1 && T_is(T[subj.a - 1], ",") && (!content || this.onlyTailAfter(k, hi)) && words(text.slice(s.start, T[subj.a - 1]!.start)) >= 3) {
        // A frame at the sentence's end is the outermost source: what it closes over is its content, whatever cues
        // that content holds ("Acme found that …, a spokesman said").
        // But an outlet that relays someone's words ("X acknowledged that …, the Times said") only relays them: the
        // inner source keeps its words, with the outlet as the relay.
        const inner = found.filter((x) => x.start >= s.start && x.start < T[subj.a - 1]!.start);
        if (inner.length && subj.m.kind === "OUTLET") {
          for (const x of inner) {
            x.via = subj.m.name;
            x.end = Math.min(x.end, T[subj.a - 1]!.start);
          }
          continue;
        }
        for (let x = found.length - 1; x >= 0; x--) if (found[x]!.start >= s.start && found[x]!.start < T[subj.a - 1]!.start) found.splice(x, 1);
        found.push({ start: s.start, end: T[subj.a - 1]!.start, cue: t.lower, direct: false, speaker: subj.m, sieve: "trailing" });
        continue;
      }
      if (!content) continue;
      // Inside the content of an earlier cue, a new source starts a new attribution only after a clause break
      // ("X said …, but Y denied …"); otherwise it is nested speech and stays in the earlier content ("X said they
      // found …").
      const inPrev = !!prev && prev.end > T[subj.a]!.start && T[subj.a]!.start >= prev.start;
      // Speech inside a time clause ("… one day after the ministry admitted to …") is its own statement; the outer
      // one keeps it as its context.
      // (So is a relative clause's: "… prompting one pilot to question the other, who denied having done it".)
      const rel = this.skipLeft(c - 1, lo);
      const relative = T[rel]?.lower === "who" && T_is(T[rel - 1], ",") && rel - 1 > lo;
      const subordinate = (/^(after|when|since|before|while|until|because|once)$/.test(T[subj.a - 1]?.lower ?? "") && subj.a - 1 > lo) || relative;
      if (inPrev && !subordinate && !/^(CCONJ)$/.test(T[subj.a - 1]?.pos ?? "") && !T_is(T[subj.a - 1], ";") && !(T_is(T[subj.a - 1], ",") && T[subj.a - 2]?.pos !== "VERB")) continue;
      const cutPrev = () => {
        if (!inPrev || !prev || subordinate) return;
        let cut = subj.a;
        while (cut > lo && (T[cut - 1]!.pos === "CCONJ" || T_is(T[cut - 1], ",") || T_is(T[cut - 1], ";") || T[cut - 1]!.pos === "ADV")) cut--;
        prev.end = T[cut]!.start;
      };
      let cls = cue.cls;
      let end = content.end;
      // "…, according to X" / "…, citing X" at the end
      const tail = /,\s*(?:according\s+to|citing)\s+[^,]+[.]?\s*$/u.exec(text.slice(content.start, content.end));
      if (tail) end = content.start + tail.index;
      const objectWords = text.slice(content.start, end);
      // "called the report false", "dismissed the claims as baseless": the verb and its complement deny.
      if ((cue.lemma === "call" || cue.lemma === "describe" || cue.lemma === "dismiss" || cue.cls === "ASSERT") && hasDenial(objectWords) && !hasVerb) cls = "DENY";
      // "called it one-sided", "labelled the figures premature": a short object and the adjective that characterises it,
      // ending the clause, is a statement about that object (not "called the police", "called for calm").
      const characterises = CHARACTERISING_CUES.has(cue.lemma) && cls !== "DENY" && characterisingObject(T, k, hi);
      // (An elided answer is a statement however short: "the other responded that he had not".)
      const elidedAnswer = !!content && ELIDED_CLAUSE.test(text.slice(content.start, content.end));
      if (WEAK_CUES.has(cue.lemma) && cls !== "DENY" && !characterises && !elidedAnswer && (!hasVerb || contentWords < 4) && !T.slice(k, hi).some((x) => x.quoted)) continue;
      if (cls !== "DENY" && cls !== "CONFIRM" && contentWords < 3 && !characterises) continue;
      cutPrev();
      // "officials rejected the story, including Col. X, a spokesman for Y": the named one speaks.
      const including = /,\s*including\s+/u.exec(text.slice(content.start, end));
      let speaker = subj.m;
      if (including) {
        const at = tokenAt(T, content.start + including.index + including[0].length);
        const np = this.npRight(at, hi);
        const m = np && this.mention(np);
        if (m && m.kind === "PERSON" && !m.anaphoric) {
          speaker = m;
          end = content.start + including.index;
        }
      }
      // (A relative clause's frame starts at its "who": the person it is about may speak again after it, "Jo Quill,
      // who denied the charges, said she would appeal".)
      const frameStart = relative ? T[rel]!.start : subordinate ? T[subj.a]!.start : including && speaker !== subj.m ? s.start : T[subj.a]!.start;
      // A relative clause ends at its closing comma ("the suspect, who denied the charges, was held"), and what it
      // says starts after its cue, as in any reported speech, unless it denies.
      if (relative) {
        const close = T.slice(k, hi).findIndex((x, n) => T_is(x, ",") && n > 0 && !T_is(T[k + n - 1], ","));
        if (close > 0) end = Math.min(end, T[k + close]!.start);
      }
      if (relative && cls !== "DENY") {
        found.push({ start: content.start, end, cue: t.lower, direct: false, speaker, sieve: "relative" });
      } else if (cls === "DENY" || (!hasVerb && cls === "CONFIRM") || subordinate) {
        // A denial keeps its frame: "X denied the reports" — the claim starts after the cue. So does speech inside a
        // time clause ("… one day after the ministry admitted to …").
        found.push({ start: frameStart, end, clauseStart: content.start, cue: t.lower, direct: false, speaker, sieve: subordinate ? "subordinate" : "denial" });
      } else {
        found.push({ start: including && speaker !== subj.m ? s.start : content.start, end, cue: t.lower, direct: false, speaker, sieve: including && speaker !== subj.m ? "including" : characterises ? "characterising" : "reported" });
      }
    }
  }

  /**
   * A cue coordinated with the clause before it shares that clause's subject: "X said A, but added that B",
   * "The report did not name anyone but indicated that B". B is X's; when the first verb is no cue, what the first
   * clause says is the outlet's narration.
   */
  coordinated(s: Sentence, c: number, lo: number, hi: number, cue: CueVerb, found: Attribution[]) {
    const { T, text } = this;
    if (cue.form === "ing" || cue.form === "base") return;
    const j = this.skipLeft(c - 1, lo);
    if (j <= lo || !/^(but|and|yet)$/.test(T[j]!.lower) || T[j]!.quoted) return;
    // a passive names no speaker ("… and was not expected to …")
    if (T.slice(j + 1, c).some((x) => /^(is|are|was|were|be|been|being)$/.test(x.lower))) return;
    const k = this.skipRight(c + 1, hi, cue);
    if (k >= hi || words(text.slice(T[k]!.start, s.end)) < 3) return;
    let cut = j;
    while (cut > lo && T_is(T[cut - 1], ",")) cut--;
    const prev = found.at(-1);
    if (prev && prev.start >= s.start && prev.start < T[cut]!.start) {
      prev.end = Math.min(prev.end, T[cut]!.start);
      found.push({ start: T[k]!.start, end: s.end, cue: T[c]!.lower, direct: false, speaker: prev.speaker, sieve: "coordinated" });
      return;
    }
    const m = this.clauseSubject(lo, cut);
    if (!m) return;
    this.narrated.push({ start: s.start, end: T[cut]!.start });
    found.push({ start: T[k]!.start, end: s.end, cue: T[c]!.lower, direct: false, speaker: m, sieve: "coordinated" });
  }

  /** The possessor of a message just before token `j` ("Y's statement (made on Friday)"), when there is one. */
  possessorOfStatement(j: number, lo: number): SpeakerMention | undefined {
    const { T } = this;
    for (let d = j - 1; d > lo + 1 && j - d <= 6; d--) {
      const t = T[d]!;
      if (t.quoted || T_is(t, ",")) return undefined;
      if (!MEANS_OF_SAYING.has(t.lower) || t.pos !== "NOUN") continue;
      // only a participle and its time phrase between the message and the comma
      if (T.slice(d + 1, j).some((x) => (x.pos === "VERB" && !/(ed|made|given|issued|sent)$/.test(x.lower)) || (x.pos === "NOUN" && !isTime(x)))) return undefined;
      if (!/^['’]s$/.test(T[d - 1]!.lower)) return undefined;
      const np = this.npLeft(d - 2, lo);
      const m = np && this.mention(np);
      return m && !m.anaphoric ? m : undefined;
    }
    return undefined;
  }

  /** The subject of the first finite verb in [lo, hi) that has one. */
  clauseSubject(lo: number, hi: number): SpeakerMention | undefined {
    const { T } = this;
    for (let v = lo; v < hi; v++) {
      if (T[v]!.quoted || (T[v]!.pos !== "VERB" && T[v]!.pos !== "AUX")) continue;
      if (T[v - 1] && /^(VERB|AUX)$/.test(T[v - 1]!.pos)) continue;
      const m = this.subjectOf(v, lo);
      if (m) return m;
    }
    return undefined;
  }

  /** Clauses the outlet narrates beside someone's words in the same sentence ("X did not name anyone, but said …"). */
  readonly narrated: Array<{ start: number; end: number }> = [];

  /** The noun phrase opening the sentence when a finite verb follows it ("The ministry put the figure at …"). */
  sentenceSubject(lo: number, hi: number): SpeakerMention | undefined {
    let i = lo;
    // "Today, the firm …", "Last Friday, the club …": a time phrase and its comma before the subject
    let t = i;
    // ("In 2023, the board …": a year after a preposition is a time phrase too)
    const year = (x: Token | undefined) => !!x && /^(1[89]|20)\d\d$/.test(x.text);
    while (t < hi && t - i < 4 && (isTime(this.T[t]) || (this.T[t]!.pos === "ADP" && (isTime(this.T[t + 1]) || year(this.T[t + 1]))) || year(this.T[t]) || /^(last|this|next|on)$/.test(this.T[t]!.lower))) t++;
    if (t > i && T_is(this.T[t], ",")) i = t + 1;
    if (this.T[i]?.pos === "CCONJ" || this.T[i]?.pos === "ADV") i++;
    let b = i;
    while (b < hi && this.npTok(b, b === i)) b++;
    let k = b;
    // ("Police have yet to publish …": "have yet to" stands before the verb like an auxiliary)
    while (k < hi && (this.T[k]!.pos === "ADV" || this.T[k]!.pos === "AUX" || (this.T[k]!.lower === "to" && this.T[k - 1]?.lower === "yet"))) k++;
    if (b === i || this.T[k]?.pos !== "VERB") return undefined;
    const np = this.validNP({ a: i, b });
    return np ? this.mention(np) : undefined;
  }

  /**
   * An absolute clause of speech: "…, with the founder admitting that only a third were real" — the noun phrase after
   * "with" speaks the clause after its participle. Returns the speaker, where the content starts, and where the clause
   * before should end.
   */
  withParticiple(c: number, lo: number, hi: number, cue: CueVerb): { m: SpeakerMention; start: number; cut: number } | undefined {
    const { T } = this;
    let a = c;
    while (a - 1 > lo && c - a < 6 && this.npTok(a - 1, false) && T[a - 1]!.lower !== "with") a--;
    if (a === c || T[a - 1]?.lower !== "with" || T[a - 1]!.quoted || !T_is(T[a - 2], ",")) return undefined;
    const np = this.validNP({ a, b: c });
    const m = np && this.mention(np);
    const k = this.skipRight(c + 1, hi, cue);
    if (!m || k >= hi || !T.slice(k, hi).some((x) => x.pos === "VERB" || x.pos === "AUX") || words(this.text.slice(T[k]!.start, T[hi - 1]!.end)) < 4) return undefined;
    return { m, start: T[k]!.start, cut: T[a - 2]!.start };
  }

  /** The speaker of a quotation framed after it ("“…,” X said") whose frame's cue lies in [from, to). */
  framedBefore(from: number, to: number): SpeakerMention | undefined {
    const xs = this.framedAfter;
    const i = firstNotBefore(xs, (x) => x.at < to) - 1;
    return i >= 0 && xs[i]!.at >= from ? xs[i]!.m : undefined;
  }

  /** Only time words, adverbs, "on <day>" and punctuation from token `i` to `hi`. */
  onlyTailAfter(i: number, hi: number): boolean {
    for (let k = i; k < hi; k++) {
      const t = this.T[k]!;
      // "…, the Journal reported, citing people familiar with …": the frame's own source of sources closes it.
      if (/^(citing|quoting)$/.test(t.lower) && T_is(this.T[k - 1], ",")) return true;
      if (t.pos === "PUNCT" || t.pos === "ADV" || isTime(t) || t.pos === "NUM" || (t.pos === "ADP" && isTime(this.T[k + 1]))) continue;
      // "…, he said in a statement." / "…, she told reporters."
      if (t.pos === "ADP" || t.pos === "DET" || DOCUMENT_NOUNS.has(t.lower) || MEANS_OF_SAYING.has(t.lower) || /^(reporters|journalists|me|us|him|her|them|media)$/.test(t.lower)) continue;
      if (t.cap && this.T[k - 1] && /^(told|to|on)$/.test(this.T[k - 1]!.lower)) continue;
      return false;
    }
    return true;
  }

  subjectWithSpan(c: number, lo: number): { m: SpeakerMention; a: number } | undefined {
    const m = this.subjectOf(c, lo);
    if (!m) return undefined;
    return { m, a: tokenAt(this.T, m.start) };
  }

  /** Headlines: "X denies Y", "Y: X", "Y, says X". */
  headline(s: Sentence, lo: number, hi: number, found: Attribution[]) {
    const { T } = this;
    const colon = T.slice(lo, hi).findIndex((t) => t.text === ":");
    if (colon > 0) {
      const k = lo + colon;
      const np = this.npRight(k + 1, hi);
      if (np && np.b === hi && np.b - np.a <= 4) {
        const m = this.mention(np);
        if (m) found.push({ start: s.start, end: T[k]!.start, cue: "headline", direct: false, speaker: m, sieve: "headline" });
      }
    }
  }

  // ---- sieve 3: the outlet's own voice ----
  outletVoice(voiceOf: (s: Sentence) => string) {
    const { doc, T, text } = this;
    const taken = [...this.out].sort((a, b) => a.start - b.start);
    let ti = 0;
    for (const s of doc.sentences) {
      if (s.kind !== "PARAGRAPH" && s.kind !== "CAPTION" && s.kind !== "HEADLINE") continue;
      while (ti < taken.length && taken[ti]!.end <= s.start) ti++;
      if (ti < taken.length && taken[ti]!.start < s.end) continue;
      if (this.quotedIn(s.start, s.end).length) continue;
      const sentence = text.slice(s.start, s.end);
      // Quotation marks mean someone's words, unless every quotation in the sentence is a scare quote or a term of
      // a few words inside the outlet's own prose ("reports of “layoffs” are false").
      if (/\?["”’]?\s*$/.test(sentence)) continue;
      const lo = tokenAt(T, s.start);
      const hi = tokenAt(T, s.end);
      const toks = T.slice(lo, hi);
      if (/[“”"]/.test(sentence) && (!onlyScareQuotes(sentence) || toks.some((_, k) => this.cueAt(lo + k)))) continue;
      // A declarative sentence with a finite verb that nobody else is credited with is the outlet's own claim. A
      // sentence with a cue we could not parse is someone's words: better missed than credited to the outlet.
      if (toks.length < 6 || !toks.some((t) => t.pos === "VERB" || t.pos === "AUX")) continue;
      // (an infinitive is not someone speaking: "no one came forward to confirm it")
      // (nor is a participle used as an adjective, "the alleged attack", or an agentless passive, "it was reported")
      if (toks.some((t, k) => CUE_FORMS.has(t.lower) && (t.pos === "VERB" || k === 0) && toks[k - 1]?.lower !== "to" && !WEAK_CUES.has(CUE_FORMS.get(t.lower)!.lemma) && !this.participleAdjective(lo + k) && !this.agentlessPassive(lo + k)) || toks.some((t) => t.lower === "according")) continue;
      // "The command posted a denial", "issued a statement": an act of speech whose words are elsewhere.
      if (toks.some((t, k) => PUBLISHED.has(t.lower) || /^(made|gave|sent|put|offered|delivered|posted)$/.test(t.lower) ? toks.slice(k + 1, k + 4).some((x) => SPEECH_NOUNS.has(x.lower)) : false)) continue;
      const reportedly = toks.some((t) => /^(reportedly|allegedly|purportedly)$/.test(t.lower));
      const m = describeSpeaker(reportedly ? "reports" : voiceOf(s), s.start, doc);
      this.push({ start: s.start, end: s.end, cue: s.kind === "HEADLINE" ? "headline" : "reported", direct: false, speaker: m, sieve: s.kind === "HEADLINE" ? "headline-voice" : reportedly ? "reportedly" : "outlet-voice" });
    }
    for (const n of this.narrated) {
      const s = this.sentenceAt(n.start);
      if (!s || s.kind !== "PARAGRAPH" || words(text.slice(n.start, n.end)) < 4) continue;
      if (taken.some((a) => a.start < n.end && a.end > n.start)) continue;
      this.push({ start: n.start, end: n.end, cue: "reported", direct: false, speaker: describeSpeaker(voiceOf(s), s.start, doc), sieve: "outlet-voice" });
    }
  }
}

/** Every quotation in the sentence is short (at most four words) and the sentence does not start with one. */
function onlyScareQuotes(sentence: string): boolean {
  if (/^\s*[“"]/.test(sentence)) return false;
  const qs = [...sentence.matchAll(/[“"]([^“”"]*)[”"]/g)];
  const marks = (sentence.match(/[“”"]/g) ?? []).length;
  return qs.length > 0 && marks === 2 * qs.length && qs.every((q) => words(q[1]!) <= 4);
}

const isTime = (t: Token | undefined) => !!t && TIME_WORDS.has(t.lower.replace(/\.$/, ""));

function T_is(t: Token | undefined, text: string): boolean {
  return !!t && t.text === text && !t.quoted;
}

/** Participles that name who relays a source ("a group cited by the Ledger", "experts quoted by the paper"). */
const RELAYED_BY = new Set(["cited", "quoted", "interviewed", "contacted", "consulted", "commissioned", "hired"]);
/** Words that may stand between "at" and an estimate's figure ("at about 300", "at just over 40,000", "at least 12"). */
const BOUND_WORD = /^(about|around|nearly|almost|roughly|some|least|more|over|under|between|just|only|slightly|well|fewer|less|up|to)$/;
/** Verbs that characterise an object by a complement ("called it one-sided", "deemed the count premature"). */
const CHARACTERISING_CUES = new Set(["call", "deem", "label", "term", "brand"]);
/** Words that open a short object noun phrase a characterisation is about ("it", "the report", "such claims"). */
const OBJECT_OPENERS = /^(?:it|them|this|that|these|those|the|such|his|her|its|their|our|all)$/;
/**
 * Is T[k, hi) "<object> <adjective>" — a short object phrase (an opener and up to four words) followed by one or two
 * adjectives that end the clause (a final comma, full stop or "and" may follow)?
 */
/** Time and manner words that follow an object without characterising it ("called the election early"). */
const NOT_CHARACTERISING = new Set(["early", "late", "off", "back", "up", "out", "again", "now", "today", "tonight", "soon", "home", "away", "later"]);
function characterisingObject(T: Token[], k: number, hi: number): boolean {
  let end = hi;
  while (end > k && /^[.,;:!?”"’)]$/.test(T[end - 1]!.text)) end--;
  if (end - k < 2 || end - k > 8 || !OBJECT_OPENERS.test(T[k]!.lower)) return false;
  // The complement: one adjective, or a hyphenated compound the tokenizer splits ("one - sided", "ill - timed").
  const compound = end - k >= 4 && T[end - 2]!.text === "-";
  const from = compound ? end - 3 : end - 1;
  const last = T[end - 1]!;
  const adjective = compound ? /^[a-z]+$/.test(last.lower) && (last.pos === "ADJ" || /ed$/.test(last.lower)) : last.pos === "ADJ";
  if (!adjective || NOT_CHARACTERISING.has(last.lower) || T[from - 1]!.pos === "ADP" || from - k < 1) return false;
  return T.slice(k, from).every((x) => x.pos !== "VERB" && x.pos !== "AUX" && !x.quoted);
}

function hasDenial(s: string): boolean {
  const ws = s.toLowerCase().match(/[a-z]+/g) ?? [];
  return ws.some((w) => DENIAL_PREDICATES.has(w)) || /\bnot\s+(true|accurate|correct)\b|\bno\s+truth\b/i.test(s);
}

/** The news agency whose wire copy the text is, from a dateline "PLACE (Agency) -" or a copyright line. */
export function wireAgency(text: string): string | undefined {
  const head = text.slice(0, 2000);
  const m = /^[A-Z][A-Za-z ,.'-]{1,60}\((?<agency>[A-Z][A-Za-z&. ]{1,30})\)\s*[-–—]/m.exec(head) ?? /©\s*\d{4}\s*(?:[A-Z][a-z]+\/)?(?<agency>[A-Z][A-Za-z. ]{1,40}?)\s*(?:$|\.|,)/m.exec(text);
  return m?.groups?.agency?.trim();
}

/** A trailing "as <label>" ("… as untrue", "as politically motivated") and the framing verbs that take one. */
const FRAMED_AS = /\s+as\s+(?:[\w'’-]+[\s,]*){1,5}$/u;
const FRAME_BEFORE = /\b(?:dismiss|dismissed|dismisses|dismissing|reject|rejected|rejects|rejecting|describe|described|describes|call|called|calls|brand|branded|brands|label|labelled|labeled|denounce|denounced|slam|slammed|decr(?:y|ied))\b/i;
const NESTED_REPORTS = /\b(?<who>reports?|claims?|allegations?|rumou?rs?|accounts?)\s+(?:claiming|saying|alleging|suggesting|stating)\s+(?:that\s+)?(?<clause>[^.;]{8,})/u;

/**
 * Reports inside someone's words: in "we are aware of reports claiming that X", X is the reports' claim, not the
 * speaker's. The reports are named by what they claim, as the text does, and relayed by the speaker.
 */
function nestedReports(doc: Segmented, out: Attribution[]): Attribution[] {
  const extra: Attribution[] = [];
  for (const a of out) {
    const inner = NESTED_REPORTS.exec(doc.text.slice(a.start, a.end));
    if (!inner?.groups || inner.groups.clause!.trim().split(/\s+/).length < 3) continue;
    const at = a.start + inner.index;
    const clauseStart = at + inner[0].lastIndexOf(inner.groups.clause!);
    // "dismissed reports alleging that X as untrue": the words after "as" are the speaker's label for the reports,
    // not part of what they allege.
    let clause = inner.groups.clause!;
    const label = FRAMED_AS.exec(clause);
    if (label && FRAME_BEFORE.test(doc.text.slice(a.start, at))) clause = clause.slice(0, label.index);
    const [ps, pe] = trimSpan(doc.text, at, clauseStart + clause.length);
    const who = describeSpeaker(inner.groups.who!, at, doc);
    extra.push({ start: ps, end: pe, cue: "claimed", direct: false, speaker: { ...who, alsoKnownAs: [doc.text.slice(ps, pe)] }, clauseStart, via: a.speaker.name, sieve: "nested-reports" });
  }
  return extra;
}

/** A block-quoted post: paragraphs followed by a signature line "— Name (@handle) date". */
function signedPosts(doc: Segmented, out: Attribution[]) {
  const { text } = doc;
  doc.segments.forEach((seg, i) => {
    const next = doc.segments[i + 1];
    if (seg.kind !== "PARAGRAPH" || !next) return;
    const line = text.slice(next.start, next.end);
    const sig = /^[—–-]\s*(?<name>[^(]+?)\s*\((?<handle>@\w+)\)/u.exec(line);
    if (!sig?.groups) return;
    const spk = describeSpeaker(sig.groups.name!, next.start + line.indexOf(sig.groups.name!), doc);
    if (!spk.name) return;
    for (let k = out.length - 1; k >= 0; k--) if (out[k]!.start >= seg.start && out[k]!.end <= seg.end) out.splice(k, 1);
    for (const piece of splitSentences(text, seg.start, seg.end)) {
      const [ps, pe] = trimSpan(text, piece.start, piece.end);
      if (pe - ps >= 8) out.push({ start: ps, end: pe, cue: "posted", direct: true, speaker: spk, sieve: "signed-post" });
    }
  });
}

/** Stage 2: finds direct quotes and reported speech, with their speaker mention, cue, sieve and verbatim span. */
export function attribute(doc: Segmented): Attribution[] {
  const sv = new Sieves(doc);
  sv.quotations();
  sv.reported();
  signedPosts(doc, sv.out);
  sv.out.push(...nestedReports(doc, sv.out));
  const wire = wireAgency(doc.text);
  sv.outletVoice((s) => (s.kind === "PARAGRAPH" && wire ? wire : "(publisher)"));
  return sv.out.sort((x, y) => x.start - y.start || x.end - y.end);
}
