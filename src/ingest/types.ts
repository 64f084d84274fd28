/**
 * Types shared by the extraction stages. Every span is a half-open range [start, end) of UTF-16 code-unit
 * offsets into the original source text (JavaScript string indices), so `text.slice(start, end)` is the span.
 */
export type Span = { start: number; end: number };

export type SpeakerKind = "PERSON" | "ORGANIZATION" | "GOVERNMENT" | "OUTLET" | "ANONYMOUS";
export type Polarity = "AFFIRM" | "DENY";
export type Modality = "ASSERTED" | "REPORTED" | "HEDGED" | "ALLEGED" | "UNCERTAIN";
/** A coarse event type for display ("STRIKE", "LAYOFF", "DIE" …: the first predicate class); matching never uses it. */
export type EventType = string;
export type Bound = "EXACT" | "AT_LEAST" | "MORE_THAN" | "UP_TO" | "AT_MOST" | "ABOUT";

/** Stage 1 output. */
export type Segment = Span & { kind: "HEADLINE" | "BYLINE" | "DATELINE" | "CAPTION" | "PARAGRAPH" | "META" };
export type Sentence = Span & { paragraph: number; kind: Segment["kind"] };
export type DocumentMeta = { title?: string; publishedAt?: string; language: string };
export type Segmented = {
  text: string;
  meta: DocumentMeta;
  segments: Segment[];
  sentences: Sentence[];
  /** wink-nlp tokens with offsets and POS tags, set by stage 2 for the later stages. */
  tokens?: import("./nlp/tokens.js").Token[];
};

/** A speaker as the text names it, before resolution against the corpus. */
export type SpeakerMention = Span & {
  surface: string;
  /** The name with titles and roles removed ("Col. Myles Caggins" → "Myles Caggins"). */
  name: string;
  role?: string;
  kind: SpeakerKind;
  /** An affiliation stated by the text ("spokesman for Operation Inherent Resolve"). */
  affiliation?: string;
  /** True for pronouns and descriptors resolved to an earlier mention. */
  anaphoric?: boolean;
  /** Other names the text gives the same (joint) speaker: "police sources and eyewitnesses" → each part. */
  alsoKnownAs?: string[];
  /** Jointly credited speakers ("Iraq and the U.S.-led coalition denied …"). */
  parts?: SpeakerMention[];
  /** The head noun of a description that refers back ("the company" → company), for entity tracking. */
  descriptor?: string;
  /** An indefinite description ("a spokesman for the club"): someone new, not an earlier mention. */
  indefinite?: boolean;
};

/** A canonical speaker after stage 3. `key` is stable across sources. */
export type CanonicalSpeaker = {
  key: string;
  name: string;
  aliases: string[];
  kind: SpeakerKind;
  role?: string;
  affiliationKey?: string;
  /** Other keys the same speaker may carry in other sources (an organisation's acronym ↔ its full name). */
  altKeys?: string[];
};

/**
 * A figure: `unit` is what it counts (a measure class such as deaths, turnout, jobs, or the head noun's lemma);
 * `lo`/`hi` set for vague counts ("dozens"); `scope` where it holds ("paris", "national").
 */
export type Quantity = {
  value: number; bound: Bound; unit: string; text: string; lo?: number; hi?: number; scope?: string;
  /** The stretch of time the figure covers: "day" ("a day", "daily"), "week", "month", "year", "span" ("over 11 days"),
   * "total" ("since the outbreak began", "so far"); figures over different stretches are not compared. */
  per?: string;
  /** Names and sub-population words between the figure and its noun ("northwind", "unique"): figures of different
   * sorts are not rivals. */
  sort?: string;
  /** "two other members", "another 12": a part counted apart from the rest, never a rival to a total. */
  partial?: boolean;
  /** "could reach 300,000": a projection under a modal, not a count; never compared with a count. */
  projected?: boolean;
};
export type TimeRef = { text: string; date?: string; approximate?: boolean };

/** The open claim frame of a statement (stage 4). */
export type ClaimFrame = {
  eventType: EventType;
  /** Predicate classes: lexicon synonym sets ("sack/fire/dismiss" → dismiss), else the lemma of the main content word. */
  predicates?: string[];
  /** Entity keys the clause names (else the document's most named ones). */
  entities?: string[];
  /** The document's most named entities (its story), for the same-story test. */
  topic?: string[];
  /** When its report was written (YYYY-MM-DD): the publication date, else the latest fully dated day the text names
   * (an article is written on or after the last date it gives); `reportDateEstimated` marks the second. */
  reportDate?: string;
  reportDateEstimated?: boolean;
  /** Content lemmas of the clause, for overlap. */
  content?: string[];
  /** The clause is too short to say what it is about ("It's not true"): predicates and entities are the document's. */
  inherited?: boolean;
  /** An inherited clause that still names its own predicate ("denied any separation"). */
  ownPredicate?: boolean;
  /** How the clause denies: a negator ("did not") or a word that calls it untrue ("false", "fabricated"). */
  negation?: "SURFACE" | "LEXICAL";
  /** What a surface negator denies when that is not the clause's main predicate ("was not wearing a camera": wear). */
  negated?: string;
  /** The clause speaks of reports or rumours of its happening ("the layoff rumors") without saying it happened. */
  hearsay?: boolean;
  /** The exclusive label sets the clause takes a side in ("armed-vs-unarmed"): it is blocked with the other side. */
  labels?: string[];
  /** Complementary words the clause applies to a thing ("an unjustified shooting", "the count was accurate"): each as
   * `<base>/<head>` with its side, from WordNet's complementary adjectives (src/ingest/nlp/wordnet.ts). */
  complements?: Array<{ base: string; head: string; negative: boolean; word: string }>;
  /** The cue itself denies ("denied", "rejected"). */
  denial?: boolean;
  /** A denial of a named party's claims ("Mr. Vance's allegations are politically motivated"): that party's key. */
  dismisses?: string;
  /** The keys a committed statement's own speaker goes by as a party ("vance"; an organisation's name and acronym),
   * so that a dismissal of that party's claims meets it. */
  party?: string[];
  /** Its report presents it as said after an earlier statement ("later said in another statement"): a sequel. */
  sequel?: boolean;
  agent?: string;
  target?: string;
  place?: string;
  time?: TimeRef;
  quantities: Quantity[];
};

/** Stage 2 output: a statement with its verbatim span and who made it. */
export type Attribution = Span & {
  cue: string;
  direct: boolean;
  speaker: SpeakerMention;
  /** Set when the text relays the statement through someone else ("according to Reuters"). */
  via?: string;
  /** Where the asserted proposition starts when the span also holds the frame ("X denied that …"). */
  clauseStart?: number;
  /** Where the asserted proposition lies when it is outside the span ("…, an assertion denied by X": the claim before). */
  content?: Span;
  /** Which sieve found it (provenance: "reported", "denial", "trailing", "according-to", "outlet-voice", …). */
  sieve?: string;
};

/** Final pipeline output per statement. */
export type ExtractedStatement = Attribution & {
  text: string;
  speakerKey: string;
  speakerRole?: string;
  claim: string;
  polarity: Polarity;
  modality: Modality;
  frame: ClaimFrame;
  propKey: string;
  eventKey?: string;
  confidence: number;
};

export type ExtractedEvent = { key: string; type: EventType; description: string; date?: string; place?: string };

export type PipelineResult = {
  meta: DocumentMeta;
  speakers: CanonicalSpeaker[];
  statements: ExtractedStatement[];
  events: ExtractedEvent[];
};

export type PipelineInput = { text: string; title?: string; publishedAt?: string; publisher?: string; url?: string; language?: string };
