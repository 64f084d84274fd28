import { ANAPHORA, TITLE_WORDS } from "../lexicon/cues.js";
import { aliasAlternation, findOrganization, ORG_ALIASES_LONGEST_FIRST, ORG_BY_KEY, type OrgEntry } from "../lexicon/organizations.js";
import type { Attribution, CanonicalSpeaker, Segmented, SpeakerMention } from "../types.js";

const NAME_TOKEN = /^(?:[A-Z][a-zA-Z’'-]*\.?|al-[A-Z][a-zA-Z’'-]*|bin|ibn|de|van|von|[A-Z]\.|II|III|IV|Jr\.?)$/;
const ANON_WORDS = /\b(official|officials|source|sources|eyewitnesses|witnesses|commanders?|police|spokesperson|spokesman|residents|diplomats?|analysts?|aides?|militants|fighters)\b/i;
const OUTLET_WORDS = /\b(reports?|media|websites?|news agency|news outlets|outlets|footage|agencies|newspapers?|television|tv|reporters)\b/i;
const ORG_WORDS = /\b(guard|authority|service|command|ministry|forces|force|group|council|agency|army|committee|office|party|department|organi[sz]ation|government|militia|brigades?|units|coalition|corps|movement|front)\b/i;

const norm = (s: string) => s.toLowerCase().replace(/[’]/g, "'").replace(/[^a-z0-9@' -]+/g, " ").replace(/\s+/g, " ").trim();

/** Splits "Col. Myles B. Caggins III" into role "Col." and name "Myles B. Caggins III"; returns undefined when no name. */
export function splitRoleAndName(phrase: string): { name: string; role?: string } | undefined {
  const tokens = phrase.trim().split(/\s+/);
  let i = tokens.length;
  while (i > 0 && NAME_TOKEN.test(tokens[i - 1]!) && !TITLE_WORDS.has(tokens[i - 1]!.toLowerCase())) i--;
  const nameTokens = tokens.slice(i);
  const realNames = nameTokens.filter((t) => /[a-z]/.test(t));
  if (realNames.length === 0) return undefined;
  if (realNames.length === 1 && i === 0 && !/^al-/.test(realNames[0]!) && tokens.length === 1) return { name: nameTokens.join(" ") };
  const role = tokens.slice(0, i).join(" ").replace(/[,\s]+$/, "");
  return { name: nameTokens.join(" "), ...(role ? { role } : {}) };
}

/** Person key: first and last name, no initials, suffixes or "al-" ("Myles B. Caggins III" → "myles caggins"). */
export function personKey(name: string): string {
  const parts = name.split(/\s+/).filter((t) => !/^[A-Z]\.$/.test(t) && !/^(II|III|IV|Jr\.?|Sr\.?)$/.test(t));
  const clean = parts.map((p) => p.toLowerCase().replace(/^al-/, "").replace(/[^a-z-]/g, ""));
  if (clean.length === 1) return clean[0]!;
  return `${clean[0]} ${clean[clean.length - 1]}`;
}

function lastName(name: string): string {
  return personKey(name).split(" ").at(-1)!;
}

// All organisation aliases in one alternation (longest first), for scanning a phrase once.
const ORG_OF_ALIAS = new Map(ORG_ALIASES_LONGEST_FIRST.filter(([alias]) => alias.length >= 3 || alias === "us"));
const ORG_RE = new RegExp(`(?<= )(?:${aliasAlternation(ORG_OF_ALIAS.keys())})(?= )`, "g");

/** The longest organisation alias inside a phrase ("spokesman for the task force" → the task force). */
function orgInside(phrase: string): { org: OrgEntry; at: number; alias: string } | undefined {
  const n = ` ${norm(phrase)} `;
  let best: { org: OrgEntry; at: number; alias: string } | undefined;
  for (const m of n.matchAll(ORG_RE)) {
    if (!best || m[0].length > best.alias.length) best = { org: ORG_OF_ALIAS.get(m[0])!, at: m.index - 1, alias: m[0] };
  }
  return best;
}

/**
 * Describes a speaker phrase without resolving it against others: kind, name, role, stated affiliation.
 * "US National Security Council spokesman John Kirby" → PERSON "John Kirby", role "US National Security Council spokesman".
 */
export function describeSpeaker(surface: string, start: number, doc?: Segmented): SpeakerMention {
  let phrase = surface.replace(/^(but|however|and|meanwhile|still|yet)\b[,\s]+/i, "").replace(/[’']s\s+(statement|spokes(person|man)|account)$/i, "").trim();
  phrase = phrase.replace(/,\s*who\b.*$/i, "").replace(/^(members|officials|leaders)\s+of\s+(the\s+)?/i, "").trim();
  const base = { start, end: start + surface.length, surface: surface.trim() };
  const lower = phrase.toLowerCase();
  if (ANAPHORA[lower] || /^(he|she|it|they)$/i.test(phrase)) return { ...base, name: lower, kind: "ANONYMOUS", anaphoric: true };
  if (phrase === "(publisher)") return { ...base, name: "(publisher)", kind: "OUTLET" };

  // Conjoined subjects of known parties: "Iraq and the U.S.-led coalition", "The U.S. and Iraq", "Officials in the U.S. and Israel".
  const officialsIn = /^officials\s+in\s+(.+)$/i.exec(phrase);
  const conj = (officialsIn ? officialsIn[1]! : phrase).split(/\s*,\s*(?:and\s+)?|\s+and\s+/);
  const isParty = (c: string) => !!findOrganization(c) || !!findOrganization(c.replace(/^(the|other)\s+/i, "")) || /^(other\s+)?u\.?s\.? leaders$/i.test(c) || (/^[A-Z]/.test(c) && !!splitRoleAndName(c) && /[A-Z][a-z]+\s+[A-Z][a-z]+$/.test(c));
  if (conj.length > 1 && conj.every(isParty) && conj.some((c) => !!findOrganization(c) || !!findOrganization(c.replace(/^(the|other)\s+/i, "")))) {
    const parts = conj.map((c) => describeSpeaker(c, start + surface.indexOf(c), doc));
    return { ...base, name: phrase, kind: parts[0]!.kind, parts };
  }

  // Appositive: "a spokeswoman for the task force, Maj. Dana K. Flint" / "Maj. Dana Flint, spokeswoman for …"
  const appos = phrase.split(/\s*,\s*/).filter(Boolean);
  if (appos.length >= 2) {
    const withName = appos.find((a) => splitRoleAndName(a) && !findOrganization(a) && /[A-Z][a-z]+\s+[A-Z]/.test(a) && !ANON_WORDS.test(a.split(" ")[0] ?? ""));
    if (withName) {
      const rest = appos.filter((a) => a !== withName).join(", ");
      const inner = describeSpeaker(withName, start + surface.indexOf(withName), doc);
      if (inner.kind === "PERSON") {
        const org = orgInside(rest);
        return { ...inner, ...base, role: [inner.role, rest].filter(Boolean).join(", "), ...(org ? { affiliation: org.org.key } : inner.affiliation ? { affiliation: inner.affiliation } : {}) };
      }
    }
  }

  const org = findOrganization(phrase);
  if (org) return { ...base, name: org.name, kind: org.kind, affiliation: org.key };

  // "Video footage published by pro-militia websites": the publishers speak, not the footage.
  const publishedBy = /^(?:(?:the|a|some)\s+)?(?:video\s+)?(?:footage|videos?|images|photos|pictures|posts)\s+(?:published|posted|shared|broadcast|aired|circulated)\s+(?:by|on)\s+(.{3,})$/i.exec(phrase);
  if (publishedBy) return { ...describeSpeaker(publishedBy[1]!, start + surface.indexOf(publishedBy[1]!), doc), start: base.start, end: base.end, surface: base.surface };

  // Jointly credited unnamed sources ("police sources and eyewitnesses"): one speaker known by each part too.
  const parts = phrase.split(/\s*,\s*(?:and\s+)?|\s+and\s+/).filter(Boolean);
  const jointly = parts.length > 1 && parts.length <= 4 && parts.every((c) => !/^[A-Z][a-z]+\s+[A-Z][a-z]+/.test(c) || /^The\s/.test(c)) && (ANON_WORDS.test(phrase) || OUTLET_WORDS.test(phrase)) ? parts : undefined;

  // A person, with any title or role before the name.
  const rn = splitRoleAndName(phrase);
  const orgIn = orgInside(phrase);
  if (rn && !/^the\s/i.test(phrase) && rn.name.split(/\s+/).filter((t) => /[a-z]/.test(t)).length >= 2 && !ORG_WORDS.test(rn.name) && !findOrganization(rn.name)) {
    return { ...base, name: rn.name, kind: "PERSON", ...(rn.role ? { role: rn.role } : {}), ...(orgIn ? { affiliation: orgIn.org.key } : {}) };
  }
  // A surname alone ("Awadi", "Caggins"): a person if the document names someone with that surname.
  if (rn && /^[A-Z][a-z’'-]+$/.test(phrase) && doc) {
    const re = new RegExp(`\\b[A-Z][a-z]+(?:\\s+[A-Z]\\.)?\\s+(?:al-)?${phrase}\\b`);
    if (re.test(doc.text)) return { ...base, name: phrase, kind: "PERSON" };
  }
  const joint = jointly ? { alsoKnownAs: jointly } : {};
  if (OUTLET_WORDS.test(phrase) && !ANON_WORDS.test(phrase.replace(/reporters/i, ""))) return { ...base, name: cleanGeneric(phrase), kind: "OUTLET", ...joint, ...(orgIn ? { affiliation: orgIn.org.key } : {}) };
  if (ANON_WORDS.test(phrase)) {
    // "the group's spokesperson" / "an Inherent Resolve spokesperson": speaks for the organisation named.
    if (/spokes(person|man|woman)$/i.test(phrase) && orgIn) return { ...base, name: orgIn.org.name, kind: orgIn.org.kind, affiliation: orgIn.org.key, role: "spokesperson" };
    return { ...base, name: cleanGeneric(phrase), kind: "ANONYMOUS", ...joint, ...(orgIn ? { affiliation: orgIn.org.key } : {}) };
  }
  if (orgIn && orgIn.alias.length >= 4) return { ...base, name: orgIn.org.name, kind: orgIn.org.kind, affiliation: orgIn.org.key };
  return { ...base, name: cleanGeneric(phrase), kind: ORG_WORDS.test(phrase) ? "ORGANIZATION" : /^[A-Z]/.test(phrase) ? "ORGANIZATION" : "ANONYMOUS" };
}

function cleanGeneric(phrase: string): string {
  return phrase.replace(/^(a|an|the|some|two|three|several)\s+/i, "").replace(/\s+also$/i, "").trim();
}

export type Resolved = { attribution: Attribution; speakerKey: string; speakerRole?: string };

/**
 * Stage 3: resolves mentions to canonical speakers. Pronouns and descriptors go to the nearest earlier compatible
 * speaker (or, failing that, the next one: "Spox" in a headline); surnames to the full name in the same document;
 * organisations through the lexicon; anonymous and unnamed sources stay local to their source.
 */
export function resolveSpeakers(
  attributions: Attribution[],
  doc: Segmented,
  opts: { sourceKey: string; publisher?: string },
): { resolved: Resolved[]; speakers: CanonicalSpeaker[] } {
  const speakers = new Map<string, CanonicalSpeaker>();
  const timeline: Array<{ at: number; key: string; kind: CanonicalSpeaker["kind"]; descriptor: string }> = [];
  const persons = new Map<string, string>(); // surname → key

  const add = (sp: CanonicalSpeaker, alias: string) => {
    const prev = speakers.get(sp.key);
    if (prev) {
      if (alias && !prev.aliases.includes(alias) && alias !== prev.name) prev.aliases.push(alias);
      if (!prev.role && sp.role) prev.role = sp.role;
      if (!prev.affiliationKey && sp.affiliationKey) prev.affiliationKey = sp.affiliationKey;
      return prev;
    }
    const fresh = { ...sp, aliases: alias && alias !== sp.name ? [alias] : [] };
    speakers.set(sp.key, fresh);
    return fresh;
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

  // Pre-scan person names anywhere in the text so surnames and pronouns can find them ("… including Col. Myles Caggins, …").
  const nameRe = /\b(?:(?:Col|Maj|Gen|Lt|Capt|Sgt|Adm|Mr|Mrs|Ms|Dr)\.\s+)*(?:President|Secretary of State|Secretary|Minister|Colonel|General)?\s*([A-Z][a-z]+(?:\s+[A-Z]\.)?(?:\s+(?:al-)?[A-Z][a-z]+){1,2}(?:\s+III|\s+Jr\.)?)/g;
  let nm: RegExpExecArray | null;
  while ((nm = nameRe.exec(doc.text))) {
    const split = splitRoleAndName(nm[1]!.split(/\s+/).filter((t) => !TITLE_WORDS.has(t.toLowerCase())).join(" "));
    const name = split?.name ?? "";
    if (name.split(/\s+/).filter((t) => /[a-z]/.test(t)).length < 2) {
      // "Deputy Spokesperson Vedant" — rescan from the last token so "Vedant Patel" is found.
      const lastSpace = nm[0].lastIndexOf(" ");
      if (lastSpace > 0) nameRe.lastIndex = nm.index + lastSpace + 1;
      continue;
    }
    if (findOrganization(name) || orgInside(name) || ORG_WORDS.test(name) || /\b(The|This|But|In|On|At|Iraq|Iran|Israel|Baghdad|Syria|Jordan|United|States|Reuters|Popular|Islamic|Joint|Local|Police|Health|Video|Members|Officials|Prior|Following|Several|Last|Tensions|Inherent|Combined|Central|Command|Air|Base|Camp|International|Airport|Qassem|Soleimani|Gaza|Strip|Red|Sea|Middle|East|Quds|Force|Revolutionary|Guard|Anbar|Kurdistan|Region|Harakat|Nujaba|Abu)\b/.test(name.split(" ")[0]!)) continue;
    const key = `person:${personKey(name)}`;
    persons.set(lastName(name), key);
    timeline.push({ at: nm.index, key, kind: "PERSON", descriptor: "person" });
  }

  const keyFor = (m: SpeakerMention): { key: string; sp?: CanonicalSpeaker } => {
    if (m.name === "(publisher)") {
      const org = opts.publisher ? findOrganization(opts.publisher) : undefined;
      // Without a known publisher the outlet's voice stays local to its source.
      const name = org?.name ?? opts.publisher ?? `Publisher of source ${opts.sourceKey}`;
      const key = org?.key ?? (opts.publisher ? `outlet:${norm(opts.publisher).replace(/ /g, "-")}` : `outlet:${opts.sourceKey}`);
      return { key, sp: { key, name, aliases: [], kind: "OUTLET" } };
    }
    if (m.kind === "PERSON") {
      const full = m.name.split(/\s+/).filter((t) => /[a-z]/.test(t)).length >= 2;
      const key = full ? `person:${personKey(m.name)}` : (persons.get(lastName(m.name)) ?? `person:${personKey(m.name)}`);
      if (full) persons.set(lastName(m.name), key);
      return { key, sp: { key, name: m.name, aliases: [], kind: "PERSON", ...(m.role ? { role: m.role } : {}), ...(m.affiliation ? { affiliationKey: m.affiliation } : {}) } };
    }
    if (m.affiliation && ORG_BY_KEY.get(m.affiliation) && (m.kind === "ORGANIZATION" || m.kind === "GOVERNMENT" || m.kind === "OUTLET") && ORG_BY_KEY.get(m.affiliation)!.name === m.name) {
      const o = ORG_BY_KEY.get(m.affiliation)!;
      return { key: o.key, sp: { key: o.key, name: o.name, aliases: [], kind: o.kind, ...(o.affiliation ? { affiliationKey: o.affiliation } : {}) } };
    }
    // Unnamed sources and reports are local to their source: two articles' "a U.S. official" need not be one person.
    const local = `${m.kind === "OUTLET" ? "reports" : m.kind === "ANONYMOUS" ? "anon" : "org"}:${opts.sourceKey}:${norm(m.name)}`;
    const key = m.kind === "ORGANIZATION" && /^[A-Z]/.test(m.name) ? `org:${norm(m.name).replace(/ /g, "-")}` : local;
    return { key, sp: { key, name: m.name, aliases: [], kind: m.kind, ...(m.affiliation ? { affiliationKey: m.affiliation } : {}) } };
  };

  const compatible = (descriptor: string, kinds: CanonicalSpeaker["kind"][], t: (typeof timeline)[number]) => {
    if (!kinds.includes(t.kind)) return false;
    if (descriptor === "the official") return /official/.test(t.descriptor) || t.kind === "PERSON";
    if (descriptor === "the group" || descriptor === "the statement") return t.kind === "ORGANIZATION";
    if (descriptor === "the outlet" || descriptor === "the agency") return t.kind === "OUTLET" && t.key.startsWith("outlet:");
    if (descriptor === "the reports") return t.kind === "OUTLET";
    return true;
  };

  const resolved: Resolved[] = [];
  for (const a of attributions) {
    const mentions = a.speaker.parts ?? [a.speaker];
    for (const m of mentions) {
      if (m.anaphoric) {
        const d = m.name;
        const kinds = ANAPHORA[d] ?? ["PERSON"];
        const before = timeline.filter((t) => t.at < m.start && compatible(d, kinds, t)).sort((x, y) => y.at - x.at)[0];
        const after = timeline.filter((t) => t.at > m.start && compatible(d, kinds, t)).sort((x, y) => x.at - y.at)[0];
        const target = before ?? after;
        if (!target) continue;
        const fallbackName = (target.key.startsWith("person:") ? nameSurface(doc.text, target.key) : undefined) ?? target.key.replace(/^\w+:/, "");
        add(speakers.get(target.key) ?? { key: target.key, name: fallbackName, aliases: [], kind: target.kind }, m.surface);
        resolved.push({ attribution: { ...a, speaker: m }, speakerKey: target.key });
        continue;
      }
      const { key, sp } = keyFor(m);
      add(sp!, m.surface.replace(/^(but|however|and)\s+/i, ""));
      for (const part of m.alsoKnownAs ?? []) add(sp!, part);
      ensureOrgChain(sp?.affiliationKey ?? (key.startsWith("org:") || key.startsWith("gov:") ? key : undefined));
      timeline.push({ at: m.start, key, kind: sp!.kind, descriptor: norm(m.name) });
      resolved.push({ attribution: { ...a, speaker: m }, speakerKey: key, ...(m.role ? { speakerRole: m.role } : {}) });
    }
  }
  // Persons named only in the pre-scan but used by anaphora need a record.
  for (const r of resolved) {
    if (!speakers.has(r.speakerKey)) {
      const name = r.speakerKey.replace(/^person:/, "").replace(/\b\w/g, (c) => c.toUpperCase());
      const surface = nameSurface(doc.text, r.speakerKey) ?? name;
      speakers.set(r.speakerKey, { key: r.speakerKey, name: surface, aliases: [], kind: "PERSON" });
    }
  }
  for (const sp of speakers.values()) ensureOrgChain(sp.affiliationKey);
  return { resolved, speakers: [...speakers.values()] };
}

function nameSurface(text: string, key: string): string | undefined {
  const [first, last] = key.replace(/^person:/, "").split(" ");
  if (!first || !last) return undefined;
  const re = new RegExp(`\\b(${first[0]!.toUpperCase()}${first.slice(1)}(?:\\s+[A-Z]\\.)?\\s+(?:al-)?${last[0]!.toUpperCase()}${last.slice(1)}(?:\\s+III)?)\\b`);
  return re.exec(text)?.[1];
}
