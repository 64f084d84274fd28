import { lowerBound } from "../sorted.js";
import { memoize } from "../memo.js";
import nlp from "compromise";
import * as chrono from "chrono-node";
import { HEDGE_CUES, REPORTING_VERBS, TITLE_WORDS } from "../lexicon/cues.js";
import { ELIDED_CLAUSE, ORG_HEADS } from "../lexicon/attribution.js";
import { agentGroupOf, ORG_ALIASES_LONGEST_FIRST } from "../lexicon/organizations.js";
import { eventTypeOfClasses } from "../lexicon/events.js";
import { findPlace } from "../lexicon/places.js";
import {
  BOUNDS, EXCLUSIVE_LABELS, FRAME_WORDS, NEAR_BOUNDS, NEAR_SHARE, SUBSET_MODIFIERS, HEDGES, IRREGULAR, LEXICAL_NEGATION, MEASURES, NEGATORS, NUMBER_WORDS, PARTIAL_COUNT, PERSON_NOUNS,
  PREDICATE_CLASSES, SCALE_WORDS, VAGUE_COUNTS, WITHHOLD, WITHHOLD_PHRASES,
} from "../lexicon/predicates.js";
import type { Bound, ClaimFrame, Modality, Polarity, Quantity, TimeRef } from "../types.js";
import { countryOf } from "../nlp/countries.js";
import { complementOf, type Complement } from "../nlp/wordnet.js";
import { tokenize as tagWords } from "../nlp/tokens.js";
import { literalMatcher, type LiteralMatch } from "../literals.js";
import { table } from "../lexicon/table.js";

/** A coarse event type for display, from the clause's predicate classes (matching never uses it). */
export const eventTypeOf = (clause: string) => eventTypeOfClasses(predicatesOf(tokenize(clause)).map((p) => p.cls));

// ---------------------------------------------------------------------------------------------------------------
// Tokens and lemmas
// ---------------------------------------------------------------------------------------------------------------

export type Token = {
  w: string;
  lower: string;
  start: number;
  end: number;
  cap: boolean;
  /** What the stage knows of the word (lemma, lexicon phrases, …), fetched on first use (see wordOf). */
  word?: Word;
};

