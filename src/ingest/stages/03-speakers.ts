import nlp from "compromise";
import { memoize } from "../memo.js";
import {
  DOCUMENT_NOUNS, GENDERED_NOUNS, GROUP_NOUNS, POST_MODIFIERS, TYPED_DESCRIPTORS, HONORIFICS, ORG_DESCRIPTORS, ORG_HEADS, OUTLET_DESCRIPTORS, OUTLET_HEADS, PRESS_GROUPS,
  ROLE_NOUNS, SPEAKER_PRONOUNS, TIME_WORDS,
} from "../lexicon/attribution.js";
import { findOrganization, findOrganizationIn, ORG_BY_KEY } from "../lexicon/organizations.js";
import { firstNotBefore } from "../nlp/tokens.js";
import type { Attribution, CanonicalSpeaker, Segmented, SpeakerMention } from "../types.js";

// Stage 3: what a speaker phrase is (person, organisation, group, outlet, pronoun or description), and who it is:
// in-document entity tracking (full name, surname, title + surname, pronouns and definite descriptions to the last
// compatible antecedent) and canonical keys that are stable across sources without a list of actors. The optional
// actor lexicon, when present, only names and links what this stage finds.

const normCache = new Map<string, string>();
/** Lower case, no accents or punctuation, single spaces (memoised: names repeat). */
export const norm = (s: string): string => {
  let n = normCache.get(s);
  if (n === undefined) {
    n = s.normalize("NFKD").replace(/[\u0300-\u036f]/g, "").toLowerCase().replace(/[’‘]/g, "'").replace(/[^a-z0-9@'& -]+/g, " ").replace(/\s+/g, " ").trim();
    if (normCache.size > 50000) normCache.clear();
    normCache.set(s, n);
  }
  return n;
};

const NAME_PARTICLE = /^(al|el|bin|ibn|de|del|della|der|van|von|le|la|da|dos|du|di|mac|st\.?)$/i;
const SUFFIX = /^(jr\.?|sr\.?|ii|iii|iv)$/i;
const INITIAL = /^[A-Z]\.$/;
const isCap = (w: string) => /^\p{Lu}/u.test(w) || /^(al|el)-\p{Lu}/u.test(w);
const isAcronym = (w: string) => /^[A-Z][A-Z0-9&.]{1,7}$/.test(w.replace(/[’']s$/, "")) && /[A-Z].*[A-Z]/.test(w);

type Compromise = { person: boolean; first: boolean; place: boolean; gender?: "m" | "f" };

// compromise's own word lists (its lexicon of forenames, places and organisations), read directly: parsing a phrase
// with nlp() costs about half a millisecond, a look-up nothing.
const LEXICON: Record<string, string | string[]> = (nlp as unknown as { model(): { one: { lexicon: Record<string, string | string[]> } } }).model().one.lexicon;
const tagsOf = (w: string): string[] => {
  const t = Object.hasOwn(LEXICON, w) ? LEXICON[w] : undefined;
  return t === undefined ? [] : Array.isArray(t) ? t : [t];
};
const FORENAME = new Set(["FirstName", "MaleName", "FemaleName"]);
const PLACE = new Set(["Country", "City", "Region", "Place", "Continent", "Address"]);

const cNlp = new Map<string, Compromise>();
/** compromise's reading of a capitalised phrase: a forename in it, a place or organisation it names (cached). */
function reading(phrase: string): Compromise {
  let r = cNlp.get(phrase);
  if (!r) {
    const words = phrase.normalize("NFKD").replace(/[\u0300-\u036f]/g, "").toLowerCase().replace(/[’']s$/, "").split(/\s+/).filter(Boolean);
    const firstTags = tagsOf(words[0] ?? "");
    const whole = tagsOf(words.join(" "));
    const first = words.some((w, i) => i < Math.max(1, words.length - 1) && tagsOf(w).some((t) => FORENAME.has(t)));
    r = {
      first,
      person: words.length >= 2 && firstTags.some((t) => FORENAME.has(t)) && !whole.some((t) => PLACE.has(t)),
      place: whole.some((t) => PLACE.has(t)),
      ...(firstTags.includes("MaleName") ? { gender: "m" as const } : firstTags.includes("FemaleName") ? { gender: "f" as const } : {}),
    };
    if (cNlp.size > 20000) cNlp.clear();
    cNlp.set(phrase, r);
  }
  return r;
}

/** Splits "Lt. Col. Peter J. Osgood III" into role "Lt. Col." and name "Peter J. Osgood III"; undefined when no name. */
export function splitRoleAndName(phrase: string): { name: string; role?: string } | undefined {
  const tokens = phrase.trim().split(/\s+/);
  let i = tokens.length;
  while (i > 0) {
    const t = tokens[i - 1]!;
    const lower = t.toLowerCase().replace(/[,]$/, "");
    if (ROLE_NOUNS.has(lower) || HONORIFICS.has(lower)) break;
    // An organisation's possessive or an acronym before a name is its affiliation or role ("Acme's Jane Roe", "CISO").
    if (/[’']s$/.test(t) || (isAcronym(t) && i < tokens.length)) break;
    if (isCap(t) || INITIAL.test(t) || SUFFIX.test(t) || (NAME_PARTICLE.test(t) && i < tokens.length)) i--;
    else break;
  }
  while (i < tokens.length && NAME_PARTICLE.test(tokens[i]!)) i++;
  let nameTokens = tokens.slice(i);
  if (!nameTokens.some((t) => /\p{Ll}/u.test(t))) return undefined;
  // A capitalised run after a preposition ends another phrase, not a name with its role: "a spokesman for the Ministry
  // of Transport" (an organisation's name), "a spokesman for Jo Quill" (the spokesman speaks, not Quill).
  if (i > 0 && /^(?:of|for|at|from|in|with|by|to|on)$/.test(tokens[i - 1]!)) return undefined;
  // A long capitalised run ends in the name: "… of Science and Medicine Olivier Rabin" → from the first forename.
  if (nameTokens.length >= 3) {
    const k = nameTokens.findIndex((t, j) => j < nameTokens.length - 1 && reading(t).first);
    if (k > 0) {
      i += k;
      nameTokens = nameTokens.slice(k);
    }
  }
  const role = tokens.slice(0, i).join(" ").replace(/[,\s]+$/, "");
  return { name: nameTokens.join(" "), ...(role ? { role } : {}) };
}

/** Person key: first and last name, no initials or suffixes ("Peter J. Osgood III" → "peter osgood"). Memoised: a pure
 * function of the name, asked for every name and surname the stage meets. */
export const personKey = memoize((name: string) => personKeyOnce(name), 50_000);
function personKeyOnce(name: string): string {
  const parts = name.split(/\s+/).filter((t) => !INITIAL.test(t) && !SUFFIX.test(t) && !/^[A-Z]$/.test(t));
  const clean = parts.map((p) => norm(p).replace(/^(al|el)-/, "").replace(/[^a-z-]/g, "")).filter(Boolean);
  if (clean.length <= 1) return clean[0] ?? norm(name);
  return `${clean[0]} ${clean[clean.length - 1]}`;
}

const surnameOf = (name: string) => personKey(name).split(" ").at(-1)!;

/** Is the capitalised run a person's name? */
function looksLikePerson(run: string[], context: { titled: boolean; inDoc?: boolean }): boolean {
  const words = run.filter((t) => !INITIAL.test(t) && !SUFFIX.test(t));
  if (!words.length || words.some((w) => ORG_HEADS.has(w.toLowerCase()) || OUTLET_HEADS.has(w.toLowerCase()) || isAcronym(w))) return false;
  if (words.some((w) => TIME_WORDS.has(w.toLowerCase()) || GROUP_NOUNS.has(w.toLowerCase()))) return false;
  const phrase = run.join(" ");
  const r = reading(phrase);
  // (a place's name is a person's when the document names a person so: "Denise Harrow …, Harrow said")
  if (r.place && !r.person && !context.inDoc) return false;
  if (context.titled) return true;
  if (words.length < 2) return false;
  // Without a title, a role or a known forename, two capitalised words are more often a firm or a body than a person.
  return r.person || r.first;
}

/** Gender marked by a title, a gendered noun or the first name. */
function genderOf(role: string | undefined, name: string): "m" | "f" | undefined {
  for (const w of (role ?? "").toLowerCase().split(/\s+/)) {
    if (HONORIFICS.get(w)) return HONORIFICS.get(w);
    if (GENDERED_NOUNS.get(w)) return GENDERED_NOUNS.get(w);
  }
  return reading(name.split(/\s+/)[0] ?? name).gender;
}

/** The organisation named in a role or appositive: "spokesman for the Acme Club", "Acme spokesman", "head of X". */
function affiliationIn(role: string): string | undefined {
  // "Ruritania’s Minister of Information": the possessor
  const poss = AFFILIATION_POSSESSOR.exec(role);
  if (poss) return poss[1]!.trim();
  // "spokesman for the Acme Club", "an analyst at Acme", "head of the agency"
  const pp = AFFILIATION_AFTER.exec(role);
  if (pp) return pp[1]!.replace(/[’']s$/, "");
  // "Acme spokesman": a capitalised modifier before the role
  const pre = AFFILIATION_BEFORE.exec(role);
  if (pre && !/^(Mr|Mrs|Ms|Dr|Sen|Rep|Gov|Col|Gen|Lt|Maj|Capt)\.?$/.test(pre[1]!)) return pre[1]!;
  return undefined;
}
// Built once (affiliationIn runs for every role phrase described).
const CAP_WORD = "\\p{Lu}[\\p{L}\\p{N}’'&.-]*";
const CAP_RUN = `${CAP_WORD}(?:\\s+(?:of|for|and|&|de|the|on)?\\s*${CAP_WORD})*`;
const AFFILIATION_POSSESSOR = new RegExp(`^(?:the\\s+)?(${CAP_WORD}(?:\\s+${CAP_WORD}){0,3})[’']s\\s`, "u");
const AFFILIATION_AFTER = new RegExp(`\\b(?:for|at|from|with|of\\s+the)\\s+(?:the\\s+)?(${CAP_RUN})`, "u");
const AFFILIATION_BEFORE = new RegExp(`^(?:(?:[Tt]he|[Aa]n?)\\s+)?(?!(?:The|An?|This|That)\\s)((?:${CAP_WORD}\\s+){0,4}${CAP_WORD}(?:\\s+(?:${[...ORG_HEADS].filter((h) => /^[a-z]+$/.test(h)).join("|")}))?)(?:[’']s)?\\s+(?:[a-z-]+\\s+)*?(?:[a-z-]+)$`, "u");

/** Documents that are sources in their own right (as opposed to messages, which speak for their author). */
const ARTIFACT_NOUNS = new Set(["report", "reports", "study", "survey", "poll", "analysis", "review", "investigation", "probe", "audit", "data", "figures", "records", "findings", "documents", "document", "assessment", "estimate", "estimates", "calculations", "projections", "tally", "count", "paper", "footage", "video", "story", "article"]);

const cleanGeneric = (phrase: string) => phrase.replace(/^(a|an|the|some|two|three|several|many|other|one)\s+/i, "").replace(/[’']s$/, "").trim();

const FUNCTION_TAG = /^(?:Copula|Preposition|Determiner|Conjunction|Adverb|QuestionWord|Pronoun|Auxiliary|Modal|Negative)$/;
/** A function word by compromise's word list ("Is", "After", "The", "Why"), capitalised or not. */
function isFunctionWord(word: string): boolean {
  const w = word.toLowerCase();
  return tagsOf(w).some((x) => FUNCTION_TAG.test(x)) || /^(?:the|a|an)$/.test(w);
}

/** The words a document writes capitalised after a lower-case word inside a sentence (one pass, kept per document). */
const insideCaps = new WeakMap<Segmented, Set<string>>();
function capitalisedInside(doc: Segmented): Set<string> {
  let set = insideCaps.get(doc);
  if (!set) {
    set = new Set();
    for (const m of doc.text.matchAll(/[\p{Ll},;][ \t]+(\p{Lu}[\p{L}’'-]*)/gu)) set.add(m[1]!);
    insideCaps.set(doc, set);
  }
  return set;
}

/** For each typed descriptor, the word a name of that kind holds ("the police" also fits a constabulary). */
const TYPED_NAME = new Map([...TYPED_DESCRIPTORS].map((d) => [d, new RegExp(d === "police" ? "\\b(?:police|policing\\b|constabulary\\b)" : `\\b${d}`, "i")]));

/** What kind of organisation a capitalised name is, from its head word. */
function orgKind(name: string): SpeakerMention["kind"] {
  const ws = name.toLowerCase().split(/\s+/);
  if (ws.some((w) => OUTLET_HEADS.has(w))) return "OUTLET";
  if (reading(name).place) return "GOVERNMENT";
  if (ws.includes("government") || ws.includes("administration")) return "GOVERNMENT";
  return "ORGANIZATION";
}

/**
 * Describes a speaker phrase without resolving it against others: kind, name, role, stated affiliation.
 * "Acme spokesman Carl Brenner" → PERSON "Carl Brenner", role "Acme spokesman", affiliation Acme.
 */
export function describeSpeaker(surface: string, start: number, doc?: Segmented): SpeakerMention {
  // The same phrase recurs in an article ("the ministry", "he"): describe it once per document, then shift offsets.
  const cache = doc ? (described.get(doc) ?? described.set(doc, new Map()).get(doc)!) : undefined;
  const hit = cache?.get(surface);
  if (hit) return shifted(hit, start);
  const m = describeOnce(surface, 0, doc);
  cache?.set(surface, m);
  return shifted(m, start);
}
const described = new WeakMap<Segmented, Map<string, SpeakerMention>>();
// (A copy with its offsets moved; the same keys in the same order, set in place rather than from a conditional spread.)
const shifted = (m: SpeakerMention, by: number): SpeakerMention => {
  const out = Object.assign({}, m);
  out.start = m.start + by;
  out.end = m.end + by;
  if (m.parts) out.parts = m.parts.map((p) => shifted(p, by));
  return out;
};
/** `{ ...base, name, kind }` with the optional fields after, in that order (no temporary objects). */
const described3 = (base: { start: number; end: number; surface: string }, name: string, kind: SpeakerMention["kind"], role: string | undefined, affiliation: string | undefined): SpeakerMention => {
  const out: SpeakerMention = { start: base.start, end: base.end, surface: base.surface, name, kind };
  if (role) out.role = role;
  if (affiliation) out.affiliation = affiliation;
  return out;
};

function describeOnce(surface: string, start: number, doc?: Segmented): SpeakerMention {
  const base = { start, end: start + surface.length, surface: surface.trim().replace(/\s+/g, " ") };
  surface = surface.replace(/\s+/g, " "); // a name broken over lines is one name (same length: offsets hold)
  let phrase = surface.replace(/^(but|however|and|meanwhile|still|yet|instead|now|so|also)\b[,\s]+/i, "").replace(/[’']s?$/, "").trim();
  // A sentence's full stop after a name ("the Sun.") is not part of it; an abbreviation's is ("Acme Inc.", "U.S.").
  if (phrase.endsWith(".") && /\p{Ll}{2}\.$/u.test(phrase.slice(-6)) && !/\b(?:Inc|Corp|Ltd|Co|Jr|Sr|Bros|Mr|Mrs|Ms|Dr|St)\.$/.test(phrase)) phrase = phrase.slice(0, -1);
  // A wire dateline before the subject ("CALDER, May 3 (Agency) - Health officials …") is not part of it.
  // (a comma, a dash or a date marks it: "VOA News" is a name, not a dateline and a name)
  phrase = phrase.replace(/^\p{Lu}{3,}(?:[ ,]+\p{Lu}[\p{Lu}.]+)*(?:\s*,\s*(?:(?:Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Sept|Oct|Nov|Dec)\.?\s+\d{1,2}\s+)?(?:\([^)]*\)\s*[-–—]+\s*)?|\s*(?:\([^)]*\)\s*)?[-–—]+\s*|\s+(?:Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Sept|Oct|Nov|Dec)\.?\s+\d{1,2}\s+)(?=\p{Lu}\p{Ll})/u, "");
  // "the Rowing Federation—TRF—and …": an acronym between dashes is the parenthesised one
  // (Only a phrase with a dash can have one: the pattern's scan of every phrase costs more than this test.)
  if (phrase.includes("—") || phrase.includes("–")) phrase = phrase.replace(/\s*([—–])\s*(\p{Lu}[\p{Lu}\p{N}&.]{1,9})\s*(?:\1\s*|$)/gu, " ($2) ");
  phrase = phrase.trim();
  if (phrase === "(publisher)") return { ...base, name: "(publisher)", kind: "OUTLET" };
  const lower = phrase.toLowerCase();
  if (SPEAKER_PRONOUNS.get(lower)) return { ...base, name: lower, kind: "ANONYMOUS", anaphoric: true };
  // "Reporters …", "the news agencies …": the outlets just named, if any (else the group as the text names it).
  if (PRESS_GROUPS.has(lower)) return { ...base, name: cleanGeneric(phrase), kind: "OUTLET", anaphoric: true, descriptor: "outlet" };

  // Lexicon first when it knows the phrase exactly (optional data).
  const known = findOrganization(phrase);
  if (known) return { ...base, name: known.name, kind: known.kind, affiliation: known.key };
  // "the Election Board (REB)": the name, known by its acronym too
  const withAcronym = /^(.+?)\s*\(([A-Z][A-Za-z0-9&.]{1,9})\)$/.exec(phrase);
  if (withAcronym) return { ...describeSpeaker(withAcronym[1]!, start, doc), ...base, alsoKnownAs: [withAcronym[2]!] };

  // Jointly credited sources: "the club and its owner", "Officials in A and B", "police sources and eyewitnesses".
  const officialsIn = /^((?:\p{Lu}\p{Ll}+\s+)?(?:officials|leaders|authorities|governments))\s+(?:in|of|from)\s+(.+\s+and\s+.+)$/iu.exec(phrase);
  const conj = (officialsIn ? officialsIn[2]! : phrase).split(/\s*,\s*(?:and\s+)?|\s+and\s+|\s+&\s+/).filter(Boolean);
  const insideName = /\sof\s[^,]*\sand\s/.test(officialsIn ? "" : phrase);
  if (conj.length >= 2 && conj.length <= 4 && /\sand\s|&/.test(phrase) && !insideName) {
    const parts = conj.map((c) => describeSpeaker(c, start + Math.max(0, surface.indexOf(c)), doc));
    if (parts.every((p) => p.name && !p.anaphoric)) {
      // Unnamed groups credited together are one source known by each part.
      if (parts.every((p) => p.kind === "ANONYMOUS")) return { ...base, name: cleanGeneric(phrase), kind: "ANONYMOUS", alsoKnownAs: conj };
      if (parts.some((p) => p.kind === "PERSON" && p.role) === false || parts.length === 2) return { ...base, name: phrase, kind: parts[0]!.kind, parts };
    }
  }

  // Appositives: "X, a spokesman for Y" · "a spokesman for Y, X"
  const parts = phrase.split(/\s*,\s*/).filter(Boolean);
  if (parts.length >= 2) {
    const titleOnly = (role: string | undefined) => !role || role.split(/\s+/).every((w) => HONORIFICS.has(w.toLowerCase().replace(/,$/, "")));
    const named = parts.findIndex((p) => { const rn = splitRoleAndName(p); return !!rn && titleOnly(rn.role) && looksLikePerson(rn.name.split(/\s+/), { titled: true }) && !/^(the|a|an)\s/i.test(p); });
    const roleParts = parts.filter((_, i) => i !== named).filter((p) => !/^(who|which)\b/i.test(p));
    if (named >= 0 && roleParts.length) {
      let inner = describeSpeaker(parts[named]!, start + surface.indexOf(parts[named]!), doc);
      // A person's role in the appositive makes the name a person's ("Jo Quill, chief of the city police").
      const roleWords = roleParts.join(" ").toLowerCase().split(/[\s’']+/);
      if (inner.kind !== "PERSON" && roleWords.some((w) => ROLE_NOUNS.has(w) || GENDERED_NOUNS.has(w))) {
        const rn = splitRoleAndName(parts[named]!);
        if (rn) inner = { ...inner, name: rn.name, kind: "PERSON", ...(rn.role ? { role: rn.role } : {}) };
      }
      if (inner.kind === "PERSON") {
        const role = roleParts.join(", ");
        const aff = affiliationIn(role);
        return { ...inner, ...base, role: [inner.role, role].filter(Boolean).join(", "), ...(aff ? { affiliation: aff } : inner.affiliation ? { affiliation: inner.affiliation } : {}) };
      }
    }
    // "the regulator, the Medicines Safety Agency": a description with the name of what it describes
    const namedPart = /^(?:[Tt]he|[Tt]his)\s+\p{Ll}[\p{Ll}\s-]*$/u.test(parts[0]!) ? parts.slice(1).find((p) => /^(?:the\s+)?\p{Lu}/u.test(p) && !/^(who|which)\b/i.test(p)) : undefined;
    if (namedPart) {
      const inner = describeSpeaker(namedPart, start + surface.indexOf(namedPart), doc);
      if (inner.name && !inner.anaphoric && inner.kind !== "PERSON") return { ...inner, ...base };
    }
    phrase = parts[0]!;
  }
  const tokens = phrase.split(/\s+/);
  const head = tokens.at(-1)!.toLowerCase().replace(/[’']s$/, "");

  // A document or message: its author speaks ("Acme's statement", "a statement from the club").
  // (a capitalised "Post" or "Report" is part of a name: "the Harbour Post")
  const docNoun = tokens.findIndex((t) => DOCUMENT_NOUNS.has(t) || (DOCUMENT_NOUNS.has(t.toLowerCase()) && t === tokens[0] && tokens.length === 1));
  if (docNoun >= 0 && (docNoun === tokens.length - 1 || /^(from|by|of)$/i.test(tokens[docNoun + 1] ?? ""))) {
    const by = /\b(?:from|by)\s+(.+)$/i.exec(phrase);
    const poss = /^(.+?)[’']s\s+(?:\w+\s+)?\w+$/.exec(phrase);
    // "the Acme report", "The Post story": a capitalised modifier of the document is its author.
    const pre = tokens.slice(0, docNoun).filter((t) => !/^(the|a|an|this|that|its|their|new|latest|preliminary|initial|final|earlier|later|first|second)$/i.test(t));
    const modifier = pre.length && pre.length <= 4 && pre.every(isCap) ? pre.join(" ") : undefined;
    const author = by?.[1] ?? poss?.[1] ?? modifier;
    // A message speaks for its author ("Acme's statement" is Acme speaking), and so does a document whose author the
    // text names: the sentient source over the artifact ("the Acme report", "Acme data", "the Post story").
    if (author && !/^(the|a|an)$/i.test(author)) {
      const who = describeSpeaker(author, start + surface.indexOf(author), doc);
      const artifact = ARTIFACT_NOUNS.has(tokens[docNoun]!.toLowerCase());
      // (an artifact "from" somewhere stays the artifact's: "reports from Ruritania")
      if (!artifact || (!(by && /^from\s/i.test(by[0])) && who.name && !who.anaphoric)) return { ...who, ...base };
      return { ...base, name: cleanGeneric(phrase.replace(/\s+(?:from|by)\s+.+$/i, "")), kind: "ORGANIZATION", affiliation: author.replace(/^the\s+/i, ""), descriptor: head };
    }
    return { ...base, name: cleanGeneric(phrase), kind: /report|blog|post|tweet|video/i.test(head) ? "OUTLET" : "ORGANIZATION", descriptor: `the ${head}`, anaphoric: /^the\s/i.test(phrase) && tokens.length === 2 };
  }

  // A definite description of someone named before: "the company", "the minister", "the 56-year-old".
  // (Not one whose head a plural possessive names: "the players' union", "the nurses’ union" is a body of its own.)
  const ofAClass = tokens.length >= 3 && tokens.slice(1, -1).some((t) => /s[’']$/.test(t));
  if (ofAClass && /^(the)\s/i.test(phrase) && tokens.slice(1).every((t) => !isCap(t)) && tokens.length <= 4 && ORG_DESCRIPTORS.has(head)) return { ...base, name: cleanGeneric(phrase), kind: "ORGANIZATION" };
  if (/^(the|this)\s/i.test(phrase) && tokens.slice(1).every((t) => !isCap(t)) && tokens.length <= 4 && !ofAClass) {
    if (ORG_DESCRIPTORS.has(head)) return { ...base, name: `the ${head}`, kind: "ORGANIZATION", anaphoric: true, descriptor: head };
    if (OUTLET_DESCRIPTORS.has(head)) return { ...base, name: `the ${head}`, kind: "OUTLET", anaphoric: true, descriptor: head };
    if (ROLE_NOUNS.has(head) || GENDERED_NOUNS.get(head) || /-year-old$/.test(head)) return { ...base, name: `the ${head}`, kind: "PERSON", anaphoric: true, descriptor: head };
  }

  // Members of a group speak for it ("Members of the Acme Union released a statement").
  const membersOf = /^(?:members|representatives)\s+of\s+(.{3,})$/i.exec(phrase);
  if (membersOf) return { ...describeSpeaker(membersOf[1]!, start + surface.indexOf(membersOf[1]!), doc), ...base };
  // An unnamed group: "officials", "police sources", "people familiar with the plan", "Acme officials".
  // (a post-modifier with its preposition starts the tail too: "people familiar with the plan", "sources close to …")
  const firstAdp = tokens.findIndex((t, k) => /^(of|for|at|from|in|with)$/i.test(t) || (k > 0 && POST_MODIFIERS.get(t.toLowerCase())?.includes(tokens[k + 1]?.toLowerCase() ?? "") === true));
  const core = firstAdp > 0 ? tokens.slice(0, firstAdp) : tokens;
  const coreHead = core.at(-1)!.toLowerCase().replace(/[’']s$/, "");
  // (a capital that only starts the sentence does not make a name: "Officials said …")
  if (GROUP_NOUNS.has(coreHead) && (!isCap(core.at(-1)!) || (core.length === 1 && !isAcronym(core[0]!)))) {
    const aff = affiliationIn(phrase.replace(/\s+(?:sources?|officials?|people|members|staff|employees|executives)\b.*$/i, (m) => m.replace(/\S+$/, "x")));
    // (a word capitalised only because it starts the sentence is no name: "Election officials said …", unless the
    // document writes it capitalised inside a sentence too, as names are: "… of Apple …")
    const initialCommon = !!doc && !!aff && phrase.startsWith(aff) && !aff.includes(" ") && !isAcronym(aff) && !capitalisedInside(doc).has(aff);
    const affName = aff && !/^(A|An|The|Some|Two|Several)$/.test(aff) && !GROUP_NOUNS.has(aff.toLowerCase()) && isCap(aff) && !initialCommon ? aff : undefined;
    return described3(base, cleanGeneric(phrase), "ANONYMOUS", undefined, affName);
  }

  // A person: a capitalised name, with any title or role before it.
  const rn = splitRoleAndName(phrase);
  if (rn) {
    const run = rn.name.split(/\s+/);
    // A role before a name: a title or role word, or any common noun right before two or three capitalised words
    // ("Congress media in-charge Jo Quill": an unlisted role is still a role).
    const roleWords = (rn.role ?? "").split(/\s+/);
    const titled = !!rn.role && (roleWords.some((w) => ROLE_NOUNS.has(w.toLowerCase().replace(/[,.]$/, "")) || HONORIFICS.has(w.toLowerCase())) || (/^\p{Ll}[\p{Ll}-]+$/u.test(roleWords.at(-1)!) && !/^(the|a|an|and|of|for|in|on|at|by|with)$/.test(roleWords.at(-1)!) && run.length >= 2 && run.length <= 3));
    const docPerson = doc && run.length <= 3 ? surnameInDoc(doc, run.at(-1)!) : false;
    if (looksLikePerson(run, { titled: titled || docPerson, inDoc: docPerson })) {
      const aff = rn.role ? affiliationIn(rn.role) : undefined;
      return described3(base, rn.name, "PERSON", rn.role, aff);
    }
  }

  // A role without its holder: "a spokesman for the club", "the club's spokeswoman", "Acme Senior Director".
  if (ROLE_NOUNS.has(coreHead)) {
    const aff = affiliationIn(phrase);
    // A definite role refers back ("the spokesman"); an indefinite one introduces someone new ("a spokesman for the
    // club"), who speaks for the organisation named, if any.
    const indefinite = /^(a|an|one|another|some)\s/i.test(phrase);
    return { ...base, name: cleanGeneric(phrase), kind: "PERSON", role: cleanGeneric(phrase), descriptor: coreHead, anaphoric: !indefinite, ...(indefinite ? { indefinite: true } : {}), ...(aff ? { affiliation: aff } : {}) };
  }

  // An organisation, outlet or government (a place speaking: "Washington said" is its government).
  const name = cleanGeneric(phrase);
  // Any other common noun phrase a reporting verb takes as its subject is an unnamed source ("two groups of pilots").
  if (name && !isCap(name) && tokens.length <= 8 && !TIME_WORDS.has(coreHead)) return { ...base, name: cleanGeneric(phrase), kind: "ANONYMOUS" };
  if (!name || !isCap(name)) return { ...base, name: "", kind: "ANONYMOUS" };
  if (tokens.length > 8) return { ...base, name: "", kind: "ANONYMOUS" };
  return { ...base, name, kind: orgKind(name) };
}

/** Does the document name a person with this surname ("Mr Holden" after "Alex Holden")? */
function surnameInDoc(doc: Segmented, surname: string): boolean {
  const bare = surname.replace(/[’']s$/, "");
  let cache = surnames.get(doc);
  if (!cache) {
    cache = new Set<string>();
    // Capitalised runs: the last word is a surname when the name part (after any title or role word in the run)
    // starts with a forename, or a title or role comes before it, or an appositive role follows the run.
    for (const m of doc.text.matchAll(/(?=\p{Lu})(?<![\p{L}-])\p{Lu}[\p{L}’'.-]*(?:(?:[ \t]+|[ \t]*\n[ \t]*)(?:(?:al|el|de|van|von|le|da)[- ])?\p{Lu}[\p{L}’'.-]*)+/gu)) {
      const words = m[0].split(/\s+/);
      let r = -1;
      words.forEach((w, i) => {
        const l = w.toLowerCase().replace(/[.,]$/, "");
        if (HONORIFICS.has(l) || ROLE_NOUNS.has(l)) r = i;
      });
      const name = words.slice(r + 1);
      if (!name.length || !/\p{Ll}/u.test(name.at(-1)!)) continue;
      if (r >= 0 || (name.length >= 2 && reading(name[0]!).first) || (name.length >= 2 && roleAround(doc.text, m.index!, m.index! + m[0].length))) cache.add(norm(name.at(-1)!.replace(/[’']s$/, "")));
    }
    surnames.set(doc, cache);
  }
  return cache.has(norm(bare));
}
const surnames = new WeakMap<Segmented, Set<string>>();

/** A role word right before a name ("minister Jane Roe") or in its appositive (", a spokesman for …,"). */
function roleAround(text: string, start: number, end: number): boolean {
  const before = /([A-Za-z-]+)\s+$/.exec(text.slice(Math.max(0, start - 30), start))?.[1]?.toLowerCase();
  if (before && ROLE_NOUNS.has(before)) return true;
  const after = /^,\s+([^,.;]{3,80})[,.;]/.exec(text.slice(end, end + 90))?.[1];
  return !!after && after.toLowerCase().split(/[\s’']+/).some((w) => ROLE_NOUNS.has(w) || GENDERED_NOUNS.has(w));
}

const SURNAME_PREFIXES = ["mr", "mrs", "ms", "dr"];
const LETTER_BEFORE = /[\p{L}-]$/u;
const DOT_SPACE = /^\.?\s?$/u;
/**
 * The matches of `(?<![\p{L}-])(?:Mr|Mrs|Ms|Dr)?\.?\s?(<surname>|…)(?![\p{L}-])` (flags giu) in a text, for
 * surnames of lower-case letters and hyphens, as [whole match, surname] with the match's index: the same matches, in
 * one pass over the text's words with set look-ups instead of the alternation of every surname tried at each offset
 * (which made this scan the costliest part of stage 3 on long texts). A surname is a whole word ("[\p{L}-]+"), or a
 * word's tail after a glued title ("MrX"); a title word followed by "." and/or one space before it starts the match.
 */
export function surnameMatches(text: string, surnames: ReadonlySet<string>): Array<{ 0: string; 1: string; index: number }> {
  const out: Array<{ 0: string; 1: string; index: number }> = [];
  if (!surnames.size) return out;
  const foldOf = (w: string) => {
    const l = w.toLowerCase();
    return l.includes("ſ") ? l.replace(/ſ/g, "s") : l;
  };
  const found = (index: number, end: number, surname: string) => out.push({ 0: text.slice(index, end), 1: surname, index });
  // Only words of these lengths can take part in a match: a surname, a title and a surname, a title alone.
  const lengths = new Set([2, 3]);
  for (const k of surnames) for (const n of [0, 2, 3]) lengths.add(k.length + n);
  // The words ([\p{L}-]+) one after the other, by code point: [start, end) of the current and of the next one.
  let pos = 0;
  const wordAfter = (): [number, number] | undefined => {
    const n = text.length;
    while (pos < n) {
      const cp = text.codePointAt(pos)!;
      if (isWordPoint(cp)) break;
      pos += cp > 0xffff ? 2 : 1;
    }
    if (pos >= n) return undefined;
    const from = pos;
    while (pos < n) {
      const cp = text.codePointAt(pos)!;
      if (!isWordPoint(cp)) break;
      pos += cp > 0xffff ? 2 : 1;
    }
    return [from, pos];
  };
  let last = 0; // where the regex would resume (the end of the previous match)
  let next = wordAfter();
  while (next) {
    const [at, end] = next;
    next = wordAfter();
    if (at < last || !lengths.has(end - at)) continue;
    const w = text.slice(at, end);
    const fold = foldOf(w);
    // A match starting in the gap before the word (after a non-letter, then "." and/or one space): the word whole.
    const whole = surnames.has(fold);
    let gapStart = -1;
    if (whole && at > 0 && /[.\s]/.test(text[at - 1]!)) for (const g of [at - 2, at - 1]) {
      if (g >= last && g >= 0 && !LETTER_BEFORE.test(text.slice(Math.max(0, g - 2), g)) && DOT_SPACE.test(text.slice(g, at))) { gapStart = g; break; }
    }
    if (gapStart >= 0) { found(gapStart, end, w); last = end; continue; }
    // A match starting at the word: a title glued to the surname or before the next word, else the word whole.
    let matched = false;
    for (const p of SURNAME_PREFIXES) {
      if (!fold.startsWith(p)) continue;
      if (fold.length > p.length) {
        if (surnames.has(fold.slice(p.length))) { found(at, end, w.slice(p.length)); last = end; matched = true; break; }
      } else if (next && DOT_SPACE.test(text.slice(end, next[0])) && surnames.has(foldOf(text.slice(next[0], next[1])))) {
        found(at, next[1], text.slice(next[0], next[1]));
        last = next[1];
        matched = true;
        break;
      }
    }
    if (!matched && whole) { found(at, end, w); last = end; }
  }
  return out;
}
const LETTER = /\p{L}/u;
/** A code point of a word for surnameMatches: a letter or a hyphen ([\p{L}-]). */
const isWordPoint = (cp: number) => {
  if (cp < 128) return cp === 45 || (cp >= 65 && cp <= 90) || (cp >= 97 && cp <= 122);
  let yes = LETTER_POINTS.get(cp);
  if (yes === undefined) LETTER_POINTS.set(cp, (yes = LETTER.test(String.fromCodePoint(cp))));
  return yes;
};
const LETTER_POINTS = new Map<number, boolean>();

export type Resolved = { attribution: Attribution; speakerKey: string; speakerRole?: string };

type Entity = { key: string; kind: CanonicalSpeaker["kind"]; at: number; gender?: "m" | "f"; role?: string; descriptor?: string; speaker: boolean };

/** Initials of a name's capitalised content words: "World Health Organization" → "WHO". */
export function initialsOf(name: string): string {
  return name.split(/[\s-]+/).filter((w) => isCap(w) && !/^(of|the|and|for|de|la|du)$/i.test(w)).map((w) => w[0]!.toUpperCase()).join("");
}

/**
 * Stage 3: resolves mentions to canonical speakers. Names → keys from the normalised name; a surname or title +
 * surname → the document's full name; pronouns and descriptions → the last compatible entity before them (gender,
 * number, kind); acronyms ↔ expansions within the document (and as alternative keys across documents); unnamed
 * sources stay local to their source. The outlet's own voice is the publisher, else the URL's host, else "the article".
 */
export function resolveSpeakers(
  attributions: Attribution[],
  doc: Segmented,
  opts: { sourceKey: string; publisher?: string; url?: string },
): { resolved: Resolved[]; speakers: CanonicalSpeaker[] } {
  const speakers = new Map<string, CanonicalSpeaker>();
  const timeline: Entity[] = [];
  const bySurname = new Map<string, string>(); // surname → person key (this document)
  const acronyms = new Map<string, string>(); // acronym → org key (this document)
  const orgNames = new Map<string, string>(); // org key → the name the text gives it
  const timelineGender = new Map<string, "m" | "f">();

  const add = (sp: CanonicalSpeaker, alias: string) => {
    const prev = speakers.get(sp.key);
    const a = alias === "(publisher)" ? "" : alias.replace(/^(but|however|and)\s+/i, "").replace(/[.,;:]+$/, "").trim();
    if (prev) {
      if (a && !prev.aliases.includes(a) && a !== prev.name) prev.aliases.push(a);
      if (!prev.role && sp.role) prev.role = sp.role;
      if (!prev.affiliationKey && sp.affiliationKey) prev.affiliationKey = sp.affiliationKey;
      // The longest full form names the speaker ("World Health Organization" over "WHO").
      if (sp.kind === prev.kind && sp.name.length > prev.name.length && prev.kind !== "PERSON") {
        if (!prev.aliases.includes(prev.name)) prev.aliases.push(prev.name);
        prev.name = sp.name;
      }
      for (const k of sp.altKeys ?? []) if (!(prev.altKeys ??= []).includes(k)) prev.altKeys.push(k);
      return prev;
    }
    const fresh: CanonicalSpeaker = { ...sp, aliases: a && a !== sp.name ? [a] : [] };
    speakers.set(sp.key, fresh);
    return fresh;
  };

  // Pre-scan: full person names and organisation expansions anywhere outside quotations, in text order, so surnames,
  // pronouns and acronyms can find them.
  // ("(?=\p{Lu})" first, here and in surnameInDoc: a capital is tested before the look-behind at each offset; the same
  // matches, found faster.)
  for (const m of doc.text.matchAll(/(?=\p{Lu})(?<![\p{L}-])(?:(Mr|Mrs|Ms|Dr|Sen|Rep|Gov|Gen|Col|Lt|Maj|Capt|President|Minister|Judge)\.?[ \t]+)?(\p{Lu}[\p{Ll}’'-]+(?:[ \t]+\p{Lu}\.)?(?:(?:[ \t]+|[ \t]*\n[ \t]*)(?:(?:al|el|de|van|von|le|da)[- ])?\p{Lu}[\p{Ll}’'-]+){1,2})\b/gu)) {
    // role words inside the run are titles, not names ("Spokesperson Jo Quill")
    const rn = splitRoleAndName(m[2]!);
    if (!rn) continue;
    const run = rn.name.split(/\s+/);
    if (run.length < 2) continue;
    const titled = !!m[1] || !!rn.role || roleAround(doc.text, m.index!, m.index! + m[0].length);
    // Cheap tests first: a known forename or a title, then compromise's reading of the whole name.
    if (!(titled || reading(run[0]!).first) || !looksLikePerson(run, { titled })) continue;
    const key = `person:${personKey(rn.name)}`;
    bySurname.set(surnameOf(rn.name), bySurname.get(surnameOf(rn.name)) ?? key);
    const g = genderOf(m[1] ?? rn.role, rn.name);
    if (g && !timelineGender.has(key)) timelineGender.set(key, g);
    timeline.push({ key, kind: "PERSON", at: m.index!, speaker: false, ...(g ? { gender: g } : {}) });
    if (!speakers.has(key)) speakers.set(key, { key, name: rn.name, aliases: [], kind: "PERSON" });
  }
  // Surnames alone, later in the text, are mentions of the same people ("Juncker contradicted him").
  if (bySurname.size) {
    for (const m of surnameMatches(doc.text, new Set([...bySurname.keys()].filter((k) => k.length > 2)))) {
      if (!/^\p{Lu}/u.test(m[1])) continue;
      const key = bySurname.get(m[1].toLowerCase());
      if (key) timeline.push({ key, kind: "PERSON", at: m.index + m[0].indexOf(m[1]), speaker: false, ...(timelineGender.get(key) ? { gender: timelineGender.get(key)! } : {}) });
    }
  }
  // (Only a text with a parenthesised acronym can match: the costly scan is skipped in the others.)
  if (/\([A-Z][A-Za-z0-9&.]{1,9}\)/.test(doc.text)) for (const m of doc.text.matchAll(/\b((?:\p{Lu}[\p{L}-]+[ \t]+)(?:(?:of|for|and|the|on)[ \t]+)?(?:\p{Lu}[\p{L}-]+[ \t]*){1,6})[ \t]*\(([A-Z][A-Za-z0-9&.]{1,9})\)/gu)) {
    acronyms.set(m[2]!, orgKeyOf(m[1]!.trim()));
  }
  // Organisation names anywhere, as antecedents for "the company" or "it".
  for (const m of doc.text.matchAll(/\b(?:the[ \t]+)?((?:\p{Lu}[\p{L}&.-]*[ \t]+){0,4}(?:\p{Lu}[\p{L}&.-]*))\b/gu)) {
    const w = m[1]!.split(/\s+/);
    const last = w.at(-1)!.toLowerCase();
    if (!(ORG_HEADS.has(last) || isAcronym(w.at(-1)!)) || w.length > 5 || m.index === 0) continue;
    const key = acronyms.get(m[1]!) ?? orgKeyOf(m[1]!);
    orgNames.set(key, orgNames.get(key) ?? m[1]!);
    timeline.push({ key, kind: orgKind(m[1]!), at: m.index!, speaker: false });
  }
  timeline.sort((x, y) => x.at - y.at);

  // Plural groups the text mentions ("Officers stopped him. They said …"), as antecedents for "they".
  {
    const T = doc.tokens ?? [];
    for (let i = 0; i < T.length; i++) {
      const t = T[i]!;
      if (t.quoted || (t.pos !== "NOUN" && t.pos !== "PROPN") || !GROUP_NOUNS.has(t.lower) || !/s$/.test(t.lower)) continue;
      let a = i;
      while (a > 0 && i - a < 3 && /^(ADJ|NOUN|PROPN)$/.test(T[a - 1]!.pos) && !T[a - 1]!.quoted) a--;
      const name = doc.text.slice(T[a]!.start, t.end).replace(/\s+/g, " ");
      const key = `anon:${opts.sourceKey}:${norm(name)}`;
      if (!speakers.has(key)) speakers.set(key, { key, name, aliases: [], kind: "ANONYMOUS" });
      timeline.push({ key, kind: "ANONYMOUS", at: T[a]!.start, speaker: false });
    }
    timeline.sort((x, y) => x.at - y.at);
  }

  // Salience for descriptions: every capitalised name outside quotations, with how often the text has used it so far
  // ("the company" is most often the company the article is about, not the last organisation named).
  const names: Array<{ at: number; key: string; name: string; count: number }> = [];
  {
    const counts = new Map<string, number>();
    const T = doc.tokens ?? [];
    for (let i = 0; i < T.length; i++) {
      if (T[i]!.pos !== "PROPN" || T[i]!.quoted || (i > 0 && T[i - 1]!.pos === "PROPN")) continue;
      let j = i;
      while (j + 1 < T.length && T[j + 1]!.pos === "PROPN" && !T[j + 1]!.quoted) j++;
      const name = doc.text.slice(T[i]!.start, T[j]!.end).replace(/[’']s$/, "");
      const words = name.split(/\s+/);
      if (words.length > 5 || TIME_WORDS.has(words[0]!.toLowerCase()) || bySurname.has(surnameOf(name).toLowerCase()) || words.some((w) => HONORIFICS.has(w.toLowerCase()))) continue;
      const r = reading(name);
      if (r.place || r.person || (words.length >= 2 && r.first)) continue;
      const key = acronyms.get(name) ?? orgKeyOf(name);
      const count = (counts.get(key) ?? 0) + 1;
      counts.set(key, count);
      orgNames.set(key, orgNames.get(key) ?? name);
      names.push({ at: T[i]!.start, key, name, count });
    }
  }
  const spoken = new Set<string>(); // keys of the speakers resolved so far
  /** The most used organisation name in the 3,000 characters before `at` (ties: the latest). */
  const salient = (at: number): string | undefined => {
    const lo = firstNotBefore(names, (x) => x.at < at);
    let best: (typeof names)[number] | undefined;
    for (let i = lo - 1, n = 0; i >= 0 && n < 200 && at - names[i]!.at < 3000; i--, n++) {
      // only names the text has let speak, or that are organisations by their form ("… Ministry", "ACME")
      if (!spoken.has(names[i]!.key) && !/\b(?:[A-Z]{2,}|\p{Lu}\p{Ll}+\s+(?:Ministry|Agency|Commission|Company|Corporation|Inc\.?|Ltd|Group|Club|Board|Council|Department|Authority|Organization|Organisation))$/u.test(names[i]!.name)) continue;
      if (!best || names[i]!.count > best.count) best = names[i];
    }
    return best && best.count >= 2 ? best.key : undefined;
  };

  let publisherOnce: CanonicalSpeaker | undefined;
  const publisher = (): CanonicalSpeaker => ({ ...(publisherOnce ??= findPublisher()), aliases: [] });
  const findPublisher = (): CanonicalSpeaker => {
    const known = opts.publisher ? findOrganization(opts.publisher) : undefined;
    if (known) return { key: known.key, name: known.name, aliases: [], kind: "OUTLET" };
    if (opts.publisher) return { key: `outlet:${norm(opts.publisher).replace(/ /g, "-")}`, name: opts.publisher, aliases: [], kind: "OUTLET" };
    const host = opts.url ? hostName(opts.url) : undefined;
    if (host) return { key: `outlet:${host}`, name: host, aliases: [], kind: "OUTLET" };
    // A newsroom names itself as the one its sources talk to: "X told Acme News", "X told Acme News' Jane Roe".
    const self = selfNamedOutlet(doc.text);
    if (self) return { key: `outlet:${norm(self).replace(/ /g, "-")}`, name: self, aliases: [], kind: "OUTLET" };
    return { key: `outlet:article@${opts.sourceKey}`, name: "the article", aliases: [], kind: "OUTLET" };
  };

  /** The capitalised names of two to four words in the text (not in a headline, whose words are all capitalised:
   * "Is Apple Lying About …"), by their first and by their last word, each with how often it occurs. Built once per
   * document, in one pass, on first use. */
  let runsByWord: Map<string, Map<string, number>> | undefined;
  const namesByWord = (): Map<string, Map<string, number>> => {
    if (runsByWord) return runsByWord;
    runsByWord = new Map();
    const headlines = doc.segments.filter((g) => g.kind === "HEADLINE");
    for (const x of doc.text.matchAll(/(?<![\p{L}’'&-])\p{Lu}[\p{L}’'&-]*(?:[ \t]+\p{Lu}[\p{L}’'&-]*){1,3}(?![\p{L}’'&-])/gu)) {
      if (headlines.some((g) => x.index! >= g.start && x.index! < g.end)) continue;
      const ws = x[0].split(/[ \t]+/);
      // (a capitalised function word before a name is not part of it: "Is Apple", "After Harlow Rovers")
      while (ws.length && isFunctionWord(ws[0]!)) ws.shift();
      if (ws.length < 2) continue;
      const n = ws.join(" ");
      for (const w of new Set([ws[0]!, ws.at(-1)!])) {
        const runs = runsByWord.get(w) ?? runsByWord.set(w, new Map()).get(w)!;
        runs.set(n, (runs.get(n) ?? 0) + 1);
      }
    }
    return runsByWord;
  };

  /** The name the text gives a body of this kind ("Agency" → "Medicines Safety Agency"), the most frequent. */
  const namedOfKind = (head: string): string | undefined => {
    let best: string | undefined;
    let most = 0;
    for (const [n, c] of namesByWord().get(head) ?? []) if (n.endsWith(` ${head}`) && c > most) (best = n), (most = c);
    return best;
  };

  /** The one longer name in the text that starts or ends with `word` and is described as the same kind of speaker
   * (none when there are several, or none). */
  const longerNames = new Map<string, string | undefined>();
  const longerNameOf = (word: string, kind: SpeakerMention["kind"]): string | undefined => {
    const memo = `${kind}\u0000${word}`;
    if (longerNames.has(memo)) return longerNames.get(memo);
    const found = namesByWord().get(word);
    let out: string | undefined;
    if (found?.size === 1) {
      const [n] = found.keys();
      const d = describeSpeaker(n!, 0);
      if (d.kind === kind && d.name === n) out = n;
    }
    longerNames.set(memo, out);
    return out;
  };

  const affiliationKey = (aff: string | undefined): string | undefined => {
    if (!aff) return undefined;
    const known = ORG_BY_KEY.get(aff) ?? findOrganization(aff) ?? findOrganizationIn(aff);
    if (known) {
      ensureOrgChain(known.key); // the lexicon's record (and what it belongs to) is a speaker too
      return known.key;
    }
    const name = aff.replace(/^the\s+/i, "").replace(/[’']s$/, "");
    if (!isCap(name)) return undefined;
    // A descriptor alone ("Agency spokesman X", "Club chairman Y") is the body of that kind the article names
    // ("the Medicines Safety Agency"), the one it names most; a bare "Club" with no such name is no affiliation.
    if (!name.includes(" ") && ORG_DESCRIPTORS.has(name.toLowerCase())) {
      const full = namedOfKind(name);
      if (!full) return undefined;
      return affiliationKey(full);
    }
    const key = acronyms.get(name) ?? orgKeyOf(name);
    add({ key, name, aliases: [], kind: orgKind(name), ...(isAcronym(name) ? {} : initialsOf(name).length >= 2 && initialsOf(name).length <= 6 ? { altKeys: [orgKeyOf(initialsOf(name))] } : {}) }, "");
    return key;
  };

  const ensureOrgChain = (key: string | undefined) => {
    let k = key;
    for (let i = 0; k && i < 5; i++) {
      const o = ORG_BY_KEY.get(k);
      if (!o) return;
      add({ key: o.key, name: o.name, aliases: [], kind: o.kind, ...(o.affiliation ? { affiliationKey: o.affiliation } : {}) }, "");
      k = o.affiliation;
    }
  };

  const keyFor = (m: SpeakerMention): CanonicalSpeaker => {
    if (m.name === "(publisher)") return publisher();
    const aff = affiliationKey(m.affiliation);
    if (m.kind === "PERSON") {
      const tokens = m.name.split(/\s+/).filter((t) => /\p{Ll}/u.test(t));
      const full = tokens.length >= 2;
      const key = full ? `person:${personKey(m.name)}` : (bySurname.get(surnameOf(m.name)) ?? `person:${personKey(m.name)}@${opts.sourceKey}`);
      const name = speakers.get(key)?.name ?? m.name;
      return { key, name, aliases: [], kind: "PERSON", ...(m.role ? { role: m.role } : {}), ...(aff ? { affiliationKey: aff } : {}) };
    }
    if (ORG_BY_KEY.has(m.affiliation ?? "") && ORG_BY_KEY.get(m.affiliation!)!.name === m.name) {
      const o = ORG_BY_KEY.get(m.affiliation!)!;
      return { key: o.key, name: o.name, aliases: [], kind: o.kind, ...(o.affiliation ? { affiliationKey: o.affiliation } : {}) };
    }
    if (m.kind === "ANONYMOUS") {
      return { key: `anon:${opts.sourceKey}:${norm(m.name)}`, name: m.name, aliases: [], kind: "ANONYMOUS", ...(aff ? { affiliationKey: aff } : {}) };
    }
    if (!isCap(m.name)) return { key: `${m.kind === "OUTLET" ? "reports" : "org"}:${opts.sourceKey}:${norm(m.name)}`, name: m.name, aliases: [], kind: m.kind };
    let bare = m.name.replace(/^the\s+/i, "");
    const acr = isAcronym(bare) ? bare.replace(/\./g, "") : undefined;
    // A one-word short form of the one longer name of that kind in the article ("Rovers" for "Harlow Rovers",
    // "Velora" for "Velora Pharmaceuticals"): the same body, inside this document only.
    if (!acr && !bare.includes(" ") && !SPEAKER_PRONOUNS.get(bare.toLowerCase())) bare = longerNameOf(bare, m.kind) ?? bare;
    const key = (acr && acronyms.get(acr)) || orgKeyOf(bare);
    const initials = initialsOf(bare);
    const altKeys = acr ? [] : initials.length >= 2 && initials.length <= 6 && bare.split(/\s+/).length >= 2 ? [orgKeyOf(initials)] : [];
    if (!acr && altKeys.length) acronyms.set(initials, acronyms.get(initials) ?? key);
    return { key, name: bare, aliases: [], kind: m.kind, ...(altKeys.length ? { altKeys } : {}), ...(aff && aff !== key ? { affiliationKey: aff } : {}) };
  };

  const compatible = (m: SpeakerMention, e: Entity) => {
    const d = m.descriptor;
    const p = SPEAKER_PRONOUNS.get(m.name);
    if (p) {
      if (p.kinds.includes("PERSON") && e.kind === "PERSON") return !p.gender || !e.gender || p.gender === e.gender;
      if (p.kinds.includes("ORG") && (e.kind === "ORGANIZATION" || e.kind === "GOVERNMENT" || e.kind === "OUTLET")) return true;
      if (p.kinds.includes("GROUP") && e.kind === "ANONYMOUS") return true;
      return false;
    }
    if (m.kind === "PERSON") {
      if (e.kind !== "PERSON") return false;
      const g = d ? GENDERED_NOUNS.get(d) : undefined;
      if (g && e.gender && g !== e.gender) return false;
      return true;
    }
    if (m.kind === "OUTLET") return e.kind === "OUTLET";
    if (d && !fitsDescriptor(d, e.key)) return false;
    return e.kind === "ORGANIZATION" || e.kind === "GOVERNMENT" || (e.kind === "OUTLET" && d === "agency");
  };
  /** "the union" refers back only to a body whose name says it is one, or an acronym (see TYPED_DESCRIPTORS). */
  const fitsDescriptor = (d: string, key: string): boolean => {
    if (!TYPED_DESCRIPTORS.has(d)) return true;
    const name = speakers.get(key)?.name ?? orgNames.get(key) ?? key.replace(/^[\w-]+:/, "").replace(/-/g, " ");
    // (An acronym may stand for anything: "the union" after "the CGT".)
    return isAcronym(name.replace(/^the\s+/i, "")) || TYPED_NAME.get(d)!.test(name);
  };

  /** Index of the first timeline entry at or after `at`. */
  const firstAfter = (at: number) => firstNotBefore(timeline, (e) => e.at < at);
  /** Keeps the timeline in text order (a speaker may be named after the words it is credited with). */
  const insert = (e: Entity) => {
    const i = firstAfter(e.at + 1);
    if (i === timeline.length) timeline.push(e);
    else timeline.splice(i, 0, e);
  };
  // The last compatible antecedent; speakers weigh over names that merely appear, within the few sentences before.
  const antecedent = (m: SpeakerMention): Entity | undefined => {
    const lo = firstAfter(m.start);
    const d = m.descriptor;
    let named: Entity | undefined;
    for (let i = lo - 1, n = 0; i >= 0 && n < 40; i--, n++) {
      const e = timeline[i]!;
      if (m.start - e.at > 3000) break;
      if (!compatible(m, e)) continue;
      // "the spokesman" is the person whose role says so, when one does.
      if (d && m.kind === "PERSON" && e.role && !e.role.toLowerCase().includes(d)) { named ??= e; continue; }
      if (e.speaker) return e;
      // "it", "they": an organisation or group that has spoken in the last few lines beats one merely named since
      // ("The Europeans said they … with U.S. counterparts … And they said …"); "he"/"she" take the nearest person.
      const p = SPEAKER_PRONOUNS.get(m.name);
      if (p && (p.kinds.includes("PERSON") || m.start - e.at > 500)) return named ?? e;
      named ??= e;
    }
    return named;
  };

  const resolved: Resolved[] = [];
  for (const a of attributions) {
    const mentions = a.speaker.parts ?? [a.speaker];
    for (const m of mentions) {
      if (m.anaphoric) {
        const d = m.descriptor;
        const salientOrg = d && m.kind === "ORGANIZATION" && ORG_DESCRIPTORS.has(d) && !SPEAKER_PRONOUNS.get(m.name) ? salient(m.start) : undefined;
        const salientKey = salientOrg && fitsDescriptor(d!, salientOrg) ? salientOrg : undefined;
        const target = salientKey ? { key: salientKey, kind: "ORGANIZATION" as const, at: m.start, speaker: true } : antecedent(m);
        if (target) {
          const sp = speakers.get(target.key) ?? { key: target.key, name: orgNames.get(target.key) ?? target.key.replace(/^\w+:/, ""), aliases: [], kind: target.kind };
          add(sp, SPEAKER_PRONOUNS.get(m.name) ? "" : m.surface);
          insert({ ...target, at: m.start, speaker: true });
          resolved.push({ attribution: { ...a, speaker: m }, speakerKey: target.key });
          continue;
        }
        // A role named before its holder: "a government spokesman said … . Jane Roe, the information minister, …"
        if (m.kind === "PERSON" && !SPEAKER_PRONOUNS.get(m.name)) {
          let next: Entity | undefined;
          for (let i = firstAfter(m.end); i < timeline.length && timeline[i]!.at - m.end < 400; i++) {
            if (timeline[i]!.kind === "PERSON") {
              next = timeline[i];
              break;
            }
          }
          if (next && speakers.has(next.key)) {
            add(speakers.get(next.key)!, m.surface);
            resolved.push({ attribution: { ...a, speaker: m }, speakerKey: next.key });
            continue;
          }
        }
        // An unresolved role speaks for its organisation when one is named ("a spokesman for the club").
        if (m.kind === "PERSON" && m.affiliation) {
          const aff = affiliationKey(m.affiliation)!;
          resolved.push({ attribution: { ...a, speaker: m }, speakerKey: aff, ...(m.role ? { speakerRole: m.role } : {}) });
          insert({ key: aff, kind: speakers.get(aff)!.kind, at: m.start, speaker: true });
          continue;
        }
        if (SPEAKER_PRONOUNS.get(m.name)) continue; // a pronoun with no antecedent: better no statement than a guess
        // Unresolved, a description names its speaker as the text does ("the election board").
        const named = cleanGeneric(m.surface.replace(/^(but|however|and)\s+/i, ""));
        const sp = add({ key: `anon:${opts.sourceKey}:${norm(named)}`, name: named, aliases: [], kind: m.kind === "PERSON" ? "ANONYMOUS" : m.kind }, "");
        resolved.push({ attribution: { ...a, speaker: m }, speakerKey: sp.key });
        continue;
      }
      if (m.indefinite) {
        const aff = affiliationKey(m.affiliation);
        const key = aff ?? `anon:${opts.sourceKey}:${norm(m.name)}`;
        if (!aff) add({ key, name: m.name, aliases: [], kind: "ANONYMOUS" }, "");
        else add(speakers.get(aff)!, m.surface);
        resolved.push({ attribution: { ...a, speaker: m }, speakerKey: key, ...(m.role ? { speakerRole: m.role } : {}) });
        insert({ key, kind: speakers.get(key)!.kind, at: m.start, speaker: true });
        continue;
      }
      const sp = keyFor(m);
      const rec = add(sp, m.surface);
      spoken.add(rec.key);
      for (const part of m.alsoKnownAs ?? []) add(sp, part);
      if (sp.kind === "PERSON" && sp.name.split(/\s+/).length >= 2) bySurname.set(surnameOf(sp.name), bySurname.get(surnameOf(sp.name)) ?? sp.key);
      ensureOrgChain(rec.affiliationKey ?? (ORG_BY_KEY.has(rec.key) ? rec.key : undefined));
      const g = rec.kind === "PERSON" ? genderOf(m.role, rec.name) : undefined;
      // The outlet's own voice is nobody the text mentions: no pronoun refers to it.
      if (m.name !== "(publisher)" && m.name !== "reports") insert({ key: rec.key, kind: rec.kind, at: m.start, speaker: true, ...(g ? { gender: g } : {}), ...(m.role ? { role: m.role } : {}) });
      const res: Resolved = { attribution: { ...a, speaker: m }, speakerKey: rec.key };
      if (m.role) res.speakerRole = m.role;
      resolved.push(res);
    }

  }
  // Only speakers that are used, or that a used speaker is affiliated with.
  const used = new Set(resolved.map((r) => r.speakerKey));
  for (const k of [...used]) {
    let a = speakers.get(k)?.affiliationKey;
    for (let i = 0; a && i < 6 && !used.has(a); i++) {
      used.add(a);
      a = speakers.get(a)?.affiliationKey;
    }
  }
  for (const k of used) if (!speakers.has(k)) speakers.set(k, { key: k, name: k.replace(/^\w+:/, ""), aliases: [], kind: "ORGANIZATION" });
  return { resolved, speakers: [...speakers.values()].filter((s) => used.has(s.key)) };
}

/** An organisation's key from its name: "The Acme Club" → org:acme-club. */
export function orgKeyOf(name: string): string {
  // British and American spellings of one name make one key ("Organisation" / "Organization").
  return `org:${norm(name.replace(/^the\s+/i, "").replace(/[’']s$/, "")).replace(/isation/g, "ization").replace(/[' ]+/g, "-")}`;
}

/** The outlet a text's sources speak to most often ("told Acme News"), when no publisher is given. */
export function selfNamedOutlet(text: string): string | undefined {
  const counts = new Map<string, number>();
  for (const m of text.matchAll(/\b(?:told|tells|telling|said to|speaking to|in an interview with)\s+((?:[Tt]he\s+)?\p{Lu}[\p{L}-]+(?:\s+\p{Lu}[\p{L}-]+){0,2})(?:([’']s)\s+\p{Lu}|(?=[\s,.;:]))/gu)) {
    const name = m[1]!.replace(/^[Tt]he\s+/, "");
    const words = name.split(/\s+/);
    if (!m[2] && words.length >= 2 && (reading(words[0]!).first || reading(name).person)) continue; // a person
    if (words.length === 1 && (reading(name).first || reading(name).place)) continue;
    if (/^(Reporters|Journalists|Parliament|Congress)$/.test(name)) continue;
    counts.set(name, (counts.get(name) ?? 0) + 1);
  }
  return [...counts.entries()].sort((a, b) => b[1] - a[1])[0]?.[0];
}

function hostName(url: string): string | undefined {
  try {
    return new URL(url).hostname.replace(/^www\./, "") || undefined;
  } catch {
    return undefined;
  }
}
