import { Prisma, type PrismaClient } from "../generated/prisma/client.js";
import { NOT_PENDING_STATEMENT } from "../db/pending.js";
import type { Conflict, ConflictStatement, PairConflict } from "../analysis/detect.js";
import type { ClaimFrame } from "../ingest/types.js";
import type { Events, Topics } from "../events/bus.js";
import { backendOf } from "../db/backend.js";
import { appMetrics } from "./metrics.js";

/** How many statements of one block a new statement is compared with (the newest): the block cap. */
export const BLOCK_CAP = 200;

// The detector (and the claim stage's NLP libraries under it, ~60 MB resident) is loaded on the first refresh, not at
// start-up, so an idle server stays small.
let detector: Promise<typeof import("../analysis/detect.js")> | undefined;
const loadDetector = () => (detector ??= import("../analysis/detect.js"));

export type RefreshResult = { contradictionIds: number[]; created: number; updated: number; removed: number };

/** A statement with its speaker, affiliation and source, as one joined row (the refresh's bulk read). */
type FlatRow = {
  id: number; sourceId: number; speakerId: number; text: string; claim: string; polarity: ConflictStatement["polarity"]; modality: ConflictStatement["modality"];
  frame: unknown; propKey: string; start: number; end: number; confidence: number; speakerKey: string; speakerName: string; speakerKind: string;
  affiliationKey: string | null; publishedAt: Date | null; title: string | null; publisher: string | null; contentHash: string;
};

function fromFlatRow(r: FlatRow): ConflictStatement {
  return {
    id: r.id,
    sourceId: r.sourceId,
    speakerId: r.speakerId,
    speakerKey: r.speakerKey,
    speakerName: r.speakerName,
    speakerKind: r.speakerKind,
    affiliationKey: r.affiliationKey ?? undefined,
    publishedAt: r.publishedAt,
    sourceKey: r.contentHash,
    sourceTitle: r.title ?? r.publisher ?? undefined,
    text: r.text,
    claim: r.claim,
    polarity: r.polarity,
    modality: r.modality,
    frame: r.frame as ClaimFrame,
    propKey: r.propKey,
    start: r.start,
    end: r.end,
    confidence: r.confidence,
  };
}

/**
 * Re-runs detection for the given blocking keys only (the statements sharing a proposition key), so the work per
 * new article depends on its own statements, not on the corpus size. Reviews are kept: a contradiction is matched
 * by its stable key, and a reviewed one is only removed when fewer than two of its sides still hold statements.
 */
/** `cap`: the block cap for this refresh (tests use a small one to reach it with a few articles). */
export type RefreshOptions = { cap?: number };

export async function refreshContradictions(prisma: PrismaClient, events: Events, propKeys: string[], opts: RefreshOptions = {}): Promise<RefreshResult> {
  // On PostgreSQL, servers and workers refresh at once: each refresh is one transaction holding an advisory lock per
  // block it touches, so two refreshes of one block run one after the other. On PGlite (one process, one connection)
  // a lone race (both create the same contradiction key, or one removes what the other just wrote) is met by running
  // the pass again, which is safe: a pass recomputes the blocks from the statements.
  for (let attempt = 1; ; attempt++) {
    try {
      const r = backendOf(prisma) === "pglite" ? await refreshOnce(prisma, events, propKeys, opts) : await refreshLocked(prisma, events, propKeys, opts);
      appMetrics()?.contradictions.inc(r.created);
      return r;
    } catch (e) {
      if (!isRace(e) || attempt >= 5) throw e;
    }
  }
}

/**
 * A write that lost a race with another refresh (PGlite): a key taken meanwhile, a row gone meanwhile, from the client
 * (P2002, P2025) or from raw SQL (P2010 with PostgreSQL's unique or foreign-key violation).
 */
function isRace(e: unknown): boolean {
  const { code, meta } = e as { code?: string; meta?: { code?: string } };
  return code === "P2002" || code === "P2025" || (code === "P2010" && (meta?.code === "23505" || meta?.code === "23503"));
}

/** Sorted, so that refreshes sharing blocks take their locks in one order and never deadlock. */
const LOCK_BLOCKS = `SELECT count(pg_advisory_xact_lock(hashtext(b))) FROM (SELECT b FROM unnest($1::text[]) AS u(b) ORDER BY b COLLATE "C") AS s`;

