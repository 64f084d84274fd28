import { describe, expect, it } from "@jest/globals";
import { compatibleCounts, detectBlock, differentEvents, pairConflict, revisionsIn, sameScope, sharedBlock, type ConflictStatement } from "../../src/analysis/detect.js";
import type { ClaimFrame, Quantity } from "../../src/ingest/types.js";
import { isotonicValue, pairFeatures, probabilityOf, scorePair } from "../../src/analysis/pair-scorer.js";

// The detector on hand-made statements (fictional): what it must flag, and the look-alikes it must leave alone.
let next = 1;
function st(over: Omit<Partial<ConflictStatement>, "frame"> & { frame?: Partial<ClaimFrame> }): ConflictStatement {
  const id = next++;
  const { frame, ...rest } = over;
  return {
    id, sourceId: id, speakerId: id, speakerKey: `person:s${id}`, speakerName: `Speaker ${id}`, speakerKind: "PERSON",
    publishedAt: new Date("2031-05-03"), text: "Acme laid off fifty engineers at its Vela plant", claim: "Acme laid off fifty engineers at its Vela plant",
    polarity: "AFFIRM", modality: "ASSERTED", propKey: "p:layoff:acme@2031 p:layoff:acme@?", start: 0, end: 4, confidence: 0.9,
    frame: { eventType: "LAYOFF", predicates: ["layoff"], entities: ["acme"], content: ["acme", "lay", "engineer", "vela", "plant"], quantities: [], ...frame },
    ...rest,
  };
}
const q = (value: number, unit = "deaths", bound: Quantity["bound"] = "EXACT"): Quantity => ({ value, bound, unit, text: `${bound === "AT_LEAST" ? "at least " : ""}${value} ${unit}` });
const Q = "q:deaths@2031-05 q:deaths@?";

