/** A connection inside a transaction: the query runner removePendingSources needs. */
export type PendingTx = { query<T>(sql: string, params: unknown[]): Promise<T[]> };

/**
 * Removes half-stored sources (migration 20261206120000_pending_sources): those listed in "PendingSource", or only
 * `sourceIds` of them. Their rows go (statements, claim keys and the pending mark by cascade), then the speakers and
 * events their store created, when no statement names them. Run it inside a transaction. A chunked store that
 * failed calls it for its own source; a PGlite start-up for all (a crash between a store's transactions), before
 * anything else may write. Returns the sources removed.
 */
export async function removePendingSources(tx: PendingTx, sourceIds?: number[]): Promise<number> {
  const rows = await tx.query<{ sourceId: number; speakerIds: number[]; eventIds: number[] }>(
    `SELECT "sourceId", "speakerIds", "eventIds" FROM "PendingSource" WHERE $1::int[] IS NULL OR "sourceId" = ANY($1::int[]) FOR UPDATE`,
    [sourceIds ?? null],
  );
  if (rows.length === 0) return 0;
  await tx.query(`DELETE FROM "SourceRow" WHERE "id" = ANY($1::int[])`, [rows.map((r) => r.sourceId)]);
  await tx.query(`DELETE FROM "Speaker" s WHERE s."id" = ANY($1::int[]) AND NOT EXISTS (SELECT 1 FROM "StatementRow" t WHERE t."speakerId" = s."id")`, [rows.flatMap((r) => r.speakerIds)]);
  await tx.query(`DELETE FROM "Event" e WHERE e."id" = ANY($1::int[]) AND NOT EXISTS (SELECT 1 FROM "StatementRow" t WHERE t."eventId" = e."id")`, [rows.flatMap((r) => r.eventIds)]);
  return rows.length;
}

/**
 * A condition on a "ClaimKey" row aliased `ck`: its statement's source is not pending. The key table is not behind a
 * view, so a look-up that keeps a key's newest N statements filters with this: a half-stored source's statements
 * must not take places in the window of a refresh or a claim check. The first test, once per statement, settles it
 * while nothing is pending (always, on PostgreSQL): 20 keys' windows took as long as without it on PGlite.
 */
export const NOT_PENDING_STATEMENT = `(NOT EXISTS (SELECT 1 FROM "PendingSource") OR NOT EXISTS (SELECT 1 FROM "PendingSource" p JOIN "StatementRow" t ON t."sourceId" = p."sourceId" WHERE t."id" = ck."statementId"))`;
