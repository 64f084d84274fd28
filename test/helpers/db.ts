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
  const drop = async () => {
    const a = new pg.Client({ connectionString: base });
    await a.connect();
    try {
      await a.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`);
    } finally {
      await a.end();
    }
  };
  // Dropping the database at close terminates any connection the pool has not closed yet: expected, not an error.
  let db: Database;
  try {
    db = await openDatabase({ databaseUrl: u.toString(), dataDir: "", ...log, poolSize: 4, onConnectionError: () => undefined });
  } catch (e) {
    await drop();
    throw e;
  }
  return {
    ...db,
    label: "postgres",
    // The scratch database is dropped even when closing the client fails.
    async close() {
      try {
        await db.close();
      } finally {
        await drop();
      }
    },
  };
}