describe("pairConflict / detectBlock", () => {
  it("affirm vs deny of one proposition from two speakers: one POLARITY contradiction, two sides", () => {
    const a = st({});
    const d = st({ polarity: "DENY", text: "Acme did not lay off engineers at the Vela plant", frame: { negation: "SURFACE" } });
    const c = detectBlock([a, d], "p:layoff:acme@2031");
    expect(c.map((x) => [x.kind, x.sides.map((s) => s.statementIds)])).toEqual([["POLARITY", [[a.id], [d.id]]]]);
    expect(c[0]!.explanation).toMatch(/Speaker \d+ said .*Speaker \d+ said it was not so/);
  });
  it("a bare denial ('It is not true') meets the report its own article gives before it, not the background after it", () => {
    const a = st({ sourceId: 900, start: 100, end: 140, frame: { topic: ["acme"] } });
    const d = st({ sourceId: 900, start: 300, end: 314, polarity: "DENY", text: "It is not true", frame: { inherited: true, content: ["true"], topic: ["acme"], negation: "LEXICAL" } });
    expect(pairConflict(a, d, "p:layoff:acme@2031")?.rule).toBe("polarity:denial-of-reports");
    const background = st({ sourceId: 900, start: 5000, end: 5040, frame: { topic: ["acme"] } });
    expect(pairConflict(background, d, "p:layoff:acme@2031")).toBeUndefined();
    // A weak bare denial ("That is not a sound basis") reaches only what is near it.
    const weak = st({ sourceId: 900, start: 3000, end: 3020, polarity: "DENY", text: "That is not a sound basis", frame: { inherited: true, content: ["sound"], topic: ["acme"], negation: "SURFACE" } });
    expect(pairConflict(a, weak, "p:layoff:acme@2031")).toBeUndefined();
  });
  it("a body's bare denial does not deny what its own people say", () => {
    const d = st({ speakerKey: "org:acme", sourceId: 920, start: 300, end: 314, polarity: "DENY", text: "The reports are not true", frame: { inherited: true, content: ["true"], topic: ["acme", "vela"], negation: "LEXICAL" } });
    const own = st({ affiliationKey: "org:acme", frame: { entities: ["acme", "vela"] } });
    expect(pairConflict(own, d, "p:layoff:acme@2031")).toBeUndefined();
    expect(pairConflict(st({ frame: { entities: ["acme", "vela"] } }), d, "p:layoff:acme@2031")?.rule).toBe("polarity:denial-of-reports");
  });
  it("after an outright denial, its article's account of the rumours it denies is what it denies, not background", () => {
    const d = st({ sourceId: 910, start: 100, end: 140, polarity: "DENY", text: "The rumours are completely false", frame: { inherited: true, content: ["rumour", "false"], topic: ["acme", "vela"], negation: "LEXICAL" } });
    const rumours = st({ sourceId: 910, start: 900, end: 960, speakerKey: "anon:910:rumours", speakerName: "rumours", frame: { entities: ["acme", "vela"], topic: ["acme", "vela"] } });
    const background = st({ sourceId: 910, start: 900, end: 960, frame: { entities: ["acme", "vela"], topic: ["acme", "vela"] } });
    expect(pairConflict(rumours, d, "p:layoff:acme@2031")?.rule).toBe("polarity:denial-of-reports");
    expect(pairConflict(background, d, "p:layoff:acme@2031")).toBeUndefined();
  });
  it("an outright bare denial meets a committed report of its story in another article; a weak or hedged one does not", () => {
    const d = st({ sourceId: 901, start: 300, end: 314, polarity: "DENY", text: "The reports are not true", frame: { inherited: true, content: ["true"], topic: ["acme", "vela"], negation: "LEXICAL" } });
    const report = st({ frame: { entities: ["acme", "vela"] } });
    expect(pairConflict(report, d, "p:layoff:acme@2031")?.rule).toBe("polarity:denial-of-reports");
    // "It is not true" names no report: it answers what was said just before it, and reaches no further.
    expect(pairConflict(report, { ...d, id: 998, text: "It is not true" }, "p:layoff:acme@2031")).toBeUndefined();
    // Hedged ("may have cut jobs"), or naming another story's entities, or a surface "not" with no content of its own.
    expect(pairConflict(st({ modality: "HEDGED", frame: { entities: ["acme", "vela"] } }), d, "p:layoff:acme@2031")).toBeUndefined();
    expect(pairConflict(st({ frame: { entities: ["orbex", "vela"] } }), d, "p:layoff:acme@2031")).toBeUndefined();
    const weak = st({ sourceId: 902, start: 10, end: 30, polarity: "DENY", text: "That is not a sound basis", frame: { inherited: true, content: ["sound"], topic: ["acme", "vela"], negation: "SURFACE" } });
    expect(pairConflict(report, weak, "p:layoff:acme@2031")).toBeUndefined();
  });
  it("complementary words for one thing from two camps ('justified' / 'unjustified' shooting): CHARACTERIZATION with both words", () => {
    const cx = (word: string, negative: boolean, head = "shoot") => ({ complements: [{ base: "justified", head, negative, word }], entities: ["norvale"], predicates: ["shoot"] });
    const police = st({ speakerName: "Police", propKey: "p:shoot:norvale@2031", text: "the shooting of the Norvale driver was justified", frame: cx("justified", false) });
    const family = st({ speakerName: "The family", propKey: "p:shoot:norvale@2031", text: "an unjustified shooting of the Norvale driver", frame: cx("unjustified", true) });
    const c = detectBlock([police, family], "p:shoot:norvale@2031");
    expect(c.map((x) => [x.kind, x.sides.map((s) => [s.label, s.statementIds])])).toEqual([["CHARACTERIZATION", [["Called justified", [police.id]], ["Called unjustified", [family.id]]]]]);
    expect(c[0]!.explanation).toMatch(/Police called it justified .*The family called it unjustified/);
    // Look-alikes: the same word on both sides; another thing ("an unjustified fine"); no name in common; one camp.
    expect(pairConflict(police, st({ frame: cx("justified", false) }), "p:shoot:norvale@2031")).toBeUndefined();
    expect(pairConflict(police, st({ frame: cx("unjustified", true, "fine") }), "p:shoot:norvale@2031")).toBeUndefined();
    expect(pairConflict(police, st({ frame: { ...cx("unjustified", true), entities: ["orbex"] } }), "p:shoot:norvale@2031")).toBeUndefined();
    expect(pairConflict(police, st({ affiliationKey: police.speakerKey, frame: cx("unjustified", true) }), "p:shoot:norvale@2031")).toBeUndefined();
  });
  it("a dismissal of a named party's claims meets what that party asserts in the same story, and nothing else", () => {
    const vance = st({ speakerKey: "person:mara vance", speakerName: "Mara Vance", propKey: "t:vance@2031-05", text: "the agency had hidden positive tests", frame: { party: ["vance"], entities: ["vela"], topic: ["vela", "orbex"], predicates: ["hide"] } });
    const agency = st({ speakerKey: "org:agency", speakerName: "The agency", propKey: "t:vance@2031-05", polarity: "DENY", text: "Ms. Vance's allegations are politically motivated", frame: { dismisses: "vance", inherited: true, negation: "LEXICAL", entities: ["vela"], topic: ["vela", "orbex"], predicates: ["allegation"] } });
    expect(pairConflict(vance, agency, "t:vance@2031-05")?.rule).toBe("polarity:dismissal-of-a-partys-claims");
    const c = detectBlock([vance, agency], "t:vance@2031-05");
    expect(c.map((x) => [x.kind, x.sides.map((s) => s.statementIds)])).toEqual([["POLARITY", [[vance.id], [agency.id]]]]);
    // Another party's statement, one of another story, a hedged one: nothing. In a party block no other rule runs.
    expect(pairConflict({ ...vance, id: 990, frame: { ...vance.frame, party: ["brandt"] } }, agency, "t:vance@2031-05")).toBeUndefined();
    expect(pairConflict({ ...vance, id: 991, frame: { ...vance.frame, entities: ["orbis"], topic: ["orbis", "kell"] } }, agency, "t:vance@2031-05")).toBeUndefined();
    expect(pairConflict({ ...vance, id: 992, modality: "HEDGED" }, agency, "t:vance@2031-05")).toBeUndefined();
    const other = st({ propKey: "t:vance@2031-05 p:layoff:acme@2031" });
    expect(pairConflict(other, st({ polarity: "DENY", frame: { negation: "SURFACE" } }), "t:vance@2031-05")).toBeUndefined();
  });
  it("a negator's own scope decides what is denied: 'was not wearing a camera' does not deny the layoff", () => {
    const a = st({});
    const d = st({ polarity: "DENY", text: "Acme, which laid off engineers at Vela, was not wearing its usual caution", frame: { negation: "SURFACE", negated: "wear" } });
    expect(pairConflict(a, d, "p:layoff:acme@2031")).toBeUndefined();
    expect(pairConflict(a, st({ polarity: "DENY", frame: { negation: "SURFACE" } }), "p:layoff:acme@2031")?.kind).toBe("POLARITY");
  });
  it("a one-word name matches the other clause's plain word ('Agriculture is not part of it' / 'talks including agriculture')", () => {
    const a = st({ text: "talks will include agriculture", propKey: "p:include@2031-05", frame: { predicates: ["include"], entities: ["vela"], content: ["talk", "include", "agriculture"] } });
    const d = st({ polarity: "DENY", text: "Agriculture is not part of it", propKey: "p:include@2031-05", frame: { negation: "SURFACE", predicates: ["include"], entities: ["agriculture"], content: ["agriculture", "part"] } });
    expect(pairConflict(a, d, "p:include@2031-05")?.kind).toBe("POLARITY");
    const other = st({ text: "talks will include fisheries", propKey: "p:include@2031-05", frame: { predicates: ["include"], entities: ["vela"], content: ["talk", "include", "fishery"] } });
    expect(pairConflict(other, d, "p:include@2031-05")).toBeUndefined();
  });
  it("exclusive labels meet in a block of their own: 'had a gun when shot' / 'he was unarmed' (different predicates)", () => {
    const key = "l:armed-vs-unarmed:ivo-brandt@2031 l:armed-vs-unarmed:ivo-brandt@?";
    const police = st({ text: "Ivo Brandt had a gun in his hand when he was shot", propKey: `p:shoot:ivo-brandt@? ${key}`, frame: { predicates: ["shoot"], entities: ["ivo-brandt"], content: ["gun", "hand", "shoot"], labels: ["armed-vs-unarmed"] } });
    const family = st({ text: "he was unarmed and reading a book", propKey: `p:read:ivo-brandt@? ${key}`, frame: { predicates: ["read"], entities: ["ivo-brandt"], content: ["unarmed", "read", "book"], labels: ["armed-vs-unarmed"] } });
    const c = detectBlock([police, family], "l:armed-vs-unarmed:ivo-brandt@2031");
    expect(c.map((x) => [x.kind, x.rule])).toEqual([["CHARACTERIZATION", "characterization:armed-vs-unarmed"]]);
    // One camp (the force and its own officer) is not two accounts.
    const officer = st({ ...family, id: 999, speakerKey: "person:officer", affiliationKey: police.speakerKey });
    expect(detectBlock([police, officer], "l:armed-vs-unarmed:ivo-brandt@2031")).toEqual([]);
  });
  it("the same figure of the same measure makes one proposition, whoever each clause names", () => {
    const a = st({ text: "50 engineers were laid off at Acme", frame: { entities: ["acme"], content: ["engineer", "lay"], quantities: [q(50, "jobs")] } });
    const d = st({ polarity: "DENY", text: "the blog's report that 50 engineers were laid off was not true", frame: { negation: "LEXICAL", entities: ["blog"], content: ["blog", "report", "engineer", "lay", "true"], quantities: [q(50, "jobs")] } });
    expect(pairConflict(a, d, "p:layoff:acme@2031")?.kind).toBe("POLARITY");
    const other = st({ polarity: "DENY", text: "the blog's report that 80 engineers were laid off was not true", frame: { negation: "LEXICAL", entities: ["blog"], content: ["blog", "report", "engineer", "lay", "true"], quantities: [q(80, "jobs")] } });
    expect(pairConflict(a, other, "p:layoff:acme@2031")).toBeUndefined();
  });
  it("talk of reports is not an affirmation: 'the layoff rumours' does not stand against a denial of the layoffs", () => {
    const d = st({ polarity: "DENY", text: "Acme did not lay off engineers at Vela", frame: { negation: "SURFACE" } });
    expect(pairConflict(st({ frame: { hearsay: true } }), d, "p:layoff:acme@2031")).toBeUndefined();
  });
  it("the same speaker saying p and then not-p is a SELF_REVERSAL, not a POLARITY conflict", () => {
    const a = st({ speakerKey: "person:lea" });
    const d = st({ speakerKey: "person:lea", polarity: "DENY", text: "Acme has not laid off engineers at Vela" });
    expect(detectBlock([a, d]).map((x) => x.kind)).toEqual(["SELF_REVERSAL"]);
  });
  it("opposite polarity on unrelated content is no conflict", () => {
    const a = st({});
    const d = st({ polarity: "DENY", frame: { content: ["weather", "rain", "harbour"], entities: ["ruritania"] } });
    expect(detectBlock([a, d])).toEqual([]);
  });
  it("mentions dated days apart are two events", () => {
    const a = st({ frame: { time: { text: "May 1", date: "2031-05-01" } } });
    const d = st({ polarity: "DENY", frame: { time: { text: "May 9", date: "2031-05-09" } } });
    expect(detectBlock([a, d])).toEqual([]);
  });
  it("uncertain statements ('declined to comment') never take a side", () => {
    expect(detectBlock([st({}), st({ polarity: "DENY", modality: "UNCERTAIN" })])).toEqual([]);
  });
  it("figures: 'at least six' and 'eight' agree; a later higher toll is an update; a later lower one conflicts", () => {
    expect(detectBlock([st({ propKey: Q, frame: { quantities: [q(6, "deaths", "AT_LEAST")] } }), st({ propKey: Q, frame: { quantities: [q(8)] } })])).toEqual([]);
    const rising = [st({ propKey: Q, publishedAt: new Date("2031-05-02"), frame: { quantities: [q(2)] } }), st({ propKey: Q, frame: { quantities: [q(6)] } })];
    expect(detectBlock(rising)).toEqual([]);
    const falling = [st({ propKey: Q, publishedAt: new Date("2031-05-02"), frame: { quantities: [q(6)] } }), st({ propKey: Q, frame: { quantities: [q(2)] } })];
    expect(detectBlock(falling).map((x) => [x.kind, x.sides.length])).toEqual([["NUMERIC", 2]]);
  });
  it("figures of different scopes or measures are not compared", () => {
    const a = st({ propKey: "q:turnout@2031-05", frame: { quantities: [{ ...q(250000, "turnout"), scope: "vela" }] } });
    const b = st({ propKey: "q:turnout@2031-05", frame: { quantities: [{ ...q(1500000, "turnout"), scope: "national" }] } });
    expect(detectBlock([a, b])).toEqual([]);
  });
  it("a pair is judged once, in the first block the two share", () => {
    const a = st({ propKey: "p:layoff:acme@2031 p:layoff@2031-05" });
    const b = st({ propKey: "p:layoff:acme@2031 p:layoff@2031-05" });
    expect(sharedBlock(a, b)).toBe("p:layoff@2031-05");
    const undated = st({ propKey: "p:layoff:acme@? p:layoff@?" });
    const other = st({ propKey: "p:layoff:acme@? p:layoff@?" });
    expect(sharedBlock(undated, other)).toBe("p:layoff:acme@?");
  });
});

