import type { PrismaClient, Prisma } from "../generated/prisma/client.js";
import { blockPeriod, blockPrefix, characterizationConflicts, clusters, detectBlock, DETECTOR_VERSION, revisionsIn, type ConflictStatement, type Conflict, type Revision } from "../analysis/detect.js";

/** How many statements an undated proposition is compared against (most recent first). */
const UNDATED_CANDIDATE_LIMIT = 2000;
import type { ClaimFrame } from "../ingest/types.js";
import type { Events } from "../events/bus.js";

export type RefreshResult = { contradictionIds: number[]; created: number; updated: number; removed: number };

const statementSelect = {
  id: true, sourceId: true, speakerId: true, text: true, claim: true, polarity: true, modality: true, frame: true,
  propKey: true, start: true, end: true, confidence: true,
  speaker: { select: { key: true, name: true, kind: true, affiliation: { select: { key: true } } } },
  source: { select: { publishedAt: true, title: true, publisher: true } },
} satisfies Prisma.StatementSelect;

type Row = Prisma.StatementGetPayload<{ select: typeof statementSelect }>;

function toConflictStatement(r: Row): ConflictStatement {
  return {
    id: r.id,
    sourceId: r.sourceId,
    speakerId: r.speakerId,
    speakerKey: r.speaker.key,
    speakerName: r.speaker.name,
    speakerKind: r.speaker.kind,
    affiliationKey: r.speaker.affiliation?.key,
    publishedAt: r.source.publishedAt,
    sourceTitle: r.source.title ?? r.source.publisher ?? undefined,
    text: r.text,
    claim: r.claim,
    polarity: r.polarity,
    modality: r.modality,
    frame: r.frame as unknown as ClaimFrame,
    propKey: r.propKey,
    start: r.start,
    end: r.end,
    confidence: r.confidence,
  };
}

/** Event types whose blocks are compared with each other (counts, characterisation). */
const EVENT_TYPES = ["STRIKE", "CASUALTIES", "RESPONSIBILITY"];

/** The exact proposition keys of a block prefix in the given periods, plus its undated key. */
const keysIn = (prefix: string, periods: Set<string>) => [...[...periods].map((p) => `${prefix}|${p}`), `${prefix}|?`];

/**
 * Re-runs detection for the given blocking keys only (the statements sharing a proposition key), so the work per
 * new article depends on its own statements, not on the corpus size. Reviews are kept: a contradiction is matched
 * by its stable key, and a reviewed one is only removed when fewer than two of its sides still hold statements.
 */
export async function refreshContradictions(prisma: PrismaClient, events: Events, propKeys: string[]): Promise<RefreshResult> {
  // Two ingests touching one block at once can race (both create the same contradiction key, or one removes what the
  // other just wrote). A pass recomputes the blocks from the statements, so it is safe to run again: the loser does.
  for (let attempt = 1; ; attempt++) {
    try {
      return await refreshOnce(prisma, events, propKeys);
    } catch (e) {
      const code = (e as { code?: string }).code;
      if ((code !== "P2002" && code !== "P2025") || attempt >= 5) throw e;
    }
  }
}

