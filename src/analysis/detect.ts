import { ORG_BY_KEY } from "../ingest/lexicon/organizations.js";
import type { ClaimFrame, Modality, Polarity, Quantity } from "../ingest/types.js";

export const DETECTOR_VERSION = "rules-2026.11.2";

export type ConflictStatement = {
  id: number;
  sourceId: number;
  speakerId: number;
  speakerKey: string;
  speakerName: string;
  speakerKind: string;
  affiliationKey?: string;
  publishedAt: Date | null;
  sourceTitle?: string;
  text: string;
  claim: string;
  polarity: Polarity;
  modality: Modality;
  frame: ClaimFrame;
  propKey: string;
  start: number;
  end: number;
  confidence: number;
};

export type ConflictKind = "POLARITY" | "AGENT" | "NUMERIC" | "TEMPORAL" | "SELF_REVERSAL" | "CHARACTERIZATION";

export type Conflict = {
  key: string;
  blockKey: string;
  kind: ConflictKind;
  confidence: number;
  explanation: string;
  rule: string;
  sides: Array<{ label: string; statementIds: number[] }>;
};

const MODALITY_WEIGHT: Record<Modality, number> = { ASSERTED: 1, REPORTED: 0.92, ALLEGED: 0.85, HEDGED: 0.7, UNCERTAIN: 0 };

/** The key without its period: statements that could be about one event if their periods agree. */
export const blockPrefix = (propKey: string) => propKey.split("|").slice(0, -1).join("|");
export const blockPeriod = (propKey: string) => propKey.split("|").at(-1) ?? "?";

/**
 * Splits candidates sharing a prefix into event clusters by period: each dated period with the undated statements
 * (they could be about it), or the undated ones alone when nothing is dated.
 */
export function clusters(statements: ConflictStatement[]): Array<{ blockKey: string; statements: ConflictStatement[] }> {
  const byPrefix = new Map<string, ConflictStatement[]>();
  for (const s of statements) {
    const p = blockPrefix(s.propKey);
    if (!byPrefix.has(p)) byPrefix.set(p, []);
    byPrefix.get(p)!.push(s);
  }
  const out: Array<{ blockKey: string; statements: ConflictStatement[] }> = [];
  for (const [prefix, group] of byPrefix) {
    const undated = group.filter((s) => blockPeriod(s.propKey) === "?");
    const periods = [...new Set(group.map((s) => blockPeriod(s.propKey)).filter((p) => p !== "?"))].sort();
    if (periods.length === 0) out.push({ blockKey: `${prefix}|?`, statements: undated });
    for (const p of periods) out.push({ blockKey: `${prefix}|${p}`, statements: [...group.filter((s) => blockPeriod(s.propKey) === p), ...undated] });
  }
  return out;
}

/** The government (or top organisation) a speaker answers to, following the affiliation chain. */
export function partyOf(s: Pick<ConflictStatement, "speakerKey" | "affiliationKey">): string {
  let k: string | undefined = s.affiliationKey ?? s.speakerKey;
  let top = s.speakerKey;
  for (let i = 0; k && i < 6; i++) {
    top = k;
    k = ORG_BY_KEY.get(k)?.affiliation;
  }
  return top;
}

function names(list: ConflictStatement[]): string {
  const uniq = [...new Set(list.map((s) => s.speakerName))];
  if (uniq.length <= 1) return uniq[0] ?? "someone";
  return `${uniq.slice(0, -1).join(", ")} and ${uniq.at(-1)}`;
}

const PARTY_LABEL: Record<string, string> = { us: "the US", iraq: "Iraq", iran: "Iran", israel: "Israel", pmf: "the PMF", militia: "the militias", syria: "Syria", jordan: "Jordan" };
const partyLabel = (agent: string) => PARTY_LABEL[agent] ?? agent.replace(/(^|[-\s])\w/g, (c) => c.toUpperCase());
const placeLabel = (place: string) => (place.endsWith("-area") ? `the ${partyLabel(place.slice(0, -5))} area` : partyLabel(place).replace(/-(?=[A-Z])/g, " "));

/** The proposition in plain words, for explanations: "whether Iraq was given notice beforehand". */
export function describe(frame: ClaimFrame): string {
  const where = frame.place ? ` at ${placeLabel(frame.place)}` : "";
  switch (frame.eventType) {
    case "NOTIFICATION":
      return frame.agent ? `whether ${partyLabel(frame.agent)} was given notice before the strikes` : "whether notice was given before the strikes";
    case "RESPONSIBILITY":
      return frame.agent ? `whether ${partyLabel(frame.agent)} carried out the strike${where}` : `who carried out the strike${where}`;
    case "STRIKE":
      return `whether a strike happened${where}${frame.target ? ` (${frame.target})` : ""}`;
    default:
      return `the ${frame.eventType.toLowerCase()}${where}`;
  }
}

