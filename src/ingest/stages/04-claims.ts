import { HEDGE_CUES, NEGATION_CUES, REPORTING_VERBS } from "../lexicon/cues.js";
import { agentGroupOf, aliasAlternation, ORG_ALIASES_LONGEST_FIRST } from "../lexicon/organizations.js";
import { eventTypeOf } from "../lexicon/events.js";
import { findPlace, siteDescription } from "../lexicon/places.js";
import type { Bound, ClaimFrame, Modality, Polarity, Quantity, TimeRef } from "../types.js";

export { eventTypeOf };

const NUMBER_WORDS: Record<string, number> = {
  one: 1, two: 2, three: 3, four: 4, five: 5, six: 6, seven: 7, eight: 8, nine: 9, ten: 10, eleven: 11, twelve: 12,
  dozen: 12, fifteen: 15, twenty: 20, thirty: 30, forty: 40, fifty: 50, hundred: 100,
};
const WEEKDAYS = ["sunday", "monday", "tuesday", "wednesday", "thursday", "friday", "saturday"];
const MONTHS = ["jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec"];

/** Cuts subordinate material that describes other events: "… one day after the Pentagon admitted …". */
export function mainClause(text: string): string {
  const cut = /(?<!\b(?:only|immediately|shortly|just))\s(?:one day after|a day after|days after|after the|following the|came after|comes after|since|in retaliation for|in response to|which resulted|because)\b/i.exec(text);
  return cut && cut.index > 15 ? text.slice(0, cut.index) : text;
}

const boundOf = (qualifier: string | undefined): Bound => {
  const b = (qualifier ?? "").toLowerCase();
  return b === "at least" ? "AT_LEAST" : b === "more than" || b === "over" ? "MORE_THAN" : b === "up to" || b === "at most" || b === "fewer than" ? "UP_TO" : b ? "ABOUT" : "EXACT";
};
const numberOf = (raw: string) => NUMBER_WORDS[raw.toLowerCase()] ?? Number(raw.replace(/,/g, ""));

export function quantitiesOf(clause: string): Quantity[] {
  const out: Quantity[] = [];
  const re = /\b(?:(at least|more than|over|up to|at most|about|around|nearly|some|fewer than)\s+)?(\d[\d,]*|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|fifteen|twenty|thirty|forty|fifty|hundred|dozen)\s+(?:(?:other|more|militia|iraqi|american|u\.s\.|us|pmf|civilian|rocket and drone|rocket|drone)\s+)*(people|fighters|soldiers|troops|members|civilians|persons|individuals|attacks|targets|times|others|vehicles|rockets|killed|dead|wounded|injured)\b/gi;
  let m: RegExpExecArray | null;
  while ((m = re.exec(clause))) {
    const value = numberOf(m[2]!);
    if (!Number.isFinite(value)) continue;
    const bound = boundOf(m[1]);
    const after = clause.slice(m.index + m[0].length, m.index + m[0].length + 30).toLowerCase();
    let unit = m[3]!.toLowerCase();
    if (/^(people|fighters|soldiers|troops|members|civilians|persons|individuals|others)$/.test(unit)) {
      unit = /^\s*(were\s+)?(critically\s+)?(wounded|injured)|injur/.test(after) || /(wounded|injur)/.test(clause.slice(Math.max(0, m.index - 20), m.index).toLowerCase()) ? "injured" : "killed";
    }
    if (unit === "dead") unit = "killed";
    out.push({ value, bound, unit, text: m[0] });
  }
  // "the death toll rose to four", "the number of dead reached 12": a count of the dead without a noun.
  const toll = /\b(?:death\s+toll|toll|number\s+of\s+(?:dead|deaths|those\s+killed))\s+(?:\w+\s+){0,2}?(?:rose|risen|climbed|increased|reached|stood|stands|went\s+up)\s+(?:at\s+|to\s+)?(?:(at least|more than|over|about|nearly)\s+)?(\d[\d,]*|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|fifteen|twenty|thirty|forty|fifty|hundred|dozen)\b/i.exec(clause);
  if (toll) {
    const value = numberOf(toll[2]!);
    if (Number.isFinite(value) && !out.some((q) => q.unit === "killed")) out.push({ value, bound: boundOf(toll[1]), unit: "killed", text: toll[0] });
  }
  // "killed two guards", "killing one commander": whatever the noun, a number right after a verb of killing counts the dead.
  const killed = /\b(?:kill(?:ed|ing|s)|left)\s+(?:(at least|more than|over|up to|at most|about|around|nearly|some|fewer than)\s+)?(\d[\d,]*|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|fifteen|twenty|thirty|forty|fifty|hundred|dozen)\s+(?:[a-z-]+\s+){0,2}?[a-z]+s?\b(?!\s+(?:wounded|injured))/gi;
  while ((m = killed.exec(clause))) {
    const at = m.index + m[0].indexOf(m[2]!, m[0].indexOf(" "));
    if (out.some((q) => clause.indexOf(q.text) <= at && at < clause.indexOf(q.text) + q.text.length)) continue;
    if (/^left\b/i.test(m[0]) && !/\b(dead|killed)\b/i.test(clause.slice(m.index, m.index + m[0].length + 12))) continue;
    const value = numberOf(m[2]!);
    if (!Number.isFinite(value)) continue;
    out.push({ value, bound: boundOf(m[1]), unit: "killed", text: m[0].replace(/^\S+\s+/, "") });
  }
  return out;
}