describe("taken back within one report", () => {
  const base = { sourceId: 777, speakerKey: "org:northwind" };
  const first = () => st({ ...base, start: 100, end: 140, text: "a raid hit a convoy of medics", frame: { predicates: ["attack"], entities: [], content: ["raid", "hit", "convoy", "medic"] } });
  const denial = (sequel: boolean) => st({ ...base, start: 400, end: 440, polarity: "DENY", text: "no medical convoys were hit", frame: { predicates: ["attack"], entities: ["tarn"], content: ["medical", "convoy", "hit", "tarn"], negation: "SURFACE", ...(sequel ? { sequel: true } : {}) } });
  it("the same speaker, later in the same report, denying what it said: SELF_REVERSAL", () => {
    expect(pairConflict(first(), denial(true), "p:attack@2031-05")?.rule).toBe("self-reversal:taken-back-in-same-report");
  });
  it("not when the report does not present the second as a later statement", () => {
    expect(pairConflict(first(), denial(false), "p:attack@2031-05")).toBeUndefined();
  });
  it("not for another speaker's words in the same report", () => {
    const other = denial(true);
    other.speakerKey = "org:someone-else";
    expect(pairConflict(first(), other, "p:attack@2031-05")?.kind).not.toBe("SELF_REVERSAL");
  });
});

