import { describe, expect, it } from "@jest/globals";
import { splitSentences, findPublishedAt } from "../../src/ingest/stages/01-segment.js";
import { describeSpeaker, personKey } from "../../src/ingest/stages/03-speakers.js";
import { buildClaim, notifiedPartyOf, quantitiesOf } from "../../src/ingest/stages/04-claims.js";
import { compatibleCounts } from "../../src/analysis/detect.js";
import { anchoredKey, runPipeline } from "../../src/ingest/pipeline.js";

const sentences = (t: string) => splitSentences(t, 0, t.length).map((s) => t.slice(s.start, s.end));

describe("01-segment: sentences", () => {
  it.each<[string, string[]]>([
    ["Col. Jane Doe spoke. Then she left.", ["Col. Jane Doe spoke.", "Then she left."]],
    ["The U.S. Army said so. Others agreed.", ["The U.S. Army said so.", "Others agreed."]],
    ["It happened late Jan. 3 near the base. Nobody saw it.", ["It happened late Jan. 3 near the base.", "Nobody saw it."]],
    ["Peter J. Osgood wrote it. Fine.", ["Peter J. Osgood wrote it.", "Fine."]],
    ["“We left. We came back,” she said. Done.", ["“We left. We came back,” she said.", "Done."]],
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

describe("04-claims: polarity, type, quantities", () => {
  it.each<[string, string, "AFFIRM" | "DENY", string]>([
    ["The coalition did NOT conduct airstrikes near the base", "said", "DENY", "RESPONSIBILITY"],
    ["Those reports are not true", "said", "DENY", "STRIKE"], // a denial with a vague object is about the main event
    ["there was not a pre-notification", "said", "DENY", "NOTIFICATION"],
    ["We informed them immediately after the strikes occurred", "said", "DENY", "NOTIFICATION"],
    ["which is a false claim of prior coordination", "stated", "DENY", "NOTIFICATION"],
    ["a strike hit a convoy of medics", "said", "AFFIRM", "STRIKE"],
    ["reports of an airstrike last night", "denied", "DENY", "STRIKE"],
  ])("%s", (clause, cue, polarity, type) => {
    const c = buildClaim(clause, { cue, direct: false, speakerKey: "" });
    expect([c.polarity, c.frame.eventType]).toEqual([polarity, type]);
  });

  it("acknowledging reports asserts nothing; denying 'a report of an attack on' a site denies the attack, not a role", () => {
    expect(buildClaim("We are aware of reports claiming that the army struck the depot", { cue: "wrote", direct: true, speakerKey: "org:x" }).propKey).toBe("");
    const c = buildClaim("the story of a strike on the Al Asad base was false", { cue: "said", direct: false, speakerKey: "org:us-dod" });
    expect([c.frame.eventType, c.polarity, c.frame.place]).toEqual(["STRIKE", "DENY", "al-asad"]);
  });

  it("'the airbase' is the base the previous sentences named, not the document's usual site", () => {
    // Two strikes at Taji make it the document's usual site; the airbase just mentioned is Al Asad.
    const text = "Raid report\n\nRockets hit Taji on Sunday. More rockets hit Taji later that night. A rocket hit Al Asad air base on Monday.\n\nA news agency reported that the airbase was attacked again.";
    const r = runPipeline({ text, publishedAt: "2031-05-06" });
    const last = r.statements.find((s) => s.text.includes("the airbase"));
    expect(last?.frame.place).toBe("al-asad");
  });

  it.each([
    ["CASUALTIES|-|-|-|2031-05", "CASUALTIES|-|@abc|-|2031-05"], // nothing to tie it to another article: this source only
    ["STRIKE|us|-|-|2031-05", "STRIKE|us|-|-|2031-05"],
    ["STRIKE|-|taji|-|2031-05", "STRIKE|-|taji|-|2031-05"],
    ["", ""],
  ])("anchoredKey(%j)", (key, expected) => expect(anchoredKey(key, "abc")).toBe(expected));

  // Notification propositions key on the party given notice, whoever speaks and in whichever voice.
  it.each<[string, string | undefined, string | undefined]>([
    ["Washington had informed Baghdad before the raid", undefined, "iraq"],
    ["Baghdad was not informed before the raid", undefined, "iraq"],
    ["Nobody informed the Iraqi government before the raid", undefined, "iraq"],
    ["the US did not notify Israel ahead of the operation", undefined, "israel"],
    ["we were not told about the strikes in advance", "iraq", "iraq"],
    ["there was not a pre-notification", "us", undefined], // says nothing: the document's dominant party is used
  ])("notified party in %j", (clause, speakerGroup, expected) => expect(notifiedPartyOf(clause, speakerGroup)).toBe(expected));

  it.each<[string, Array<[number, string, string]>]>([
    ["killing at least six people", [[6, "AT_LEAST", "killed"]]],
    ["killed six people and critically wounded three others", [[6, "EXACT", "killed"], [3, "EXACT", "injured"]]],
    ["more than 165 rocket and drone attacks", [[165, "MORE_THAN", "attacks"]]],
  ])("%s", (t, expected) => expect(quantitiesOf(t).map((q) => [q.value, q.bound, q.unit])).toEqual(expected));

  it("anchors weekdays and 'last month' to the publication date", () => {
    expect(buildClaim("strikes on Friday night hit a convoy", { cue: "said", direct: false, speakerKey: "", publishedAt: "2031-05-06" }).frame.time?.date).toBe("2031-05-02");
    expect(buildClaim("Last month, the army carried out strikes", { cue: "said", direct: false, speakerKey: "", publishedAt: "2031-05-06" }).period).toBe("2031-04");
  });
});

describe("detect: bounds", () => {
  const q = (value: number, bound: "EXACT" | "AT_LEAST" | "MORE_THAN" | "UP_TO") => ({ value, bound, unit: "killed", text: "" });
  it.each<[ReturnType<typeof q>, ReturnType<typeof q>, boolean]>([
    [q(6, "AT_LEAST"), q(6, "EXACT"), true],
    [q(6, "AT_LEAST"), q(4, "EXACT"), false],
    [q(165, "MORE_THAN"), q(100, "AT_LEAST"), true],
    [q(6, "EXACT"), q(4, "EXACT"), false],
    [q(10, "UP_TO"), q(8, "EXACT"), true],
  ])("%j vs %j compatible=%s", (a, b, ok) => expect(compatibleCounts(a, b)).toBe(ok));
});

describe("pipeline", () => {
  it("non-English or garbage text gives no statements and records the language", () => {
    expect(runPipeline({ text: "Der Minister sagte heute, dass die Brücke gesperrt bleibt und niemand sie überqueren darf." }).statements).toHaveLength(0);
    const g = runPipeline({ text: "%%%% ### 1234 ~~~~" });
    expect(g.statements).toHaveLength(0);
    expect(g.meta.language).toBe("und");
  });
});