function isoDay(d: Date): string {
  return d.toISOString().slice(0, 10);
}

/** Anchors "Friday night", "last night", "Jan. 3", "last month", "today" to the article's date. */
export function timeOf(clause: string, publishedAt?: string): TimeRef | undefined {
  const base = publishedAt ? new Date(`${publishedAt}T12:00:00Z`) : undefined;
  let m = /\b(jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)[a-z]*\.?\s+(\d{1,2})(?:,\s*(\d{4}))?\b/i.exec(clause);
  if (m) {
    const year = m[3] ? Number(m[3]) : base?.getUTCFullYear();
    if (!year) return { text: m[0] };
    return { text: m[0], date: isoDay(new Date(Date.UTC(year, MONTHS.indexOf(m[1]!.toLowerCase()), Number(m[2]))) ) };
  }
  m = /\b(?:on|late|early|last)?\s*(sunday|monday|tuesday|wednesday|thursday|friday|saturday)(\s+(night|morning|evening))?\b/i.exec(clause);
  if (m) {
    if (!base) return { text: m[0].trim() };
    const want = WEEKDAYS.indexOf(m[1]!.toLowerCase());
    const d = new Date(base);
    while (d.getUTCDay() !== want) d.setUTCDate(d.getUTCDate() - 1);
    return { text: m[0].trim(), date: isoDay(d) };
  }
  m = /\b(last night|overnight|today|yesterday|last month|in recent days|recently|last week)\b/i.exec(clause);
  if (m) {
    if (!base) return { text: m[0] };
    const d = new Date(base);
    const w = m[1]!.toLowerCase();
    if (w === "last night" || w === "yesterday") d.setUTCDate(d.getUTCDate() - 1);
    if (w === "last week") d.setUTCDate(d.getUTCDate() - 7);
    if (w === "last month") d.setUTCMonth(d.getUTCMonth() - 1);
    return { text: m[0], date: isoDay(d), approximate: w !== "today" && w !== "last night" && w !== "yesterday" };
  }
  return undefined;
}