async function refreshLocked(prisma: PrismaClient, events: Events, propKeys: string[], opts: RefreshOptions): Promise<RefreshResult> {
  const blocks = [...new Set(propKeys.flatMap((k) => k.split(" ")).filter(Boolean))];
  if (blocks.length === 0) return { contradictionIds: [], created: 0, updated: 0, removed: 0 };
  // Events wait for the commit: a subscriber that reads a contradiction it hears of must find it.
  const held: Array<Topics["contradictionDetected"][0]> = [];
  const deferred = { ...events, publish: (_topic: "contradictionDetected", payload: Topics["contradictionDetected"][0]) => void held.push(payload) } as unknown as Events;
  const out = await prisma.$transaction(
    async (tx) => {
      await tx.$queryRawUnsafe(LOCK_BLOCKS, blocks);
      return refreshOnce(joining(tx), deferred, propKeys, opts);
    },
    { timeout: 15 * 60_000, maxWait: 60_000 },
  );
  for (const payload of held) events.publish("contradictionDetected", payload);
  return out;
}

/** The refresh's transaction as a client: its `$transaction` calls join the open transaction (in order). */
function joining(tx: Prisma.TransactionClient): PrismaClient {
  const $transaction = async (arg: unknown) => {
    if (typeof arg === "function") return (arg as (t: Prisma.TransactionClient) => Promise<unknown>)(tx);
    const results: unknown[] = [];
    for (const op of arg as Array<PromiseLike<unknown>>) results.push(await op);
    return results;
  };
  return new Proxy(tx, { get: (target, p) => (p === "$transaction" ? $transaction : Reflect.get(target, p)) }) as unknown as PrismaClient;
}

