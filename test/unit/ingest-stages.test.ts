import { describe, expect, it } from "@jest/globals";
import { splitSentences, findPublishedAt } from "../../src/ingest/stages/01-segment.js";
import { describeSpeaker, personKey } from "../../src/ingest/stages/03-speakers.js";
import { runPipeline } from "../../src/ingest/pipeline.js";

const sentences = (t: string) => splitSentences(t, 0, t.length).map((s) => t.slice(s.start, s.end));

describe("01-segment: sentences", () => {
  it.each<[string, string[]]>([
    ["Col. Jane Doe spoke. Then she left.", ["Col. Jane Doe spoke.", "Then she left."]],
    ["The U.S. Army said so. Others agreed.", ["The U.S. Army said so.", "Others agreed."]],
    ["It happened late Jan. 3 near the base. Nobody saw it.", ["It happened late Jan. 3 near the base.", "Nobody saw it."]],
    ["Peter J. Osgood wrote it. Fine.", ["Peter J. Osgood wrote it.", "Fine."]],
    ["“We left. We came back,” she said. Done.", ["“We left. We came back,” she said.", "Done."]],
    // a sentence that ends inside straight quotes: its closing mark must not reopen a quotation over the next one
    ['"We are checking it." She would not say more. Officials said nothing.', ['"We are checking it."', "She would not say more.", "Officials said nothing."]],
  ])("%s", (text, expected) => expect(sentences(text)).toEqual(expected));

  it.each<[string[], string | undefined]>([
    [["Title", "March 5, 2031 Updated: March 5, 2031"], "2031-03-05"],
    [[" date 2030-12-01 ×"], "2030-12-01"],
    [["Title", "Friday, 07 June 2030 10:00 AM EST"], "2030-06-07"],
    [["No date here"], undefined],
  ])("publication date from %j", (lines, expected) => expect(findPublishedAt(lines)).toBe(expected));
});

describe("03-speakers: describing a speaker phrase", () => {
  // [phrase, kind, name, affiliation as the text gives it, anaphoric (resolved in stage 3)]
  it.each<[string, string, string, string | undefined, boolean]>([
    ["Acme Foods spokesman Carl Brenner", "PERSON", "Carl Brenner", "Acme Foods", false],
    ["Lt. Col. Peter J. Osgood III", "PERSON", "Peter J. Osgood III", undefined, false],
    ["a spokeswoman for the Harbour Authority, Maj. Dana K. Flint", "PERSON", "Dana K. Flint", "Harbour Authority", false],
    ["Dana Flint, a spokeswoman for the Harbour Authority", "PERSON", "Dana Flint", "Harbour Authority", false],
    ["Ruritania’s Minister of Information Alpha Mbeki", "PERSON", "Alpha Mbeki", "Ruritania", false],
    ["Northwind Security's Alex Marlow", "PERSON", "Alex Marlow", undefined, false],
    ["Northwind Security CISO Alex Marlow", "PERSON", "Alex Marlow", undefined, false],
    ["the Ruritanian Football Federation", "ORGANIZATION", "Ruritanian Football Federation", undefined, false],
    ["the Election Board (REB)", "ORGANIZATION", "Election Board", undefined, false],
    ["The Calder Times", "OUTLET", "Calder Times", undefined, false],
    ["police and security sources", "ANONYMOUS", "police and security sources", undefined, false],
    ["people familiar with the talks", "ANONYMOUS", "people familiar with the talks", undefined, false],
    ["Acme officials", "ANONYMOUS", "Acme officials", "Acme", false],
    ["two groups of commercial pilots", "ANONYMOUS", "groups of commercial pilots", undefined, false],
    ["the Acme report", "ORGANIZATION", "Acme", undefined, false], // a named author speaks for the artifact
    ["a report by Acme", "ORGANIZATION", "Acme", undefined, false],
    ["reports from Acme", "ORGANIZATION", "reports", "Acme", false], // "from" is where, not who: the artifact speaks
    ["Acme's statement", "ORGANIZATION", "Acme", undefined, false], // a message speaks for its author
    ["a statement from the club", "ORGANIZATION", "the club", undefined, true],
    ["the company", "ORGANIZATION", "the company", undefined, true],
    ["the minister", "PERSON", "the minister", undefined, true],
    ["the 56-year-old", "PERSON", "the 56-year-old", undefined, true],
    // an indefinite role is someone new (it speaks for the organisation named, if any), a definite one refers back
    ["a spokesman for the Acme Club", "PERSON", "spokesman for the Acme Club", "Acme Club", false],
    ["the spokeswoman", "PERSON", "the spokeswoman", undefined, true],
    ["he", "ANONYMOUS", "he", undefined, true],
  ])("%s", (phrase, kind, name, affiliation, anaphoric) => {
    const m = describeSpeaker(phrase, 0);
    expect([m.kind, m.name, m.affiliation, !!m.anaphoric]).toEqual([kind, name, affiliation, anaphoric]);
  });

  it("a place that speaks is its government", () => {
    expect(describeSpeaker("Washington", 0).kind).toBe("GOVERNMENT");
  });

  it("splits jointly credited parties, and keeps jointly credited unnamed sources as one known by each part", () => {
    expect(describeSpeaker("the Harbour Authority and the Navy Command", 0).parts?.map((p) => p.name)).toEqual(["Harbour Authority", "Navy Command"]);
    const joint = describeSpeaker("police sources and eyewitnesses", 0);
    expect([joint.parts, joint.alsoKnownAs]).toEqual([undefined, ["police sources", "eyewitnesses"]]);
    // "and" inside an organisation's name does not split it
    expect(describeSpeaker("Director of Disease Prevention and Control Amara Jambo", 0).parts).toBeUndefined();
  });

  it("the optional lexicon names the actors it knows", () => {
    const m = describeSpeaker("CENTCOM", 0);
    expect([m.kind, m.name, m.affiliation]).toEqual(["ORGANIZATION", "U.S. Central Command", "org:centcom"]);
  });

  it.each([["Peter J. Osgood III", "peter osgood"], ["Samir al-Haddad", "samir haddad"], ["Haddad", "haddad"]])("person key of %s", (n, k) => expect(personKey(n)).toBe(k));
});

// Stage 4 (claims) and the detector's bounds are tested in claims.test.ts and detect.test.ts.

describe("pipeline", () => {
  it("non-English or garbage text gives no statements and records the language", () => {
    expect(runPipeline({ text: "Der Minister sagte heute, dass die Brücke gesperrt bleibt und niemand sie überqueren darf." }).statements).toHaveLength(0);
    const g = runPipeline({ text: "%%%% ### 1234 ~~~~" });
    expect(g.statements).toHaveLength(0);
    expect(g.meta.language).toBe("und");
  });
});
