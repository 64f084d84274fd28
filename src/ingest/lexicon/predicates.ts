// Lexicon data only: general English vocabulary for claim frames (no actor, place or event of any article).
import { table } from "./table.js";
// - PREDICATE_CLASSES: words that name one kind of happening, grouped so that synonyms and derivations share a class
//   ("sacked / fired / dismissed / dismissal" → dismiss). A word in no class is its own class (its stem): matching
//   never depends on this list being complete, the list only joins synonyms.
// - IRREGULAR: irregular verb forms → lemma.
// - LEXICAL_NEGATION: words that say the proposition is not so ("false", "fabricated", "untrue").
// - MEASURES: head nouns of counts grouped by what they count ("dead / deaths / bodies / toll" → deaths).

export const PREDICATE_CLASSES: Record<string, string[]> = {
  dismiss: ["sack", "fire", "dismiss", "dismissal", "oust", "ouster", "axe", "sacking", "firing", "terminate", "termination", "depose", "remove", "removal"],
  layoff: ["layoff", "lay off", "laid off", "lay-off", "layoffs", "redundancy", "redundancies", "job cut", "job cuts", "cut job", "cut jobs", "slash jobs", "let go", "downsize", "downsizing", "workforce reduction", "cut"],
  resign: ["resign", "resignation", "quit", "step down", "stepped down", "steps down"],
  die: ["die", "dead", "death", "deaths", "kill", "killing", "toll", "fatality", "fatalities", "perish", "bury", "burial", "bodies", "casualty", "casualties", "lives"],
  injure: ["injure", "injury", "injuries", "wound", "wounded", "hurt"],
  attack: ["attack", "strike", "airstrike", "air strike", "air-strike", "bomb", "bombing", "raid", "shell", "shelling", "hit", "target", "targeting", "assault", "explosion"],
  responsible: ["responsible", "responsibility", "carry out", "carried out", "conduct", "launch", "involve", "involvement", "behind", "perpetrate", "orchestrate"],
  inform: ["inform", "notify", "notification", "pre-notification", "notice", "tell", "warn", "consult", "coordinate", "coordination", "brief", "alert"],
  separate: ["separate", "separation", "split", "break up", "breakup", "break-up", "divorce", "part ways", "end relationship", "ended relationship", "splitting"],
  marry: ["marry", "married", "marriage", "wed", "wedding", "wife", "husband", "spouse"],
  arrest: ["arrest", "detain", "detention", "custody", "apprehend"],
  release: ["release", "free", "freed", "let out"],
  agree: ["agree", "agreement", "deal", "accord", "pact", "treaty"],
  include: ["include", "cover", "contain", "part of", "included"],
  approve: ["approve", "approval", "authorise", "authorize", "endorse", "clear", "cleared"],
  reject: ["reject", "veto", "refuse", "block"],
  win: ["win", "won", "victory", "defeat", "beat"],
  lose: ["lose", "lost", "loss"],
  rise: ["rise", "rose", "increase", "climb", "grow", "growth", "jump", "surge", "soar"],
  fall: ["fall", "fell", "decrease", "drop", "plunge", "shrink"],
  leak: ["leak", "spill", "spew", "flow", "gush", "discharge", "flow rate"],
  conceal: ["conceal", "concealment", "hide", "hid", "hidden", "cover up", "cover-up", "coverup", "cover-ups", "hush up", "hushed up", "whitewash", "sweep under the carpet", "swept under the carpet", "under the carpet", "under the rug"],
  steal: ["steal", "stole", "stolen", "hack", "hacked", "breach", "compromise", "theft", "leaked"],
  dope: ["dope", "doping", "test positive", "tested positive", "positive test", "banned substance", "contaminate", "contamination"],
  shoot: ["shoot", "shot", "shooting", "gun", "fire at"],
  arm: ["armed", "gun", "weapon", "pistol", "handgun", "firearm"],
  turnout: ["turnout", "turn out", "turned out", "march", "marcher", "demonstrate", "demonstration", "demonstrator", "protest", "protester", "protestor", "rally", "strike", "vote", "voter"],
  outbreak: ["outbreak", "infect", "infection", "case", "cases", "sicken", "epidemic", "spread"],
  crash: ["crash", "accident", "collision", "collide"],
  cause: ["cause", "blame", "fault", "due to", "because of", "result of"],
  switch: ["switch off", "switched off", "cut off", "cutoff", "turn off", "shut off"],
  meet: ["meet", "meeting", "talk", "talks", "visit", "summit"],
  sign: ["sign", "signing", "signed"],
  close: ["close", "closure", "shut", "shut down", "shutdown"],
  open: ["open", "opening", "reopen"],
  pay: ["pay", "payment", "compensate", "compensation", "fine", "settle", "settlement"],
  sell: ["sell", "sold"],
  buy: ["buy", "bought", "purchase", "acquire", "acquisition", "takeover"],
  plan: ["plan", "intend", "intention", "prepare"],
  exist: ["exist", "happen", "occur", "take place", "took place"],
};