function sideConfidence(side: ConflictStatement[]): number {
  return Math.max(...side.map((s) => s.confidence * MODALITY_WEIGHT[s.modality]));
}

function confidenceOf(a: ConflictStatement[], b: ConflictStatement[], undatedInvolved: boolean): number {
  const base = Math.min(sideConfidence(a), sideConfidence(b));
  const support = Math.min(0.08, 0.02 * (a.length + b.length - 2));
  const c = (base + support) * (undatedInvolved ? 0.9 : 1);
  return Math.round(Math.min(0.99, Math.max(0.05, c)) * 100) / 100;
}

function quote(s: ConflictStatement, max = 90): string {
  const t = s.text.replace(/\s+/g, " ");
  return `“${t.length > max ? `${t.slice(0, max - 1)}…` : t}”`;
}

/** Polarity, agent and self-reversal conflicts within one cluster. */
function polarityConflicts(blockKey: string, list: ConflictStatement[]): Conflict[] {
  const usable = list.filter((s) => s.modality !== "UNCERTAIN");
  const affirm = usable.filter((s) => s.polarity === "AFFIRM");
  const deny = usable.filter((s) => s.polarity === "DENY");
  if (!affirm.length || !deny.length) return [];
  const frame = affirm[0]!.frame;
  const topic = describe(frame);
  const undated = usable.some((s) => blockPeriod(s.propKey) === "?");
  const out: Conflict[] = [];

  const reversals: Conflict[] = [];
  const parties = new Set(usable.map(partyOf));
  for (const party of parties) {
    const pa = affirm.filter((s) => partyOf(s) === party);
    const pd = deny.filter((s) => partyOf(s) === party);
    if (!pa.length || !pd.length) continue;
    const partyName = ORG_BY_KEY.get(party)?.name ?? pa[0]!.speakerName;
    reversals.push({
      key: `SELF_REVERSAL|${blockKey}|${party}`,
      blockKey,
      kind: "SELF_REVERSAL",
      confidence: confidenceOf(pa, pd, undated),
      rule: "self-reversal:same-party-opposite-polarity",
      explanation: `${partyName} contradicts itself on ${topic}: ${names(pa)} said ${quote(pa[0]!)}, while ${names(pd)} said the opposite, ${quote(pd[0]!)}.`,
      sides: [
        { label: `${partyName} affirms: ${pa[0]!.claim}`, statementIds: pa.map((s) => s.id) },
        { label: `${partyName} denies it`, statementIds: pd.map((s) => s.id) },
      ],
    });
  }
  const crossParty = affirm.some((a) => deny.some((d) => partyOf(a) !== partyOf(d)));
  if (crossParty) {
    const kind: ConflictKind = frame.eventType === "RESPONSIBILITY" ? "AGENT" : "POLARITY";
    out.push({
      key: `${kind}|${blockKey}`,
      blockKey,
      kind,
      confidence: confidenceOf(affirm, deny, undated),
      rule: kind === "AGENT" ? "agent:responsibility-affirmed-and-denied" : "polarity:affirm-vs-deny",
      explanation: `On ${topic}, ${names(affirm)} said ${quote(affirm[0]!)}; ${names(deny)} said it was not so: ${quote(deny[0]!)}.`,
      sides: [
        { label: `Affirms: ${affirm[0]!.claim}`, statementIds: affirm.map((s) => s.id) },
        { label: "Denies it", statementIds: deny.map((s) => s.id) },
      ],
    });
  }
  return [...out, ...reversals];
}

/** Is an exact count b compatible with a bounded count a? ("at least six" and "six" are.) */
export function compatibleCounts(a: Quantity, b: Quantity): boolean {
  const check = (bound: Quantity, exact: Quantity): boolean => {
    switch (bound.bound) {
      case "AT_LEAST":
        return exact.bound === "UP_TO" ? exact.value >= bound.value : exact.value >= bound.value || exact.bound !== "EXACT";
      case "MORE_THAN":
        return exact.value > bound.value || exact.bound !== "EXACT";
      case "UP_TO":
      case "AT_MOST":
        return exact.value <= bound.value || exact.bound !== "EXACT";
      case "ABOUT":
        return Math.abs(exact.value - bound.value) <= Math.max(2, bound.value * 0.2);
      default:
        return exact.bound === "EXACT" ? exact.value === bound.value : check(exact, bound);
    }
  };
  return check(a, b);
}

const RISE = /\b(rose|risen|climbed|increased|went up|later|updated|revised)\b/i;