async function refreshOnce(prisma: PrismaClient, events: Events, propKeys: string[], opts: RefreshOptions): Promise<RefreshResult> {
  const cap = opts.cap ?? BLOCK_CAP;
  const strings = [...new Set(propKeys.filter(Boolean))];
  const out: RefreshResult = { contradictionIds: [], created: 0, updated: 0, removed: 0 };
  if (strings.length === 0) return out;
  const { conflictsOf, DETECTOR_VERSION, judgeBlocks, judgePairs, keysOfStatement, pairId, revisionsIn } = await loadDetector();
  const blocks = [...new Set(strings.flatMap((k) => k.split(" ")).filter(Boolean))];
  // The statements these keys belong to (the new or changed ones), and each block's newest statements, from the key
  // table's index: a bounded look-up per key whatever the corpus size.
  const focusRows = await prisma.statement.findMany({ where: { propKey: { in: strings } }, select: { id: true, propKey: true } });
  const focus = new Set(focusRows.map((r) => r.id));
  const members = await prisma.$queryRaw<Array<{ key: string; statementId: number }>>`
    SELECT k.key, c."statementId" FROM unnest(${blocks}::text[]) AS k(key)
    CROSS JOIN LATERAL (SELECT "statementId" FROM "ClaimKey" ck WHERE "key" = k.key AND ${Prisma.raw(NOT_PENDING_STATEMENT)} ORDER BY "statementId" DESC LIMIT ${cap}) c`;
  const byBlock = new Map<string, Set<number>>();
  for (const m of members) byBlock.set(m.key, (byBlock.get(m.key) ?? new Set()).add(m.statementId));
  // A block's newest members may not reach back to the statements being refreshed: add each to the blocks it is in
  // (only those: every pair in a block is judged, so a statement in a block not its own costs without cause).
  for (const r of focusRows) for (const k of keysOfStatement(r)) byBlock.get(k)?.add(r.id);
  const loaded = new Map<number, ConflictStatement>();
  // One joined statement per 2,000 (a block's members run to thousands of rows; the client's relation loading would
  // send four statements per chunk and stitch their rows).
  const load = async (ids: number[]) => {
    const missing = [...new Set(ids)].filter((id) => !loaded.has(id));
    for (let i = 0; i < missing.length; i += 2000) {
      const rows = await prisma.$queryRaw<FlatRow[]>`
        SELECT s.id, s."sourceId", s."speakerId", s.text, s.claim, s.polarity::text AS polarity, s.modality::text AS modality, s.frame,
               s."propKey", s.start, s."end", s.confidence, sp.key AS "speakerKey", sp.name AS "speakerName", sp.kind::text AS "speakerKind",
               af.key AS "affiliationKey", so."publishedAt", so.title, so.publisher, so."contentHash"
        FROM "Statement" s
        JOIN "Speaker" sp ON sp.id = s."speakerId"
        LEFT JOIN "Speaker" af ON af.id = sp."affiliationId"
        JOIN "Source" so ON so.id = s."sourceId"
        WHERE s.id = ANY(${missing.slice(i, i + 2000)}::int[])`;
      for (const r of rows) loaded.set(r.id, fromFlatRow(r));
    }
  };
  await load([...byBlock.values()].flatMap((s) => [...s]));

  // The pairs the rules flag among each block's statements that touch the focus statements.
  const lists = new Map<string, ConflictStatement[]>();
  const revisions: Array<ReturnType<typeof revisionsIn>[number]> = [];
  for (const [block, ids] of byBlock) {
    const list = [...ids].map((id) => loaded.get(id)).filter((x): x is ConflictStatement => !!x);
    lists.set(block, list);
    if (block.startsWith("q:")) revisions.push(...revisionsIn(list, focus));
  }
  const fresh = judgeBlocks(lists, focus);
  const existing = await prisma.contradiction.findMany({
    where: { blockKey: { in: blocks } },
    select: {
      id: true, key: true, status: true, kind: true, confidence: true, explanation: true, rule: true, detectorVersion: true, blockKey: true,
      sides: { select: { id: true, position: true, label: true, statements: { select: { id: true } } }, orderBy: { position: "asc" } },
    },
    orderBy: { id: "asc" },
  });
  type Stored = (typeof existing)[number];
  const statementsOf = (c: Stored) => c.sides.flatMap((side) => side.statements.map((x) => x.id));
  // A block's contradictions are a pure function of the pairs flagged in it: each is a biclique of flagged pairs, so
  // the stored contradictions hold every pair flagged before (each pair between the sides of one of them). So, per
  // block, the stored contradictions connected to the focus statements (through shared statements and new pairs) are
  // assembled again from their pairs, judged again, and the new ones — whatever order the statements came in.
  const storedOf = new Map<string, Stored[]>();
  for (const c of existing) storedOf.set(c.blockKey, [...(storedOf.get(c.blockKey) ?? []), c]);
  const work: Array<{ block: string; pairs: PairConflict[]; mine: Stored[] }> = [];
  for (const block of new Set([...byBlock.keys(), ...storedOf.keys()])) {
    const pairs = fresh.get(block) ?? [];
    const stored = storedOf.get(block) ?? [];
    const parent = new Map<number, number>();
    const find = (x: number): number => {
      let r = x;
      while (parent.has(r) && parent.get(r) !== r) r = parent.get(r)!;
      parent.set(x, r);
      return r;
    };
    const union = (x: number, y: number) => {
      const [rx, ry] = [find(x), find(y)];
      if (rx !== ry) parent.set(rx, ry);
    };
    for (const p of pairs) union(p.a.id, p.b.id);
    for (const c of stored) {
      const ids = statementsOf(c);
      for (const id of ids.slice(1)) union(ids[0]!, id);
    }
    // A contradiction a deletion left with an empty side is touched too (its statements are gone from the focus).
    const emptied = stored.filter((c) => c.sides.length < 2 || c.sides.some((side) => side.statements.length === 0));
    const touched = new Set([...[...focus].filter((id) => parent.has(id)), ...emptied.flatMap(statementsOf)].map(find));
    const mine = stored.filter((c) => emptied.includes(c) || statementsOf(c).some((id) => touched.has(find(id))));
    if (mine.length || pairs.length) work.push({ block, pairs, mine });
  }
  await load(work.flatMap((w) => w.mine.flatMap(statementsOf)));
  const recomputed: Conflict[] = [];
  const replaced: Stored[] = [];
  for (const { block, pairs, mine } of work) {
    // The stored contradictions' own pairs, judged again (an edit or a merge may have changed a statement).
    const seen = new Set(pairs.map((p) => pairId(p.a.id, p.b.id)));
    const all = [...pairs];
    for (const c of mine) {
      const [left, right] = [c.sides[0]?.statements ?? [], c.sides[1]?.statements ?? []];
      for (const x of left) for (const y of right) {
        const id = pairId(x.id, y.id);
        const [a, b] = [loaded.get(x.id), loaded.get(y.id)];
        if (seen.has(id) || !a || !b) continue;
        seen.add(id);
        all.push(...judgePairs([a, b], block));
      }
    }
    recomputed.push(...conflictsOf(all, block));
    replaced.push(...mine);
  }
  // Each recomputed contradiction takes the row of a stored one: the one with its key, else the one of its family
  // (kind, block, group) it shares most statements with, so reviews and ids survive a contradiction that grows.
  const family = (key: string) => key.slice(0, key.lastIndexOf("|"));
  const rowOf = new Map<string, Stored>();
  const free = new Map(replaced.map((c) => [c.key, c]));
  // (Keys are unique: conflictsOf numbers two of one block that would share one.)
  for (const c of recomputed) {
    const same = free.get(c.key);
    if (same) rowOf.set(c.key, same), free.delete(c.key);
  }
  for (const c of recomputed) {
    if (rowOf.has(c.key)) continue;
    const ids = new Set(c.sides.flatMap((side) => side.statementIds));
    let best: Stored | undefined;
    let most = 0;
    for (const x of free.values()) {
      if (family(x.key) !== family(c.key)) continue;
      const n = statementsOf(x).filter((id) => ids.has(id)).length;
      if (n > most) (best = x), (most = n);
    }
    if (best) rowOf.set(c.key, best), free.delete(best.key);
  }
  const blockStatementIds = [...focus];
  // Revision links among the blocks' statements are recomputed with them.
  await prisma.$transaction([
    prisma.statementLink.deleteMany({ where: { kind: "REVISION", OR: [{ fromId: { in: blockStatementIds } }, { toId: { in: blockStatementIds } }] } }),
    prisma.statementLink.createMany({ data: revisions.map((r) => ({ kind: "REVISION" as const, ...r })), skipDuplicates: true }),
  ]);
  const notify: Array<{ contradictionId: number; created: boolean }> = [];
  // A stored row keeps the key it was created with; a new one whose key a stored row already holds takes a suffix.
  const taken = new Set(existing.map((c) => c.key));
  const freeKey = (key: string) => {
    let k = key;
    for (let n = 2; taken.has(k); n++) k = `${key}#${n}`;
    taken.add(k);
    return k;
  };

  // Changes to stored contradictions that keep their sides, gathered and written together after the loop.
  const fieldWrites: Array<{ id: number; kind: string; confidence: number; explanation: string; rule: string; detectorVersion: string }> = [];
  const labelWrites: Array<[number, string]> = [];
  const connects: Array<[number, number]> = [];
  const rebuilt: Rebuilt[] = [];
  for (const c of recomputed) {
    const prev = rowOf.get(c.key);
    const signature = sidesSignature(c.sides.map((s) => s.statementIds));
    const fields = { kind: c.kind, confidence: c.confidence, explanation: c.explanation, rule: c.rule, detectorVersion: DETECTOR_VERSION };
    const fieldsChanged = !prev || (Object.keys(fields) as Array<keyof typeof fields>).some((k) => prev[k] !== fields[k]);
    if (prev && sidesSignature(prev.sides.map((s) => s.statements.map((x) => x.id))) === signature) {
      if (fieldsChanged) fieldWrites.push({ id: prev.id, ...fields });
      out.contradictionIds.push(prev.id);
      continue;
    }
    // The usual change on ingest: new statements joined existing sides. Connect just those, so the work does not grow
    // with the size of the contradiction (and all such changes of one refresh go in three statements, below).
    const prevIds = prev?.sides.map((side) => new Set(side.statements.map((x) => x.id)));
    if (prev && prevIds && prev.sides.length === c.sides.length && c.sides.every((side, i) => [...prevIds[i]!].every((id) => side.statementIds.includes(id)))) {
      for (const [i, side] of c.sides.entries()) {
        const sideId = prev.sides[i]!.id;
        for (const id of side.statementIds) if (!prevIds[i]!.has(id)) connects.push([sideId, id]);
        if (side.label !== prev.sides[i]!.label) labelWrites.push([sideId, side.label]);
      }
      if (fieldsChanged) fieldWrites.push({ id: prev.id, ...fields });
      out.updated++;
      out.contradictionIds.push(prev.id);
      notify.push({ contradictionId: prev.id, created: false });
      continue;
    }
    // New, or sides rebuilt: written with the others after the loop (its id, if new, is known then).
    rebuilt.push({ c, fields, ...(prev ? { prevId: prev.id } : { key: freeKey(c.key) }), at: out.contradictionIds.length, notifyAt: notify.length });
    out.contradictionIds.push(prev?.id ?? -1);
    notify.push({ contradictionId: prev?.id ?? -1, created: !prev });
    if (prev) out.updated++;
    else out.created++;
  }
  if (rebuilt.length) await writeRebuilt(prisma, rebuilt, out.contradictionIds, notify);

  if (fieldWrites.length || labelWrites.length || connects.length) {
    const f = fieldWrites;
    await prisma.$transaction([
      ...(f.length
        ? [prisma.$executeRaw`
            UPDATE "Contradiction" AS c SET kind = v.kind::"ContradictionKind", confidence = v.confidence, explanation = v.explanation, rule = v.rule, "detectorVersion" = v.dv
            FROM unnest(${f.map((x) => x.id)}::int[], ${f.map((x) => x.kind)}::text[], ${f.map((x) => x.confidence)}::float8[], ${f.map((x) => x.explanation)}::text[], ${f.map((x) => x.rule)}::text[], ${f.map((x) => x.detectorVersion)}::text[])
              AS v(id, kind, confidence, explanation, rule, dv)
            WHERE c.id = v.id`]
        : []),
      ...(labelWrites.length
        ? [prisma.$executeRaw`
            UPDATE "ContradictionSide" AS s SET label = v.label
            FROM unnest(${labelWrites.map((x) => x[0])}::int[], ${labelWrites.map((x) => x[1])}::text[]) AS v(id, label)
            WHERE s.id = v.id`]
        : []),
      ...(connects.length
        ? [prisma.$executeRaw`
            INSERT INTO "_ContradictionSideToStatement" ("A", "B")
            SELECT * FROM unnest(${connects.map((x) => x[0])}::int[], ${connects.map((x) => x[1])}::int[]) ON CONFLICT DO NOTHING`]
        : []),
    ]);
  }

  // What the detector no longer finds among the touched ones: drop it unless someone reviewed it and it still has two
  // sides. Contradictions of these blocks that the refresh did not touch stay as they are.
  for (const gone of free.values()) {
    const populated = gone.sides.filter((s) => s.statements.length > 0).length;
    if (gone.status === "OPEN" || populated < 2) {
      await prisma.contradiction.delete({ where: { id: gone.id } });
      out.removed++;
    }
  }
  for (const n of notify) events.publish("contradictionDetected", n);
  return out;
}