/** Classes that are each other's opposite on the same proposition (rise/fall, win/lose). */
export const OPPOSED_CLASSES: Array<[string, string]> = [
  ["rise", "fall"], ["win", "lose"], ["approve", "reject"], ["arrest", "release"], ["open", "close"], ["buy", "sell"],
];

/** Irregular verb forms → lemma (the common ones in news). */
export const IRREGULAR: ReadonlyMap<string, string> = table({
  was: "be", were: "be", is: "be", are: "be", been: "be", am: "be", had: "have", has: "have", did: "do", does: "do",
  said: "say", told: "tell", made: "make", took: "take", taken: "take", gave: "give", given: "give", went: "go", gone: "go",
  came: "come", saw: "see", seen: "see", knew: "know", known: "know", got: "get", gotten: "get", left: "leave", felt: "feel",
  kept: "keep", held: "hold", brought: "bring", thought: "think", found: "find", lost: "lose", won: "win", paid: "pay",
  sold: "sell", bought: "buy", hit: "hit", shot: "shoot", struck: "strike", fell: "fall", rose: "rise", risen: "rise",
  broke: "break", broken: "break", began: "begin", begun: "begin", led: "lead", met: "meet", sent: "send", spent: "spend",
  stole: "steal", stolen: "steal", wrote: "write", written: "write", fought: "fight", caught: "catch", hid: "hide",
  laid: "lay", let: "let", cut: "cut", quit: "quit", put: "put", set: "set", spread: "spread", shut: "shut", run: "run", ran: "run",
  died: "die", dying: "die", lay: "lay", drove: "drive", driven: "drive", flew: "fly", flown: "fly", grew: "grow", grown: "grow",
  meant: "mean", became: "become", stood: "stand", understood: "understand", bore: "bear", borne: "bear", freed: "free",
  wed: "wed", fired: "fire", sacked: "sack", married: "marry", buried: "bury", carried: "carry", notified: "notify",
});

/** Words and phrases that deny the clause they stand in ("the report is false", "a fabricated story"). */
export const LEXICAL_NEGATION: string[] = [
  "false", "untrue", "not true", "fabricated", "fabrication", "baseless", "groundless", "unfounded", "bogus", "fake", "hoax",
  "no truth in", "no truth to", "no truth whatsoever", "not a shred of truth", "nonsense", "rubbish", "incorrect", "inaccurate", "not accurate", "not correct", "a lie", "lied", "made up",
  "fiction", "misinformation", "disinformation", "never happened", "did not happen", "didn't happen", "no basis", "without basis",
  "erroneous", "misleading", "not the case",
  // Said of one's own earlier statement or figure: it was a slip ("withdrew the statement, saying there was an error").
  "a typo", "there was an error", "there had been an error", "issued in error", "published in error",
  // Said of reports and figures: they are not so as given.
  "exaggerated", "inflated", "overstated", "overblown", "understated", "too high", "too low", "speculative", "unsubstantiated",
  "overestimated", "overestimates", "underestimated", "underestimates", "than reality", "than the reality", "than the real figure", "than the real number",
  // Said of claims to dismiss them: they are not so, but a motive or a campaign ("politically motivated", "media hype").
  "politically motivated", "scaremongering", "fearmongering", "fear-mongering", "media hype", "smear campaign", "a smear", "witch hunt", "witch-hunt",
  "conspiracy theory", "conspiracy theories", "publicity stunt", "attempt to discredit", "attempts to discredit", "bid to discredit", "designed to discredit",
  "attempt to undermine", "attempts to undermine", "junk journalism", "scare stories",
];