describe("compatibleCounts: bounds and rounding", () => {
  it.each<[Quantity, Quantity, boolean]>([
    [q(6, "deaths", "AT_LEAST"), q(6), true],
    [q(6, "deaths", "AT_LEAST"), q(4), false],
    [q(165, "x", "MORE_THAN"), q(100, "x", "AT_LEAST"), true],
    [q(6), q(4), false],
    [q(10, "x", "UP_TO"), q(8), true],
    [q(800000), q(806000), true], // a round figure covers its rounding
    [q(7987), q(7897), false], // exact figures with four digits do not
    [q(50, "jobs", "ABOUT"), q(45), true],
  ])("%j vs %j compatible=%s", (a, b, ok) => expect(compatibleCounts(a, b)).toBe(ok));
});

describe("revisionsIn", () => {
  it("links a toll that rose, from the earlier count to the later one", () => {
    const a = st({ propKey: Q, publishedAt: new Date("2031-05-03"), frame: { quantities: [q(2)] } });
    const b = st({ propKey: Q, publishedAt: new Date("2031-05-04"), frame: { quantities: [q(4)] } });
    expect(revisionsIn([a, b]).map((r) => [r.fromId, r.toId])).toEqual([[a.id, b.id]]);
  });
  it("figures that share no block are not linked", () => {
    const a = st({ propKey: Q, frame: { quantities: [q(2)] } });
    const b = st({ propKey: "q:deaths@2031-09", publishedAt: new Date("2031-09-04"), frame: { quantities: [q(4)] } });
    expect(revisionsIn([a, b])).toEqual([]);
  });
});

