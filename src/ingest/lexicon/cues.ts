// Lexicon data only: reporting verbs, denial cues, titles, abbreviations.
import { table } from "./table.js";

/** Abbreviations after which a full stop does not end a sentence. */
export const ABBREVIATIONS = new Set([
  "mr", "mrs", "ms", "dr", "prof", "sen", "rep", "gov", "gen", "lt", "col", "maj", "capt", "cpt", "sgt", "adm", "cmdr", "brig",
  "st", "jr", "sr", "no", "vs", "etc", "inc", "corp", "co", "ltd", "dept", "u.s", "u.k", "u.n", "a.m", "p.m", "e.g", "i.e",
  "jan", "feb", "mar", "apr", "jun", "jul", "aug", "sep", "sept", "oct", "nov", "dec", "mt", "ft", "gov", "pres",
]);

/** Reporting verbs that introduce what someone asserted. Value: does the verb itself deny its object? */
export const REPORTING_VERBS: ReadonlyMap<string, { deny: boolean; modality?: "REPORTED" | "ALLEGED" | "HEDGED" }> = table({
  said: { deny: false }, says: { deny: false }, say: { deny: false }, stated: { deny: false }, states: { deny: false },
  told: { deny: false }, tells: { deny: false }, added: { deny: false }, wrote: { deny: false }, posted: { deny: false },
  tweeted: { deny: false }, report: { deny: false, modality: "REPORTED" }, announced: { deny: false }, confirmed: { deny: false }, confirms: { deny: false },
  acknowledged: { deny: false }, acknowledging: { deny: false }, admitted: { deny: false }, noted: { deny: false },
  "pointed out": { deny: false }, explained: { deny: false }, insisted: { deny: false }, warned: { deny: false },
  clarified: { deny: false }, asserted: { deny: false }, asserting: { deny: false }, declared: { deny: false },
  reported: { deny: false, modality: "REPORTED" },
  claimed: { deny: false, modality: "ALLEGED" }, claims: { deny: false, modality: "ALLEGED" }, claiming: { deny: false, modality: "ALLEGED" },
  alleged: { deny: false, modality: "ALLEGED" }, showed: { deny: false }, threatened: { deny: false },
  denied: { deny: true }, denies: { deny: true }, deny: { deny: true }, disputed: { deny: true }, disputes: { deny: true },
  rejected: { deny: true }, rejects: { deny: true }, refuted: { deny: true }, dismissed: { deny: true },
  "pushed back on": { deny: true }, contradicted: { deny: true },
  "gave similar details to": { deny: false }, "gave similar accounts to": { deny: false }, "gave a similar account to": { deny: false },
});

/** Phrases in a clause that make the speaker deny the clause's proposition. One example each. */
export const NEGATION_CUES: Array<[RegExp, string]> = [
  [/\b(did|does|do|has|have|had|was|were|is|are|will|would|could)\s*(not|n['’]t)\b/i, "the US did not inform Iraq"],
  [/\b(didn['’]t|doesn['’]t|don['’]t|hasn['’]t|haven['’]t|wasn['’]t|weren['’]t|isn['’]t|aren['’]t)\b/i, "we didn't strike"],
  [/\bnot\s+(true|accurate|correct|involved|responsible)\b/i, "those reports are not true"],
  [/\b(a\s+)?false\s+claim\b|\bis\s+false\b|\bwas\s+false\b|\bcalled\b.*\bfalse\b/i, "which is a false claim"],
  [/\bthere\s+(was|were|is)\s+(not|no)\b/i, "there was not a pre-notification"],
  [/\bhad\s+no\s+(involvement|role|part)\b/i, "the U.S. had no involvement"],
  [/\bno\s+(medical\s+)?(convoys?|strikes?|airstrikes?|attacks?)\s+(were|was|took)\b/i, "no medical convoys were targeted"],
  [/\bonly\s+after\b/i, "informed Iraq only after the strikes"],
  [/\bnever\b/i, "we never struck"],
];

/** Hedges and uncertainty markers. */
export const HEDGE_CUES: Array<[RegExp, "HEDGED" | "ALLEGED" | "UNCERTAIN"]> = [
  [/\bcould\s+not\s+(independently\s+)?(verify|confirm)\b|\bunverified\b/i, "UNCERTAIN"],
  [/\b(allegedly|alleged)\b/i, "ALLEGED"],
  [/\b(suspected|reportedly|apparently|possibly|may\s+have|might\s+have|appears?\s+to|likely)\b/i, "HEDGED"],
];

/** Words that mark a role or title preceding a name ("Col.", "spokesman"). */
export const TITLE_WORDS = new Set([
  "col", "col.", "colonel", "maj", "maj.", "major", "gen", "gen.", "general", "lt", "lt.", "capt", "capt.", "sgt", "sgt.", "adm", "adm.",
  "president", "secretary", "minister", "spokesman", "spokeswoman", "spokesperson", "spox", "director", "commander", "chief",
  "ambassador", "senator", "sen.", "rep.", "representative", "governor", "mr.", "mrs.", "ms.", "dr.", "principal", "deputy",
  "prime", "foreign", "defense", "defence", "state", "press", "secretary-general", "official", "leader", "head",
]);

/** Pronouns and descriptors that refer back to an earlier speaker, with the kinds they can refer to. */
export const ANAPHORA: Record<string, Array<"PERSON" | "ORGANIZATION" | "GOVERNMENT" | "OUTLET" | "ANONYMOUS">> = {
  he: ["PERSON", "ANONYMOUS"], she: ["PERSON", "ANONYMOUS"], it: ["ORGANIZATION", "GOVERNMENT", "OUTLET"],
  they: ["ORGANIZATION", "GOVERNMENT", "ANONYMOUS", "OUTLET"], "the spokesperson": ["PERSON", "ANONYMOUS"],
  "the spokesman": ["PERSON", "ANONYMOUS"], "the official": ["ANONYMOUS", "PERSON"], "the outlet": ["OUTLET"],
  "the group": ["ORGANIZATION"], "the agency": ["OUTLET", "ORGANIZATION"], "the ministry": ["ORGANIZATION", "GOVERNMENT"],
  "the reports": ["OUTLET"], "the statement": ["ORGANIZATION", "GOVERNMENT"], spox: ["PERSON"],
};