/** Negators that make a clause deny its predicate. */
export const NEGATORS = ["not", "n't", "never", "no", "none", "nobody", "nothing", "neither", "nor", "without", "no longer", "nowhere"];

/** Verbs that after a negation only withhold comment: "did not comment", "would not confirm" → uncommitted, not a denial. */
export const WITHHOLD_PHRASES = ["declined to comment", "declined to confirm", "declined to say", "refused to comment", "no comment", "could not be reached", "did not respond", "did not return", "declined to discuss", "would neither confirm nor deny", "neither confirmed nor denied"];
export const WITHHOLD = ["comment", "confirm", "say", "respond", "elaborate", "disclose", "specify", "reply", "speculate", "discuss", "know", "verify"];

/** Words that hedge or take a clause out of the actual world. */
export const HEDGES = ["may", "might", "could", "possibly", "perhaps", "probably", "likely", "unlikely", "reportedly", "apparently", "allegedly", "suspected", "appears", "seems", "if", "whether", "would", "believed", "rumored", "rumoured", "supposedly", "expected"];

/** Head nouns of counts, grouped by what they count. A noun in no group counts itself (its stem). */
export const MEASURES: Record<string, string[]> = {
  deaths: ["dead", "death", "deaths", "killed", "died", "fatalities", "bodies", "body", "toll", "lives", "victims"],
  injured: ["injured", "wounded", "injuries", "hurt"],
  cases: ["case", "cases", "infections", "infected", "patients", "sick", "sickened"],
  turnout: ["demonstrators", "protesters", "protestors", "marchers", "strikers", "turnout", "participants", "people on the street", "voters", "votes"],
  jobs: ["jobs", "employees", "workers", "staff", "salespeople", "positions", "people laid off", "workforce", "staffers", "job"],
  accounts: ["accounts", "credentials", "passwords", "logins", "usernames", "records", "emails"],
  flow: ["barrels", "gallons", "litres", "liters", "tonnes", "tons"],
  money: ["dollars", "euros", "pounds", "yuan", "rupees", "$", "€", "£"],
  years: ["years", "year"],
  percent: ["percent", "per cent", "%"],
};

/** Nouns for a person or people in general: the count's measure comes from its verb ("769 people died" → deaths). */
export const PERSON_NOUNS = ["people", "persons", "individuals", "others", "men", "women", "children", "civilians", "residents", "citizens"];

/** Words before a counted noun that pick out a sub-population: "272 million unique credentials", "12 confirmed cases". */
export const SUBSET_MODIFIERS = new Set([
  "unique", "valid", "invalid", "active", "inactive", "confirmed", "suspected", "probable", "new", "additional", "registered",
  "full-time", "part-time", "temporary", "permanent", "civilian", "military", "foreign", "local", "international", "domestic",
  "adult", "child", "senior", "junior", "paid", "unpaid", "daily", "weekly", "monthly", "annual", "total", "net", "gross",
]);

/** Modifiers that bound a number. */
export const BOUNDS: Array<[string, "AT_LEAST" | "MORE_THAN" | "UP_TO" | "AT_MOST" | "ABOUT"]> = [
  ["at least", "AT_LEAST"], ["no fewer than", "AT_LEAST"], ["no less than", "AT_LEAST"], ["a minimum of", "AT_LEAST"],
  ["more than", "MORE_THAN"], ["over", "MORE_THAN"], ["upwards of", "MORE_THAN"], ["in excess of", "MORE_THAN"], ["just over", "MORE_THAN"], ["above", "MORE_THAN"],
  ["up to", "UP_TO"], ["as many as", "UP_TO"], ["at most", "AT_MOST"], ["fewer than", "AT_MOST"], ["less than", "AT_MOST"], ["under", "AT_MOST"], ["no more than", "AT_MOST"],
  ["just under", "AT_MOST"], ["slightly less than", "AT_MOST"], ["a little under", "AT_MOST"], ["just short of", "AT_MOST"],
  ["slightly more than", "MORE_THAN"], ["a little over", "MORE_THAN"], ["a little more than", "MORE_THAN"], ["just above", "MORE_THAN"], ["slightly over", "MORE_THAN"],
  ["about", "ABOUT"], ["around", "ABOUT"], ["roughly", "ABOUT"], ["nearly", "ABOUT"], ["almost", "ABOUT"], ["approximately", "ABOUT"], ["some", "ABOUT"], ["close to", "ABOUT"], ["an estimated", "ABOUT"], ["estimated", "ABOUT"], ["circa", "ABOUT"],
];

