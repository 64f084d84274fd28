import { describe, expect, it } from "@jest/globals";
import { decide } from "../../src/analysis/check-claim.js";
import { DEV_SHARE, fncScore, isDevBody, isDevHeadline, normaliseHeadline, parseCsv, splitFnc1, splitOverlap } from "../../src/analysis/stance/fnc1.js";
import { DENSE, FEATURE_NAMES, features, prepareText, sentenceSpans } from "../../src/analysis/stance/features.js";
import { loadStanceModel, parseModel, predict, serialiseModel } from "../../src/analysis/stance/model.js";

// Own-words texts: a claim, a body that repeats it, one that debunks it, one that only reports it, and one about
// something else. The committed model must tell them apart.
const CLAIM = "Giant squid found alive in the harbour of a coastal town";
const BODIES = {
  agree: "A giant squid was found alive in the harbour of the coastal town on Tuesday. Fishermen spotted the squid near the pier and marine biologists confirmed the animal was a giant squid. The squid was later guided back to open water.",
  disagree: "Photos of a giant squid in a town harbour spread online this week, but the story is a hoax. The images were doctored, marine biologists said, and no squid was found in the harbour. The claim is false and the town council denied it.",
  discuss: "Social media users claim a giant squid was reportedly seen in the harbour of a coastal town. The reports could not be verified and officials said they were looking into the claims. It is unclear whether the animal was a squid.",
  unrelated: "The city council approved a new budget for road repairs on Monday. Council members said the money would go to fixing potholes and repainting crossings before winter.",
};

describe("stance model (committed weights)", () => {
  const model = loadStanceModel();
  it.each(Object.entries(BODIES))("reads a body that would be labelled %s", (label, body) => {
    expect(predict(model, CLAIM, body).label).toBe(label);
  });
  it("reads stance relative to the claim: a debunking text agrees with a claim that the story is a hoax", () => {
    expect(predict(model, "Giant squid in coastal town harbour is a hoax", BODIES.disagree).label).toBe("agree");
  });
  it("learns no words of the claim's topic: renaming them in claim and text leaves the word features as they were", () => {
    const rename = (t: string) => t.replace(/squid/gi, "zorblat").replace(/harbour/gi, "quexit");
    const hashed = (f: ReturnType<typeof features>) => [...f.idx].map((i, k) => [i, f.val[k]]).filter(([i]) => i! >= DENSE);
    const a = features(CLAIM, prepareText(BODIES.disagree, model.idf), model.idf);
    const b = features(rename(CLAIM), prepareText(rename(BODIES.disagree), model.idf), model.idf);
    expect(hashed(a).length).toBeGreaterThan(0);
    expect(hashed(b)).toEqual(hashed(a));
  });
  it("names every dense feature", () => {
    features(CLAIM, prepareText(BODIES.agree, model.idf), model.idf);
    expect(FEATURE_NAMES.length).toBeGreaterThan(50);
    expect(FEATURE_NAMES.length).toBeLessThanOrEqual(DENSE);
    expect(new Set(FEATURE_NAMES).size).toBe(FEATURE_NAMES.length);
  });
  it("relatedness is high for a body on the claim and low for another topic", () => {
    expect(predict(model, CLAIM, BODIES.agree).pRelated).toBeGreaterThan(0.8);
    expect(predict(model, CLAIM, BODIES.unrelated).pRelated).toBeLessThan(0.2);
  });
  it("survives a serialise / parse round trip (int8 weights) with the same predictions", () => {
    const again = parseModel(serialiseModel(model));
    for (const body of Object.values(BODIES)) expect(predict(again, CLAIM, body).label).toBe(predict(model, CLAIM, body).label);
  });
  it("rejects weights that do not fit the feature layout", () => {
    const broken = JSON.parse(serialiseModel(model)) as { related: number[] };
    broken.related.pop();
    expect(() => parseModel(JSON.stringify(broken))).toThrow(/retrain/);
  });
  it("top sentences are spans into the text", () => {
    const p = prepareText(BODIES.disagree, model.idf);
    const f = features(CLAIM, p, model.idf);
    expect(f.topSentences.length).toBeGreaterThan(0);
    for (const i of f.topSentences) expect(BODIES.disagree.slice(...p.spans[i]!)).toBe(p.sentences[i]);
  });
});

describe("sentence spans", () => {
  it.each([
    ["One. Two! Three?", ["One.", "Two!", "Three?"]],
    ["He said “It is over.” Then he left.", ["He said “It is over.”", "Then he left."]],
    ["Line one\n\nLine two", ["Line one", "Line two"]],
    ["Prices rose 3.5 percent. Few noticed.", ["Prices rose 3.5 percent.", "Few noticed."]],
  ])("%j", (text, expected) => {
    expect(sentenceSpans(text).map(([a, b]) => text.slice(a, b))).toEqual(expected);
  });
});

