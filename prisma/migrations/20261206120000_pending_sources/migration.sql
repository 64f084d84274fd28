-- A source stored in several short transactions (PGlite: src/services/ingest.ts storeInChunks) is invisible until
-- its last one commits. The tables become "SourceRow" and "StatementRow"; "Source" and "Statement" are views over
-- them that leave out the sources listed in "PendingSource" and their statements. Every read (Prisma's queries, the
-- raw SQL, relation loads, node(id), checkClaim, the refresh, the look-up by content hash) goes through the views, so
-- none can see a half-stored source. The views are simple (one table, a WHERE), so PostgreSQL updates them
-- automatically: Prisma's INSERT … RETURNING, UPDATE and DELETE on "Source" and "Statement" reach the tables, whose
-- defaults, generated column, triggers, indexes, sequences and constraints (names unchanged) all stay with them.
-- "PendingSource" is empty except while a chunked store runs; a start-up removes what a crash left listed there,
-- with the speakers and events that store created ("speakerIds", "eventIds") when nothing else uses them.
-- A migration that adds a column to a table must re-create its view (a view's column list is fixed when made).
ALTER TABLE "Source" RENAME TO "SourceRow";
ALTER TABLE "Statement" RENAME TO "StatementRow";

CREATE TABLE "PendingSource" (
    "sourceId" INTEGER NOT NULL,
    "speakerIds" INTEGER[] NOT NULL DEFAULT '{}',
    "eventIds" INTEGER[] NOT NULL DEFAULT '{}',
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "PendingSource_pkey" PRIMARY KEY ("sourceId")
);

ALTER TABLE "PendingSource" ADD CONSTRAINT "PendingSource_sourceId_fkey" FOREIGN KEY ("sourceId") REFERENCES "SourceRow"("id") ON DELETE CASCADE ON UPDATE CASCADE;

CREATE VIEW "Source" AS
  SELECT s.* FROM "SourceRow" s WHERE NOT EXISTS (SELECT 1 FROM "PendingSource" p WHERE p."sourceId" = s."id");

CREATE VIEW "Statement" AS
  SELECT t.* FROM "StatementRow" t WHERE NOT EXISTS (SELECT 1 FROM "PendingSource" p WHERE p."sourceId" = t."sourceId");