async function refreshOnce(prisma: PrismaClient, events: Events, propKeys: string[]): Promise<RefreshResult> {
  const keys = [...new Set(propKeys.filter(Boolean))];
  const out: RefreshResult = { contradictionIds: [], created: 0, updated: 0, removed: 0 };
  if (keys.length === 0) return out;
  // Candidates: the same proposition prefix in the same period, plus statements whose period is unknown.
  const prefixes = new Map<string, Set<string>>();
  for (const k of keys) {
    const p = blockPrefix(k);
    if (!prefixes.has(p)) prefixes.set(p, new Set());
    prefixes.get(p)!.add(blockPeriod(k));
  }
  const detected: Conflict[] = [];
  const revisions: Revision[] = [];
  const blockStatementIds: number[] = [];
  const blockKeys = new Set<string>();
  for (const [prefix, periods] of prefixes) {
    const where: Prisma.StatementWhereInput = periods.has("?") ? { propKey: { startsWith: `${prefix}|` } } : { propKey: { in: keysIn(prefix, periods) } };
    const rows = await prisma.statement.findMany({ where, select: statementSelect, orderBy: { id: "desc" }, take: UNDATED_CANDIDATE_LIMIT });
    const statements = rows.map(toConflictStatement).filter((s) => blockPrefix(s.propKey) === prefix);
    for (const c of clusters(statements)) blockKeys.add(c.blockKey);
    for (const p of periods) blockKeys.add(`${prefix}|${p}`);
    detected.push(...detectBlock(statements));
    blockStatementIds.push(...statements.map((x) => x.id));

    // An event's other blocks, in one query: its sibling types (revisions compare a strike's dead with a casualty toll)
    // and, for a qualified block ("medical"), the unqualified one (characterisation). Exact keys, same periods, so the
    // work stays with the event and does not grow with the corpus.
    const [type, agent, place, qualifier] = prefix.split("|");
    if (!EVENT_TYPES.includes(type!) || qualifier === undefined) continue;
    const siblings = EVENT_TYPES.filter((t) => t !== type).map((t) => [t, agent, place, qualifier].join("|"));
    const plain = qualifier === "-" ? undefined : `${type}|${agent}|${place}|-`;
    const related = (
      await prisma.statement.findMany({ where: { propKey: { in: [...siblings, ...(plain ? [plain] : [])].flatMap((p) => keysIn(p, periods)) } }, select: statementSelect, take: UNDATED_CANDIDATE_LIMIT })
    ).map(toConflictStatement);
    revisions.push(...revisionsIn([...statements, ...related.filter((x) => siblings.includes(blockPrefix(x.propKey)))]));
    for (const p of periods) blockKeys.add(`${type}|${agent}|${place}|*|${p}`);
    blockKeys.add(`${type}|${agent}|${place}|*|?`);
    detected.push(...characterizationConflicts([...statements, ...related.filter((x) => blockPrefix(x.propKey) === plain)]));
  }
  // Revision links among the blocks' statements are recomputed with them.
  await prisma.$transaction([
    prisma.statementLink.deleteMany({ where: { kind: "REVISION", OR: [{ fromId: { in: blockStatementIds } }, { toId: { in: blockStatementIds } }] } }),
    prisma.statementLink.createMany({ data: revisions.map((r) => ({ kind: "REVISION" as const, ...r })), skipDuplicates: true }),
  ]);
  // A qualifier-independent conflict (characterisation) is found from each of its blocks: keep one of each.
  const seenKeys = new Set<string>();
  const unique = detected.filter((c) => (seenKeys.has(c.key) ? false : (seenKeys.add(c.key), true)));
  const existing = await prisma.contradiction.findMany({
    where: { blockKey: { in: [...blockKeys] } },
    select: {
      id: true, key: true, status: true, kind: true, confidence: true, explanation: true, rule: true, detectorVersion: true,
      sides: { select: { id: true, position: true, label: true, statements: { select: { id: true } } }, orderBy: { position: "asc" } },
    },
  });
  const byKey = new Map(existing.map((c) => [c.key, c]));
  const notify: Array<{ contradictionId: number; created: boolean }> = [];

  for (const c of unique) {
    const prev = byKey.get(c.key);
    byKey.delete(c.key);
    const signature = sidesSignature(c.sides.map((s) => s.statementIds));
    const fields = { kind: c.kind, confidence: c.confidence, explanation: c.explanation, rule: c.rule, detectorVersion: DETECTOR_VERSION };
    const fieldsChanged = !prev || (Object.keys(fields) as Array<keyof typeof fields>).some((k) => prev[k] !== fields[k]);
    if (prev && sidesSignature(prev.sides.map((s) => s.statements.map((x) => x.id))) === signature) {
      if (fieldsChanged) await prisma.contradiction.update({ where: { id: prev.id }, data: fields });
      out.contradictionIds.push(prev.id);
      continue;
    }
    // The usual change on ingest: new statements joined existing sides. Connect just those, so the work does not grow
    // with the size of the contradiction.
    const prevIds = prev?.sides.map((side) => new Set(side.statements.map((x) => x.id)));
    if (prev && prevIds && prev.sides.length === c.sides.length && c.sides.every((side, i) => [...prevIds[i]!].every((id) => side.statementIds.includes(id)))) {
      const sideWrites = c.sides.flatMap((side, i) => {
        const added = side.statementIds.filter((id) => !prevIds[i]!.has(id));
        if (!added.length && side.label === prev.sides[i]!.label) return [];
        return [prisma.contradictionSide.update({ where: { id: prev.sides[i]!.id }, data: { label: side.label, statements: { connect: added.map((id) => ({ id })) } } })];
      });
      await prisma.$transaction([...(fieldsChanged ? [prisma.contradiction.update({ where: { id: prev.id }, data: fields })] : []), ...sideWrites]);
      out.updated++;
      out.contradictionIds.push(prev.id);
      notify.push({ contradictionId: prev.id, created: false });
      continue;
    }
    const id = await prisma.$transaction(async (tx) => {
      const data = { ...fields, blockKey: c.blockKey };
      const row = prev
        ? await tx.contradiction.update({ where: { id: prev.id }, data, select: { id: true } })
        : await tx.contradiction.create({ data: { key: c.key, ...data }, select: { id: true } });
      if (prev) await tx.contradictionSide.deleteMany({ where: { contradictionId: row.id } });
      for (const [position, side] of c.sides.entries()) {
        await tx.contradictionSide.create({
          data: { contradictionId: row.id, position, label: side.label, statements: { connect: side.statementIds.map((sid) => ({ id: sid })) } },
        });
      }
      return row.id;
    });
    if (prev) out.updated++;
    else out.created++;
    out.contradictionIds.push(id);
    notify.push({ contradictionId: id, created: !prev });
  }

  // What the detector no longer finds: drop it unless someone reviewed it and it still has two sides.
  for (const gone of byKey.values()) {
    const populated = gone.sides.filter((s) => s.statements.length > 0).length;
    if (gone.status === "OPEN" || populated < 2) {
      await prisma.contradiction.delete({ where: { id: gone.id } });
      out.removed++;
    }
  }
  for (const n of notify) events.publish("contradictionDetected", n);
  return out;
}

