// Faster forms of the stages' scans must find exactly what the plain forms found: each is checked here against the
// plain form it replaced, on hand-made edge cases and on random strings built from the pieces that matter.
import { describe, expect, it } from "@jest/globals";
import { literalMatcher } from "../../src/ingest/literals.js";
import { surnameMatches } from "../../src/ingest/stages/03-speakers.js";

/** The plain form: one alternation of every surname, tried at every offset. */
function surnameMatchesByRegex(text: string, surnames: string[]) {
  const alt = surnames.map((k) => k.replace(/[.*+?^${}()|[\]\\]/g, "\\$&")).join("|");
  return [...text.matchAll(new RegExp(`(?<![\\p{L}-])(?:Mr|Mrs|Ms|Dr)?\\.?\\s?(${alt})(?![\\p{L}-])`, "giu"))].map((m) => ({ 0: m[0], 1: m[1]!, index: m.index! }));
}

/** A small seeded generator, so a failure can be replayed. */
function rng(seed: number) {
  let s = seed >>> 0;
  return () => ((s = (s * 1664525 + 1013904223) >>> 0) / 2 ** 32);
}

describe("03-speakers: surnameMatches finds what the surname alternation found", () => {
  const surnames = ["holden", "smith", "mrsmith", "ake", "drake", "smith-jones", "rao"];
  it.each([
    "Alex Holden said. Holden added, and Mr Holden and Mr. Holden and Dr.Holden and MrHolden agreed.",
    "Mrsmith and MRSMITH, said, Mrsmith; Drake and drake; Dr. Mrsmith; Mr  Holden; Mr.  Holden.",
    "Smith-Jones and Smith-jones-x and -Smith and Smith- and Holden’s and Holden's and HOLDEN.",
    "ſmith, Mſ Holden, \u212Aake, Dr\nHolden, Dr.\u00a0Holden, Raoul Rao Rao-",
    "",
    "Holden",
    ". Holden",
    "x.Holden y. Holden z,. Holden",
  ])("%j", (text) => {
    expect(surnameMatches(text, new Set(surnames))).toEqual(surnameMatchesByRegex(text, surnames));
  });

  it("on random strings of names, titles, dots, spaces and letters", () => {
    const pieces = ["Mr", "Mrs", "Ms", "Dr", "mr", "MR", "dr", ".", " ", "  ", ",", "-", "\n", "ſ", "\u212A", "é", "’s", "Holden", "holden", "Smith", "smith", "Jones", "ake", "Ake", "x", "Rao", "a"];
    const next = rng(20261203);
    for (let n = 0; n < 3000; n++) {
      const text = Array.from({ length: 1 + Math.floor(next() * 12) }, () => pieces[Math.floor(next() * pieces.length)]).join("");
      expect([text, surnameMatches(text, new Set(surnames))]).toEqual([text, surnameMatchesByRegex(text, surnames)]);
    }
  });
});

describe("literalMatcher finds what the alternation of its phrases found", () => {
  const phrases = ["united states", "united", "us", "u.s.", "the us", "iraq", "iraq's army", "pmf", "un", "a"];
  const esc = (a: string) => a.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
  const cases: Array<{ re: RegExp; m: (t: string) => Array<{ 0: string; index: number }> }> = [
    { re: new RegExp(`(?<=[\\s(])(?:${phrases.map(esc).join("|")})(?:'s)?(?=[\\s,.)])`, "g"), m: literalMatcher(phrases, { before: /[\s(]/, after: /[\s,.)]/, suffix: "'s" }) },
    { re: new RegExp(`(?<= )(?:${phrases.map(esc).join("|")})(?= )`, "g"), m: literalMatcher(phrases, { before: / /, after: / / }) },
  ];
  const viaRegex = (re: RegExp, t: string) => [...t.matchAll(re)].map((m) => ({ 0: m[0], index: m.index! }));
  it.each([" the united states's army and (us) and u.s. forces, iraq's army's men ", " us us  us. iraq's's ", " a a's a,a ", "", " "])("%j", (t) => {
    for (const c of cases) expect(c.m(t)).toEqual(viaRegex(c.re, t));
  });
  it("on random strings of the phrases and separators", () => {
    const pieces = [...phrases, " ", "  ", "(", ")", ",", ".", "'s", "'", "\n", "\u00a0", "x", "s"];
    const next = rng(7);
    for (let n = 0; n < 3000; n++) {
      const t = Array.from({ length: 1 + Math.floor(next() * 10) }, () => pieces[Math.floor(next() * pieces.length)]).join("");
      for (const c of cases) expect([t, c.m(t)]).toEqual([t, viaRegex(c.re, t)]);
    }
  });
  it("refuses an empty phrase", () => {
    expect(() => literalMatcher(["a", ""], { before: / /, after: / / })).toThrow(/empty phrase/);
  });
});