describe("FNC-1 helpers", () => {
  it("parses quoted CSV fields with commas, doubled quotes and newlines", () => {
    expect(parseCsv('a,b\n1,"x, ""y""\nz"\r\n2,w\n')).toEqual([["a", "b"], ["1", 'x, "y"\nz'], ["2", "w"]]);
  });
  it("scores like the official metric", () => {
    // related right + stance right = 1; related right, stance wrong = 0.25; unrelated right = 0.25; miss = 0.
    const r = fncScore(["agree", "disagree", "unrelated", "discuss"], ["agree", "discuss", "unrelated", "unrelated"]);
    expect(r.score).toBeCloseTo((1 + 0.25 + 0.25 + 0) / (1 + 1 + 0.25 + 1));
    expect(r.f1.agree).toBe(1);
    expect(r.f1.disagree).toBe(0);
  });
  it("holds out a fixed share of bodies and of headlines, the same way every time", () => {
    const bodies = Array.from({ length: 5000 }, (_, i) => i).filter((id) => isDevBody(id)).length;
    expect(bodies / 5000).toBeGreaterThan(DEV_SHARE - 0.03);
    expect(bodies / 5000).toBeLessThan(DEV_SHARE + 0.03);
    const headlines = Array.from({ length: 5000 }, (_, i) => `Headline number ${i} about something`).filter((h) => isDevHeadline(h)).length;
    expect(headlines / 5000).toBeGreaterThan(DEV_SHARE - 0.03);
    expect(headlines / 5000).toBeLessThan(DEV_SHARE + 0.03);
    expect(isDevBody(712)).toBe(isDevBody(712));
    // Case, curly quotes and spacing do not make another headline; an inner split (other salt) is independent.
    expect(normaliseHeadline("  Man’s  Claim  ")).toBe(normaliseHeadline("man's claim"));
    expect(isDevHeadline("Man’s  Claim")).toBe(isDevHeadline("man's claim"));
    expect(Array.from({ length: 2000 }, (_, i) => i).filter((id) => isDevBody(id) !== isDevBody(id, 1)).length).toBeGreaterThan(500);
  });
  it("keeps a pair in dev only when both its headline and its body are held out, so the sides share neither", () => {
    // Every headline paired with every body, as FNC-1 pairs each headline with many bodies.
    const headlines = Array.from({ length: 60 }, (_, i) => `Claim ${i}: something happened`);
    const pairs = headlines.flatMap((headline, h) => Array.from({ length: 60 }, (_, b) => ({ headline: h % 2 ? headline.toUpperCase() : headline, bodyId: b })));
    const split = splitFnc1(pairs);
    expect(split.train.length + split.dev.length + split.dropped).toBe(pairs.length);
    expect(split.dev.length).toBeGreaterThan(0);
    expect(split.dev.every((p) => isDevHeadline(p.headline) && isDevBody(p.bodyId))).toBe(true);
    expect(split.train.every((p) => !isDevHeadline(p.headline) && !isDevBody(p.bodyId))).toBe(true);
    expect(splitOverlap(split.train, split.dev)).toEqual({ headlines: 0, bodies: 0 });
    // The inner split applies the same rule inside training only.
    const inner = splitFnc1(split.train, 1, 0.3);
    expect(splitOverlap(inner.train, inner.dev)).toEqual({ headlines: 0, bodies: 0 });
    expect(inner.dev.every((p) => split.train.includes(p))).toBe(true);
    // And a split that mixed them is caught.
    expect(splitOverlap(split.train, [...split.dev, split.train[0]!])).toEqual({ headlines: 1, bodies: 1 });
  });
});

describe("decide", () => {
  const model = loadStanceModel();
  const src = (id: number, text: string) => {
    const p = prepareText(text, model.idf);
    return { id, title: null, text, prediction: predict(model, CLAIM, p), sentences: p.spans };
  };
  it("statements on the claim's proposition outvote the model, and say so", () => {
    const s = src(1, BODIES.agree);
    const r = decide({ text: "The ministry said the convoy was struck", polarity: "AFFIRM", propKey: "STRIKE|x|convoy||" }, [s], [
      { id: 7, sourceId: 2, start: 0, end: 10, text: "the convoy was not struck, the ministry said", polarity: "DENY", propKey: "STRIKE|x|convoy||2031-05", modality: "ASSERTED" },
    ]);
    expect(r.verdict).toBe("CONTRADICTED");
    expect(r.evidence[0]).toMatchObject({ statementId: 7, stance: "CONTRADICTED", rule: "proposition" });
  });
  it("without proposition evidence, sources vote with the model and passages point into them", () => {
    const r = decide({ text: CLAIM, polarity: "AFFIRM", propKey: "" }, [src(1, BODIES.disagree), src(2, BODIES.unrelated)], []);
    expect(r.verdict).toBe("CONTRADICTED");
    expect(r.passages.every((p) => p.sourceId === 1 && BODIES.disagree.slice(p.start, p.end) === p.text)).toBe(true);
    expect(r.sources.find((v) => v.sourceId === 2)!.verdict).toBe("UNRELATED");
    expect(r.explanation).toMatch(/1 contradict/);
  });
  it("nothing related → UNRELATED with no evidence", () => {
    const r = decide({ text: CLAIM, polarity: "AFFIRM", propKey: "" }, [src(1, BODIES.unrelated)], []);
    expect(r).toMatchObject({ verdict: "UNRELATED", evidence: [], passages: [] });
  });
});