function sidesSignature(sides: number[][]): string {
  return sides.map((s) => [...s].sort((a, b) => a - b).join(",")).join("|");
}

/** Runs detection over the whole corpus, block by block, and removes contradictions whose block has vanished. */
export async function recomputeAll(prisma: PrismaClient, events: Events, batch = 200): Promise<RefreshResult & { blocks: number }> {
  const total: RefreshResult & { blocks: number } = { contradictionIds: [], created: 0, updated: 0, removed: 0, blocks: 0 };
  let cursor: string | undefined;
  for (;;) {
    const keys = await prisma.statement.findMany({
      where: { propKey: { not: "", ...(cursor ? { gt: cursor } : {}) } },
      distinct: ["propKey"],
      select: { propKey: true },
      orderBy: { propKey: "asc" },
      take: batch,
    });
    if (keys.length === 0) break;
    const r = await refreshContradictions(prisma, events, keys.map((k) => k.propKey));
    total.contradictionIds.push(...r.contradictionIds);
    total.created += r.created;
    total.updated += r.updated;
    total.removed += r.removed;
    total.blocks += keys.length;
    cursor = keys[keys.length - 1]!.propKey;
  }
  const live = await prisma.statement.findMany({ distinct: ["propKey"], select: { propKey: true } });
  const orphans = await prisma.contradiction.findMany({ where: { blockKey: { notIn: live.map((l) => l.propKey) } }, select: { id: true } });
  if (orphans.length) {
    await prisma.contradiction.deleteMany({ where: { id: { in: orphans.map((o) => o.id) } } });
    total.removed += orphans.length;
  }
  return total;
}