/** A later count above the earlier one, or one the text says went up: a revision (linked), never a conflict. */
const tollRose = (earlier: Quantity, later: Quantity, laterStatement: ConflictStatement) => later.value > earlier.value || RISE.test(laterStatement.text);

/** Different sources giving incompatible exact counts for one event. Within one source a change is a revision. */
function numericConflicts(blockKey: string, list: ConflictStatement[]): Conflict[] {
  const withCounts = list.filter((s) => s.polarity === "AFFIRM" && s.modality !== "UNCERTAIN" && s.frame.quantities?.some((q) => q.unit === "killed"));
  for (let i = 0; i < withCounts.length; i++) {
    for (let j = i + 1; j < withCounts.length; j++) {
      const a = withCounts[i]!;
      const b = withCounts[j]!;
      if (a.sourceId === b.sourceId) continue;
      const qa = a.frame.quantities.find((q) => q.unit === "killed")!;
      const qb = b.frame.quantities.find((q) => q.unit === "killed")!;
      if (compatibleCounts(qa, qb)) continue;
      // A later source with a higher count is a rising toll, not a contradiction.
      const later = (a.publishedAt?.getTime() ?? 0) <= (b.publishedAt?.getTime() ?? 0) ? b : a;
      const lq = later === a ? qa : qb;
      const eq = later === a ? qb : qa;
      if (tollRose(eq, lq, later)) continue;
      return [
        {
          key: `NUMERIC|${blockKey}`,
          blockKey,
          kind: "NUMERIC",
          confidence: Math.round(confidenceOf([a], [b], false) * 0.8 * 100) / 100,
          rule: "numeric:incompatible-counts",
          explanation: `${a.speakerName} gave ${qa.text} but ${b.speakerName} gave ${qb.text} for the same event; the counts cannot both hold.`,
          sides: [
            { label: qa.text, statementIds: [a.id] },
            { label: qb.text, statementIds: [b.id] },
          ],
        },
      ];
    }
  }
  return [];
}

/**
 * Two sources dating one event (same type, agent, place and month) days apart. A day's difference is left alone: time
 * zones and "overnight" put one event on two dates. Confidence stays moderate: a place can be struck twice in a month.
 */
function temporalConflicts(blockKey: string, list: ConflictStatement[]): Conflict[] {
  const dated = list.filter((s) => s.polarity === "AFFIRM" && s.modality !== "UNCERTAIN" && s.frame.time?.date && !s.frame.time.approximate && s.frame.eventType !== "NOTIFICATION");
  for (let i = 0; i < dated.length; i++) {
    for (let j = i + 1; j < dated.length; j++) {
      const a = dated[i]!;
      const b = dated[j]!;
      if (a.sourceId === b.sourceId) continue;
      const days = Math.abs(Date.parse(a.frame.time!.date!) - Date.parse(b.frame.time!.date!)) / 86_400_000;
      if (!(days >= 2)) continue;
      const [early, late] = a.frame.time!.date! < b.frame.time!.date! ? [a, b] : [b, a];
      return [
        {
          key: `TEMPORAL|${blockKey}`,
          blockKey,
          kind: "TEMPORAL",
          confidence: Math.round(confidenceOf([a], [b], false) * 0.6 * 100) / 100,
          rule: "temporal:dates-days-apart",
          explanation: `${early.speakerName} dates ${describe(early.frame)} to ${early.frame.time!.date} (“${early.frame.time!.text}”), ${late.speakerName} to ${late.frame.time!.date} (“${late.frame.time!.text}”): ${days} days apart. Either they disagree on when it happened, or these are two events.`,
          sides: [
            { label: `On ${early.frame.time!.date}`, statementIds: [early.id] },
            { label: `On ${late.frame.time!.date}`, statementIds: [late.id] },
          ],
        },
      ];
    }
  }
  return [];
}

// Explicitly civilian only: medics can serve with an armed group, so "a convoy of medics" and "a militia convoy" can
// both be true (the seeds' gold agrees).
const CIVILIAN = /\b(civilians?|civilian (?:sites?|areas?|targets?)|homes?|houses|residential|schools?|hospitals?|families|children|aid workers?)\b/i;
const MILITARY = /\b(militias?|fighters|militants|commanders?|combatants|weapons|depots?|headquarters|operatives|military (?:sites?|targets?|positions|facilities))\b/i;
const targetClass = (s: ConflictStatement) => {
  const t = s.text;
  const civ = CIVILIAN.test(t);
  const mil = MILITARY.test(t);
  return civ === mil ? undefined : civ ? "civilian" : "military";
};

