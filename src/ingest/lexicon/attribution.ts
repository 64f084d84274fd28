// Lexicon data only: the general vocabulary of attribution in English news (no actors, no places).
import { table } from "./table.js";
// Reporting and denial verbs by lemma, with the forms the text may use; nouns that name who can speak; role and
// title words; words that make a speaker's words a denial. Stages read these; they hold no rules of their own.

export type CueClass = "ASSERT" | "DENY" | "REPORT" | "ALLEGE" | "BELIEVE" | "ESTIMATE" | "CONFIRM";

/** Reporting verbs by lemma. `addressee`: the verb takes who was told before its content ("told reporters that"). */
const VERBS: Array<[lemma: string, cls: CueClass, opts?: { addressee?: boolean; particle?: string }]> = [
  ["say", "ASSERT"], ["tell", "ASSERT", { addressee: true }], ["add", "ASSERT"], ["state", "ASSERT"], ["write", "ASSERT"],
  ["post", "ASSERT"], ["tweet", "ASSERT"], ["announce", "ASSERT"], ["note", "ASSERT"], ["explain", "ASSERT"],
  ["insist", "ASSERT"], ["warn", "ASSERT"], ["argue", "ASSERT"], ["contend", "ASSERT"], ["maintain", "ASSERT"],
  ["assert", "ASSERT"], ["declare", "ASSERT"], ["stress", "ASSERT"], ["emphasize", "ASSERT"], ["emphasise", "ASSERT"],
  ["point", "ASSERT", { particle: "out" }], ["reveal", "ASSERT"], ["disclose", "ASSERT"], ["suggest", "ASSERT"],
  ["inform", "ASSERT", { addressee: true }], ["assure", "ASSERT", { addressee: true }], ["complain", "ASSERT"],
  ["concede", "ASSERT"], ["agree", "ASSERT"], ["respond", "ASSERT"], ["reply", "ASSERT"], ["answer", "ASSERT"],
  ["counter", "ASSERT"], ["recall", "ASSERT"], ["testify", "ASSERT"], ["conclude", "ASSERT"], ["clarify", "ASSERT"],
  ["reiterate", "ASSERT"], ["repeat", "ASSERT"], ["remark", "ASSERT"], ["comment", "ASSERT"], ["mention", "ASSERT"],
  ["observe", "ASSERT"], ["caution", "ASSERT"], ["vow", "ASSERT"], ["pledge", "ASSERT"], ["promise", "ASSERT"],
  ["predict", "ASSERT"], ["acknowledge", "CONFIRM"], ["admit", "CONFIRM"], ["confirm", "CONFIRM"],
  ["report", "REPORT"], ["publish", "REPORT"], ["claim", "ALLEGE"], ["allege", "ALLEGE"], ["accuse", "ALLEGE"],
  ["charge", "ALLEGE"], ["blame", "ALLEGE"], ["believe", "BELIEVE"], ["think", "BELIEVE"], ["fear", "BELIEVE"],
  ["expect", "BELIEVE"], ["estimate", "ESTIMATE"], ["calculate", "ESTIMATE"], ["show", "ASSERT"], ["indicate", "ASSERT"],
  ["find", "ASSERT"], ["deny", "DENY"], ["reject", "DENY"], ["dispute", "DENY"], ["refute", "DENY"], ["dismiss", "DENY"],
  ["contradict", "DENY"], ["rebut", "DENY"], ["disavow", "DENY"], ["contest", "DENY"], ["debunk", "DENY"],
  ["downplay", "DENY"], ["hit", "DENY", { particle: "back" }], ["push", "DENY", { particle: "back" }],
  ["brush", "DENY", { particle: "off" }], ["shoot", "DENY", { particle: "down" }], ["slam", "DENY"], ["challenge", "DENY"],
  ["call", "ASSERT"], ["describe", "ASSERT"], ["analyze", "ASSERT"], ["analyse", "ASSERT"], ["urge", "ASSERT"],
  ["circulate", "REPORT"], ["swirl", "REPORT"],
  // verbs that characterise what they take: "hailed the deal as a victory", "deemed the claim “baseless”"
  ["hail", "ASSERT"], ["deem", "ASSERT"], ["label", "ASSERT"], ["term", "ASSERT"],
  // a worry is a belief ("officials worry that …"); a count is an estimate ("the union counted 9,000 marchers")
  ["worry", "BELIEVE"], ["count", "ESTIMATE"],
];

