import { describe, expect, it } from "@jest/globals";
import { buildClaim, entitiesOf, keysOf, negationOf, quantitiesOf, timeOf } from "../../src/ingest/stages/04-claims.js";

// Stage 4 on sentences written for these tests (fictional names and places).
const claim = (t: string, cue = "said", extra: Record<string, unknown> = {}) => buildClaim(t, { cue, direct: false, speakerKey: "", publishedAt: "2031-05-06", ...extra });

describe("04-claims: polarity from negation and its scope", () => {
  it.each<[string, string, "AFFIRM" | "DENY"]>([
    ["Acme has not sacked its manager Jon Hale", "said", "DENY"],
    ["the club dismissed Jon Hale on Monday", "said", "AFFIRM"],
    ["the allegations are completely false", "said", "DENY"], // lexical negation
    ["the story was fabricated", "said", "DENY"],
    ["there were no confirmed cases in the district", "said", "DENY"],
    ["reports of layoffs at Acme", "denied", "DENY"], // the cue denies
    ["the victims were nurses, not soldiers", "said", "AFFIRM"], // contrast on another argument
    ["Major layoffs are coming to Vela", "said", "AFFIRM"],
  ])("%s (%s) → %s", (t, cue, polarity) => expect(claim(t, cue).polarity).toBe(polarity));

  it.each<[string, boolean]>([
    ["The spokesman declined to comment on the report", true],
    ["Acme did not immediately respond to a request for comment", true],
    ["Acme did not lay off anyone", false],
  ])("withholding comment is uncommitted, not a denial: %s", (t, withheld) => {
    expect(negationOf(t).withheld).toBe(withheld);
    if (withheld) expect(claim(t).modality).toBe("UNCERTAIN");
  });
});

describe("04-claims: open frames", () => {
  it("synonyms share a predicate class; names become entities", () => {
    const a = claim("Northwind sacked coach Ivo Brandt");
    const b = claim("Northwind has fired Ivo Brandt");
    expect(a.frame.predicates).toContain("dismiss");
    expect(b.frame.predicates).toContain("dismiss");
    expect(a.frame.entities).toEqual(expect.arrayContaining(["northwind", "ivo-brandt"]));
  });
  it("a predicate the lexicon does not know keys on its lemma", () => {
    expect(claim("Northwind relocated its headquarters").frame.predicates?.[0]).toBe("relocate".slice(0, 7));
  });
  it("a bare denial inherits its document's topic", () => {
    const c = claim("It's not true", "said", { topic: { entities: ["acme"], predicates: ["layoff"] } });
    expect([c.polarity, c.frame.inherited, c.frame.predicates, c.frame.entities]).toEqual(["DENY", true, ["layoff"], ["acme"]]);
  });
  it("shouted words and sentence-initial common words are not names", () => {
    expect(entitiesOf("FACT: The board did NOT meet in Vela").map((e) => e.key)).toEqual(["vela"]);
  });
  it("keys: predicate × entity by year, predicate and measure by month, each also undated", () => {
    expect(keysOf({ eventType: "DIE", predicates: ["die"], entities: ["vela"], quantities: [{ value: 3, bound: "EXACT", unit: "deaths", text: "3" }] }, "2031-05")).toEqual([
      "p:die:vela@2031", "p:die:vela@?", "p:die@2031-05", "p:die@?", "q:deaths@2031-05", "q:deaths@?",
    ].sort());
  });
});

describe("04-claims: figures with measure, bound and scope", () => {
  it.each<[string, Array<[number, string, string]>]>([
    ["at least 769 people died", [[769, "AT_LEAST", "deaths"]]],
    ["killing at least six people", [[6, "AT_LEAST", "deaths"]]],
    ["the strike killed two guards", [[2, "EXACT", "deaths"]]],
    ["50 sales employees were laid off", [[50, "EXACT", "jobs"]]],
    ["some 885,000 demonstrators turned out", [[885000, "ABOUT", "turnout"]]],
    ["the national turnout was only 806,000", [[806000, "EXACT", "turnout"]]],
    ["up to 25,000 barrels a day", [[25000, "UP_TO", "flow"]]],
    ["1.5 million marchers", [[1500000, "EXACT", "turnout"]]],
    ["dozens of people were hurt", [[24, "ABOUT", "injured"]]],
    ["the 56-year-old spoke at 10:30 on May 4, 2031", []], // ages, times and dates are not figures
  ])("%s", (t, expected) => expect(quantitiesOf(t).map((x) => [x.value, x.bound, x.unit])).toEqual(expected));

  it("scope: where the figure holds", () => {
    expect(quantitiesOf("250,000 marched in Vela")[0]?.scope).toBe("vela");
    expect(quantitiesOf("1.5 million marched nationwide")[0]?.scope).toBe("national");
  });
});

describe("04-claims: time against the publication date", () => {
  it.each<[string, string | undefined]>([
    ["strikes on Friday night hit a convoy", "2031-05-02"], // weekdays look back
    ["the board met on May 1", "2031-05-01"],
    ["the board met yesterday", "2031-05-05"],
    ["the board met", undefined],
  ])("%s → %s", (t, date) => expect(timeOf(t, "2031-05-06")?.date).toBe(date));
});