type Rebuilt = {
  c: Conflict;
  fields: { kind: string; confidence: number; explanation: string; rule: string; detectorVersion: string };
  /** A stored row whose sides are rebuilt, or the key of a new one. */
  prevId?: number;
  key?: string;
  /** Where its id goes in the refresh's result and its event list. */
  at: number;
  notifyAt: number;
};

/**
 * New contradictions and stored ones whose sides changed shape, written in one transaction of five statements however
 * many there are: the stored rows' fields and their old sides; the new rows; every side; every side's statements.
 */
async function writeRebuilt(prisma: PrismaClient, rebuilt: Rebuilt[], ids: number[], notify: Array<{ contradictionId: number; created: boolean }>): Promise<void> {
  const stored = rebuilt.filter((r) => r.prevId !== undefined);
  const fresh = rebuilt.filter((r) => r.prevId === undefined);
  await prisma.$transaction(async (tx) => {
    if (stored.length) {
      await tx.$executeRaw`
        UPDATE "Contradiction" AS c SET kind = v.kind::"ContradictionKind", confidence = v.confidence, explanation = v.explanation, rule = v.rule, "detectorVersion" = v.dv, "blockKey" = v.block
        FROM unnest(${stored.map((r) => r.prevId!)}::int[], ${stored.map((r) => r.fields.kind)}::text[], ${stored.map((r) => r.fields.confidence)}::float8[], ${stored.map((r) => r.fields.explanation)}::text[],
                    ${stored.map((r) => r.fields.rule)}::text[], ${stored.map((r) => r.fields.detectorVersion)}::text[], ${stored.map((r) => r.c.blockKey)}::text[])
          AS v(id, kind, confidence, explanation, rule, dv, block)
        WHERE c.id = v.id`;
      await tx.$executeRaw`DELETE FROM "ContradictionSide" WHERE "contradictionId" = ANY(${stored.map((r) => r.prevId!)}::int[])`;
    }
    if (fresh.length) {
      const rows = await tx.$queryRaw<Array<{ id: number; key: string }>>`
        INSERT INTO "Contradiction" (key, "blockKey", kind, confidence, explanation, rule, "detectorVersion")
        SELECT v.key, v.block, v.kind::"ContradictionKind", v.confidence, v.explanation, v.rule, v.dv
        FROM unnest(${fresh.map((r) => r.key!)}::text[], ${fresh.map((r) => r.c.blockKey)}::text[], ${fresh.map((r) => r.fields.kind)}::text[], ${fresh.map((r) => r.fields.confidence)}::float8[],
                    ${fresh.map((r) => r.fields.explanation)}::text[], ${fresh.map((r) => r.fields.rule)}::text[], ${fresh.map((r) => r.fields.detectorVersion)}::text[])
          AS v(key, block, kind, confidence, explanation, rule, dv)
        RETURNING id, key`;
      const idOf = new Map(rows.map((x) => [x.key, x.id]));
      for (const r of fresh) r.prevId = idOf.get(r.key!)!;
    }
    const sides = rebuilt.flatMap((r) => r.c.sides.map((side, position) => ({ contradictionId: r.prevId!, position, side })));
    const made = await tx.$queryRaw<Array<{ id: number; contradictionId: number; position: number }>>`
      INSERT INTO "ContradictionSide" ("contradictionId", position, label)
      SELECT * FROM unnest(${sides.map((x) => x.contradictionId)}::int[], ${sides.map((x) => x.position)}::int[], ${sides.map((x) => x.side.label)}::text[])
      RETURNING id, "contradictionId", position`;
    const sideId = new Map(made.map((x) => [`${x.contradictionId}:${x.position}`, x.id]));
    const pairs = sides.flatMap((x) => x.side.statementIds.map((sid) => [sideId.get(`${x.contradictionId}:${x.position}`)!, sid] as const));
    if (pairs.length) {
      await tx.$executeRaw`
        INSERT INTO "_ContradictionSideToStatement" ("A", "B")
        SELECT * FROM unnest(${pairs.map((x) => x[0])}::int[], ${pairs.map((x) => x[1])}::int[]) ON CONFLICT DO NOTHING`;
    }
  });
  for (const r of rebuilt) {
    ids[r.at] = r.prevId!;
    notify[r.notifyAt]!.contradictionId = r.prevId!;
  }
}