// Every alias of a party that acts as one side (US, Iraq, Israel …), compiled once into a single alternation,
// longest first, so a clause is scanned once rather than once per alias.
const PARTY_OF_ALIAS = new Map<string, string>();
for (const [alias, org] of ORG_ALIASES_LONGEST_FIRST) {
  const agent = org.agent ?? agentGroupOf(org.key);
  if (agent && alias.length >= 2 && !PARTY_OF_ALIAS.has(alias)) PARTY_OF_ALIAS.set(alias, agent);
}
const PARTY_RE = new RegExp(
  `(?<=[\\s(])(?:${aliasAlternation(PARTY_OF_ALIAS.keys())})(?:'s)?(?=[\\s,.)])`,
  "g",
);

/** Mentions of parties in a clause, in order: where each starts and ends (with its delimiters) in the padded, lower-cased text. */
function partyMentions(clause: string): { lower: string; hits: Array<{ at: number; end: number; agent: string }> } {
  const lower = ` ${clause.toLowerCase().replace(/[’]/g, "'")} `;
  const hits: Array<{ at: number; end: number; agent: string }> = [];
  for (const m of lower.matchAll(PARTY_RE)) {
    const agent = PARTY_OF_ALIAS.get(m[0]) ?? PARTY_OF_ALIAS.get(m[0].replace(/'s$/, ""));
    if (agent) hits.push({ at: m.index - 1, end: m.index + m[0].length + 1, agent });
  }
  return { lower, hits };
}

/** The acting party named in the clause ("the United States carried out …", "Israel’s … targeting"). */
export function agentOf(clause: string): string | undefined {
  const { lower, hits } = partyMentions(clause);
  // Only actors placed before an action verb, or after "by".
  const acting = hits.find(({ at, end }) =>
    /^(?:\w+\s+){0,3}(carried|carry|conduct|conducted|launched|struck|strikes|targeted|had|has|did|was|were|is|killed|violation|treacherous|not)/.test(lower.slice(end, end + 60)) ||
    /by\s$/.test(lower.slice(Math.max(0, at - 4), at + 1)) ||
    /'s\s+(violation|treacherous|targeting)/.test(lower.slice(at, end + 30)),
  );
  return acting?.agent;
}

const NOTICE_VERB = /\b(?:inform(?:ed|ing|s)?|notif(?:y|ied|ies|ying)|told|tell(?:s|ing)?|warn(?:ed|ing|s)?|consult(?:ed|ing|s)?|coordinat\w*\s+with|(?:pre-?)?notification\s+(?:to|of)|notice\s+to)\b/g;
const NOTICE_PASSIVE = /^(?:[\w-]+\s+){0,3}?(?:was|were|had been|has been|have been|been|is|are)\s+(?:not\s+|never\s+)?(?:\w+ly\s+)?(?:informed|notified|told|warned|consulted)\b/;

/**
 * The party given notice, when the clause says: "X informed Y" and "no notification to Y" → Y; "Y was informed" → Y;
 * "we were not told" → the speaker's side. A notification proposition keys on it, whoever speaks.
 */
export function notifiedPartyOf(clause: string, speakerGroup: string | undefined): string | undefined {
  const { lower, hits } = partyMentions(clause);
  for (const m of lower.matchAll(NOTICE_VERB)) {
    const end = m.index + m[0].length;
    const after = hits.find((h) => h.at >= end - 1 && h.at - end <= 30);
    if (after) return after.agent;
  }
  const passive = hits.find((h) => NOTICE_PASSIVE.test(lower.slice(h.end - 1).trimStart()));
  if (passive) return passive.agent;
  if (/\bwe\s+(?:were|had been|have been)\s+(?:not\s+|never\s+)?(?:informed|notified|told|consulted)\b/.test(lower)) return speakerGroup;
  return undefined;
}

/** The parties a text names, as tokens ("party:us", "party:iraq"), so "Washington" and "the United States" match. */
export function partyTokens(text: string): string[] {
  return partyMentions(text).hits.map((h) => `party:${h.agent}`);
}

/** Any party named in the clause, acting or not ("The American side … announcing prior coordination"). */
function anyPartyIn(clause: string): string | undefined {
  return partyMentions(clause).hits[0]?.agent;
}

export function qualifierOf(clause: string): string | undefined {
  if (/\bmedic(s|al)?\b/i.test(clause)) return "medical";
  const killed = /\bkill(?:ed|ing)\s+(?:the\s+)?(?:[A-Z][\w.]*\s+){0,4}?(?:[A-Z][a-z]+\s+)?([A-Z][a-z]{3,})\b/.exec(clause);
  if (killed && !/^(Iraqi|American|Iranian|Israeli|The)$/.test(killed[1]!)) return killed[1]!.toLowerCase();
  return undefined;
}

export function polarityOf(clause: string, cue: string): { polarity: Polarity; negated: boolean } {
  const cueDenies = REPORTING_VERBS[cue.toLowerCase()]?.deny ?? false;
  const negated = NEGATION_CUES.some(([re]) => re.test(clause)) || /\bdenies\b|\bdenied\b|\bdeny\b/.test(clause);
  // "X denied reports that …" and "X said it did not …" both deny; a denial of a negation would affirm (rare, ignored).
  return { polarity: cueDenies || negated ? "DENY" : "AFFIRM", negated };
}

export function modalityOf(clause: string, cue: string, direct: boolean): Modality {
  for (const [re, m] of HEDGE_CUES) if (re.test(clause)) return m;
  const v = REPORTING_VERBS[cue.toLowerCase()];
  if (v?.modality) return v.modality;
  return direct ? "ASSERTED" : "ASSERTED";
}

/** The positive proposition: the clause with negations and denial framing removed. */
export function positiveClaim(clause: string): string {
  return clause
    .replace(/^(?:[A-Z][\w’'.\- ]{0,60}?\s+)?(?:also\s+)?(?:denied|denies|deny|disputed|rejected)\s+(?:that\s+|reports\s+(?:in\s+the\s+media\s+)?(?:of|that)\s+)?/i, "")
    .replace(/\b(did|does|do|has|have|had|was|were|is|are)\s*(not|NOT|n['’]t)\s+/g, "$1 ")
    .replace(/\bthere\s+was\s+not\s+a\b/gi, "there was a")
    .replace(/\bnot\s+(true|involved)\b/gi, "$1")
    .replace(/\bno\s+(medical\s+)?(convoys?)\s+were\b/gi, "$1$2 were")
    .replace(/\s+/g, " ")
    .trim();
}

export type ClaimContext = {
  cue: string;
  direct: boolean;
  speakerKey: string;
  speakerAffiliation?: string;
  publishedAt?: string;
  /** The site most of the document's strike sentences name. */
  docPlace?: string;
  /** The party the document's notification sentences most often name as given notice. */
  docNotified?: string;
  /** The bases and airports the sentences just before this statement name ("the airbase" refers to one of them). */
  sitesBefore?: () => { base?: string; airport?: string };
  clause?: string;
};


export type NormalizedClaim = { claim: string; polarity: Polarity; modality: Modality; frame: ClaimFrame; propKey: string; period: string };

/**
 * Stage 4: the claim frame of a statement and its blocking key `type|agent|place|qualifier|period`.
 * A denial by a party of the acting group ("the coalition did not conduct airstrikes") is about responsibility;
 * anyone else's denial of a strike is about whether it happened.
 */
export function buildClaim(span: string, ctx: ClaimContext): NormalizedClaim {
  // Quotation marks carry no meaning for the frame and break patterns such as "Ruritania’s “violation”".
  const clause = mainClause(ctx.clause ?? span).replace(/[“”"]/g, "");
  let { polarity } = polarityOf(clause, ctx.cue);
  // "We informed the Iraqis immediately after the strikes": notice after the fact denies notice before it.
  if (eventTypeOf(clause) === "NOTIFICATION" && /\b(only|immediately|shortly|just)\s+after\b/i.test(clause)) polarity = "DENY";
  const speakerGroup = agentGroupOf(ctx.speakerKey) ?? agentGroupOf(ctx.speakerAffiliation);
  // "We are aware of reports claiming …" acknowledges reports; it asserts nothing about the event itself.
  let eventType = /\b(?:aware of|seen|heard|saw)\s+(?:the\s+|these\s+|those\s+)?(?:reports?|claims?|allegations?)\b/i.test(clause) ? "OTHER" : eventTypeOf(clause);
  // "X disputed the reports": a denial with a vague object is about the article's main event.
  if (eventType === "OTHER" && polarity === "DENY" && /\b(reports?|claims?|allegations?|rumou?rs?)\b/i.test(clause)) eventType = "STRIKE";
  let agent = agentOf(clause);
  // A party denying "a strike" denies carrying it out — unless it denies that an attack *on* something happened.
  const deniesAttackOn = /\b(?:reports?|story|claims?)\s+of\s+(?:an?\s+)?(?:attack|strike|explosion)s?\s+on\b/i.test(clause);
  if (eventType === "STRIKE" && polarity === "DENY" && !deniesAttackOn && speakerGroup && (speakerGroup === "us" || speakerGroup === "israel") && (!agent || agent === speakerGroup)) {
    eventType = "RESPONSIBILITY";
    agent = speakerGroup;
  }
  if (eventType === "STRIKE" && agent && /\b(carried|conduct|launched|struck)\b/i.test(clause)) eventType = "RESPONSIBILITY";
  if (eventType === "RESPONSIBILITY" && !agent && speakerGroup && polarity === "DENY") agent = speakerGroup;
  // Notification keys on the party given notice; a clause that does not say ("there was no pre-notification") is
  // about the one the document's other notification sentences name; failing both, the speaker's side.
  if (eventType === "NOTIFICATION") agent = notifiedPartyOf(clause, speakerGroup) ?? ctx.docNotified ?? (/\b(we|they)\b/i.test(clause) && speakerGroup ? speakerGroup : (anyPartyIn(clause) ?? speakerGroup));
  const placeHit = findPlace(clause);
  const site = siteDescription(clause);
  const place = placeHit?.specific ? placeHit.key : ((site && ctx.sitesBefore?.()[site]) ?? ctx.docPlace ?? placeHit?.key);
  const time = timeOf(clause, ctx.publishedAt);
  const quantities = quantitiesOf(clause);
  const qualifier = qualifierOf(clause);
  const frame: ClaimFrame = {
    eventType,
    ...(agent ? { agent } : {}),
    ...(place ? { place } : {}),
    ...(time ? { time } : {}),
    quantities,
    ...(qualifier ? { target: qualifier } : {}),
  };
  const when = time?.date ?? ctx.publishedAt;
  const period = when ? when.slice(0, 7) : "?";
  const typeKey = eventType === "NOTIFICATION" ? "NOTIFICATION" : eventType;
  const propKey = eventType === "OTHER" ? "" : [typeKey, agent ?? "-", eventType === "NOTIFICATION" ? "-" : (place ?? "-"), qualifier ?? "-", period].join("|");
  return { claim: positiveClaim(clause), polarity: ctx.clause && REPORTING_VERBS[ctx.cue.toLowerCase()]?.deny ? "DENY" : polarity, modality: modalityOf(span, ctx.cue, ctx.direct), frame, propKey, period };
}

/** For hand-entered statements: the frame and key of a claim whose polarity the user gives. */
export function normalizeClaim(claim: string, polarity: Polarity): { claim: string; polarity: Polarity; frame: ClaimFrame; propKey: string } {
  const c = buildClaim(claim, { cue: "said", direct: false, speakerKey: "" });
  return { claim: c.claim, polarity: c.polarity === "DENY" ? (polarity === "DENY" ? "AFFIRM" : "DENY") : polarity, frame: c.frame, propKey: c.propKey };
}
