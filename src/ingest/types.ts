/**
 * Types shared by the extraction stages. Every span is a half-open range [start, end) of UTF-16 code-unit
 * offsets into the original source text (JavaScript string indices), so `text.slice(start, end)` is the span.
 */
export type Span = { start: number; end: number };

export type SpeakerKind = "PERSON" | "ORGANIZATION" | "GOVERNMENT" | "OUTLET" | "ANONYMOUS";
export type Polarity = "AFFIRM" | "DENY";
export type Modality = "ASSERTED" | "REPORTED" | "HEDGED" | "ALLEGED" | "UNCERTAIN";
export type EventType = "STRIKE" | "NOTIFICATION" | "CASUALTIES" | "RESPONSIBILITY" | "OTHER";
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

export type Quantity = { value: number; bound: Bound; unit: string; text: string };
export type TimeRef = { text: string; date?: string; approximate?: boolean };

export type ClaimFrame = {
  eventType: EventType;
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