/** Irregular past forms (past tense, past participle). */
const IRREGULAR: ReadonlyMap<string, string[]> = table({
  say: ["said"], tell: ["told"], write: ["wrote", "written"], think: ["thought"], find: ["found"], show: ["showed", "shown"],
  hit: ["hit"], shoot: ["shot"], publish: ["published"],
});

/** Verbs of more than one syllable stressed on the last, which double their final consonant ("admitted"). */
const STRESSED_FINAL = new Set(["admit", "rebut", "commit", "regret", "refer", "occur", "prefer", "submit", "transmit", "omit"]);

function inflect(lemma: string): string[] {
  const forms = new Set([lemma]);
  const third = /(s|sh|ch|x|z)$/.test(lemma) ? `${lemma}es` : /[^aeiou]y$/.test(lemma) ? `${lemma.slice(0, -1)}ies` : `${lemma}s`;
  forms.add(third);
  const stem = /e$/.test(lemma) ? lemma.slice(0, -1) : /[^aeiou]y$/.test(lemma) ? lemma.slice(0, -1) + "i" : lemma;
  const doubled = (/^(?:[^aeiou]*[aeiou])[bdgmnprt]$/.test(lemma) && !/(w|x|y)$/.test(lemma)) || STRESSED_FINAL.has(lemma) ? lemma + lemma.at(-1) : lemma;
  const irregular = IRREGULAR.get(lemma);
  if (irregular) for (const f of irregular) forms.add(f);
  else forms.add(/e$/.test(lemma) ? `${lemma}d` : /[^aeiou]y$/.test(lemma) ? `${stem}ed` : `${doubled}ed`);
  forms.add(/ie$/.test(lemma) ? `${lemma.slice(0, -2)}ying` : /[^e]e$/.test(lemma) ? `${lemma.slice(0, -1)}ing` : `${doubled}ing`);
  return [...forms];
}

export type CueVerb = { lemma: string; cls: CueClass; addressee: boolean; particle?: string; form: "base" | "third" | "past" | "ing" };

/** Every form of every reporting verb → what it is. */
export const CUE_FORMS = new Map<string, CueVerb>();
for (const [lemma, cls, opts] of VERBS) {
  for (const f of inflect(lemma)) {
    const form = f === lemma ? "base" : f.endsWith("ing") ? "ing" : f.endsWith("s") && !f.endsWith("ss") ? "third" : "past";
    if (!CUE_FORMS.has(f)) CUE_FORMS.set(f, { lemma, cls, addressee: !!opts?.addressee, ...(opts?.particle ? { particle: opts.particle } : {}), form });
  }
}

/** Verbs too common in other senses to count without a clause or quote after them. */
export const WEAK_CUES = new Set(["inform", "assure", "circulate", "swirl", "show", "find", "call", "describe", "add", "note", "charge", "blame", "deem", "label", "term", "post", "publish", "hit", "push", "brush", "shoot", "counter", "answer", "respond", "reply", "repeat", "observe", "mention", "comment", "challenge", "slam", "expect", "fear", "state", "maintain", "agree", "predict", "promise", "pledge", "vow", "worry"]);

/** Cues that count only with a figure right after them ("counted 9,000 marchers", not "counted on the vote"). */
export const FIGURE_CUES = new Set(["count"]);

/** Verbs that estimate in the frame "X put(s) the toll at 4,000", "placed the flow at …" (the figure follows "at"). */
export const PUT_AT_VERBS = new Set(["put", "puts", "putting", "placed", "places", "placing", "pegged", "pegs", "set", "sets", "evaluated", "evaluates", "assessed", "assesses", "reckoned", "reckons", "calculated", "calculates"]);
/** Verbs that give a figure anew ("the ministry raised the toll to 1,200", "it cut its forecast to 2%"), and the
 * nouns of a figure they must take for the clause to be a statement of that figure (not "raised prices to $5"). */
export const REVISE_TO_VERBS = new Set(["raised", "raises", "raising", "lowered", "lowers", "lowering", "revised", "revises", "revising", "increased", "increases", "upped", "lifted", "lifts", "cut", "cuts", "reduced", "reduces", "updated", "updates", "upgraded", "upgrades", "downgraded", "downgrades", "trimmed", "trims", "corrected", "corrects", "adjusted", "adjusts"]);
export const FIGURE_NOUNS = new Set(["toll", "tolls", "estimate", "estimates", "figure", "figures", "count", "tally", "forecast", "forecasts", "projection", "projections", "guidance", "assessment", "outlook", "tallies", "counts", "casualties", "turnout"]);
/** "the number of dead", "the total of injured": a number or total only of the harmed is a figure given anew (not "the
 * number of seats", "its total to 9 stores"). */
