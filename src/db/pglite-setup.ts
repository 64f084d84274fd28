import { PGlite } from "@electric-sql/pglite";
import { applyMigrations } from "./migrate.js";

/**
 * PGlite's server settings. shared_buffers is PostgreSQL's default of 128 MB inside the WebAssembly heap, all of it
 * resident once touched; an embedded database of a few hundred MB is served as well from 16 MB (PGlite reads the
 * data files through Node's fs, so the OS page cache still holds the hot pages).
 */
export const PGLITE_START_PARAMS = [...PGlite.defaultStartParams, "-c", "shared_buffers=16MB"];

/** Applies pending migrations in one transaction; returns the names applied. */
export function migratePglite(lite: PGlite): Promise<string[]> {
  return lite.transaction(async (t) =>
    applyMigrations({
      exec: async (sql) => void (await t.exec(sql)),
      query: async <T>(sql: string, params?: unknown[]) => (await t.query<T>(sql, params)).rows,
    }),
  );
}
