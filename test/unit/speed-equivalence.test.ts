// Faster forms of the stages' scans must find exactly what the plain forms found: each is checked here against the
// plain form it replaced, on hand-made edge cases and on random strings built from the pieces that matter.
import { describe, expect, it } from "@jest/globals";
import { literalMatcher } from "../../src/ingest/literals.js";
import { surnameMatches } from "../../src/ingest/stages/03-speakers.js";
import { DAY_AND_MONTH } from "../../src/ingest/stages/04-claims.js";
import * as chrono from "chrono-node";
import { judgeBlocks, judgePairs, keysOfStatement, revisionsIn, sharedBlock, sharedKeys, type ConflictStatement, type PairConflict } from "../../src/analysis/detect.js";

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

describe("detect: judgeBlocks flags exactly what judgePairs flags block by block", () => {
  // Statements from the bench's synthetic articles (templates the team wrote: fictional people and towns), run through
  // the pipeline, then refreshed the way the service does: each probe article's blocks with their newest members.
  const build = async () => {
    const { runPipeline, sourceKeyOf } = await import("../../src/ingest/pipeline.js");
    const { article } = await import("../../bench/scale/corpus.js");
    let id = 1;
    return (i: number): ConflictStatement[] => {
      const a = article(i);
      const r = runPipeline({ text: a.text, publishedAt: a.publishedAt });
      const speakers = new Map(r.speakers.map((s) => [s.key, s]));
      return r.statements.map((s) => ({
        id: id++, sourceId: i + 1, speakerId: 0, speakerKey: s.speakerKey, speakerName: speakers.get(s.speakerKey)?.name ?? s.speakerKey,
        speakerKind: speakers.get(s.speakerKey)?.kind ?? "PERSON", affiliationKey: speakers.get(s.speakerKey)?.affiliationKey,
        // Some reports without a date, so the undated rules are met too.
        publishedAt: i % 5 === 2 ? null : new Date(a.publishedAt), sourceKey: sourceKeyOf(a.text),
        text: s.text, claim: s.claim, polarity: s.polarity, modality: s.modality, frame: s.frame, propKey: s.propKey, start: s.start, end: s.end, confidence: s.confidence,
      }));
    };
  };
  const sig = (ps: PairConflict[]) => ps.map((p) => JSON.stringify([p.a.id, p.b.id, p.kind, p.rule, p.group, p.confidence, p.probability, p.features])).sort();

  it("on 300 articles and 12 probe refreshes (blocks capped at 40 members)", async () => {
    const statementsOf = await build();
    const corpus: ConflictStatement[] = [];
    for (let i = 0; i < 300; i++) corpus.push(...statementsOf(i));
    const index = new Map<string, ConflictStatement[]>();
    for (const s of corpus) for (const k of keysOfStatement(s)) index.set(k, [...(index.get(k) ?? []), s]);
    let flagged = 0;
    let betweenFocus = 0;
    let revisions = 0;
    for (let p = 0; p < 12; p++) {
      // Two articles refreshed at once (a batch): pairs between two focus statements are judged too.
      const probe = [...statementsOf(10_000 + 2 * p), ...statementsOf(10_001 + 2 * p)];
      const focus = new Set(probe.map((s) => s.id));
      const blocks = new Map<string, ConflictStatement[]>();
      for (const k of new Set(probe.flatMap(keysOfStatement))) blocks.set(k, [...(index.get(k) ?? []).slice(-40), ...probe.filter((s) => keysOfStatement(s).includes(k))]);
      const fast = judgeBlocks(blocks, focus);
      expect([...fast.keys()].sort()).toEqual([...blocks.keys()].sort());
      for (const [k, list] of blocks) {
        const plain = judgePairs(list, k, focus);
        flagged += plain.length;
        betweenFocus += plain.filter((x) => focus.has(x.a.id) && focus.has(x.b.id)).length;
        // Revision links touching the focus: the same as all of the block's links, filtered.
        const links = revisionsIn(list).filter((r) => focus.has(r.fromId) || focus.has(r.toId));
        revisions += links.length;
        expect(revisionsIn(list, focus)).toEqual(links);
        expect(sig(fast.get(k)!)).toEqual(sig(plain));
      }
    }
    // The corpus is made to hold conflicts: the comparison is not between two empty lists.
    expect(flagged).toBeGreaterThan(20);
    expect(betweenFocus).toBeGreaterThan(0);
    expect(revisions).toBeGreaterThan(0);
  });

  it("sharedBlock picks what sorting the shared keys by their rank picked", () => {
    const plainSharedBlock = (a: ConflictStatement, b: ConflictStatement) => {
      const keys = sharedKeys(a, b);
      const rank = (k: string) => {
        const [kind, pred, ent] = k.split("@")[0]!.split(":");
        const pa = kind === "p" ? (a.frame.predicates ?? []).indexOf(pred!) : -1;
        const pb = kind === "p" ? (b.frame.predicates ?? []).indexOf(pred!) : -1;
        const undated = k.endsWith("@?");
        return [kind === "p" ? 0 : 1, Math.min(pa < 0 ? 9 : pa, pb < 0 ? 9 : pb), !undated && !ent ? 0 : !undated ? 1 : ent ? 2 : 3] as const;
      };
      return keys.map((k) => ({ k, r: rank(k) })).sort((x, y) => x.r[0] - y.r[0] || x.r[1] - y.r[1] || x.r[2] - y.r[2] || (x.k < y.k ? -1 : 1))[0]?.k;
    };
    const random = rng(7);
    const pick = <T>(xs: T[]) => xs[Math.floor(random() * xs.length)]!;
    const preds = ["die", "deny", "lay-off", "sack", "notify"];
    const keyOf = () => `${pick(["p", "q", "l", "t"])}:${pick(preds)}${random() < 0.5 ? `:${pick(["acme", "the-club", "haddad"])}` : ""}@${pick(["?", "2031", "2031-05"])}`;
    const statement = (id: number): ConflictStatement => ({
      id, sourceId: id, speakerId: 0, speakerKey: "s", speakerName: "S", speakerKind: "PERSON", publishedAt: null, text: "", claim: "", polarity: "AFFIRM", modality: "ASSERTED",
      frame: { predicates: Array.from({ length: Math.floor(random() * 3) }, () => pick(preds)) } as unknown as ConflictStatement["frame"],
      propKey: Array.from({ length: 1 + Math.floor(random() * 8) }, keyOf).join(" "), start: 0, end: 1, confidence: 1,
    });
    for (let n = 0; n < 2000; n++) {
      const [a, b] = [statement(2 * n + 1), statement(2 * n + 2)];
      expect(sharedBlock(a, b)).toBe(plainSharedBlock(a, b));
    }
  });
});