export const HARMED_NOUNS = new Set(["dead", "deaths", "killed", "injured", "wounded", "casualties", "victims", "missing", "infected", "infections", "cases", "displaced", "homeless", "evacuated"]);

/** Adjectives after a copula that make a that-clause the subject's belief ("officials are worried that …"). */
export const STANCE_ADJECTIVES = new Set(["worried", "concerned", "confident", "convinced", "adamant", "sure", "certain", "optimistic", "hopeful", "afraid", "fearful", "satisfied", "skeptical", "sceptical", "doubtful"]);

/** Nouns naming a document or message whose author is the speaker ("in a statement", "a post on X"). */
export const DOCUMENT_NOUNS = new Set(["statement", "statements", "release", "post", "posts", "tweet", "tweets", "letter", "email", "e-mail", "memo", "filing", "report", "reports", "study", "survey", "poll", "communique", "notice", "document", "documents", "data", "figures", "records", "message", "video", "interview", "briefing", "press", "conference", "blog", "note", "announcement", "bulletin", "update", "story", "article", "footage", "findings", "analysis", "investigation", "probe", "audit", "assessment", "review", "tally", "count", "estimate", "estimates", "calculations", "projections", "documents", "paper"]);

/** Nouns for what someone asserts, whose source a "by"/"from" phrase names ("speculation by experts that …"). */
export const CLAIM_NOUNS = new Set(["speculation", "claim", "claims", "allegation", "allegations", "suggestion", "suggestions", "assertion", "assertions", "warning", "warnings", "fears", "concerns", "accusation", "accusations", "insistence", "argument", "arguments", "prediction", "predictions", "estimate", "estimates"]);

/** Heads of a group that speaks without a name ("officials", "police sources", "people familiar with …"). */
export const GROUP_NOUNS = new Set(["officials", "official", "sources", "source", "witnesses", "witness", "eyewitnesses", "residents", "analysts", "analyst", "experts", "expert", "people", "insiders", "insider", "diplomats", "diplomat", "aides", "aide", "observers", "critics", "activists", "scientists", "researchers", "investigators", "authorities", "police", "prosecutors", "lawyers", "doctors", "medics", "workers", "employees", "staff", "members", "leaders", "protesters", "organizers", "organisers", "unions", "economists", "engineers", "pilots", "tipster", "tipsters", "relatives", "neighbours", "neighbors", "fans", "players", "voters", "campaigners", "executives", "managers", "lawmakers", "legislators", "ministers", "regulators", "inspectors", "rescuers", "volunteers", "students", "teachers", "parents", "family", "families", "officers", "troops", "soldiers", "agents", "detectives", "firefighters", "paramedics", "nurses", "guards", "negotiators", "delegates", "judges", "jurors", "shareholders", "investors", "traders", "farmers", "miners", "strikers", "demonstrators", "survivors"]);

/** Words after a noun that tie it to something with a preposition, so that the phrase stays one source: "people
 * familiar with the matter", "two people close to the board", "officials loyal to the mayor", "a person briefed on
 * the plans". Each with the prepositions it takes. */
export const POST_MODIFIERS: ReadonlyMap<string, string[]> = table({
  close: ["to"], closer: ["to"], familiar: ["with"], loyal: ["to"], near: ["to"], allied: ["to", "with"], linked: ["to", "with"],
  connected: ["to", "with"], aligned: ["with"], affiliated: ["with"], tied: ["to"], briefed: ["on", "about"], privy: ["to"],
  knowledgeable: ["about", "of"], involved: ["in", "with"], opposed: ["to"], sympathetic: ["to"], acquainted: ["with"],
  versed: ["in"],
});

