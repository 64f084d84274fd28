import DataLoader from "dataloader";
import type { PrismaClient } from "../generated/prisma/client.js";

/**
 * Batches what Prisma relations cannot plan in one query: the contradictions a statement takes part in
 * (statement → sides → contradiction, deduplicated). Created per request.
 */
export function createLoaders(prisma: PrismaClient) {
  return {
    contradictionIdsByStatement: new DataLoader<number, number[]>(async (statementIds) => {
      const rows = await prisma.contradictionSide.findMany({
        where: { statements: { some: { id: { in: [...statementIds] } } } },
        select: { contradictionId: true, statements: { select: { id: true }, where: { id: { in: [...statementIds] } } } },
      });
      const by = new Map<number, Set<number>>();
      for (const r of rows) for (const s of r.statements) {
        if (!by.has(s.id)) by.set(s.id, new Set());
        by.get(s.id)!.add(r.contradictionId);
      }
      return statementIds.map((id) => [...(by.get(id) ?? [])].sort((a, b) => a - b));
    }),
  };
}
export type Loaders = ReturnType<typeof createLoaders>;