describe("04-claims: reportDateOf's second pass skips only texts where chrono-node cannot read a day and a month without a year", () => {
  // Every kind of date phrase chrono-node reads (its parsers and refiners), in sentences written for this test.
  const phrases = [
    "The vote was held on April 20.", "It closed on 20 April.", "Talks resumed Sept. 3 in the capital.", "By Jan 5 it was over.",
    "The memo is dated 4/20.", "It was filed 12-03 at noon.", "The count ended 3.11 after midnight.", "It happened on the 5th of May.",
    "The plant shut at the end of March.", "Officials met on Monday.", "She spoke yesterday.", "The group said today it would appeal.",
    "They left last night.", "It rained tonight.", "The board met last week.", "Prices rose last month.", "The firm grew last year.",
    "The deal closes at the end of this month.", "It opens by the end of the month.", "It happened three days ago.", "It ends in two weeks.",
    "Results are due within 5 days.", "The ban lasts for the next 2 months.", "The blast came at 5pm.", "They met this morning.",
    "He returned on Friday, June 7.", "The poll runs from May 2 to May 9.", "It was 2 days after March 3.", "It reopened this week.",
    "It was on 2024-04-20.", "The report covers April 2024.", "In 2019 the club was sold.", "It was set for tomorrow.", "Now it is over.",
    "The first week of October was calm.", "Between 3/4 and 3/9 the roads closed.", "Overnight, the river rose.", "It lasted a fortnight.",
  ];
  const ref = new Date(Date.UTC(2031, 5, 15, 12));
  const dayMonthOnly = (t: string) => chrono.parse(t, ref, { forwardDate: true }).some((r) => !r.start.isCertain("year") && r.start.isCertain("month") && r.start.isCertain("day"));
  it.each(phrases.filter((t) => !DAY_AND_MONTH.test(t)))("stopped: %j gives no day and month without a year", (t) => {
    expect(dayMonthOnly(t)).toBe(false);
  });
  it("lets the month names and slash dates through", () => {
    for (const t of ["on April 20", "20 Sept.", "filed 4/20", "on 12/3", "end of March"]) expect([t, DAY_AND_MONTH.test(t), dayMonthOnly(t)]).toEqual([t, true, true]);
  });
});