/** Role and title words: before a name they are its role ("spokesman Steve Dowling"), alone they need a holder. */
export const ROLE_NOUNS = new Set(["spokesman", "spokeswoman", "spokesperson", "spokespeople", "spox", "minister", "secretary", "president", "vice-president", "chairman", "chairwoman", "chair", "director", "chief", "head", "leader", "commander", "governor", "mayor", "senator", "representative", "congressman", "congresswoman", "ambassador", "envoy", "official", "officer", "manager", "coach", "captain", "executive", "ceo", "cfo", "founder", "owner", "lawyer", "attorney", "prosecutor", "judge", "justice", "chancellor", "premier", "king", "queen", "prince", "princess", "general", "colonel", "major", "lieutenant", "sergeant", "admiral", "inspector", "superintendent", "commissioner", "administrator", "editor", "reporter", "correspondent", "analyst", "researcher", "scientist", "professor", "doctor", "publicist", "agent", "representative", "adviser", "advisor", "aide", "deputy", "assistant", "counsel", "prime", "foreign", "defence", "defense", "interior", "health", "information", "press", "senior", "junior", "former", "acting", "interim", "general-secretary", "secretary-general", "director-general", "chief executive", "economist", "engineer", "pilot", "member", "partner", "boss", "striker", "midfielder", "player", "candidate", "legislator", "lawmaker", "mp", "chairperson", "president-elect", "sheriff", "detective", "investigator", "regulator"]);

/** Honorifics and abbreviated titles, with the gender they mark when they mark one. */
export const HONORIFICS: ReadonlyMap<string, "m" | "f" | undefined> = table<"m" | "f" | undefined>({
  mr: "m", "mr.": "m", sir: "m", lord: "m", king: "m", prince: "m", mrs: "f", "mrs.": "f", ms: "f", "ms.": "f", miss: "f",
  lady: "f", dame: "f", queen: "f", princess: "f", baroness: "f", dr: undefined, "dr.": undefined, prof: undefined,
  "prof.": undefined, sen: undefined, "sen.": undefined, rep: undefined, "rep.": undefined, gov: undefined, "gov.": undefined,
  gen: undefined, "gen.": undefined, col: undefined, "col.": undefined, lt: undefined, "lt.": undefined, maj: undefined,
  "maj.": undefined, capt: undefined, "capt.": undefined, sgt: undefined, "sgt.": undefined, adm: undefined, "adm.": undefined,
  cmdr: undefined, "cmdr.": undefined, brig: undefined, "brig.": undefined, pres: undefined, "pres.": undefined,
  president: undefined, minister: undefined, judge: undefined, justice: undefined, professor: undefined, doctor: undefined,
  captain: undefined, senator: undefined, governor: undefined, mayor: undefined, chancellor: undefined, premier: undefined,
});

/** Gendered role nouns. */
export const GENDERED_NOUNS: ReadonlyMap<string, "m" | "f"> = table<"m" | "f">({
  spokesman: "m", spokeswoman: "f", chairman: "m", chairwoman: "f", congressman: "m", congresswoman: "f", businessman: "m",
  businesswoman: "f", actor: "m", actress: "f", father: "m", mother: "f", son: "m", daughter: "f", husband: "m", wife: "f",
  brother: "m", sister: "f", man: "m", woman: "f", boy: "m", girl: "f", king: "m", queen: "f",
});

/** Heads that make a capitalised name an organisation ("Interior Ministry", "Election Commission", "Acme Inc"). */
export const ORG_HEADS = new Set(["ministry", "department", "agency", "organization", "organisation", "commission", "committee", "council", "office", "authority", "administration", "bureau", "service", "services", "police", "force", "forces", "army", "navy", "military", "command", "government", "party", "union", "unions", "federation", "association", "club", "team", "league", "company", "corporation", "corp", "corp.", "inc", "inc.", "ltd", "ltd.", "llc", "plc", "group", "bank", "fund", "institute", "university", "college", "school", "hospital", "court", "board", "parliament", "congress", "senate", "assembly", "cabinet", "coalition", "alliance", "movement", "front", "foundation", "society", "center", "centre", "network", "airline", "airlines", "airways", "bureau", "directorate", "secretariat", "tribunal", "regulator", "watchdog", "panel", "consortium", "ngo", "charity", "church", "campaign", "house", "platform", "brigade", "brigades", "guard", "corps", "industries", "holdings", "technologies", "systems", "motors", "petroleum", "oil", "energy", "labs", "media", "studios", "records", "capital", "partners", "associates"]);

/** Heads that make a name an outlet ("The New York Times", "Daily Mail", "Channel 4 News"). */
/** ("agency" is not one: an agency is a public body unless the name says "news" or "press".) */
export const OUTLET_HEADS = new Set(["times", "post", "news", "journal", "herald", "tribune", "telegraph", "guardian", "mail", "express", "gazette", "press", "review", "magazine", "tv", "television", "radio", "channel", "daily", "weekly", "monitor", "observer", "chronicle", "insider", "wire", "network", "broadcaster", "newspaper", "paper", "website", "site", "blog", "outlet", "tabloid", "daily", "bbc", "cnn"]);