describe("figures of one place", () => {
  it("a national figure and one that names no place are of one place; a city's figure is not", () => {
    const nat = (v: number, scope?: string) => st({ propKey: Q, frame: { quantities: [{ ...q(v), ...(scope ? { scope } : {}) }] } });
    expect(pairConflict(nat(1_800_000), nat(615_000, "national"), Q.split(" ")[1]!)?.kind).toBe("NUMERIC");
    expect(pairConflict(nat(180_000, "vela"), nat(615_000), Q.split(" ")[1]!)).toBeUndefined();
    expect(sameScope(undefined, "national")).toBe(true);
    expect(sameScope("capital", undefined)).toBe(false);
  });
});

describe("reports months apart are about different happenings", () => {
  it("a day read from the text is the earliest its report can be: it can say 'too late', never 'too early'", () => {
    const pub = (d: string) => st({ publishedAt: new Date(d) });
    const est = (d: string) => st({ publishedAt: null, frame: { reportDate: d } });
    expect(differentEvents(pub("2031-01-01"), pub("2031-06-01"))).toBe(true);
    expect(differentEvents(est("2031-01-01"), pub("2031-06-01"))).toBe(false); // the undated report may be from June
    expect(differentEvents(est("2031-09-01"), pub("2031-06-01"))).toBe(true); // it is from September at the earliest
    expect(differentEvents(est("2031-01-01"), est("2031-09-01"))).toBe(false);
  });
});

