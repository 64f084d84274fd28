// npm run recompute: re-runs contradiction detection over the whole corpus (reviews are kept).
// Opens the database directly, so stop the server first when using the embedded PGlite folder (the lock enforces it).
import { ConfigError, loadConfig } from "../config.js";
import { openDatabase } from "../db/client.js";
import { recomputeAll } from "../services/contradictions.js";
import { createEvents } from "../events/bus.js";

try {
  const config = loadConfig();
  const db = await openDatabase({ databaseUrl: config.databaseUrl, dataDir: config.dataDir });
  const t0 = performance.now();
  const r = await recomputeAll(db.prisma, createEvents());
  console.log(`blocks: ${r.blocks}  created: ${r.created}  updated: ${r.updated}  removed: ${r.removed}  in ${((performance.now() - t0) / 1000).toFixed(1)} s`);
  await db.close();
} catch (e) {
  console.error(e instanceof ConfigError ? e.message : `recompute: ${(e as Error).message}`);
  process.exit(1);
}