/**
 * Pure: one event (same type, agent, place and period, whatever the target qualifier) whose target one party calls
 * civilian (medics, homes, a hospital) and another calls military (fighters, a depot, a headquarters).
 */
export function characterizationConflicts(statements: ConflictStatement[]): Conflict[] {
  const out: Conflict[] = [];
  const anyQualifier = statements.map((s) => {
    const parts = s.propKey.split("|");
    if (parts.length === 5) parts[3] = "*";
    return { ...s, propKey: parts.join("|") };
  });
  for (const c of clusters(anyQualifier)) {
    const classed = c.statements.filter((s) => s.polarity === "AFFIRM" && s.modality !== "UNCERTAIN" && s.frame.eventType !== "NOTIFICATION");
    const civ = classed.filter((s) => targetClass(s) === "civilian");
    const mil = classed.filter((s) => targetClass(s) === "military");
    if (!civ.length || !mil.length || !civ.some((a) => mil.some((b) => partyOf(a) !== partyOf(b)))) continue;
    const topic = describe(civ[0]!.frame);
    out.push({
      key: `CHARACTERIZATION|${c.blockKey}`,
      blockKey: c.blockKey,
      kind: "CHARACTERIZATION",
      confidence: Math.round(confidenceOf(civ, mil, false) * 0.7 * 100) / 100,
      rule: "characterization:civilian-vs-military-target",
      explanation: `On ${topic}, ${names(civ)} described the target as civilian (${quote(civ[0]!)}); ${names(mil)} described it as military (${quote(mil[0]!)}).`,
      sides: [
        { label: "Civilian target", statementIds: civ.map((s) => s.id) },
        { label: "Military target", statementIds: mil.map((s) => s.id) },
      ],
    });
  }
  return out;
}

export type Revision = { fromId: number; toId: number; explanation: string };

/**
 * Pure: counts for one event that changed rather than conflicted — a toll that rose from two to four — linked from the
 * earlier statement to the later one. Earlier means an earlier publication, or earlier in the same text.
 */
export function revisionsIn(statements: ConflictStatement[]): Revision[] {
  const out: Revision[] = [];
  // Counts of the dead are compared across "the strike killed …" and "the toll rose to …": one event, two types.
  const asCount = statements.map((s) => ({ ...s, propKey: s.propKey.replace(/^(STRIKE|CASUALTIES|RESPONSIBILITY)\|/, "COUNT|") }));
  for (const c of clusters(asCount)) {
    const counted = c.statements.filter((s) => s.polarity === "AFFIRM" && s.modality !== "UNCERTAIN" && s.frame.quantities?.some((q) => q.unit === "killed"));
    const when = (s: ConflictStatement) => [s.publishedAt?.getTime() ?? 0, s.sourceId, s.start] as const;
    const ordered = [...counted].sort((a, b) => when(a)[0] - when(b)[0] || (a.sourceId === b.sourceId ? a.start - b.start : 0));
    // Each count links to the latest earlier count it revises (a chain, not every pair).
    for (let j = 1; j < ordered.length; j++) {
      for (let i = j - 1; i >= 0; i--) {
        const a = ordered[i]!;
        const b = ordered[j]!;
        const qa = a.frame.quantities.find((q) => q.unit === "killed")!;
        const qb = b.frame.quantities.find((q) => q.unit === "killed")!;
        if (compatibleCounts(qa, qb)) continue;
        const sameSource = a.sourceId === b.sourceId;
        const later = (b.publishedAt?.getTime() ?? 0) > (a.publishedAt?.getTime() ?? 0) || sameSource;
        if (!later || !tollRose(qa, qb, b)) continue;
        out.push({ fromId: a.id, toId: b.id, explanation: `The count changed from ${qa.text} (${a.speakerName}) to ${qb.text} (${b.speakerName})${sameSource ? " later in the same report" : " in a later report"}: a revision, not a contradiction.` });
        break;
      }
    }
  }
  const seen = new Set<string>();
  return out.filter((r) => (seen.has(`${r.fromId}>${r.toId}`) ? false : (seen.add(`${r.fromId}>${r.toId}`), true)));
}

/** Pure: the statements of one block (same proposition key prefix) → the conflicts among them, each with its reason. */
export function detectBlock(statements: ConflictStatement[]): Conflict[] {
  const out: Conflict[] = [];
  for (const c of clusters(statements)) {
    out.push(...polarityConflicts(c.blockKey, c.statements));
    out.push(...numericConflicts(c.blockKey, c.statements));
    out.push(...temporalConflicts(c.blockKey, c.statements));
  }
  const seen = new Set<string>();
  return out.filter((c) => (seen.has(c.key) ? false : (seen.add(c.key), true)));
}
