// bench/api's corpus: synthetic rows straight into the tables (no article text), on a scratch PostgreSQL database.
import pg from "pg";
import { openDatabase } from "../../src/db/client.js";

/** Synthetic corpus straight into the tables: every 4 statements form one contradiction with two sides of two. */
export async function seed(url: string, statements: number) {
  const db = await openDatabase({ databaseUrl: url, dataDir: "" });
  await db.close();
  const c = new pg.Client({ connectionString: url });
  await c.connect();
  const n = statements - (statements % 4);
  const t0 = performance.now();
  await c.query("BEGIN");
  await c.query(`INSERT INTO "Speaker" (key, name, aliases, kind) SELECT 'org:' || g, 'Organisation ' || g, ARRAY[]::text[], 'GOVERNMENT' FROM generate_series(1, 10) g`);
  await c.query(`INSERT INTO "Speaker" (key, name, aliases, kind, role, "affiliationId") SELECT 'person:' || g, 'Person ' || g, ARRAY['P' || g], 'PERSON', 'spokesperson', 1 + g % 10 FROM generate_series(1, 90) g`);
  await c.query(`INSERT INTO "Source" ("contentHash", title, publisher, "publishedAt", language, text)
    SELECT md5('src' || g), 'Synthetic report ' || g, 'Outlet ' || (g % 7), timestamp '2031-01-01' + g * interval '1 hour', 'en', repeat('Synthetic body text. ', 60)
    FROM generate_series(1, 500) g`);
  await c.query(`INSERT INTO "Statement" ("sourceId", "speakerId", start, "end", text, cue, direct, claim, polarity, "propKey", confidence)
    SELECT 1 + (g * 7) % 500, 11 + (g * 13) % 90, (g % 20) * 40, (g % 20) * 40 + 35, 'Synthetic statement number ' || g, 'said', g % 3 = 0,
           'claim ' || (g / 4), CASE WHEN g % 4 < 2 THEN 'AFFIRM'::"Polarity" ELSE 'DENY'::"Polarity" END, 'K|' || (g / 4), 0.8
    FROM generate_series(0, ${n - 1}) g`);
  await c.query(`INSERT INTO "Contradiction" (key, "blockKey", kind, confidence, explanation, rule, "detectorVersion")
    SELECT 'POLARITY|K|' || g, 'K|' || g, 'POLARITY', (g % 100) / 100.0, 'Synthetic conflict ' || g, 'polarity', 'bench'
    FROM generate_series(0, ${n / 4 - 1}) g`);
  await c.query(`INSERT INTO "ContradictionSide" ("contradictionId", position, label) SELECT 1 + g / 2, g % 2, CASE WHEN g % 2 = 0 THEN 'affirm' ELSE 'deny' END FROM generate_series(0, ${n / 2 - 1}) g`);
  // statement ids 1..n: statements 4k+1, 4k+2 → side 2k+1; 4k+3, 4k+4 → side 2k+2
  await c.query(`INSERT INTO "_ContradictionSideToStatement" ("A", "B") SELECT 1 + g / 2, 1 + g FROM generate_series(0, ${n - 1}) g`);
  await c.query("COMMIT");
  await c.query("ANALYZE");
  const counts = (await c.query(`SELECT (SELECT count(*) FROM "Statement") s, (SELECT count(*) FROM "Contradiction") c, (SELECT count(*) FROM "Source") src`)).rows[0];
  await c.end();
  console.log(`seeded ${counts.s} statements, ${counts.c} contradictions, ${counts.src} sources in ${((performance.now() - t0) / 1000).toFixed(1)} s`);
}