/** Bounds that stay near their figure ("just over 40,000" is not 65,000): within this share of it. */
export const NEAR_BOUNDS = ["just over", "just above", "slightly more than", "slightly over", "a little over", "a little more than", "just under", "slightly less than", "a little under", "just short of"];
export const NEAR_SHARE = 0.15;

/** Number words and scale words. */
export const NUMBER_WORDS: ReadonlyMap<string, number> = table({
  one: 1, two: 2, three: 3, four: 4, five: 5, six: 6, seven: 7, eight: 8, nine: 9, ten: 10, eleven: 11, twelve: 12,
  thirteen: 13, fourteen: 14, fifteen: 15, sixteen: 16, seventeen: 17, eighteen: 18, nineteen: 19, twenty: 20, thirty: 30,
  forty: 40, fifty: 50, sixty: 60, seventy: 70, eighty: 80, ninety: 90, hundred: 100, dozen: 12,
});
export const SCALE_WORDS: ReadonlyMap<string, number> = table({ thousand: 1e3, million: 1e6, billion: 1e9, trillion: 1e12, k: 1e3, m: 1e6, bn: 1e9 });
/** Vague quantities as ranges: "dozens" = [24, 99]. */
export const VAGUE_COUNTS: Record<string, [number, number]> = {
  dozens: [24, 99], scores: [40, 99], hundreds: [200, 999], thousands: [2000, 9999], "tens of thousands": [20000, 99999],
  "hundreds of thousands": [200000, 999999], millions: [2e6, 9.99e6], several: [3, 9], "a few": [2, 5], handful: [2, 6],
};

/** Words that mark a count as partial or as-of-now (a lower bound that may rise): "so far", "confirmed". */
export const PARTIAL_COUNT = ["so far", "thus far", "to date", "as of", "confirmed", "at least", "and counting", "still rising", "could rise", "expected to rise"];

/** Words that say a figure was changed on purpose: the later figure revises, not contradicts, the earlier. */
export const REVISION_CUES = ["rose", "risen", "climbed", "increased", "went up", "updated", "revised", "raised", "now", "new toll", "latest"];

/** Measures that only grow over time (tolls, case counts): a later, higher figure is an update. */
export const CUMULATIVE_MEASURES = new Set(["deaths", "injured", "cases", "accounts"]);

/** Mutually exclusive characterisations of one referent: each pair of lists cannot both describe it. */
export const EXCLUSIVE_LABELS: Array<{ id: string; a: string[]; b: string[] }> = [
  { id: "civilian-vs-military-target", a: ["civilian", "civilians", "homes", "houses", "residential", "school", "schools", "hospital", "hospitals", "families", "children", "aid workers"], b: ["militia", "militias", "fighters", "militants", "commanders", "combatants", "weapons depot", "depot", "depots", "headquarters", "operatives", "military targets", "military sites", "terrorists", "command and control"] },
  { id: "armed-vs-unarmed", a: ["unarmed", "no gun", "not armed", "a book", "holding a book"], b: ["armed", "a gun", "handgun", "pistol", "firearm", "weapon"] },
  { id: "married-vs-unmarried", a: ["never married", "not married", "unmarried", "girlfriend", "boyfriend", "partner"], b: ["wife", "husband", "married", "spouse"] },
  { id: "accident-vs-deliberate", a: ["accident", "accidental", "inadvertent", "mechanical failure", "malfunction"], b: ["deliberate", "deliberately", "intentional", "on purpose", "sabotage"] },
  { id: "contained-vs-growing", a: ["containable", "contained", "under control", "on top of the situation", "not an explosion"], b: ["explosion", "out of control", "spiraling", "spiralling", "bigger than", "underrepresented", "underestimate"] },
];

/** Verbs that introduce what others said, left out of a clause's predicate ("reports that …"). */
export const FRAME_WORDS = new Set([
  "say", "tell", "report", "claim", "allege", "state", "add", "note", "announce", "confirm", "deny", "dispute", "reject",
  "insist", "write", "post", "tweet", "suggest", "believe", "think", "call", "describe", "accuse", "argue", "explain",
  "acknowledge", "admit", "assert", "declare", "maintain", "according", "refute", "dismiss", "deem", "label", "brand", "term",
]);
