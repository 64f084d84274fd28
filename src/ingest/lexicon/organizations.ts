// Lexicon data only: known organisations, governments and outlets with their aliases and affiliation chain.
// `agent` groups actors that act as one party when a strike is attributed ("the US", "the coalition", "CENTCOM").
import { literalMatcher } from "../literals.js";

export type OrgEntry = {
  key: string;
  name: string;
  kind: "ORGANIZATION" | "GOVERNMENT" | "OUTLET";
  aliases: string[];
  affiliation?: string;
  agent?: string;
};

/**
 * The optional actor lexicon: known actors with their aliases. The pipeline must do its job without it;
 * `GAINSAY_LEXICONS=off` switches it (and the place lexicon) off, as the eval does to measure that.
 */
export const LEXICONS_OFF = process.env.GAINSAY_LEXICONS === "off";

const KNOWN_ACTORS: OrgEntry[] = [
  { key: "gov:us", name: "United States government", kind: "GOVERNMENT", agent: "us",
    aliases: ["united states", "the united states", "u.s.", "us", "the u.s.", "the us", "washington", "trump administration", "the trump administration", "biden administration", "the american side", "american", "officials in the u.s.", "u.s. officials", "us officials", "the us government", "u.s. government", "other u.s. leaders", "u.s. leaders"] },
  { key: "org:us-nsc", name: "US National Security Council", kind: "ORGANIZATION", affiliation: "gov:us", agent: "us",
    aliases: ["national security council", "us national security council", "u.s. national security council", "nsc", "white house", "the white house"] },
  { key: "org:us-state", name: "US Department of State", kind: "ORGANIZATION", affiliation: "gov:us", agent: "us",
    aliases: ["state department", "us state department", "u.s. state department", "department of state", "the state department"] },
  { key: "org:us-dod", name: "US Department of Defense", kind: "ORGANIZATION", affiliation: "gov:us", agent: "us",
    aliases: ["pentagon", "the pentagon", "u.s. military", "the u.s. military", "us military", "department of defense", "defense department", "our colleagues at the pentagon"] },
  { key: "org:centcom", name: "U.S. Central Command", kind: "ORGANIZATION", affiliation: "org:us-dod", agent: "us",
    aliases: ["u.s. central command", "us central command", "central command", "centcom", "@centcom", "the u.s. central command"] },
  { key: "org:cjtf-oir", name: "Combined Joint Task Force – Operation Inherent Resolve", kind: "ORGANIZATION", affiliation: "gov:us", agent: "us",
    aliases: ["operation inherent resolve", "inherent resolve", "cjtf-oir", "cjtfoir", "@cjtfoir", "the coalition", "the coalition @cjtfoir", "u.s.-led coalition", "us-led coalition", "the u.s.-led coalition", "the us-led coalition", "american-led coalition", "the american-led coalition", "combined joint task force", "the combined joint task force overseeing operation inherent resolve", "combined joint task force overseeing operation inherent resolve"] },
  { key: "gov:iraq", name: "Government of Iraq", kind: "GOVERNMENT", agent: "iraq",
    aliases: ["iraq", "baghdad", "iraqi government", "the iraqi government", "government of iraq", "iraqi officials"] },
  { key: "org:iraq-joc", name: "Joint Operations Command (Iraq)", kind: "ORGANIZATION", affiliation: "gov:iraq", agent: "iraq",
    aliases: ["joint operations command", "the joint operations command", "iraq's joint operations command", "iraq’s joint operations command"] },
  { key: "org:iraq-mofa", name: "Ministry of Foreign Affairs of Iraq", kind: "ORGANIZATION", affiliation: "gov:iraq", agent: "iraq",
    aliases: ["iraq's foreign ministry", "iraq’s foreign ministry", "iraqi foreign ministry", "foreign ministry of iraq"] },
  { key: "org:pmf", name: "Popular Mobilization Forces", kind: "ORGANIZATION", affiliation: "gov:iraq", agent: "pmf",
    aliases: ["popular mobilization forces", "popular mobilization force", "popular mobilization units", "popular mobilisation forces", "pmf", "pmu", "hashd al-shaabi", "the popular mobilization forces", "iraq's popular mobilization forces", "iraq’s popular mobilization forces", "members of the iranian-backed popular mobilization units", "the pmu", "the pmf", "popular mobilization"] },
  { key: "org:iri", name: "Islamic Resistance in Iraq", kind: "ORGANIZATION", agent: "militia",
    aliases: ["islamic resistance in iraq", "the islamic resistance in iraq"] },
  { key: "org:nujaba", name: "Harakat al-Nujaba", kind: "ORGANIZATION", affiliation: "org:pmf", agent: "militia",
    aliases: ["harakat al nujaba", "harakat al-nujaba", "nujaba", "al-nujaba", "nujaba'a"] },
  { key: "org:irgc", name: "Islamic Revolutionary Guard Corps", kind: "ORGANIZATION", affiliation: "gov:iran", agent: "iran",
    aliases: ["islamic revolutionary guard corps", "irgc", "irgc-qf", "quds force"] },
  { key: "gov:iran", name: "Government of Iran", kind: "GOVERNMENT", agent: "iran",
    aliases: ["iran", "tehran", "iranian government", "leaders in iran", "iranian officials"] },
  { key: "gov:israel", name: "Government of Israel", kind: "GOVERNMENT", agent: "israel",
    aliases: ["israel", "israeli officials", "the jewish state", "israeli government", "idf", "israel defense forces", "officials in israel"] },
  { key: "gov:jordan", name: "Government of Jordan", kind: "GOVERNMENT", agent: "jordan", aliases: ["jordan", "jordanian officials"] },
  { key: "gov:syria", name: "Government of Syria", kind: "GOVERNMENT", agent: "syria", aliases: ["syria", "damascus", "syrian officials"] },
  { key: "outlet:reuters", name: "Reuters", kind: "OUTLET", aliases: ["reuters", "thomson/reuters", "thomson reuters"] },
  { key: "outlet:ap", name: "The Associated Press", kind: "OUTLET", aliases: ["the associated press", "associated press", "ap", "the ap"] },
  { key: "outlet:afp", name: "Agence France-Presse", kind: "OUTLET", aliases: ["afp", "agence france-presse"] },
  { key: "outlet:newsweek", name: "Newsweek", kind: "OUTLET", aliases: ["newsweek"] },
  { key: "outlet:nyt", name: "The New York Times", kind: "OUTLET", aliases: ["the new york times", "new york times", "nyt"] },
  { key: "outlet:huffpost", name: "HuffPost", kind: "OUTLET", aliases: ["huffpost", "huffington post"] },
  { key: "outlet:rudaw", name: "Rudaw", kind: "OUTLET", aliases: ["rudaw"] },
  { key: "outlet:redstate", name: "RedState", kind: "OUTLET", aliases: ["redstate"] },
  { key: "outlet:newsmax", name: "Newsmax", kind: "OUTLET", aliases: ["newsmax"] },
  { key: "outlet:epoch-times", name: "The Epoch Times", kind: "OUTLET", aliases: ["the epoch times", "epoch times"] },
  { key: "outlet:bbc", name: "BBC", kind: "OUTLET", aliases: ["bbc", "the bbc"] },
  { key: "outlet:cnn", name: "CNN", kind: "OUTLET", aliases: ["cnn"] },
  { key: "outlet:al-jazeera", name: "Al Jazeera", kind: "OUTLET", aliases: ["al jazeera"] },
  { key: "outlet:iraqi-state-tv", name: "Iraqi state TV", kind: "OUTLET", affiliation: "gov:iraq", aliases: ["iraqi state tv", "iraqi state television"] },
];

