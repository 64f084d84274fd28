import pg from "pg";
import { openDatabase, type Database, type DatabaseOptions } from "../../src/db/client.js";

/**
 * A fresh, migrated database for one test file: PGlite in memory by default, or a new database on the PostgreSQL
 * server named by TEST_DATABASE_URL (created here, dropped by `close`).
 */
export async function testDatabase(log: Pick<DatabaseOptions, "onQuery" | "onOperation"> = {}): Promise<Database & { label: string }> {
  const base = process.env.TEST_DATABASE_URL;
  if (!base) {
    const db = await openDatabase({ dataDir: "memory://", ...log });
    return { ...db, label: "pglite" };
  }
  const name = `gainsay_t_${process.pid}_${Math.random().toString(36).slice(2, 8)}`;
  const admin = new pg.Client({ connectionString: base });
  await admin.connect();
  await admin.query(`CREATE DATABASE "${name}"`);
  await admin.end();
  const u = new URL(base);
  u.pathname = `/${name}`;
  // Dropping the database at close terminates any connection the pool has not closed yet: expected, not an error.
  const db = await openDatabase({ databaseUrl: u.toString(), dataDir: "", ...log, poolSize: 4, onConnectionError: () => undefined });
  return {
    ...db,
    label: "postgres",
    async close() {
      await db.close();
      const a = new pg.Client({ connectionString: base });
      await a.connect();
      await a.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`);
      await a.end();
    },
  };
}
