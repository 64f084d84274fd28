import { Prisma, type PrismaClient } from "../generated/prisma/client.js";
import { NOT_PENDING_STATEMENT } from "../db/pending.js";
import type { ClaimVerdict, SourceInput } from "../analysis/check-claim.js";
import { contentTokens, idfOf, prepareText, tokens } from "../analysis/stance/features.js";
import { loadStanceModel, predict } from "../analysis/stance/model.js";
import type { ClaimFrame } from "../ingest/types.js";
import { InputError } from "./errors.js";

export type ClaimCheckResult = ClaimVerdict & { model: string };

/** How many sources the stance model reads when the caller names none (the closest by full-text rank). */
export const CANDIDATE_SOURCES = 8;
/** The same cap as every list argument (MAX_LIST_LENGTH in src/schema/ids.ts), for callers other than the API. */
const MAX_SCOPED_SOURCES = 100;
/** Statements read per blocking key of the claim (newest first, from the key table's index). */
const PER_KEY = 100;

/**
 * Full-text candidates (GIN index on Source.search): first the sources holding every word of the claim, best ranked;
 * if fewer than CANDIDATE_SOURCES, those holding any of its rarest words (by the stance model's IDF).
 */
async function candidateSources(prisma: PrismaClient, text: string, idf: (w: string) => number): Promise<number[]> {
  const words = [...new Set(tokens(text).filter((w) => /^[a-z0-9]+$/.test(w)))].filter((w) => contentTokens([w]).length > 0).slice(0, 16);
  if (!words.length) return [];
  const search = (query: string, limit: number, exclude: number[]) =>
    prisma.$queryRaw<Array<{ id: number }>>`
      SELECT id FROM "Source", to_tsquery('english', ${query}) q
      WHERE search @@ q AND NOT (id = ANY(${exclude}::int[]))
      ORDER BY ts_rank_cd(search, q, 1) DESC, id DESC LIMIT ${limit}`;
  const all = (await search(words.join(" & "), CANDIDATE_SOURCES, [])).map((r) => r.id);
  if (all.length >= CANDIDATE_SOURCES) return all;
  const rarest = [...words].sort((x, y) => idf(y) - idf(x)).slice(0, 3);
  const some = (await search(rarest.join(" | "), CANDIDATE_SOURCES - all.length, all)).map((r) => r.id);
  return [...all, ...some];
}

/**
 * Checks a claim against what is stored: statements sharing the claim's blocking keys (the key table), and the named
 * sources or else the closest sources by full-text rank, read by the stance model on the claim's positive form.
 * Never a full scan.
 */
export async function checkClaim(prisma: PrismaClient, text: string, sourceIds?: number[]): Promise<ClaimCheckResult> {
  const model = loadStanceModel();
  // Loaded on the first check, not at start-up: the claim stage's NLP libraries (~60 MB resident).
  // (One after the other: the first imports the second, and two dynamic imports linking one module graph at once
  // race in Jest's ESM loader, "request for '../sorted.js' is not in cache".)
  const { decide } = await import("../analysis/check-claim.js");
  const { buildClaim, positiveClaim } = await import("../ingest/stages/04-claims.js");
  if (sourceIds && sourceIds.length > MAX_SCOPED_SOURCES) throw new InputError(`sourceIds: at most ${MAX_SCOPED_SOURCES} sources per check`, "sourceIds");
  const c = buildClaim(text, { cue: "said", direct: false, speakerKey: "" });
  const positive = positiveClaim(text);
  // Negated on the surface ("X was not sacked"): read as the positive claim, verdict turned over.
  const negated = c.polarity === "DENY" && positive !== text.trim();
  const readAs = negated ? positive : text;
  const scoped = !!sourceIds?.length;
  const ids = scoped ? [...new Set(sourceIds)] : await candidateSources(prisma, readAs, (w) => idfOf(model.idf, contentTokens([w])[0] ?? w));
  const rows = ids.length ? await prisma.source.findMany({ where: { id: { in: ids } }, select: { id: true, title: true, text: true } }) : [];
  if (scoped && rows.length !== ids.length) {
    const missing = ids.filter((id) => !rows.some((r) => r.id === id));
    throw new InputError(`sourceIds: no source with id ${missing.join(", ")}`, "sourceIds", "NOT_FOUND");
  }
  const sources: SourceInput[] = rows.map((r) => {
    const prepared = prepareText(r.text, model.idf);
    return { id: r.id, title: r.title, text: r.text, prediction: predict(model, readAs, prepared), sentences: prepared.spans };
  });

  const keys = c.propKey ? c.propKey.split(" ") : [];
  const keyed = keys.length
    ? await prisma.$queryRaw<Array<{ statementId: number }>>`
        SELECT DISTINCT c."statementId" FROM unnest(${keys}::text[]) AS k(key)
        CROSS JOIN LATERAL (SELECT "statementId" FROM "ClaimKey" ck WHERE "key" = k.key AND ${Prisma.raw(NOT_PENDING_STATEMENT)} ORDER BY "statementId" DESC LIMIT ${PER_KEY}) c`
    : [];
  const statementIds = keyed.map((r) => r.statementId);
  const statements = statementIds.length || rows.length
    ? await prisma.statement.findMany({
        where: {
          OR: [
            ...(statementIds.length ? [{ id: { in: statementIds }, ...(scoped ? { sourceId: { in: ids } } : {}) }] : []),
            ...(rows.length ? [{ sourceId: { in: rows.map((r) => r.id) } }] : []),
          ],
        },
        select: { id: true, sourceId: true, start: true, end: true, text: true, polarity: true, propKey: true, modality: true, frame: true },
        orderBy: { id: "desc" },
        take: 600,
      })
    : [];
  const verdict = decide(
    { text: readAs, polarity: negated ? "DENY" : "AFFIRM", propKey: c.propKey, frame: c.frame, negated },
    sources,
    statements.map((s) => ({ ...s, frame: s.frame as unknown as ClaimFrame })),
  );
  return { ...verdict, model: model.version };
}
