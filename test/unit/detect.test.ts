import { describe, expect, it } from "@jest/globals";
import { characterizationConflicts, detectBlock, revisionsIn, type ConflictStatement } from "../../src/analysis/detect.js";
import type { ClaimFrame } from "../../src/ingest/types.js";

// The detector on hand-made statements: what it must flag, and the look-alikes it must leave alone.
let next = 1;
function st(over: Omit<Partial<ConflictStatement>, "frame"> & { frame?: Partial<ClaimFrame> }): ConflictStatement {
  const id = next++;
  const { frame, ...rest } = over;
  return {
    id, sourceId: id, speakerId: id, speakerKey: `person:s${id}`, speakerName: `Speaker ${id}`, speakerKind: "PERSON",
    publishedAt: new Date("2031-05-03"), text: "text", claim: "claim", polarity: "AFFIRM", modality: "ASSERTED",
    propKey: "STRIKE|-|taji|-|2031-05", start: 0, end: 4, confidence: 0.8,
    frame: { eventType: "STRIKE", place: "taji", quantities: [], ...frame },
    ...rest,
  };
}
const killed = (value: number, bound: "EXACT" | "AT_LEAST" = "EXACT") => ({ value, bound, unit: "killed", text: `${bound === "AT_LEAST" ? "at least " : ""}${value} people` }) as const;

describe("detectBlock", () => {
  it("affirm vs deny from two parties: one POLARITY contradiction with two sides", () => {
    const c = detectBlock([st({}), st({ polarity: "DENY" }), st({ polarity: "DENY" })]);
    expect(c.map((x) => [x.kind, x.sides.map((s) => s.statementIds.length)])).toEqual([["POLARITY", [1, 2]]]);
  });
  it("'at least six' and 'six' agree; 'six' and 'two' do not", () => {
    expect(detectBlock([st({ frame: { quantities: [killed(6, "AT_LEAST")] } }), st({ frame: { quantities: [killed(6)] } })])).toEqual([]);
    const c = detectBlock([st({ frame: { quantities: [killed(6)] } }), st({ publishedAt: new Date("2031-05-02"), frame: { quantities: [killed(2)] }, text: "two" })]);
    // the later report has the higher count: a rising toll, not a conflict
    expect(c).toEqual([]);
    const d = detectBlock([st({ frame: { quantities: [killed(2)] } }), st({ publishedAt: new Date("2031-05-02"), frame: { quantities: [killed(6)] } })]);
    expect(d.map((x) => x.kind)).toEqual(["NUMERIC"]);
  });
  it("one event dated days apart by two sources is TEMPORAL; a day apart is not", () => {
    const when = (date: string) => st({ frame: { time: { text: date, date } } });
    expect(detectBlock([when("2031-05-01"), when("2031-05-06")]).map((x) => x.kind)).toEqual(["TEMPORAL"]);
    expect(detectBlock([when("2031-05-01"), when("2031-05-02")])).toEqual([]);
  });
});

describe("revisionsIn", () => {
  it("links a toll that rose, from the earlier count to the later one, across strike and casualty statements", () => {
    const a = st({ publishedAt: new Date("2031-05-03"), frame: { quantities: [killed(2)] } });
    const b = st({ publishedAt: new Date("2031-05-04"), propKey: "CASUALTIES|-|taji|-|2031-05", frame: { eventType: "CASUALTIES", quantities: [killed(4)] } });
    expect(revisionsIn([a, b]).map((r) => [r.fromId, r.toId])).toEqual([[a.id, b.id]]);
  });
  it("other places are other events: no link", () => {
    const a = st({ frame: { quantities: [killed(2)] } });
    const b = st({ publishedAt: new Date("2031-05-04"), propKey: "STRIKE|-|erbil|-|2031-05", frame: { place: "erbil", quantities: [killed(4)] } });
    expect(revisionsIn([a, b])).toEqual([]);
  });
});

describe("characterizationConflicts", () => {
  const party = (key: string) => ({ speakerKey: key, affiliationKey: undefined });
  it("civilian homes against a militia depot, from two parties, whatever the qualifier in the key", () => {
    const a = st({ ...party("gov:iraq"), text: "the strike destroyed homes and killed civilians", propKey: "STRIKE|us|taji|-|2031-05" });
    const b = st({ ...party("gov:us"), text: "the strike hit a militia weapons depot", propKey: "STRIKE|us|taji|depot|2031-05" });
    const c = characterizationConflicts([a, b]);
    expect(c.map((x) => [x.kind, x.sides.map((side) => side.statementIds)])).toEqual([["CHARACTERIZATION", [[a.id], [b.id]]]]);
  });
  it("medics and a militia convoy can both be true: no conflict", () => {
    const a = st({ ...party("org:pmf"), text: "a strike hit a convoy of medics" });
    const b = st({ ...party("outlet:wire"), text: "the strike hit a militia convoy" });
    expect(characterizationConflicts([a, b])).toEqual([]);
  });
  it("one party describing both is not a conflict between parties", () => {
    const a = st({ ...party("gov:iraq"), text: "civilians were killed" });
    const b = st({ ...party("gov:iraq"), text: "fighters were killed" });
    expect(characterizationConflicts([a, b])).toEqual([]);
  });
});