const TOKEN_RE = /[$€£]?\d[\d,]*(?:\.\d+)?%?|[A-Za-z][A-Za-z'’.&-]*[A-Za-z]|[A-Za-z]|[$€£%]/g;

export function tokenize(text: string): Token[] {
  // (Memoised: a statement's span is often its sentence, which the document topic tokenised already. Callers get their
  // own array; the tokens in it are shared and read only.)
  const hit = TOKENS.get(text);
  if (hit) return hit.slice();
  const out = tokenizeOnce(text);
  if (TOKENS.size > 5_000) TOKENS.clear();
  TOKENS.set(text, out);
  return out.slice();
}
const TOKENS = new Map<string, Token[]>();
/**
 * Forgets the texts memoised for one document (its sentences' tokens, its names' parties): runPipeline calls it before
 * and after each document, so nothing is kept from one article to the next.
 */
export function forgetDocument(): void {
  TOKENS.clear();
  PARTIES.clear();
  TIMES.clear();
  LEAD_SCOPES.clear();
  isTitleCase.clear();
  SPEAKER_WORDS.clear();
}
function tokenizeOnce(text: string): Token[] {
  const out: Token[] = [];
  // (exec with lastIndex rather than matchAll: no iterator, one match array at a time.)
  TOKEN_RE.lastIndex = 0;
  for (let m = TOKEN_RE.exec(text); m; m = TOKEN_RE.exec(text)) {
    let w = m[0];
    // "U.S." keeps its dots; a word's trailing full stop is punctuation.
    if (w.endsWith(".") && !/^(?:[A-Za-z]\.){2,}$/.test(w)) w = w.slice(0, -1);
    const low = w.toLowerCase();
    const lower = low.includes("’") ? low.replace(/’/g, "'") : low;
    const c = w.charCodeAt(0);
    out.push({ w, lower, start: m.index, end: m.index + w.length, cap: c >= 65 && c <= 90, word: undefined });
  }
  return out;
}

/** A crude lemma: irregular forms from the lexicon, else -ies/-ied/-ing/-ed/-s removed ("sacked" → sack). Memoised:
 * a pure function of the word, called for every token of every clause. */
export const lemma = memoize((word: string) => lemmaOnce(word), 50_000);
const INVARIANT_S = new Set(["news", "series", "species", "means", "physics", "politics", "economics", "ethics", "lens", "chaos", "canvas", "atlas", "bias", "alias", "ourselves", "themselves", "yourselves"]);
function lemmaOnce(word: string): string {
  const w = word.toLowerCase().replace(/’/g, "'").replace(/'s$/, "");
  const irregular = IRREGULAR.get(w);
  if (irregular) return irregular;
  if (INVARIANT_S.has(w)) return w;
  if (w.length > 4 && /ies$|ied$/.test(w)) return `${w.slice(0, -3)}y`;
  if (w.length > 5 && w.endsWith("ing")) return undouble(w.slice(0, -3));
  if (w.length > 4 && w.endsWith("ed")) return undouble(w.slice(0, -2));
  if (w.length > 4 && /(?:ss|sh|ch|x)es$/.test(w)) return w.slice(0, -2);
  // (Not a word whose -s is its own: "analysis", "crisis", "news", "series".)
  if (w.length > 3 && w.endsWith("s") && !w.endsWith("ss") && !w.endsWith("us") && !w.endsWith("is")) return w.slice(0, -1);
  return w;
}
const undouble = (s: string) => (/([bdgklmnprt])\1$/.test(s) ? s.slice(0, -1) : s);

/**
 * The facts about one (lower-case) word that the stage asks of every token: each computed once per word, on first
 * use, by the same functions as before (lemma, the lexicon phrases it starts, …). A token holds its word's record, so
 * the questions asked of one token again and again (the topic pass, then the claim) cost a property read, not a
 * look-up of the token's string in a table of every word seen.
 */
export type Word = {
  lower: string;
  lemma: string | undefined;
  phrases: Phrase[] | null | undefined;
  content: string | null | undefined;
  common: boolean | undefined;
  mayStartNumber: boolean | undefined;
  complement: Complement | null | undefined;
};
const WORDS = new Map<string, Word>();
/** The word record of a token (kept on the token). */
export function wordOf(t: Token): Word {
  let w = t.word;
  if (w === undefined) {
    w = WORDS.get(t.lower);
    if (w === undefined) {
      if (WORDS.size >= 50_000) WORDS.clear();
      w = { lower: t.lower, lemma: undefined, phrases: undefined, content: undefined, common: undefined, mayStartNumber: undefined, complement: undefined };
      WORDS.set(t.lower, w);
    }
    t.word = w;
  }
  return w;
}
const lemmaOf = (t: Token): string => {
  const w = wordOf(t);
  return (w.lemma ??= lemma(w.lower));
};

/** Every inflection of a lexicon word that lemma() might not bring back to it ("fire" → fired, firing, fires). */
function inflections(word: string): string[] {
  const out = new Set([word, lemma(word)]);
  const base = word.endsWith("e") ? word.slice(0, -1) : word;
  for (const f of [`${word}s`, `${word}es`, `${base}ed`, `${base}ing`, `${word}d`, `${word}ed`, `${word}ing`]) out.add(f);
  if (word.endsWith("y")) for (const f of [`${word.slice(0, -1)}ied`, `${word.slice(0, -1)}ies`]) out.add(f);
  if (/[^aeiou][aeiou][bdgkmnprt]$/.test(word)) for (const f of [`${word}${word.at(-1)}ed`, `${word}${word.at(-1)}ing`]) out.add(f);
  return [...out];
}

/** Lexicon phrases (first word inflected) → predicate classes, longest first. */
type Phrase = { words: string[]; cls: string };
const PHRASES: Phrase[] = [];
for (const [cls, entries] of Object.entries(PREDICATE_CLASSES)) {
  for (const e of entries) {
    const words = e.toLowerCase().split(/\s+/);
    for (const f of inflections(words[0]!)) PHRASES.push({ words: [f, ...words.slice(1)], cls });
  }
}
PHRASES.sort((a, b) => b.words.length - a.words.length);
const PHRASES_BY_FIRST = new Map<string, Array<{ words: string[]; cls: string }>>();
for (const p of PHRASES) {
  const list = PHRASES_BY_FIRST.get(p.words[0]!) ?? [];
  if (!list.some((x) => x.cls === p.cls && x.words.join(" ") === p.words.join(" "))) list.push(p);
  PHRASES_BY_FIRST.set(p.words[0]!, list);
}

const STOP = new Set(
  "a an the of and or to in on at for by with from as is are was were be been being has have had do does did it its this that these those he she they we you i his her their our your them him us but if then than so such into over under about after before while during also would could should will can may might just more most other some any each which who whom what when where why how there here up down out off again once all both few own same too very only even still yet because since until against between through per via said says say told according one although though whereas whilst unless whether".split(" "),
);
const MONTHS = new Set("january february march april may june july august september october november december jan feb mar apr jun jul aug sep sept oct nov dec".split(" "));
const WEEKDAYS = new Set("monday tuesday wednesday thursday friday saturday sunday".split(" "));
const NOT_NAMES = new Set([...MONTHS, ...WEEKDAYS, "ourselves", "themselves", "yourselves", "myself", "himself", "herself", "itself", "now", "today", "yesterday", "tomorrow", "please", "thank", "thanks", "sorry", "ok", "okay", "i", "mr", "mrs", "ms", "dr", "it", "we", "they", "he", "she", "but", "and", "the", "a", "an", "this", "that", "in", "on", "at", "for", "as", "if", "yes", "no", "so", "there", "our", "my", "his", "her", "their"]);

// ---------------------------------------------------------------------------------------------------------------
// Entities: capitalised names in the clause, with the optional organisation lexicon's aliases as one key
// ---------------------------------------------------------------------------------------------------------------

const PARTY_OF_ALIAS = new Map<string, string>();
for (const [alias, org] of ORG_ALIASES_LONGEST_FIRST) {
  const agent = org.agent ?? agentGroupOf(org.key);
  if (agent && alias.length >= 2 && !PARTY_OF_ALIAS.has(alias)) PARTY_OF_ALIAS.set(alias, agent);
}
// The aliases as `(?<=[\s(])(?:<alias>|…)(?:'s)?(?=[\s,.)])` (g) finds them, longest first, without the regex's cost.
const PARTY_RE = PARTY_OF_ALIAS.size ? literalMatcher(PARTY_OF_ALIAS.keys(), { before: /[\s(]/, after: /[\s,.)]/, suffix: "'s" }) : undefined;

/** The parties the optional organisations lexicon knows in a text, as tokens ("party:x"); none with lexicons off. */
export function partyTokens(text: string): string[] {
  if (!PARTY_RE) return [];
  // (Memoised: the same names and clauses are looked up again and again.)
  let hit = PARTIES.get(text);
  if (!hit) {
    hit = partyTokensOnce(text, PARTY_RE);
    if (PARTIES.size > 5_000) PARTIES.clear();
    PARTIES.set(text, hit);
  }
  return hit.slice();
}
const PARTIES = new Map<string, string[]>();
function partyTokensOnce(text: string, PARTY_RE: (text: string) => LiteralMatch[]): string[] {
  const lower = ` ${text.toLowerCase().replace(/[’]/g, "'")} `;
  // A short alias that is also a word ("US" / "us", "WHO" / "who") counts only in capitals.
  const shouted = (m: LiteralMatch) => {
    const bare = m[0].replace(/'s$/, "");
    return !/^[a-z]{2,3}$/.test(bare) || text.slice(m.index - 1, m.index - 1 + bare.length) === bare.toUpperCase();
  };
  return PARTY_RE(lower).filter(shouted).map((m) => PARTY_OF_ALIAS.get(m[0]) ?? PARTY_OF_ALIAS.get(m[0].replace(/'s$/, ""))).filter((x): x is string => !!x).map((a) => `party:${a}`);
}

/** A name as a key: lower case, no leading article, no possessive, no dots ("the U.S.'s" → us). Memoised: names
 * recur. */
export const entityKey = memoize((name: string) => entityKeyOnce(name), 50_000);
const entityKeyOnce = (name: string) =>
  name.toLowerCase().replace(/[’]/g, "'").replace(/'s$/, "").replace(/^the\s+/, "").replace(/\./g, "").replace(/[^a-z0-9&]+/g, "-").replace(/^-|-$/g, "");

export type EntityMention = { key: string; text: string; start: number; end: number };

/**
 * Names in a clause: runs of capitalised words (with "of", "for", "de", "and" inside a run: "Ministry of Health"),
 * acronyms, and the parties of the optional lexicon. A capitalised first word counts only when the next is too or it
 * is not a common word ("Police said" → no entity; "Reuters reported" → Reuters).
 */
export function entitiesOf(clause: string, tokens = tokenize(clause)): EntityMention[] {
  const out: EntityMention[] = [];
  // In title case ("Paradis Denies Split Rumours") every word is capitalised: there, a common word is not a name.
  const titleCase = isTitleCase(clause);
  const plain = (x: Token) => titleCase && !/^[A-Z]{2,}$/.test(x.w) && (isCommonToken(x) || HEARSAY_NOUNS.test(x.lower) || TITLE_PREPOSITIONS.test(x.lower));
  for (let i = 0; i < tokens.length; i++) {
    const t = tokens[i]!;
    if (!t.cap || NOT_NAMES.has(t.lower) || /^\d/.test(t.w) || plain(t)) continue;
    // Shouting ("did NOT", "FACT:") is emphasis, not a name.
    if (/^[A-Z]{2,}$/.test(t.w) && (isCommonToken(t) || /^(fact|update|breaking|exclusive|watch|video|photos?|live)$/.test(t.lower))) continue;
    const first = i === 0 || /[.!?:“"]\s*$/.test(clause.slice(tokens[i - 1]!.end, t.start));
    // A quantifier or a rank that starts a sentence is no part of a name ("Several Norvale workers", "Former Acme
    // chief …", "Major layoffs are coming").
    if (first && LEADING_MODIFIERS.has(t.lower)) continue;
    let j = i;
    while (j + 1 < tokens.length) {
      const n = tokens[j + 1]!;
      const gap = clause.slice(tokens[j]!.end, n.start);
      if (!/^\s+$/.test(gap) && gap !== "-") break;
      if (n.cap && !NOT_NAMES.has(n.lower) && !plain(n)) { j++; continue; }
      if (/^(of|for|de|du|la|al|bin|van|von)$/.test(n.lower) && tokens[j + 2]?.cap) { j += 2; continue; }
      break;
    }
    if (first && j === i && (STOP.has(t.lower) || t.w.length < 2 || (!/^[A-Z]{2,}$/.test(t.w) && isCommonToken(t)))) continue;
    // A title before a person's name is not part of the name ("President Donald Trump", "Mr Scott"): the person is.
    // (Not before a body's head noun: "State Department", "Prime Minister's Office" keep their words.)
    let s0 = i;
    while (s0 < j && TITLE_WORDS.has(tokens[s0]!.lower.replace(/\.$/, "")) && !ORG_HEADS.has(tokens[j]!.lower)) s0++;
    if (s0 > i && (/^(of|for|de|du|la|al)$/.test(tokens[s0]!.lower) || !tokens[s0]!.cap)) s0 = i;
    const text = clause.slice(tokens[s0]!.start, tokens[j]!.end);
    const key = entityKey(text);
    if (key && key.length > 1 && !/^(?:i|we|you|he|she|it|they|that|there)-(?:m|ve|ll|d|s|re)$/.test(key)) out.push({ key, text, start: tokens[s0]!.start, end: tokens[j]!.end });
    i = j;
  }
  return out;
}

const TITLE_PREPOSITIONS = /^(?:near|against|after|before|over|under|from|into|with|amid|about|across|behind|despite|during|toward|towards|within|without)$/;
/** Headline capitalisation: four or more words of three letters or more, three in four of them capitalised. Memoised
 * within a document: a sentence is asked about by documentTopic and by entitiesOf. */
export const isTitleCase = memoize((text: string) => isTitleCaseOnce(text), 5_000);
function isTitleCaseOnce(text: string): boolean {
  const words = text.match(/\b[A-Za-z][A-Za-z'’-]{2,}/g) ?? [];
  return words.length >= 4 && words.filter((w) => /^[A-Z]/.test(w)).length >= 0.75 * words.length;
}

const LEADING_MODIFIERS = new Set(["several", "many", "some", "few", "both", "all", "most", "other", "another", "senior", "junior", "former", "major", "top", "leading", "key", "ex", "recent", "latest", "unconfirmed", "preliminary", "earlier", "previous"]);
/** Words that start sentences capitalised but are not names: the lexicon's predicates and function words. */
const COMMON = new Set([...STOP, ...PHRASES.map((p) => p.words[0]!), ...FRAME_WORDS, ...NEGATORS, ...HEDGES]);
const isCommonWord = (w: string) => COMMON.has(w) || COMMON.has(lemma(w)) || NUMBER_WORDS.has(w) || /(?:ly|ing|ed)$/.test(w);
const isCommonToken = (t: Token): boolean => {
  const w = wordOf(t);
  return (w.common ??= isCommonWord(w.lower));
};

// ---------------------------------------------------------------------------------------------------------------
// Predicates, negation, modality
// ---------------------------------------------------------------------------------------------------------------

/** The lexicon phrases a word (or its lemma) starts. Memoised: a pure function of the word, asked for every token. */
const phrasesStartingWith = (t: Token): Phrase[] | undefined => {
  const w = wordOf(t);
  if (w.phrases === undefined) w.phrases = PHRASES_BY_FIRST.get(w.lower) ?? PHRASES_BY_FIRST.get(lemma(w.lower)) ?? null;
  return w.phrases ?? undefined;
};

export type PredicateHit = { cls: string; start: number; end: number; tokenIndex: number; lexical: boolean };

/** The predicates of a clause: lexicon classes first (synonyms share one), then the lemmas of other content words. */
export function predicatesOf(tokens: Token[]): PredicateHit[] {
  const out: PredicateHit[] = [];
  for (let i = 0; i < tokens.length; i++) {
    const cands = phrasesStartingWith(tokens[i]!);
    if (!cands) continue;
    // (A determiner or possessive may stand inside a verb's phrase: "ended their relationship", "broke off the deal".)
    let last = i;
    const hit = cands.find((p) => {
      const end = phraseEnd(tokens, i, p.words);
      if (end < 0) return false;
      last = end;
      return true;
    });
    if (!hit) continue;
    // A month's name is a date ("denied it in March", "in May"), not a march or a modal.
    if (MONTHS.has(tokens[i]!.lower) && tokens[i]!.cap && hit.words.length === 1) continue;
    const base = lemmaOf(tokens[i]!);
    // "dismissed the report as …", "called it": a frame around another claim, not the event.
    if (FRAME_WORDS.has(base) && hit.words.length === 1 && /^(?:report|claim|allegation|rumou?r|story|stories|it|them|this|that|as|suggestion|account|idea)/.test(tokens[i + 1]?.lower ?? "")) continue;
    out.push({ cls: hit.cls, start: tokens[i]!.start, end: tokens[last]!.end, tokenIndex: i, lexical: true });
    i = last;
  }
  return out;
}

const PHRASE_DETERMINERS = new Set(["the", "a", "an", "their", "his", "her", "its", "our", "my", "your"]);
/** Where a lexicon phrase starting at token i ends (its last token), or -1; one determiner may stand between words. */
function phraseEnd(tokens: Token[], i: number, words: string[]): number {
  let j = i;
  let skipped = false;
  for (let k = 1; k < words.length; k++) {
    j++;
    if (tokens[j]?.lower !== words[k] && !skipped && PHRASE_DETERMINERS.has(tokens[j]?.lower ?? "") && !PHRASE_DETERMINERS.has(words[k]!)) {
      skipped = true;
      j++;
    }
    if (tokens[j]?.lower !== words[k]) return -1;
  }
  return j;
}

const NEGATOR_WORDS = new Set(NEGATORS);
/** Content words of a clause (lemmas, no stop or frame words, no numbers): what two claims share when they match. */
export function contentOf(tokens: Token[]): string[] {
  const out = new Set<string>();
  for (const t of tokens) {
    const w = wordOf(t);
    if (w.content === undefined) w.content = contentLemma(w.lower) ?? null;
    if (w.content !== null) out.add(w.content);
  }
  return [...out];
}
/** A word's lemma when it is a content word, else undefined. Memoised: a pure function of the (lower-case) word. */
const contentLemma = memoize((lower: string): string | undefined => {
  if (/^\d|^[$€£%]/.test(lower) || lower.length < 3 || STOP.has(lower)) return undefined;
  const l = lemma(lower);
  if (STOP.has(l) || FRAME_WORDS.has(l) || NEGATOR_WORDS.has(l) || HEDGE_SET.has(l) || MONTHS.has(l) || WEEKDAYS.has(l) || NUMBER_WORDS.has(l)) return undefined;
  return l;
}, 50_000);

const LEX_NEG_RE = new RegExp(`\\b(?:${LEXICAL_NEGATION.map((w) => w.replace(/[.*+?^${}()|[\]\\]/g, "\\$&").replace(/\s+/g, "\\s+")).join("|")})\\b`, "i");
const NEGATOR_SET = new Set(NEGATORS.filter((n) => !n.includes(" ")));
const WITHHOLD_SET = new Set(WITHHOLD);
const WITHHOLD_RE = new RegExp(`\\b(?:${WITHHOLD_PHRASES.map((w) => w.replace(/\s+/g, "\\s+")).join("|")})\\b`, "i");

export type Negation = { negated: boolean; lexical: boolean; withheld: boolean; cue?: string; /** Where the first denying negator ends in the clause (a surface negation). */ end?: number };

/**
 * Does the clause deny its proposition? A negator ("not", "never", "no", "n't") that does not merely withhold comment
 * ("did not comment", "would not confirm" → withheld), or a word that calls it untrue ("false", "fabricated",
 * "no truth"). "not only" and "no doubt" do not negate.
 */
export function negationOf(clause: string, tokens = tokenize(clause), preds = predicatesOf(tokens)): Negation {
  let negated = false;
  // Scope: when the clause names a happening the lexicon knows, a negator denies it only if it comes before it, close
  // ("did not lay off", "no layoffs"); "Fifty layoffs is not big news" does not deny the layoffs.
  const lexicalPreds = preds.filter((p) => p.lexical && p.cls !== "exist");
  const scopes = (i: number) => !lexicalPreds.length || lexicalPreds.some((p) => p.tokenIndex > i && p.tokenIndex <= i + 6);
  let withheld = false;
  let cue: string | undefined;
  let negEnd: number | undefined;
  for (let i = 0; i < tokens.length; i++) {
    const t = tokens[i]!.lower;
    const isNeg = NEGATOR_SET.has(t) || /n't$/.test(t) || t === "cannot";
    if (!isNeg) continue;
    const next = tokens.slice(i + 1, i + 5).map(lemmaOf);
    if (next[0] === "only" || next[0] === "doubt") continue;
    // "No, no, the official number is 210,000": a reply that rejects what was said before, then says what is so.
    if (t === "no" && /^\s*[,!–—-]/.test(clause.slice(tokens[i]!.end)) && !/\w/.test(clause.slice(0, tokens[i]!.start).replace(/\bno\b[,!\s]*/gi, ""))) continue;
    // ", not senior leaders": a contrast on another argument, not a denial of the predicate.
    if (t === "not" && /,\s*$/.test(clause.slice(Math.max(0, tokens[i]!.start - 3), tokens[i]!.start)) && !/^(be|have|do|true|happen)$/.test(next[0] ?? "")) continue;
    // "no one was hurt" negates; "did not immediately respond to a request for comment" withholds.
    // "no one was hurt" and "no confirmed cases" negate (a determiner); "did not immediately respond" withholds.
    if (t !== "no" && next.some((w) => WITHHOLD_SET.has(w)) && !next.some((w) => w === "true" || w === "happen")) { withheld = true; continue; }
    if (t === "no" && next[0] === "comment") { withheld = true; continue; }
    // "I don't think …", "there is no reliable way to tell": an opinion or a limit of knowledge, not a denial of the
    // happening; "cannot move on their own": what can be, not what was ("cannot have", "cannot be true" still deny).
    if (OPINION_VERBS.has(next[0] ?? "") || (t === "no" && next.slice(0, 2).includes("way"))) { withheld = true; continue; }
    if ((t === "cannot" || t === "can't" || (t === "n't" && tokens[i - 1]?.lower === "ca")) && !/^(be|have|true)$/.test(next[0] ?? "")) { withheld = true; continue; }
    if (!scopes(i) && !/^(be|true|happen|so|case)$/.test(next[0] ?? "")) continue;
    if (!negated) negEnd = tokens[i]!.end;
    negated = true;
    cue ??= tokens[i]!.w;
  }
  if (WITHHOLD_RE.test(clause)) return { negated: false, lexical: false, withheld: true };
  // "to dismiss allegations of …", "rejecting claims that …": a denial verb on a report noun inside the content denies
  // what the reports say, whatever verb reported it.
  const lex = LEX_NEG_RE.exec(clause) ?? DENIES_REPORTS_RE.exec(clause);
  if (lex) cue ??= lex[0];
  return { negated: negated || !!lex, lexical: !!lex, withheld: withheld && !negated && !lex, ...(cue ? { cue } : {}), ...(negated && !lex && negEnd !== undefined ? { end: negEnd } : {}) };
}

export const LABEL_RES = EXCLUSIVE_LABELS.map((l) => ({ id: l.id, a: wordsRe(l.a), b: wordsRe(l.b) }));
function wordsRe(words: string[], flags = "gi") {
  return new RegExp(`\\b(?:${words.map((w) => w.replace(/[.*+?^${}()|[\]\\]/g, "\\$&").replace(/\s+/g, "\\s+")).join("|")})\\b`, flags);
}
/** Any word of any exclusive label set: where none occurs, no set's pattern can match (one scan instead of two per set). */
const ANY_LABEL_RE = wordsRe(EXCLUSIVE_LABELS.flatMap((l) => [...l.a, ...l.b]), "i");
/** "did not find a book", "no gun": a label under a negator is not applied. */
const NEGATED_BEFORE = /\b(?:not|no|never|without|nor|n't)\W+(?:\w+\W+){0,2}$/i;
const DEGREE_BEFORE = /\b(?:more|less|as|so|too)\s+$/i;
const applies = (re: RegExp, text: string) => {
  // (Stops at the first label that applies: matchAll is lazy.)
  // (Nor one of degree, "more married than anybody can be": a figure of speech, not the category.)
  for (const m of text.matchAll(re)) if (!NEGATED_BEFORE.test(text.slice(Math.max(0, m.index - 30), m.index)) && !DEGREE_BEFORE.test(text.slice(Math.max(0, m.index - 12), m.index))) return true;
  return false;
};
/** Which side of an exclusive label set a text takes ("civilians" vs "fighters"), when it takes exactly one. */
export function labelSide(text: string, l: (typeof LABEL_RES)[number]): "a" | "b" | undefined {
  const a = applies(l.a, text);
  const b = applies(l.b, text);
  return a === b ? undefined : a ? "a" : "b";
}

const COPULA = new Set(["is", "are", "was", "were", "be", "been", "being", "seems", "seemed", "appears", "appeared", "remains", "remained"]);
const NOT_A_HEAD = /^(?:it|this|that|these|those|they|he|she|we|i|you|which|who|what|there|here|all|both|also|not|very|so|too|more|most|quite|entirely|completely|totally|wholly|clearly|simply)$/;
/** The words of the exclusive label sets: a word there is read by its set, not again as a complement. */
const LABEL_WORDS = new Set(EXCLUSIVE_LABELS.flatMap((l) => [...l.a, ...l.b]).filter((w) => !w.includes(" ")));
/** A complementary pair applied to one thing, as a label and a block name: "opp-<base>-<head>". */
export const complementLabel = (c: { base: string; head: string }) => `opp-${c.base}-${c.head}`;
/**
 * The complementary words (WordNet: "justified"/"unjustified", "accurate"/"inaccurate") a clause applies to a thing,
 * with the thing: before its noun ("an unjustified shooting" → shooting) or after a copula with its subject ("the
 * shooting was justified" → shooting). Not under a negator ("was not justified" is a denial, read as such).
 */
const complementOfToken = (t: Token): Complement | undefined => {
  const w = wordOf(t);
  if (w.complement === undefined) w.complement = complementOf(w.lower) ?? null;
  return w.complement ?? undefined;
};
export function complementsOf(tokens: Token[]): NonNullable<ClaimFrame["complements"]> {
  const out: NonNullable<ClaimFrame["complements"]> = [];
  for (let i = 0; i < tokens.length; i++) {
    const c = (tokens[i]!.cap && i > 0) || LABEL_WORDS.has(tokens[i]!.lower) ? undefined : complementOfToken(tokens[i]!);
    if (!c) continue;
    const before = tokens.slice(Math.max(0, i - 3), i).map((t) => t.lower);
    if (before.some((w) => NEGATOR_SET.has(w) || w.endsWith("n't"))) continue;
    let head: string | undefined;
    // Predicative: "<subject> was (entirely) justified".
    let k = i - 1;
    if (k >= 0 && /ly$/.test(tokens[k]!.lower)) k--;
    if (k >= 1 && COPULA.has(tokens[k]!.lower)) {
      // The subject's head noun, before its "of" phrase ("the shooting of the driver was justified" → shooting).
      let h = k - 1;
      for (let j = k - 1; j >= Math.max(1, k - 5); j--) if (/^(?:of|from|in|at|by|for|on)$/.test(tokens[j]!.lower)) h = j - 1;
      const subj = tokens[h]!;
      if (!NOT_A_HEAD.test(subj.lower) && !STOP.has(subj.lower) && /^[a-z]/i.test(subj.w)) head = lemmaOf(subj);
    }
    // Attributive: "an unjustified shooting".
    const next = tokens[i + 1];
    if (!head && next && /^[a-z]{3,}$/.test(next.w) && !STOP.has(next.lower) && !NOT_A_HEAD.test(next.lower) && !complementOfToken(next) && !/ly$/.test(next.lower)) head = lemmaOf(next);
    if (head && head !== c.base) out.push({ base: c.base, head, negative: c.negative, word: tokens[i]!.lower });
  }
  return out;
}

const PARTY_NAME = String.raw`((?:(?:Mr|Mrs|Ms|Dr|Prof)\.?\s+)?(?:[A-Z][\w’'-]*\s+){0,3}[A-Z][\w-]*)`;
const CLAIM_NOUN = String.raw`(?:allegations?|claims?|accusations?|account|assertions?|statements?|remarks|comments|charges|version|figures|numbers)`;
/** "Mr. Vance's allegations", "the claims made by Orbex": whose claims a clause speaks of. */
const PARTY_CLAIMS_RE = new RegExp(String.raw`\b${PARTY_NAME}(?:['’]s?)?\s+(?:[a-z]+\s+){0,2}?${CLAIM_NOUN}\b|\b${CLAIM_NOUN}\s+(?:made\s+|levell?ed\s+|published\s+|put\s+forward\s+)?(?:by|from)\s+(?:the\s+)?${PARTY_NAME}`);
/** The key a party goes by: a person's surname, an organisation's whole name (or its acronym as written). */
export function partyKeyOf(name: string): string | undefined {
  const words = name.replace(/^(?:The|A|An)\s+/, "").replace(/^(?:Mr|Mrs|Ms|Dr|Prof)\.?\s+/, "").replace(/['’]s?$/, "").split(/\s+/).filter(Boolean);
  if (!words.length) return undefined;
  if (words.length === 1 && /^[A-Z]{2,6}$/.test(words[0]!)) return words[0]!.toLowerCase();
  const key = entityKey(words.join(" "));
  if (words.some((w) => ORG_HEADS.has(w.toLowerCase()))) return key;
  return key.split("-").at(-1) || undefined;
}
/** A speaker or entity key's name part, hyphenated ("person:mara vance@ab12" → mara-vance). */
const keyName = (key: string) => key.replace(/^\w+:/, "").replace(/@.*$/, "").trim().replace(/\s+/g, "-");
/** The party keys of a statement's own speaker, from its key and names (none for outlets, reports and the unnamed). */
export function ownPartyKeys(speakerKey: string, names: string[] = [], affiliation?: string): string[] {
  const kind = speakerKey.split(":")[0];
  if (kind !== "person" && kind !== "org") return [];
  const name = keyName(speakerKey);
  const out = new Set<string>();
  if (kind === "person") out.add(name.split("-").at(-1)!);
  else out.add(name);
  for (const n of names) if (/^[A-Z]{2,6}$/.test(n)) out.add(n.toLowerCase());
  // (A spokesman's words are his organisation's claims too: "Orbex's claims".)
  if (affiliation && /^(?:org|gov)/.test(affiliation)) out.add(keyName(affiliation));
  return [...out].filter((k) => k.length > 1).slice(0, 3);
}

/** A clause about what reports say: its subject a report noun, its verb one of saying or seeming. */
const REPORTS_SAY = /^\W*(?:[\w'’-]+\s+){0,3}(?:reports?|rumou?rs?|speculation|stories|accounts)\s+(?:\w+ly\s+)?(?:say|says|said|suggest(?:s|ed)?|claim(?:s|ed)?|indicate[sd]?|allege[sd]?|(?:appear|seem)(?:s|ed)?\s+to)\b/i;
/** A question put by someone ("one pilot asked the other why he cut off the fuel", "wondered whether the plant had
 * closed"): what it asks about is presupposed or open, asserted by nobody. */
const ASKED_RE = /\b(?:ask|asks|asked|asking|wonder|wonders|wondered|wondering|inquire[sd]?|enquire[sd]?)\b(?:\s+(?!why\b|whether\b|if\b|how\b)[\w'’-]+){0,4}?\s+(?:why|whether|if|how)\b/i;
const HEARSAY_NOUNS = /^(?:reports?|rumou?rs?|claims?|allegations?|speculation|stories|story|suggestions?|talk|gossip)$/;
/** Is a predicate the topic of a report noun ("layoff rumors", "reports of layoffs", "rumors that they split")? */
export function aboutReports(tokens: Token[], hit: PredicateHit): boolean {
  let last = hit.tokenIndex;
  while (last + 1 < tokens.length && tokens[last + 1]!.end <= hit.end) last++;
  const after = tokens[last + 1];
  if (after && HEARSAY_NOUNS.test(after.lower)) return true;
  for (let k = hit.tokenIndex - 1; k >= Math.max(0, hit.tokenIndex - 5); k--) {
    const w = tokens[k]!.lower;
    if (HEARSAY_NOUNS.test(w)) return /^(?:of|about|that|on)$/.test(tokens[k + 1]?.lower ?? "");
    if (!/^(?:of|about|that|on|the|a|an|his|her|their|its|recent|new|more|mass|further|possible|alleged|couple|pair|company|firm|had|has|have|was|were|is|are|been|would|will|\w+ly)$/.test(w)) return false;
  }
  return false;
}

/**
 * Is a predicate only the topic of the reports a clause speaks of ("media reports on the probe into the Vela crash are
 * speculative")? Then a word that calls them untrue judges the reports, not whether the crash happened. The reports'
 * noun comes first, then a preposition, an inquiry into the happening ("the probe into", "the review of") and only a
 * noun phrase (names, determiners, modifiers) up to the predicate; without the inquiry ("reports of layoffs are false",
 * "reports on the layoffs are false") the words deny the happening.
 */
export function topicOfReports(tokens: Token[], hit: PredicateHit): boolean {
  // (The happening itself is a noun, not a verb: "reports on Orbex closing the plant" say it closes.)
  if (/ing$/.test(tokens[hit.tokenIndex]!.lower)) return false;
  let inquiry = false;
  for (let k = hit.tokenIndex - 1; k >= Math.max(0, hit.tokenIndex - 9); k--) {
    const w = tokens[k]!.lower;
    // (Only through an inquiry's noun: "reports on the layoffs are false" still denies the layoffs.)
    if (HEARSAY_NOUNS.test(w) || /^(?:reporting|coverage|articles?|accounts?)$/.test(w)) return inquiry && /^(?:on|into|regarding|concerning|of|about)$/.test(tokens[k + 1]?.lower ?? "");
    if (/^(?:probe|investigation|inquiry|review)$/.test(w) && /^(?:into|of)$/.test(tokens[k + 1]?.lower ?? "")) inquiry = true;
    if (!(tokens[k]!.cap || /^\d+$/.test(w) || /^(?:of|on|about|into|regarding|concerning|over|the|a|an|its|their|this|that|recent|latest|preliminary|initial|probe|investigation|inquiry|review|media|press|news|international|foreign|local)$/.test(w) || /ly$/.test(w))) return false;
  }
  return false;
}

/** Words after a negator that deny the whole clause ("is not true", "not the case", "did not happen"). */
const WHOLE_CLAUSE = new Set(["true", "so", "case", "happen", "correct", "accurate", "such", "thing", "way"]);
/** Words that pass a negation on to what follows ("no evidence of wrongdoing", "did not seem to", "no sign that"). */
const TRANSPARENT = new Set(["evidence", "sign", "indication", "proof", "record", "suggestion", "seem", "appear", "try", "want", "intend", "plan", "attempt", "manage", "able", "longer", "more", "any", "single", "one"]);

/**
 * What a surface negation denies: the first verb or noun after the negator, by part of speech (the lexicon's class
 * when it has one). "was not wearing a body camera" denies wearing, not the shooting the clause also names; "there was
 * no prior notification" denies notifying; "is not true" denies the whole clause (undefined: the main predicate).
 */
export function negatedPredicate(clause: string, neg: Negation, preds: PredicateHit[]): string | undefined {
  if (!neg.negated || neg.lexical || neg.end === undefined) return undefined;
  const from = neg.end;
  const tagged = tagWords(clause.slice(from, from + 120));
  // (The clause's own predicate hits, shifted to the tail's offsets.)
  const hits = preds.map((h) => ({ cls: h.cls, start: h.start - from, end: h.end - from }));
  for (let k = 0; k < Math.min(tagged.length, 8); k++) {
    const t = tagged[k]!;
    if (t.pos === "PUNCT" || t.pos === "SCONJ" || t.pos === "CCONJ") return undefined;
    const l = lemma(t.lower);
    if (WHOLE_CLAUSE.has(l)) return undefined;
    if (TRANSPARENT.has(l) || t.pos === "AUX" || t.pos === "PART" || t.pos === "DET" || t.pos === "ADV" || t.pos === "ADP" || t.pos === "PRON" || t.pos === "NUM") continue;
    const hit = hits.find((h) => h.start <= t.start && t.start < h.end);
    if (hit && hit.cls !== "exist") return hit.cls;
    if (t.pos === "VERB" || t.pos === "NOUN" || t.pos === "PROPN") return STOP.has(l) ? undefined : l;
  }
  return undefined;
}

const HEDGE_SET = new Set(HEDGES);
const OPINION_VERBS = new Set(["think", "believe", "expect", "reckon", "suppose", "feel"]);
const DENIES_REPORTS_RE = /\b(?:deny|denies|denied|denying|dismiss|dismisses|dismissed|dismissing|reject|rejects|rejected|rejecting|refute|refutes|refuted|refuting|rebut|rebuts|rebutted|debunk|debunked|debunking|(?:push|pushes|pushed|pushing|hit|hits|hitting)\s+back\s+(?:against|on|at))\s+(?:the\s+|these\s+|those\s+|all\s+|such\s+|any\s+|a\s+|an\s+|media\s+|press\s+|recent\s+|preliminary\s+|new\s+|initial\s+)*(?:reports?|allegations?|claims?|rumou?rs?|suggestions?|accusations?|speculation)\b/i;

const RECOVERED = new Set(["collect", "capture", "siphon", "recover", "retrieve", "skim", "collecting", "capturing", "siphoning", "recovering"]);
/** Nouns of the dead counted as bodies, and what is done with bodies: such a count is of those found, not of all deaths. */
const BODY_NOUNS = new Set(["bodies", "body", "corpses", "remains"]);
const BODY_VERBS = new Set(["buried", "burying", "recovered", "collected", "retrieved", "exhumed", "cremated", "identified", "pulled", "found", "removed", "bury", "recover", "collect", "retrieve", "remove"]);
const SEASON = String.raw`(?:winter|summer|spring|autumn|fall)`;
const HABITUAL_RE = new RegExp(String.raw`\b(?:every|each)\s+(?:single\s+)?(?:year|${SEASON}|season)\b|\bin\s+the\s+${SEASON}\b[^.]*\bin\s+the\s+${SEASON}\b`, "i");
const DEONTIC_RE = /^\W*(?:do\s+not|don['’]t|please|let['’]s|let\s+us)\b|\b(?:had|['’]d|you|we|they)\s+better\b|\b(?:should(?:n['’]t)?|ought\s+(?:not\s+)?to|ought\s+not)\b(?!\s+have\b)/i;

/** (`tokens`: the clause's, when the caller has them; else tokenised only if the hedge words are asked about.) */
export function modalityOf(clause: string, cue: string, direct: boolean, negation?: Negation, tokens?: Token[]): Modality {
  if (negation?.withheld) return "UNCERTAIN";
  if (/\?\s*$/.test(clause.trim())) return "UNCERTAIN";
  // A condition ("If 25 tonnes a day leak, …") asserts neither way.
  if (/^\W*(?:if|unless|whether|suppose|supposing)\b/i.test(clause)) return "UNCERTAIN";
  // What ought to be, a command or a warning ("You better not shoot him", "Do not touch it", "they should resign")
  // says nothing of what is or was. ("The number should have read 1,700" corrects a figure: it does.)
  if (DEONTIC_RE.test(clause)) return "UNCERTAIN";
  // What happens every year or every season ("In the winter I separate, in the summer I marry") is a habit or a
  // figure of speech, no one happening that another account could deny. (Figures per year are rates: kept.)
  if (HABITUAL_RE.test(clause) && !/\d/.test(clause)) return "UNCERTAIN";
  for (const [re, m] of HEDGE_CUES) if (re.test(clause)) return m;
  if ((tokens ? tokens.some((t) => HEDGE_SET.has(t.lower)) : HEDGE_WORD_RE.test(clause) && tokenize(clause).some((t) => HEDGE_SET.has(t.lower)))) return /\balleged(ly)?\b/i.test(clause) ? "ALLEGED" : "HEDGED";
  const v = REPORTING_VERBS.get(cue.toLowerCase());
  if (v?.modality) return v.modality;
  return direct ? "ASSERTED" : "ASSERTED";
}

/** A hedge word as a whole word of letters, in any case: every clause with a hedge token has one (a token is a maximal
 * run of letters, so a letter never stands right before or after it), and a clause without one needs no tokens. */
const HEDGE_WORD_RE = new RegExp(`(?<![A-Za-z])(?:${HEDGES.map((w) => w.replace(/[.*+?^${}()|[\]\\]/g, "\\$&")).join("|")})(?![A-Za-z])`, "i");

/** Cuts subordinate material that describes other events: "… one day after the agency admitted …". */
export function mainClause(text: string): string {
  const cut = /(?<!\b(?:only|immediately|shortly|just))\s(?:one day after|a day after|days after|after the|following the|came after|comes after|in retaliation for|in response to|which resulted|because)\b|,\s*(?:although|though|whereas|even though|but)\b|;\s*but\b/i.exec(text);
  return cut && cut.index > 15 ? text.slice(0, cut.index) : text;
}

/** The positive proposition: the clause with negations and denial framing removed. */
export function positiveClaim(clause: string): string {
  // (Each replacement only where its words occur at all: most clauses have no denial verb and no negator.)
  let t = DENIAL_VERB.test(clause) ? clause.replace(/^(?:[A-Z][\w’'.\- ]{0,60}?\s+)?(?:also\s+|flatly\s+|categorically\s+)?(?:denied|denies|deny|disputed|rejected)\s+(?:that\s+|reports\s+(?:in\s+the\s+media\s+)?(?:of|that)\s+)?/i, "") : clause;
  if (NEGATING_WORDS.test(t)) {
    t = t
      .replace(/\b(did|does|do|has|have|had|was|were|is|are|will|would)\s*(not|NOT|n['’]t)\s+/g, "$1 ")
      .replace(/\b(didn|doesn|don|hasn|haven|wasn|weren|isn|aren)['’]t\b/gi, (m) => m.slice(0, -3))
      .replace(/\bnever\s+/gi, "")
      .replace(/\bthere\s+(was|were|is|are)\s+(?:not\s+an?|no)\b/gi, "there $1 a")
      .replace(/\bnot\s+(true|involved)\b/gi, "$1");
  }
  // (Most clauses have no run of spaces and no other white space: then the replacement would change nothing.)
  return (OTHER_SPACE.test(t) ? t.replace(/\s+/g, " ") : t).trim();
}
const OTHER_SPACE = /[^\S ]| {2}/;
/** What the denial-frame replacement needs (a denial verb and a space); what the negator replacements need. */
const DENIAL_VERB = /(?:denied|denies|deny|disputed|rejected)\s/i;
const NEGATING_WORDS = /not|n['’]t|never|there/i;

// ---------------------------------------------------------------------------------------------------------------
// Quantities
// ---------------------------------------------------------------------------------------------------------------

const MEASURE_OF = new Map<string, string>();
for (const [m, words] of Object.entries(MEASURES)) for (const w of words) { MEASURE_OF.set(w, m); MEASURE_OF.set(lemma(w), m); }
const CLASS_MEASURE: ReadonlyMap<string, string> = table({ die: "deaths", injure: "injured", turnout: "turnout", layoff: "jobs", dismiss: "jobs", outbreak: "cases", steal: "accounts", leak: "flow" });
const PERSON_SET = new Set(PERSON_NOUNS);
/** Words that name a figure without saying what it counts ("the figure", "the official count", "their estimate"). */
const GENERIC_MEASURES = new Set(["figure", "figures", "number", "count", "tally", "estimate", "estimates", "total"]);
const BOUND_PHRASES = [...BOUNDS].sort((a, b) => b[0].length - a[0].length);
/** Does `before` (the words before a figure) end with the bound phrase? (Its spaced form built once, not per figure.) */
const BOUND_ENDINGS = BOUND_PHRASES.map(([phrase, bound]) => ({ phrase, spaced: ` ${phrase}`, bound, words: phrase.split(" ").length }));
const NEAR_ENDINGS = NEAR_BOUNDS.map((p) => ({ phrase: p, spaced: ` ${p}` }));
const endsWithPhrase = (before: string, p: { phrase: string; spaced: string }) => before === p.phrase || before.endsWith(p.spaced);
/** Starts as a figure or a word can ($, €, £ before a digit; a digit; a lower-case letter): /^[$€£]?\d|^[a-z]/. */
const mayBeFigure = (lower: string) => {
  const c = lower.charCodeAt(0);
  if ((c >= 97 && c <= 122) || (c >= 48 && c <= 57)) return true;
  if (c !== 36 && c !== 8364 && c !== 163) return false;
  const d = lower.charCodeAt(1);
  return d >= 48 && d <= 57;
};

/** The first words of the vague counts ("a" of "a few"), for a quick no in numberValue. */
const VAGUE_ENTRIES = Object.entries(VAGUE_COUNTS);
const VAGUE_FIRST = new Set(VAGUE_ENTRIES.map(([phrase]) => phrase.split(" ")[0]!));
/** Can a token start a figure at all? (A quick test: most tokens are words that cannot. Memoised: a pure function of
 * the word, and a look-up in the number words by an arbitrary string costs more than one in a map.) */
const mayStartNumber = memoize((lower: string) => {
  const c = lower.charCodeAt(0);
  if (c >= 97 && c <= 122) {
    // (A word: no currency sign to strip, and no digit.)
    if (VAGUE_FIRST.has(lower) || lower === "a" || lower === "half") return true;
    const raw = lower.endsWith("%") ? lower.slice(0, -1) : lower;
    return NUMBER_WORDS.has(raw) || ((raw.includes("-") || raw.includes("‐") || raw.includes("–")) && /^[a-z]+[-‐–][a-z]+$/.test(raw));
  }
  if (/^[$€£]?\d/.test(lower) || VAGUE_FIRST.has(lower) || lower === "a" || lower === "half") return true;
  const raw = lower.replace(/^[$€£]/, "").replace(/%$/, "");
  return NUMBER_WORDS.has(raw) || /^[a-z]+[-‐–][a-z]+$/.test(raw);
}, 50_000);

function numberValue(tokens: Token[], i: number): { value: number; used: number; vague?: [number, number] } | undefined {
  const t = tokens[i]!;
  const word = wordOf(t);
  if (!(word.mayStartNumber ??= mayStartNumber(word.lower))) return undefined;
  const two = `${t.lower} ${tokens[i + 1]?.lower ?? ""} ${tokens[i + 2]?.lower ?? ""}`.trim();
  for (const [phrase, range] of VAGUE_ENTRIES) if (two.startsWith(phrase) && (two.length === phrase.length || two[phrase.length] === " ")) return { value: range[0], used: phrase.split(" ").length, vague: range };
  // "a quarter million", "half a million", "a third of a million": a fraction of a scale word.
  const frac = /^(?:a (quarter|half|third) (?:of a )?|(half) a )(million|billion|thousand)\b/.exec(tokens.slice(i, i + 5).map((x) => x.lower).join(" "));
  if (frac) {
    const part = { quarter: 0.25, half: 0.5, third: 1 / 3 }[(frac[1] ?? frac[2]) as "quarter" | "half" | "third"];
    return { value: Math.round(part * SCALE_WORDS.get(frac[3]!)!), used: frac[0].split(" ").length };
  }
  let value: number | undefined;
  const raw = t.lower.replace(/^[$€£]/, "").replace(/%$/, "");
  if (/^\d[\d,]*(\.\d+)?$/.test(raw)) value = Number(raw.replace(/,/g, ""));
  else if (NUMBER_WORDS.has(raw)) value = NUMBER_WORDS.get(raw);
  else value = compoundNumber(raw);
  if (value === undefined || !Number.isFinite(value)) return undefined;
  let used = 1;
  const scale = SCALE_WORDS.get(tokens[i + 1]?.lower ?? "");
  if (scale && (tokens[i + 1]!.lower.length > 2 || /^\d/.test(raw))) { value *= scale; used++; }
  return { value, used };
}

/** "twenty-five" → 25, "ninety-nine" → 99: a tens word and a units word joined by a hyphen. */
function compoundNumber(raw: string): number | undefined {
  const m = /^([a-z]+)[-‐–]([a-z]+)$/.exec(raw);
  if (!m) return undefined;
  const tens = NUMBER_WORDS.get(m[1]!);
  const units = NUMBER_WORDS.get(m[2]!);
  return tens !== undefined && units !== undefined && tens >= 20 && tens < 100 && tens % 10 === 0 && units >= 1 && units <= 9 ? tens + units : undefined;
}

/** Half a unit of the last significant digit: "800,000" ±50,000, "806,000" ±500, "7,987" ±0.5. */
function precisionOf(value: number): number {
  if (!Number.isInteger(value)) return 0.05 * value;
  let p = 1;
  while (value >= p * 10 && value % (p * 10) === 0) p *= 10;
  return p === 1 ? 0.5 : p / 2;
}

/** [lo, hi] a figure allows given its bound and rounding. */
/** How far an "about" figure reaches either side (a share of it): "about 895,000" and "around 680,000" do not meet. */
export const ABOUT_SHARE = 0.1;
export function intervalOf(q: Pick<Quantity, "value" | "bound"> & { hi?: number; lo?: number }): [number, number] {
  if (q.lo !== undefined && q.hi !== undefined) return [q.lo, q.hi];
  const v = q.value;
  const p = precisionOf(v);
  switch (q.bound) {
    case "AT_LEAST": return [v, Infinity];
    case "MORE_THAN": return [v, Infinity];
    case "UP_TO": case "AT_MOST": return [0, v];
    case "ABOUT": return [v - Math.max(p, v * ABOUT_SHARE), v + Math.max(p, v * ABOUT_SHARE)];
    default: return [v - p, v + p];
  }
}

const SKIP_AFTER_NUMBER = /^(?:a\.m|p\.m|am|pm|gmt|utc|years?-old|year-old|-year-old|th|st|nd|rd|times|fold)$/;

/**
 * Figures in a clause with what they count: "at least 769 people died" → 769 AT_LEAST deaths; "26% of the workforce"
 * → 26 percent (of workforce); "the turnout was 806,000" → 806,000 turnout. Years, times, ages and dates are not
 * figures. A person noun takes its measure from the clause's predicate ("people died" → deaths), else it is "people".
 */
export function quantitiesOf(clause: string, tokens = tokenize(clause), preds = predicatesOf(tokens), measureHint?: string, scopeHint?: string): Quantity[] {
  const out: Quantity[] = [];
  const lowerText = clause.toLowerCase();
  for (let i = 0; i < tokens.length; i++) {
    const t = tokens[i]!;
    if (!mayBeFigure(t.lower)) continue;
    const first = numberValue(tokens, i);
    if (!first) continue;
    let num: { value: number; used: number; vague?: [number, number] } = first;
    const prev = tokens[i - 1]?.lower ?? "";
    // "between 46,000 and 85,000", "four or five", "10 to 12": one figure, a range.
    const joiner = tokens[i + first.used]?.lower;
    if ((prev === "between" && joiner === "and") || joiner === "or" || (joiner === "to" && prev !== "from")) {
      const second = numberValue(tokens, i + first.used + 1);
      if (second && second.value > first.value) num = { value: first.value, used: first.used + 1 + second.used, vague: [first.value, second.value] };
    }
    const next = tokens[i + num.used]?.lower ?? "";
    // Not a figure: a year, a clock time, a date, an age, a "one of", an ordinal, "COVID-19".
    if (/^(1[89]|20)\d\d$/.test(t.lower) && !/^[$€£]/.test(t.w)) continue;
    if (MONTHS.has(prev) || MONTHS.has(next) || SKIP_AFTER_NUMBER.test(next) || clause[t.end] === ":" || clause[t.start - 1] === "-") continue;
    // Part of a name, not a figure: "Channel 9", "Flight 402" (a plain number right after a capitalised word inside
    // the clause), "three West African states" (a number before a run of capitalised words).
    const before1 = tokens[i - 1];
    if (before1 && i > 1 && before1.cap && !MONTHS.has(prev) && /^\d+$/.test(t.w) && clause.slice(before1.end, t.start) === " " && !/[.!?:“"]\s*$/.test(clause.slice(0, before1.start))) continue;
    const n1 = tokens[i + num.used];
    const n2 = tokens[i + num.used + 1];
    if (n1?.cap && n2?.cap && !MEASURE_OF.has(n1.lower) && !MEASURE_OF.has(n2.lower) && !MEASURE_OF.has(lemma(n2.lower))) continue;
    if (!/^\d/.test(t.lower.replace(/^[$€£]/, "")) && !num.vague && (next === "of" || (t.lower === "one" && /^(another|day|side|way|time)$/.test(next)))) continue;
    let bound: Bound = "EXACT";
    const before = tokens.slice(Math.max(0, i - 3), i).map((x) => x.lower).join(" ");
    for (const e of BOUND_ENDINGS) if (endsWithPhrase(before, e)) { bound = e.bound; break; }
    if (num.vague) bound = "ABOUT";
    // Head noun: the first noun-like word within three tokens after the number ("50 sales employees" → employees).
    let unit = /%$/.test(t.w) || next === "percent" || next === "per" ? "percent" : /^[$€£]/.test(t.w) ? "money" : "";
    let head = "";
    // The word the figure counts, when it names it after itself ("two guards"): the figure's text runs to it.
    let nounAfter = -1;
    // "nine days", "two years": a length of time, whatever the clause's predicate counts.
    const timeUnit = /^(second|minute|hour|day|week|month|year|decade)s?$/.exec(next);
    if (!unit && timeUnit) { unit = timeUnit[1]!; head = next; }
    if (!unit) {
      let fallback = "";
      for (let k = i + num.used; k < Math.min(tokens.length, i + num.used + 4); k++) {
        const w = tokens[k]!.lower;
        if (w === "of" && k === i + num.used) continue;
        if (MEASURE_OF.has(w) || MEASURE_OF.has(lemma(w)) || PERSON_SET.has(w)) { head = w; break; }
        if (STOP.has(w) || /^\d/.test(w) || MONTHS.has(w) || WEEKDAYS.has(w)) break;
        // An adjective or a demonym before a noun is not what is counted ("23 Chinese swimmers" counts swimmers).
        if (!fallback && k + 1 < tokens.length && isModifierWord(w) && !STOP.has(tokens[k + 1]!.lower) && !isTimeWord(tokens[k + 1]!.lower) && /^[a-z]/i.test(tokens[k + 1]!.lower) && clause.slice(tokens[k]!.end, tokens[k + 1]!.start) === " ") continue;
        if (!fallback && /^\s+$/.test(clause.slice(tokens[k - 1]!.end, tokens[k]!.start))) nounAfter = k;
        fallback ||= w;
      }
      // A word after the figure that names no measure ("85,000 so far", "200,000 make up"): a measure named before it
      // wins ("the number of deaths was between …"), else the clause's predicate below.
      if (!head && fallback) {
        for (let k = i - 1; k >= Math.max(0, i - 6); k--) {
          const w = tokens[k]!.lower;
          if (MEASURE_OF.has(w) || MEASURE_OF.has(lemma(w))) { head = w; break; }
        }
        if (!head && preds.some((p) => CLASS_MEASURE.get(p.cls)) && !/^[a-z]+s$/.test(fallback)) head = "";
        else head ||= fallback;
      }
      if (!head) {
        // "the turnout was only 806,000", "the toll rose to 12": the measure named before the number; "the figure was
        // 65,000", "the count stood at": a generic word, whose measure is the clause's predicate's. A length of time
        // before the figure ("last year's disaster … 46,000") is not what it counts.
        for (let k = i - 1; k >= Math.max(0, i - 5); k--) {
          const w = tokens[k]!.lower;
          if (GENERIC_MEASURES.has(w) || GENERIC_MEASURES.has(lemma(w))) {
            const cls = preds.find((p) => CLASS_MEASURE.get(p.cls));
            const measure = cls ? CLASS_MEASURE.get(cls.cls) : measureHint;
            if (measure) { unit = measure; head = w; }
            break;
          }
          const m = MEASURE_OF.get(w) ?? MEASURE_OF.get(lemma(w));
          if (m && m !== "years") { head = w; break; }
        }
      }
      const m = unit ? undefined : MEASURE_OF.get(head) ?? MEASURE_OF.get(lemma(head));
      // "killed two guards", "left 12 dead": the verb right before the figure says what it counts.
      const verbBefore = preds.find((p) => p.tokenIndex === i - 1 - boundWords(before, bound) && CLASS_MEASURE.get(p.cls));
      if (unit) { /* a generic word's measure, set above */ }
      else if (verbBefore && !m) unit = CLASS_MEASURE.get(verbBefore.cls)!;
      else if (m) unit = m;
      else if (PERSON_SET.has(head) || !head) {
        const nearest = preds.filter((p) => CLASS_MEASURE.get(p.cls)).sort((a, b) => Math.abs(a.tokenIndex - i) - Math.abs(b.tokenIndex - i))[0];
        // (A bare figure with nothing to say what it counts, "the 318,000", counts what the claim is about.)
        unit = nearest ? CLASS_MEASURE.get(nearest.cls)! : head ? "people" : (measureHint ?? "");
      } else unit = lemma(head);
    }
    if (!unit) continue;
    if (unit === "money" && SCALE_WORDS.get(next) === undefined && num.value < 1000 && /^[$€£]/.test(t.w) === false) continue;
    // A partial count ("so far", "confirmed") is a lower bound.
    const tail = lowerText.slice(t.start, t.start + 80);
    if (bound === "EXACT" && PARTIAL_COUNT.some((p) => p !== "at least" && tail.includes(p)) && ["deaths", "cases", "injured"].includes(unit)) bound = "AT_LEAST";
    const headAt = head ? tokens.findIndex((x, k) => k >= i && x.lower === head) : -1;
    const end = tokens[headAt > i ? headAt : nounAfter > i ? nounAfter : i + num.used - 1]!.end;
    const from = bound === "EXACT" || num.vague ? i : i - boundWords(before, bound);
    const q: Quantity = { value: num.value, bound, unit, text: clause.slice(tokens[Math.max(0, from)]!.start, end) };
    // What sort of the thing it counts: names and sub-population words between the figure and its noun ("57 million
    // Northwind accounts", "272 million unique credentials"); figures of different sorts are not rivals.
    const sort = tokens.slice(i + num.used, headAt > i ? headAt : i + num.used).filter((x) => x.cap || SUBSET_MODIFIERS.has(x.lower)).map((x) => x.lower.replace(/[’']s$/, ""));
    // A figure of what was recovered ("collecting 5,000 barrels a day", "captured 900 litres") is not one of what there
    // was: a sort of its own.
    // (So is one of bodies that were found or buried: "8,000 bodies had been buried", "900 bodies recovered".)
    const afterHead = headAt > i ? tokens.slice(headAt + 1, headAt + 5) : [];
    if (tokens.slice(Math.max(0, from - 3), Math.max(0, from)).some((x) => RECOVERED.has(lemma(x.lower))) || (BODY_NOUNS.has(head) && afterHead.some((x) => BODY_VERBS.has(x.lower)))) sort.unshift("recovered");
    if (sort.length) q.sort = sort.join(" ");
    if (num.vague) { q.lo = num.vague[0]; q.hi = num.vague[1]; }
    else if (NEAR_ENDINGS.some((p) => endsWithPhrase(before, p))) {
      if (bound === "MORE_THAN") { q.lo = num.value; q.hi = num.value * (1 + NEAR_SHARE); }
      else { q.lo = num.value * (1 - NEAR_SHARE); q.hi = num.value; }
    }
    const scope = scopeOf(clause, t.start) ?? scopeHint;
    if (scope) q.scope = scope;
    const per = periodOf(clause, t.start, end);
    if (per) q.per = per;
    if (/^(?:other|another|more|additional|further|extra)$/.test(prev) || /^(?:other|more|additional|further)$/.test(next)) q.partial = true;
    if (isProjection(clause.slice(Math.max(0, tokens[Math.max(0, from)]!.start - 60), tokens[Math.max(0, from)]!.start))) q.projected = true;
    out.push(q);
    i += num.used - 1;
  }
  return out;
}
function boundWords(before: string, bound: Bound): number {
  for (const e of BOUND_ENDINGS) if (e.bound === bound && endsWithPhrase(before, e)) return e.words;
  return 0;
}

const PER_UNIT: ReadonlyMap<string, string> = table({ hour: "hour", day: "day", week: "week", month: "month", year: "year", daily: "day", weekly: "week", monthly: "month", annual: "year", annually: "year", yearly: "year" });
/**
 * The stretch of time a figure covers, from the words right after it (or just before): "a day", "per week", "daily"
 * → that unit; "in one day" → day; "over 11 days", "in the past week" → span; "since …", "so far", "in total" → total.
 */
export function periodOf(clause: string, start: number, end: number): string | undefined {
  const after = clause.slice(end, end + 100).toLowerCase();
  const before = clause.slice(Math.max(0, start - 40), start).toLowerCase();
  const lead = clause.slice(Math.max(0, start - 120), start).toLowerCase();
  let m = /^\W*(?:a|an|per|each|every)\s+(hour|day|week|month|year)\b/.exec(after) ?? /^\W*(daily|weekly|monthly|annually|yearly)\b/.exec(after) ?? /\b(daily|weekly|monthly|annual|yearly)\s*$/.exec(before);
  if (m) return PER_UNIT.get(m[1]!);
  m = /\b(?:in|on)\s+(?:a|one)\s+(?:single\s+)?(day|week|month|year)\b/.exec(after) ?? /\b(?:in|on)\s+(?:a|one)\s+(?:single\s+)?(day|week|month|year)\b[^.]*$/.exec(before);
  if (m) return PER_UNIT.get(m[1]!);
  if (/^[^.;]{0,30}\b(?:since|so far|to date|in total|all told|cumulative|overall|in all|through|as of)\b/.test(after) || /\b(?:total|cumulative|overall)\s+(?:of\s+)?$/.test(before) || /\b(?:since|so far|to date|thus far|as of)\b/.test(lead)) return "total";
  m = /^[^.;]{0,80}\b(?:in|over|during|within|for)\s+(?:the\s+)?(?:past|last|first|previous|next)?\s*(?:(\w+)\s+)?(hours?|days?|weeks?|months?)\b/.exec(after) ?? /\b(?:in|over|during|within)\s+(?:the\s+)?(?:past|last|first|previous)?\s*(?:(\w+)\s+)?(days|weeks|months)\b[^.]*$/.exec(before);
  if (m) return spanOf(m[1], m[2]!);
  if (/^[^.;]{0,30}\b(?:last|this|that)\s+(week|month|year)\b/.test(after)) return "span";
  return undefined;
}

/** "over 11 days" → span:11day; "in the five days" → span:5day; "in recent weeks" → span (length unknown). Two spans of
 * different lengths cover different stretches and their counts are not rivals. */
function spanOf(count: string | undefined, unit: string): string {
  const n = count === undefined ? undefined : /^\d+$/.test(count) ? Number(count) : NUMBER_WORDS.get(count.toLowerCase()) ?? compoundNumber(count.toLowerCase());
  return n === undefined ? "span" : `span:${n}${unit.replace(/s$/, "")}`;
}

/** A figure under a modal of possibility or expectation ("could reach 300,000", "may rise to", "is expected to top"):
 * a projection, not a count, and never the rival of one. */
const PROJECTION_RE = /\b(?:could|may|might|would|will|expected\s+to|likely\s+to|set\s+to|projected\s+to|feared\s+to|forecast\s+to)(?:\s+(?:well|even|eventually|soon|still|easily|ultimately))?\s+(?:be|reach|rise\s+to|climb\s+to|top|exceed|surpass|hit|grow\s+to|increase\s+to|go\s+up\s+to)\s+(?:\w+\s+){0,2}$/i;
export const isProjection = (before: string) => PROJECTION_RE.test(before);

const NATIONAL_RE = /\b(?:nationwide|national|nationally|across the country|around the country|throughout the country|country-wide|countrywide|all over the country)\b/gi;
const SCOPE_NAME_RE = /\b(?:in|across|throughout|around)\s+(?:the\s+|a\s+|an\s+)?((?:[A-Z][\w'’-]+\s?){1,3})/g;
const NATION_WORD = /nation|countr/i;
const CAPITAL_RE = /\b(?:[Ii]n|[Oo]f)\s+the\s+(?:[A-Z][\w'’-]+\s+)?(?:[Cc]apital|[Cc]ity)\b/g;
/** "the highest number of cases in West Africa": a superlative's comparison set, not where the figure holds. */
const SUPERLATIVE_BEFORE = /\b(?:highest|largest|biggest|most|worst|lowest|fewest|greatest|hardest|best)\b[^,.;\d]{0,40}$/i;
const COMPROMISE_LEXICON: Record<string, string | string[]> = (nlp as unknown as { model(): { one: { lexicon: Record<string, string | string[]> } } }).model().one.lexicon;
/** compromise's tags for a word of its list (none when it is not listed). */
const lexiconTags = (word: string): string[] => {
  const t = Object.hasOwn(COMPROMISE_LEXICON, word) ? COMPROMISE_LEXICON[word] : undefined;
  return Array.isArray(t) ? t : t ? [t] : [];
};
/** An adjective or a demonym by compromise's word list, and no noun ("top", "Chinese"; not "sales", "fire"). */
const isModifierWord = (key: string) => {
  const tags = lexiconTags(key);
  return tags.some((x) => x === "Adjective" || x === "Demonym" || x === "Comparable") && !tags.some((x) => /Noun/.test(x));
};
/** A day, a month or a length of time ("21,000 last Saturday", "40,000 last week"): no noun of what is counted after
 * the adjective. Such a figure is left as it was read before (its own date differs from the clause's, and the
 * detector does not yet tell a figure's own date from its clause's). */
const isTimeWord = (w: string) => WEEKDAYS.has(w) || MONTHS.has(w) || /^(?:second|minute|hour|day|night|week|weekend|month|year|decade|time)s?$/.test(w);
/** "said in French": a language (compromise's demonyms, or a language noun), not a place. */
const isLanguage = (key: string) => lexiconTags(key).includes("Demonym") || /^(?:english|spanish|arabic|mandarin|portuguese|hindi|urdu|swahili|creole)$/.test(key);
/** A place by compromise's word list (a country, city, region or other place). */
const isPlaceWord = (key: string) => lexiconTags(key).some((x) => /^(?:Country|City|Region|Place|Province|Continent|Address)$/.test(x));
/** A country by compromise's word list ("France" → national scope: "throughout France" is the country's total). */
const isCountry = (key: string) => lexiconTags(key.replace(/-/g, " ")).includes("Country");
/** The country a demonym names, by the usual English endings, when compromise lists both ("iraqi" → iraq,
 * "syrian" → syria, "jordanian" → jordan, "chinese" → china, "lebanese" → lebanon). */
export function countryOfDemonym(key: string): string | undefined {
  if (key.includes("-") || !lexiconTags(key).includes("Demonym")) return undefined;
  const stems = [key.replace(/i$/, ""), key.replace(/n$/, ""), key.replace(/an$/, ""), key.replace(/ian$/, ""), key.replace(/ian$/, "e"), key.replace(/ese$/, ""), key.replace(/ese$/, "a"), key.replace(/ese$/, "on"), key.replace(/ish$/, ""), `${key}y`];
  return stems.find((c) => c !== key && c.length >= 4 && isCountry(c));
}

/**
 * Where a figure holds, from the scope phrase nearest to it: "in Paris" → paris; "in the capital" → capital;
 * "nationwide", "across the country", "throughout France" (a country) → national.
 */
export function scopeOf(clause: string, at: number, reach = 80): string | undefined {
  const from = Math.max(0, at - reach);
  const window = clause.slice(from, at + 80);
  const found: Array<{ scope: string; at: number }> = [];
  // (Each scan only where its words can occur: every national phrase holds "nation" or "countr", every capital one
  // "apital" or "ity".)
  if (NATION_WORD.test(window)) for (const m of window.matchAll(NATIONAL_RE)) found.push({ scope: "national", at: from + m.index });
  if (window.includes("ity") || window.includes("apital")) for (const m of window.matchAll(CAPITAL_RE)) found.push({ scope: "capital", at: from + m.index });
  for (const m of window.matchAll(SCOPE_NAME_RE)) {
    const k = entityKey(m[1]!.trim());
    if (!k || MONTHS.has(k) || WEEKDAYS.has(k) || SUPERLATIVE_BEFORE.test(window.slice(0, m.index)) || isLanguage(k)) continue;
    found.push({ scope: /^(capital|city)$/.test(k) ? "capital" : isCountry(k) ? "national" : k, at: from + m.index });
  }
  if (/\b(?:worldwide|globally|across the world|around the world)\b/i.test(window)) found.push({ scope: "world", at: from + window.search(/\b(?:worldwide|globally|across the world|around the world)\b/i) });
  // The nearest; a phrase after the figure counts a little nearer ("31,000 in the capital").
  found.sort((x, y) => Math.abs(x.at - at) * (x.at > at ? 0.8 : 1) - Math.abs(y.at - at) * (y.at > at ? 0.8 : 1));
  return found[0]?.scope;
}

// ---------------------------------------------------------------------------------------------------------------
// Time
// ---------------------------------------------------------------------------------------------------------------

const TIME_HINT = /\b(?:jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)[a-z]*\.?\s+\d|\b\d{1,2}\s+(?:jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)|\b(?:mon|tues|wednes|thurs|fri|satur|sun)day\b|\b(?:yesterday|today|tonight|last night|overnight|last week|last month|last year|this week|this month|\d{4}-\d\d-\d\d)\b/i;

/** The time a clause gives, resolved against the publication date (chrono-node); weekdays look back, not forward. */
export function timeOf(clause: string, publishedAt?: string): TimeRef | undefined {
  if (!TIME_HINT.test(clause)) return undefined;
  // (Memoised within a document: one span credited to two speakers is read by chrono-node once.)
  const key = `${publishedAt ?? ""}\u0000${clause}`;
  if (TIMES.has(key)) {
    const t = TIMES.get(key);
    return t && { ...t };
  }
  const t = timeOnce(clause, publishedAt);
  if (TIMES.size > 5_000) TIMES.clear();
  TIMES.set(key, t);
  return t && { ...t };
}
const TIMES = new Map<string, TimeRef | undefined>();
/** The scope a statement's lead names (scopeOf over the whole lead), memoised within a document: the statements of one
 * sentence share it. */
function leadScopeOf(lead: string): string | undefined {
  if (LEAD_SCOPES.has(lead)) return LEAD_SCOPES.get(lead);
  const scope = scopeOf(lead, lead.length, 400);
  if (LEAD_SCOPES.size > 5_000) LEAD_SCOPES.clear();
  LEAD_SCOPES.set(lead, scope);
  return scope;
}
const LEAD_SCOPES = new Map<string, string | undefined>();
function timeOnce(clause: string, publishedAt?: string): TimeRef | undefined {
  const ref = publishedAt ? new Date(`${publishedAt}T12:00:00Z`) : undefined;
  const r = chrono.parse(clause, ref ?? new Date(Date.UTC(2000, 0, 1)), { forwardDate: false })[0];
  if (!r) return undefined;
  const text = r.text;
  const dayKnown = r.start.isCertain("day");
  const weekday = !dayKnown && r.start.isCertain("weekday");
  const relative = /\b(yesterday|today|tonight|last night|overnight)\b/i.test(text);
  // Without a day to count from, "today" or "on Friday" names no date (never chrono's stand-in reference day).
  if (!ref && (relative || !(dayKnown && r.start.isCertain("year")))) return { text };
  const d = r.start.date();
  if (weekday && ref && d.getTime() > ref.getTime() + 36 * 3_600_000) d.setUTCDate(d.getUTCDate() - 7);
  const approximate = !(dayKnown || weekday || relative);
  return { text, date: d.toISOString().slice(0, 10), ...(approximate ? { approximate: true } : {}) };
}

// ---------------------------------------------------------------------------------------------------------------
// The frame
// ---------------------------------------------------------------------------------------------------------------

/** What the document is mostly about: its most named entities and predicates (for claims too short to say). */
export type DocTopic = {
  entities: string[];
  predicates: string[];
  /** The document's multi-word names by their head noun ("Corvo Air Base" under "base" and "airbase"), in text order. */
  heads?: Map<string, Array<{ at: number; key: string }>>;
  /** Bodies the document says someone leads ("the U.S.-led coalition" → coalition: us), with the leader's keys. */
  led?: Map<string, string[]>;
  /** A one-word name the document also gives in full ("Hale" after "Jon Hale"): the full name's key. */
  alias?: Map<string, string>;
};

/** "<Name>-led <body>": the body a name leads ("U.S.-led coalition", "Saudi-led alliance"). */
const LED_RE = /\b((?:[A-Z][\w.']*\s)*[A-Z][\w.']*)-led\s+([a-z]{4,})\b/g;

/** The last entry of a list in text order that starts before `at`. */
function lastBefore<T extends { at: number }>(list: T[], at: number): T | undefined {
  const i = lowerBound(list, at, (x) => x.at);
  return i > 0 ? list[i - 1] : undefined;
}

/** The head nouns a multi-word name can be referred back to by ("the base", "the airbase", "the ministry"). */
function headsOfName(text: string): string[] {
  const words = text.toLowerCase().replace(/[’]/g, "'").replace(/'s$/, "").split(/[\s-]+/).filter(Boolean);
  const of = words.indexOf("of");
  const core = of > 0 ? words.slice(0, of) : words;
  if (core.length < 2) return [];
  const last = core[core.length - 1]!;
  if (!/^[a-z]{3,}$/.test(last)) return [];
  return [last, `${core[core.length - 2]}${last}`];
}

/**
 * Definite descriptions that refer back to a name ("the airbase" after "Corvo Air Base"): the keys of the nearest
 * earlier name in the document with that head noun. Only "the" + a lower-case noun, and only to a name seen before.
 */
export function definiteReferents(tokens: Token[], topic: DocTopic | undefined, at: number | undefined): Array<{ key: string; start: number }> {
  if (!topic?.heads || at === undefined) return [];
  const out: Array<{ key: string; start: number }> = [];
  for (let i = 0; i + 1 < tokens.length; i++) {
    if (tokens[i]!.lower !== "the") continue;
    // "the X" or "the X Y" ending on a lower-case noun: "the airbase", "the air base".
    for (const n of [2, 1]) {
      const ws = tokens.slice(i + 1, i + 1 + n);
      if (ws.length < n || ws.some((t) => t.cap || !/^[a-z]+$/.test(t.lower))) continue;
      const list = topic.heads.get(ws.map((t) => t.lower).join(""));
      const before = list && lastBefore(list, at);
      if (before) {
        out.push({ key: before.key, start: tokens[i]!.start });
        break;
      }
    }
  }
  return out;
}

/** One pass over the document's sentences: the entities and predicate classes it names most (headline counts twice). */
export function documentTopic(text: string, sentences: Array<{ start: number; end: number; kind?: string }>): DocTopic {
  const ents = new Map<string, number>();
  const preds = new Map<string, number>();
  const heads = new Map<string, Array<{ at: number; key: string }>>();
  const led = new Map<string, string[]>();
  for (const s of sentences) {
    const t = text.slice(s.start, s.end);
    const w = s.kind === "HEADLINE" ? 2 : 1;
    const tokens = tokenize(t);
    const found = entitiesOf(t, tokens);
    // (Not from a headline: in title case every word looks like a name, "Before Riverside Raid".)
    if (s.kind !== "HEADLINE" && !isTitleCase(t)) {
      for (const e of found) {
        const add = (h: string) => {
          const list = heads.get(h);
          if (list) list.push({ at: s.start + e.start, key: e.key });
          else heads.set(h, [{ at: s.start + e.start, key: e.key }]);
        };
        for (const h of headsOfName(e.text)) add(h);
        // A person's name after a lower-case role ("actor Jo Quill", "the midfielder Ivo Brandt"): "the actor" later
        // refers back to the person.
        const role = /(?:^|\s)([a-z]{4,})\s+$/.exec(t.slice(Math.max(0, e.start - 30), e.start))?.[1];
        if (role && !STOP.has(role) && !/(?:ed|ing|ly)$/.test(role) && e.key.split("-").length >= 2 && e.key.split("-").length <= 3) add(role);
      }
    }
    // (Only a sentence with "-led" can match: the pattern tries every capitalised run.)
    if (t.includes("-led")) for (const m of t.matchAll(LED_RE)) {
      const leader = entityKey(m[1]!);
      if (leader) led.set(m[2]!, [...new Set([...(led.get(m[2]!) ?? []), leader, ...partyTokens(m[1]!)])]);
    }
    for (const e of new Set(found.map((x) => x.key))) ents.set(e, (ents.get(e) ?? 0) + w);
    for (const p of new Set(predicatesOf(tokens).map((x) => x.cls))) preds.set(p, (preds.get(p) ?? 0) + w);
  }
  // A surname standing for the full name the document gives ("Hale" → jon-hale), when only one full name ends so.
  // (Never a place: "Baghdad" is not short for a "Militia Near Baghdad". And a given name standing alone, "Vanessa",
  // when the word list knows it as one and one full name starts so.)
  const byLast = new Map<string, Set<string>>();
  const under = (short: string, full: string) => byLast.set(short, (byLast.get(short) ?? new Set()).add(full));
  for (const k of ents.keys()) {
    const parts = k.split("-");
    if (parts.length >= 2 && parts.length <= 3 && !parts.some((w) => STOP.has(w) || /^(?:of|for|and|de|the|near)$/.test(w)) && !isPlaceWord(parts.at(-1)!)) under(parts.at(-1)!, k);
    const given = lexiconTags(parts[0]!);
    if (parts.length === 2 && given.length === 1 && /Name$/.test(given[0]!) && given[0] !== "LastName") under(parts[0]!, k);
  }
  const alias = new Map<string, string>();
  for (const [last, full] of byLast) if (full.size === 1 && ents.has(last)) alias.set(last, [...full][0]!);
  // Initials standing for the one name of the document that they abbreviate ("US" → united-states, "UN" →
  // united-nations), when both appear.
  const byInitials = new Map<string, Set<string>>();
  for (const k of ents.keys()) {
    const parts = k.split("-").filter((w) => !/^(?:of|the|and|for|de|du|la|le)$/.test(w));
    if (parts.length >= 2 && parts.length <= 6) {
      const ini = parts.map((w) => w[0]).join("");
      byInitials.set(ini, (byInitials.get(ini) ?? new Set()).add(k));
    }
  }
  for (const [ini, full] of byInitials) if (full.size === 1 && ents.has(ini) && !alias.has(ini)) alias.set(ini, [...full][0]!);
  for (const [short, full] of alias) {
    ents.set(full, (ents.get(full) ?? 0) + ents.get(short)!);
    ents.delete(short);
  }
  const top = (m: Map<string, number>, n: number) => [...m.entries()].filter(([, c]) => c >= 2).sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1)).slice(0, n).map(([k]) => k);
  return { entities: top(ents, 3), predicates: top(preds, 2), heads, led, ...(alias.size ? { alias } : {}) };
}

const YEAR_RE = /\b(?:19|20)\d\d\b/;
/**
 * What a text needs for chrono-node to read a day and a month in it without a year: a month's name or abbreviation
 * (its month-name parsers, and "end of <month>") or two figures joined by "/", "." or "-" (its slash dates). Its other
 * readings that fix a day ("today", "3 days ago", "end of this month", weekdays made dates) fix the year as well, or
 * only imply the day. A quick test (a superset: "may" the verb passes too) before the second pass of reportDateOf.
 */
export const DAY_AND_MONTH = /jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec|\d[/.-]\d/i;
/**
 * The day a report was written: its publication date when known; else the latest day the text names with day, month
 * and year (read by chrono-node, only in sentences that hold a year), marked as an estimate; else nothing.
 */
export function reportDateOf(text: string, sentences: Array<{ start: number; end: number }>, publishedAt?: string): { date: string; estimated: boolean } | undefined {
  if (publishedAt) return { date: publishedAt.slice(0, 10), estimated: false };
  let latest: string | undefined;
  // Every sentence, and every line outside them too (a dateline, an embedded post's "— Name (@handle) April 20, 2024").
  // (Each distinct piece once: a one-sentence line is both a sentence and a line, and only the latest day counts.)
  const pieces = [...new Set([...sentences.map((s) => text.slice(s.start, s.end)), ...text.split("\n").filter((l) => YEAR_RE.test(l))])];
  for (const t of pieces) {
    if (!YEAR_RE.test(t)) continue;
    for (const r of chrono.parse(t, new Date(Date.UTC(2000, 0, 1)))) {
      if (!r.start.isCertain("year") || !r.start.isCertain("month")) continue;
      const d = r.start.date().toISOString().slice(0, 10);
      if (!latest || d > latest) latest = d;
    }
  }
  if (!latest) return undefined;
  // Days named without a year ("on April 19") fall in the year after the latest dated one: the latest of them counts.
  const ref = new Date(`${latest}T12:00:00Z`);
  const ceiling = new Date(ref.getTime() + 365 * 86_400_000).toISOString().slice(0, 10);
  for (const t of pieces) {
    if (!TIME_HINT.test(t) || !DAY_AND_MONTH.test(t)) continue;
    for (const r of chrono.parse(t, ref, { forwardDate: true })) {
      if (r.start.isCertain("year") || !r.start.isCertain("month") || !r.start.isCertain("day")) continue;
      const d = r.start.date().toISOString().slice(0, 10);
      if (d > latest && d < ceiling) latest = d;
    }
  }
  return { date: latest, estimated: true };
}

export type ClaimContext = {
  cue: string;
  direct: boolean;
  speakerKey: string;
  speakerAffiliation?: string;
  /** Names of the speaker, left out of the claim's entities ("Apple denied Apple's …" is about the claim, not Apple). */
  speakerNames?: string[];
  publishedAt?: string;
  clause?: string;
  topic?: DocTopic;
  /** Where the statement starts in its document (to resolve "the airbase" to the name before it). */
  at?: number;
  /** The words of its sentence before the statement (the attribution frame: "It later said in another statement that"). */
  lead?: string;
  /** The sentence before the statement's (what an elided clause, "he had not", refers to when its own has nothing). */
  before?: string;
  reportDate?: { date: string; estimated: boolean };
  /** Which sieve found the statement ("denial", …). */
  sieve?: string;
};

export type NormalizedClaim = { claim: string; polarity: Polarity; modality: Modality; frame: ClaimFrame; propKey: string; period: string };

/** A frame that places a statement after an earlier one by the same speaker ("later said", "in a second statement"). */
const SEQUEL_RE = /\b(?:later|subsequently|afterwards|afterward|then|in (?:a|an) (?:later|second|subsequent|new|further|another|separate) (?:statement|post|update)|in another (?:statement|post|update))\b/i;

/** How many content words a claim needs to stand on its own; below, it is about what the document is about. */
const MIN_CONTENT = 2;
const REPORT_NOUNS = /\b(reports?|claims?|allegations?|rumou?rs?|stor(?:y|ies)|speculation|accounts?|suggestions?|articles?|information|figures?|numbers?|data|version|assertions?|it|this|that|them)\b/i;
/** A content word that says what (no report noun, no word of untruth, not "exist", no manner adverb: "clearly
 * erroneous", "completely false"). Memoised: a pure function of the word, asked for every content word of every claim. */
const saysWhat = memoize((w: string) => !REPORT_NOUNS.test(w) && !LEX_NEG_RE.test(w) && !PREDICATE_CLASSES.exist!.includes(w) && !/ly$/.test(w), 50_000);

/** The clause a claim is read from: the asserted clause (else the span), its subordinate material cut, its quotation
 * marks blanked. */
export const claimClause = (span: string, clause?: string) => mainClause(clause ?? span).replace(/[“”"‘]/g, " ").replace(/’(?=\s|$)/g, " ");

/**
 * Reads the times of a document's claim clauses in one pass, before their claims are built (buildClaim then finds
 * them memoised): chrono-node costs much less per text when it runs on text after text than when each call comes
 * after a claim's other work (its code and patterns are still warm). Same answers: timeOf is a pure function.
 */
export function prepareTimes(clauses: Iterable<string>, publishedAt?: string): void {
  for (const c of clauses) timeOf(c, publishedAt);
}

/** The words of a speaker's names (over two letters): its own name is not what a claim is about. Memoised within a
 * document by the names themselves: a speaker's statements, and statements credited to a name the document repeats,
 * share them. */
function speakerWordsOf(names: string[] | undefined): ReadonlySet<string> {
  if (!names?.length) return EMPTY_WORDS;
  const key = names.length === 1 ? names[0]! : names.join("\u0000");
  let words = SPEAKER_WORDS.get(key);
  if (!words) {
    words = new Set(names.flatMap((n) => entityKey(n).split("-")).filter((w) => w.length > 2));
    if (SPEAKER_WORDS.size > 5_000) SPEAKER_WORDS.clear();
    SPEAKER_WORDS.set(key, words);
  }
  return words;
}
const EMPTY_WORDS: ReadonlySet<string> = new Set();
const SPEAKER_WORDS = new Map<string, ReadonlySet<string>>();

/**
 * Stage 4: the open claim frame of a statement and its blocking keys.
 * Frame: predicate classes (lexicon synonyms, else the lemma), entities (names in the asserted clause, else the
 * document's), negation (surface and lexical), modality, figures with measure, bound and scope, time.
 * Keys (space-separated in `propKey`): `p:<predicate>:<entity>` and `q:<measure>:<entity>`, each once per period
 * (`@<year>`) and once undated (`@?`), so statements of one story meet whatever their dates and two stories with the
 * same words years apart do not share their year block.
 */
export function buildClaim(span: string, ctx: ClaimContext): NormalizedClaim {
  const clause = claimClause(span, ctx.clause);
  const tokens = tokenize(clause);
  const preds = predicatesOf(tokens);
  const neg = negationOf(clause, tokens, preds);
  const cueDenies = REPORTING_VERBS.get(ctx.cue.toLowerCase())?.deny ?? (ctx.sieve === "denial");
  const polarity: Polarity = cueDenies || neg.negated ? "DENY" : "AFFIRM";
  const modality = neg.withheld ? "UNCERTAIN" : modalityOf(span, ctx.cue, ctx.direct, neg);
  const speakerWords = speakerWordsOf(ctx.speakerNames);
  const ownEntities = entitiesOf(clause, tokens).filter((e) => !e.key.split("-").every((w) => speakerWords.has(w)));
  const content = contentOf(tokens).filter((w) => !speakerWords.has(w));
  // (Manner adverbs say how, not what: "clearly erroneous", "completely false".)
  const contentless = content.filter(saysWhat).length < MIN_CONTENT;
  const topic = ctx.topic ?? { entities: [], predicates: [] };
  let classes = [...new Set(preds.map((p) => p.cls))].filter((c) => c !== "exist");
  // A word that calls reports untrue, where the happening is only what the reports are on: the denial is of the
  // reports, and what it denies is what they say (its document's), not the happening they are about.
  if (polarity === "DENY" && neg.lexical && !cueDenies && preds.length && preds.every((p) => topicOfReports(tokens, p))) classes = [];
  // Names and the definite descriptions that refer back to one ("the airbase"), in the order the clause has them.
  const named: Array<{ key: string; start: number }> = [...ownEntities, ...definiteReferents(tokens, ctx.topic, ctx.at)].sort((x, y) => x.start - y.start);
  // What a body does that the document says someone leads, its leader does too ("the Coalition" of a "U.S.-led
  // coalition"): the leader's keys follow the body's mention.
  const led = ctx.topic?.led;
  if (led?.size) {
    for (let i = 1; i < tokens.length; i++) {
      if (tokens[i - 1]!.lower === "the") for (const key of led.get(tokens[i]!.lower) ?? []) named.push({ key, start: tokens[i]!.start + 0.5 });
    }
    named.sort((x, y) => x.start - y.start);
  }
  let entities = [...new Set([...named.map((e) => topic.alias?.get(e.key) ?? e.key), ...partyTokens(clause)])];
  // A demonym names its country too ("an Iraqi base" is about Iraq), and so do a capital ("Washington informed
  // Baghdad") and a country's other names ("US"): after the clause's own names.
  entities = [...new Set([...entities, ...entities.map((e) => countryOfDemonym(e) ?? countryOf(e)).filter((c): c is string => !!c)])];
  // (A negator on a verb of its own, "it never punished the athletes", says what it denies: not a bare denial.)
  const scoped = !cueDenies ? negatedPredicate(clause, neg, preds) : undefined;
  // An elided clause ("he had not", "they did not do so") says no or yes to the predicate just before it: of its
  // sentence ("… asked why he cut off the fuel, and the other said that he had not"), else of the sentence before.
  // It is then no bare denial: it names what it denies.
  let elided: { cls: string[]; entities: string[] } | undefined;
  const elision = ELIDED_CLAUSE.exec(clause);
  // ("He did no such thing" says no to all of what was just claimed: every predicate of it, not only the last.)
  const wholly = !!elision && /such\s+thing|of\s+the\s+(?:sort|kind)/i.test(elision[0]);
  if (elision) {
    // (The words before it in the clause come first: "The other pilot responded that he did not do so".)
    for (const text of [clause.slice(0, elision.index), ctx.lead, ctx.before]) {
      const t = text ? tokenize(text) : [];
      // (Not the verb that reports the claim: "X told a crowd that …, but officials said he did no such thing".)
      // (And only what was claimed: after the last "that" or opening quotation mark, when there is one — "At a rally,
      // X told the crowd that the trust had cut pay" claims the cut, not the rally.)
      const from = wholly && text ? Math.max(text.lastIndexOf(" that "), text.lastIndexOf("“"), text.lastIndexOf('"'), 0) : 0;
      const found = [...new Set(predicatesOf(t).filter((p) => p.start >= from && !(wholly && REPORTING_VERBS.get(t[p.tokenIndex]!.lower))).map((p) => p.cls))].filter((c) => c !== "exist" && !REPORTING_VERBS.get(c));
      if (!found.length) continue;
      elided = { cls: wholly ? found.slice(0, 3) : [found.at(-1)!], entities: entitiesOf(text!, t).map((e) => topic.alias?.get(e.key) ?? e.key).filter((k) => !k.split("-").every((w) => speakerWords.has(w))) };
      break;
    }
  }
  if (elided) {
    classes = elided.cls;
    entities = [...new Set([...elided.entities, ...entities])];
  }
  // (A characterisation, "called the report one-sided", says what the speaker thinks of something, not what happened:
  // it takes nothing from its document.)
  const characterising = ctx.sieve === "characterising";
  const inherited = !elided && !characterising && (contentless || (classes.length === 0 && REPORT_NOUNS.test(clause) && polarity === "DENY" && !scoped));
  // "It's not true", "denied the reports": too short to say what; it is about what its document is about.
  // (A short clause may still name what it denies: "denied any separation" has a predicate of its own.)
  const ownPredicate = inherited && classes.length > 0;
  if (inherited) {
    if (!classes.length) classes = topic.predicates.slice(0, 1);
    if (!entities.length) entities = topic.entities.slice(0, 2);
  } else if (!entities.length && topic.entities.length) entities = topic.entities.slice(0, 1);
  // The optional lexicon's name for a topic entity too ("iraq" → party:iraq), so that both spellings meet.
  if (inherited || !ownEntities.length) entities = [...new Set([...entities, ...entities.flatMap((e) => partyTokens(e.replace(/-/g, " ")))])];
  // "X denied involvement in the strike", "X denied carrying it out": whose part is denied is the speaker's own, though
  // the clause does not name it (its name is left out of the clause's entities above): it is what the denial is about.
  if (polarity === "DENY" && classes.includes("responsible") && ctx.speakerKey) {
    const own = keyName(ctx.speakerKey);
    if (own && !/^(?:anon|reports|outlet)$/.test(ctx.speakerKey.split(":")[0]!)) entities = [...new Set([...entities, own, ...[countryOf(own)].filter((c): c is string => !!c)])];
  }
  // A clause whose predicate the lexicon does not know keys on its first content verb-like lemma.
  if (!classes.length && !inherited) {
    const first = content.find((w) => !entities.some((e) => e.split("-").includes(w)));
    if (first) classes = [first];
  }
  // "Israel's targeting of the camps", "the company's layoffs": a name's possessive before the happening says who did
  // it, a claim of responsibility as well as of the happening.
  // ("its targeting" after a name in the clause reads the same: the pronoun's possessor is that name.)
  // (Up to two describing words between: "Israel's treacherous targeting".)
  const possessed = (p: PredicateHit) => {
    for (let k = p.tokenIndex - 1; k >= Math.max(0, p.tokenIndex - 3); k--) {
      const t = tokens[k]!;
      if (/^[A-Z].*['’]s$/.test(t.w) || (/^(?:its|their)$/.test(t.lower) && ownEntities.some((e) => e.end <= t.start))) return true;
      if (t.cap || STOP.has(t.lower) || /^\d/.test(t.w)) return false;
    }
    return false;
  };
  if (classes.length && !classes.includes("responsible") && preds.some((p) => p.cls === classes[0] && possessed(p))) classes.splice(1, 0, "responsible");
  // Relative days count from the publication date, else from the day the text implies it was written.
  const time = timeOf(clause, ctx.publishedAt ?? ctx.reportDate?.date);
  // A generic "the figure was 65,000" counts what the claim is about (its predicate, maybe its document's).
  // (A clause that names no happening of its own, "the ministry's figure of 316,000", counts what its document is about.)
  // A clause that names no place takes its sentence's ("In the capital, the ministry said the figure was 65,000").
  const leadScope = ctx.lead ? leadScopeOf(ctx.lead) : undefined;
  const quantities = quantitiesOf(clause, tokens, preds, classes.map((c) => CLASS_MEASURE.get(c)).find(Boolean) ?? (preds.length ? undefined : topic.predicates.map((c) => CLASS_MEASURE.get(c)).find(Boolean)), leadScope);
  const place = findPlace(clause);
  const eventType = eventTypeOfClasses(classes);
  // "the conflicting reports of layoffs", "the separation rumors": the clause speaks of reports of its happening, it
  // does not say that it happened.
  const mainHit = preds.find((p) => p.cls === classes[0]);
  // (So does one whose subject is reports saying it: "media reports appear to blame the pilot", "rumours say …".)
  // (And one whose happening is inside someone's question: "X asked Y why he cut off the fuel".)
  const asked = ASKED_RE.exec(clause);
  const hearsay = polarity === "AFFIRM" && (characterising || (!!mainHit && aboutReports(tokens, mainHit)) || REPORTS_SAY.test(clause) || (!!asked && (!mainHit || mainHit.start >= asked.index + asked[0].length)));
  // What the negator denies, when it is not the clause's main predicate (not for a denial cue, which denies the whole).
  const negated = scoped && !inherited && scoped !== classes[0] ? scoped : undefined;
  // Which exclusive label sets the statement takes a side in ("unarmed" / "a gun"): blocks of their own.
  const complements = polarity === "AFFIRM" && !inherited ? complementsOf(tokens) : [];
  // Whose claims a denial dismisses ("Mr. Vance's allegations are politically motivated"), and, for a committed
  // statement, the party its speaker is, so that the two meet.
  const partyClaims = polarity === "DENY" ? PARTY_CLAIMS_RE.exec(clause) : null;
  const dismisses = partyClaims ? partyKeyOf(partyClaims[1] ?? partyClaims[2] ?? "") : undefined;
  const party = polarity === "AFFIRM" && !inherited && !hearsay && modality === "ASSERTED" ? ownPartyKeys(ctx.speakerKey, ctx.speakerNames, ctx.speakerAffiliation) : [];
  const labels = polarity === "AFFIRM" && !inherited ? [...(ANY_LABEL_RE.test(span) ? LABEL_RES.filter((l) => labelSide(span, l)).map((l) => l.id) : []), ...complements.map(complementLabel)] : [];
  // (Built key by key in a fixed order rather than from conditional spreads: the same object, without one temporary
  // object per optional field.)
  const frame: ClaimFrame = { eventType, predicates: classes.slice(0, 3), entities: entities.slice(0, 4), content } as ClaimFrame;
  if (topic.entities.length) frame.topic = topic.entities;
  if (ctx.reportDate) {
    frame.reportDate = ctx.reportDate.date;
    if (ctx.reportDate.estimated) frame.reportDateEstimated = true;
  }
  if (inherited) frame.inherited = true;
  if (ownPredicate) frame.ownPredicate = ownPredicate;
  if (neg.negated) frame.negation = neg.lexical ? "LEXICAL" : "SURFACE";
  if (negated) frame.negated = negated;
  if (hearsay) frame.hearsay = hearsay;
  if (labels.length) frame.labels = labels;
  if (complements.length) frame.complements = complements;
  if (dismisses) frame.dismisses = dismisses;
  if (party.length) frame.party = party;
  if (cueDenies) frame.denial = true;
  if (ctx.lead && SEQUEL_RE.test(ctx.lead)) frame.sequel = true;
  if (entities[0]) frame.agent = entities[0];
  if (place) frame.place = place.key;
  if (time) frame.time = time;
  frame.quantities = quantities;
  const when = ctx.publishedAt ?? time?.date;
  const period = when ? when.slice(0, 7) : "?";
  return { claim: positiveClaim(clause), polarity, modality, frame, propKey: keysOf(frame, period).join(" "), period };
}

/**
 * The blocking keys of a frame in a period (YYYY-MM or "?"):
 * - `p:<predicate>:<entity>@<year>`: the predicate about a named entity, by year (reversals months apart meet);
 * - `p:<predicate>@<month>`: the predicate alone, by month (one story's articles name different entities);
 * - `q:<measure>@<month>`: figures of one measure, by month;
 * each also undated (`@?`), so a statement with no date meets the dated ones; blocks are read newest first and capped.
 */
export function keysOf(frame: ClaimFrame, period: string): string[] {
  const year = period === "?" ? "?" : period.slice(0, 4);
  const ents = (frame.entities ?? []).slice(0, 2);
  const preds = (frame.predicates ?? []).slice(0, 2);
  const units = [...new Set(frame.quantities.map((q) => q.unit))].slice(0, 2);
  const out = new Set<string>();
  for (const p of preds) for (const e of ents) addKey(out, `p:${p}:${e}`, year);
  for (const p of preds) addKey(out, `p:${p}`, period);
  for (const u of units) addKey(out, `q:${u}`, period);
  for (const l of (frame.labels ?? []).slice(0, 2)) for (const e of ents.slice(0, 1)) addKey(out, `l:${l}:${e}`, year);
  // A party's claims and a dismissal of them, by month: "t:<party>".
  if (frame.dismisses) addKey(out, `t:${frame.dismisses}`, period);
  for (const t of frame.party ?? []) addKey(out, `t:${t}`, period);
  return [...out].sort();
}
/** A key in its bucket and undated (`@?`). */
function addKey(out: Set<string>, base: string, bucket: string): void {
  const k = base.slice(0, 120);
  if (bucket !== "?") out.add(`${k}@${bucket}`);
  out.add(`${k}@?`);
}

/** For hand-entered statements: the frame and key of a claim whose polarity the user gives. */
export function normalizeClaim(claim: string, polarity: Polarity): { claim: string; polarity: Polarity; frame: ClaimFrame; propKey: string } {
  const c = buildClaim(claim, { cue: "said", direct: false, speakerKey: "" });
  return { claim: c.claim, polarity: c.polarity === "DENY" ? (polarity === "DENY" ? "AFFIRM" : "DENY") : polarity, frame: c.frame, propKey: c.propKey };
}