export const ORGANIZATIONS: OrgEntry[] = LEXICONS_OFF ? [] : KNOWN_ACTORS;

const norm = (s: string) => s.toLowerCase().replace(/[’]/g, "'").replace(/\s+/g, " ").trim();

const BY_ALIAS = new Map<string, OrgEntry>();
for (const o of ORGANIZATIONS) for (const a of [o.name, ...o.aliases]) BY_ALIAS.set(norm(a), o);
export const ORG_BY_KEY = new Map(ORGANIZATIONS.map((o) => [o.key, o]));

/** Looks an organisation up by one of its names, ignoring case, a leading "the" and curly apostrophes. */
export function findOrganization(surface: string): OrgEntry | undefined {
  const n = norm(surface);
  return BY_ALIAS.get(n) ?? BY_ALIAS.get(n.replace(/^the /, "")) ?? BY_ALIAS.get(`the ${n}`);
}

/** Every alias, longest first, for scanning text for organisation mentions. */
export const ORG_ALIASES_LONGEST_FIRST: Array<[string, OrgEntry]> = [...BY_ALIAS.entries()].sort((a, b) => b[0].length - a[0].length);

// Aliases of four letters or more in one alternation, for finding a known actor inside a longer phrase.
const INSIDE_ALIAS = new Map(ORG_ALIASES_LONGEST_FIRST.filter(([alias]) => alias.length >= 4));
// (As `(?<= )(?:<alias>|…)(?= )` (g) finds them, without the regex's cost for a long list.)
const INSIDE_RE = INSIDE_ALIAS.size ? literalMatcher(INSIDE_ALIAS.keys(), { before: / /, after: / / }) : undefined;

/** The longest known organisation named inside a phrase ("US Defense Department spokesman" → the defence department). */
export function findOrganizationIn(phrase: string): OrgEntry | undefined {
  if (!INSIDE_RE) return undefined;
  let best: string | undefined;
  for (const m of INSIDE_RE(` ${norm(phrase)} `)) if (!best || m[0].length > best.length) best = m[0];
  return best ? INSIDE_ALIAS.get(best) : undefined;
}

/** The agent group of a speaker key, following the affiliation chain. */
export function agentGroupOf(key: string | undefined): string | undefined {
  let k = key;
  for (let i = 0; k && i < 5; i++) {
    const o = ORG_BY_KEY.get(k);
    if (!o) return undefined;
    if (o.agent) return o.agent;
    k = o.affiliation;
  }
  return undefined;
}

/** Is `key` the same as `ancestor` or affiliated with it, directly or through a chain? */
export function withinOrg(key: string | undefined, ancestor: string): boolean {
  let k = key;
  for (let i = 0; k && i < 6; i++) {
    if (k === ancestor) return true;
    k = ORG_BY_KEY.get(k)?.affiliation;
  }
  return false;
}
