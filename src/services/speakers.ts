import type { Prisma } from "../generated/prisma/client.js";

type SpeakerRow = { id: number; key: string; name: string; aliases: string[]; formerKeys: string[] };

/**
 * Merges speakers into a target, inside the caller's transaction: their statements and the speakers affiliated with
 * them move to the target, their keys become its former keys (so later ingests resolve to it) and their names its
 * aliases, and their rows go. Returns the moved statements' proposition keys (the blocks to refresh) and the target's
 * new aliases and former keys. Used by the mergeSpeakers mutation and by ingest (an acronym's speaker met again under
 * its full name).
 */
export async function mergeSpeakerRows(tx: Prisma.TransactionClient, target: SpeakerRow, merged: SpeakerRow[]): Promise<{ propKeys: string[]; aliases: string[]; formerKeys: string[] }> {
  const mergeIds = merged.map((m) => m.id);
  const { aliases, formerKeys } = mergedNames(target, merged);
  const moved = await tx.statement.findMany({ where: { speakerId: { in: mergeIds } }, distinct: ["propKey"], select: { propKey: true } });
  await tx.statement.updateMany({ where: { speakerId: { in: mergeIds } }, data: { speakerId: target.id } });
  await tx.speaker.updateMany({ where: { affiliationId: { in: mergeIds } }, data: { affiliationId: target.id } });
  await tx.speaker.update({ where: { id: target.id }, data: { aliases, formerKeys } });
  await tx.speaker.deleteMany({ where: { id: { in: mergeIds } } });
  return { propKeys: moved.map((m) => m.propKey), aliases, formerKeys };
}

/** The target's aliases and former keys once `merged` are merged into it (what mergeSpeakerRows stores). Pure. */
export function mergedNames(target: SpeakerRow, merged: SpeakerRow[]): { aliases: string[]; formerKeys: string[] } {
  const aliases = new Set(target.aliases);
  for (const m of merged) [m.name, ...m.aliases].forEach((a) => aliases.add(a));
  aliases.delete(target.name);
  return { aliases: [...aliases], formerKeys: [...new Set([...target.formerKeys, ...merged.flatMap((m) => [m.key, ...m.formerKeys])])] };
}