/** Common nouns that, after "the", refer back to an organisation ("the company said"). */
export const ORG_DESCRIPTORS = new Set(["company", "firm", "group", "ministry", "department", "agency", "organization", "organisation", "commission", "committee", "council", "office", "authority", "administration", "government", "party", "union", "club", "team", "league", "federation", "association", "body", "bank", "court", "board", "carrier", "airline", "manufacturer", "maker", "retailer", "giant", "regulator", "watchdog", "panel", "institute", "university", "hospital", "service", "military", "army", "police", "force", "coalition", "alliance", "campaign", "charity", "foundation", "operator", "provider", "network", "platform", "studio", "label", "organisers", "organizers", "prosecution", "defence", "defense", "parliament", "cabinet", "embassy", "consulate", "state", "country", "nation", "city", "county", "district", "region", "province"]);
/** Descriptors that name a kind of body its name usually says ("the union" → "… Workers' Union", "the ministry" →
 * "Ministry of …"): "the union" never refers back to a body whose name says nothing of a union ("the club" or
 * "the company" may: a club's or a firm's name rarely says so). */
export const TYPED_DESCRIPTORS = new Set(["union", "league", "federation", "association", "ministry", "commission", "committee", "council", "court", "department", "police", "authority", "bureau", "parliament", "senate"]);
/** The press spoken of as a group ("Reporters cited officials …"): the outlets the text has just named. */
export const PRESS_GROUPS = new Set(["reporters", "journalists", "news agencies", "the news agencies", "news outlets", "the news outlets", "media outlets", "the media outlets", "the outlets", "the media", "these outlets", "those outlets"]);
export const OUTLET_DESCRIPTORS = new Set(["newspaper", "paper", "outlet", "website", "site", "blog", "magazine", "broadcaster", "channel", "network", "tabloid", "publication", "daily", "station", "agency"]);

/** Words inside a speaker's content, or right after "called … ", that make the words a denial. */
export const DENIAL_PREDICATES = new Set(["false", "untrue", "baseless", "groundless", "unfounded", "fabricated", "fabrication", "fake", "bogus", "nonsense", "rubbish", "inaccurate", "incorrect", "wrong", "misleading", "lies", "lie", "lying", "speculation", "rumours", "rumors", "fiction", "fictional", "ridiculous", "absurd", "erroneous", "mistaken", "distorted", "smear", "slander", "propaganda", "hoax", "disinformation", "misinformation"]);

/** Time words: never a speaker, skipped between a speaker and its verb ("X on Friday said"). */
export const TIME_WORDS = new Set(["monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday", "today", "yesterday", "tonight", "tomorrow", "morning", "afternoon", "evening", "night", "week", "weekend", "month", "year", "day", "days", "weeks", "months", "years", "hours", "time", "january", "february", "march", "april", "may", "june", "july", "august", "september", "october", "november", "december", "jan", "feb", "mar", "apr", "jun", "jul", "aug", "sep", "sept", "oct", "nov", "dec", "earlier", "later", "recently", "previously", "now", "then", "once", "again", "last", "this", "next", "late", "early", "overnight", "noon", "midnight", "ago"]);

/** Pronouns that can be speakers, with what they can refer to. */
export const SPEAKER_PRONOUNS: ReadonlyMap<string, { kinds: Array<"PERSON" | "ORG" | "GROUP">; gender?: "m" | "f"; plural?: boolean }> = table({
  he: { kinds: ["PERSON"], gender: "m" }, she: { kinds: ["PERSON"], gender: "f" }, it: { kinds: ["ORG"] },
  they: { kinds: ["GROUP", "ORG"], plural: true }, we: { kinds: ["ORG", "GROUP"], plural: true }, i: { kinds: ["PERSON"] },
});

/** An elided clause that says yes or no to what was just said: "he had not", "that they did not do so", "she did no
 * such thing", "nothing of the sort". */
export const ELIDED_CLAUSE = /(?:^\W*|\bthat\s+)(?:(?:he|she|they|it|i|we|you)\s+)?(?:(?:had|has|have|did|does|do|was|were|is|are|would|could|will)(?:\s+not|n['’]t|\s+never)(?:\s+(?:do|done|did|doing)\s+(?:so|it|that|this|any such thing))?|(?:had\s+|has\s+|have\s+)?(?:did|done|does|do)\s+(?:no\s+such\s+thing|nothing\s+of\s+the\s+(?:sort|kind)))\W*$/i;