describe("one happening dated days apart (TEMPORAL)", () => {
  it("is judged in a dated block (its month or year), never in a story's undated block", () => {
    const on = (date: string) => st({ text: "Acme closed its Vela plant", frame: { time: { text: date, date }, content: ["acme", "close", "vela", "plant"] } });
    const [a, b] = [on("2031-05-03"), on("2031-05-09")];
    expect(pairConflict(a, b, "p:close:acme@2031")?.kind).toBe("TEMPORAL");
    expect(pairConflict(a, b, "p:close:acme@?")).toBeUndefined();
  });
});

describe("pair confidence", () => {
  it("an isotonic map is a step function over ascending thresholds", () => {
    const map = [{ from: 0, p: 0.2 }, { from: 0.5, p: 0.4 }, { from: 0.8, p: 0.7 }];
    expect([0.1, 0.5, 0.79, 0.95].map((x) => isotonicValue(map, x))).toEqual([0.2, 0.4, 0.4, 0.7]);
  });

  it("a trained model reports the held-out precision of the kind; without one, nothing is calibrated", () => {
    const f = pairFeatures(st({}), st({ polarity: "DENY" }));
    const model = { version: "t", kinds: {}, byKind: { POLARITY: 0.3, NUMERIC: 0.6 } };
    expect(probabilityOf("POLARITY", f, model)).toBe(0.3);
    expect(probabilityOf("NUMERIC", f, model)).toBe(0.6);
    expect(probabilityOf("POLARITY", f, null)).toBeUndefined();
    // The rules' strength (what is reported) does not depend on the trained model.
    expect(scorePair("POLARITY", f)).toBeGreaterThan(0);
  });
});
