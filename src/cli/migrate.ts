// npm run db:migrate: applies pending migrations to the configured database and exits.
import { ConfigError, loadConfig } from "../config.js";
import { openDatabase } from "../db/client.js";

try {
  const config = loadConfig();
  const db = await openDatabase({ databaseUrl: config.databaseUrl, dataDir: config.dataDir });
  console.log(db.migrationsApplied.length ? `applied: ${db.migrationsApplied.join(", ")}` : "database schema is up to date");
  await db.close();
} catch (e) {
  console.error(e instanceof ConfigError ? e.message : `migrate: ${(e as Error).message}`);
  process.exit(1);
}