function sidesSignature(sides: number[][]): string {
  return sides.map((s) => [...s].sort((a, b) => a - b).join(",")).join("|");
}

/** Runs detection over the whole corpus, statement batch by statement batch, and removes emptied contradictions. */
export async function recomputeAll(prisma: PrismaClient, events: Events, batch = 200): Promise<RefreshResult & { blocks: number }> {
  const total: RefreshResult & { blocks: number } = { contradictionIds: [], created: 0, updated: 0, removed: 0, blocks: 0 };
  let cursor = 0;
  for (;;) {
    const rows = await prisma.statement.findMany({ where: { id: { gt: cursor }, propKey: { not: "" } }, select: { id: true, propKey: true }, orderBy: { id: "asc" }, take: batch });
    if (rows.length === 0) break;
    const r = await refreshContradictions(prisma, events, rows.map((k) => k.propKey));
    total.contradictionIds.push(...r.contradictionIds);
    total.created += r.created;
    total.updated += r.updated;
    total.removed += r.removed;
    total.blocks += new Set(rows.flatMap((x) => x.propKey.split(" "))).size;
    cursor = rows[rows.length - 1]!.id;
  }
  // Open contradictions left with fewer than two populated sides (their statements were deleted) go.
  const all = await prisma.contradiction.findMany({ where: { status: "OPEN" }, select: { id: true, sides: { select: { _count: { select: { statements: true } } } } } });
  const orphans = all.filter((c) => c.sides.filter((s) => s._count.statements > 0).length < 2).map((c) => c.id);
  if (orphans.length) {
    await prisma.contradiction.deleteMany({ where: { id: { in: orphans } } });
    total.removed += orphans.length;
  }
  return total;
}
