-- Inverted key table for contradiction blocking: one row per (blocking key, statement). A statement's keys are the
-- space-separated tokens of its "propKey" (see src/ingest/stages/04-claims.ts keysOf); a trigger keeps the table in
-- step with every insert and update, and rows go with their statement. Candidates for a key are read newest first
-- from the primary key's index (key, statementId), so a look-up costs the block cap, not the block's size.
CREATE TABLE "ClaimKey" (
    "key" TEXT NOT NULL,
    "statementId" INTEGER NOT NULL,

    CONSTRAINT "ClaimKey_pkey" PRIMARY KEY ("key","statementId")
);

CREATE INDEX "ClaimKey_statementId_idx" ON "ClaimKey"("statementId");

ALTER TABLE "ClaimKey" ADD CONSTRAINT "ClaimKey_statementId_fkey" FOREIGN KEY ("statementId") REFERENCES "Statement"("id") ON DELETE CASCADE ON UPDATE CASCADE;

CREATE FUNCTION "claim_keys_sync"() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP = 'UPDATE' THEN
    IF NEW."propKey" IS NOT DISTINCT FROM OLD."propKey" THEN RETURN NEW; END IF;
    DELETE FROM "ClaimKey" WHERE "statementId" = NEW."id";
  END IF;
  INSERT INTO "ClaimKey" ("key", "statementId")
    SELECT DISTINCT k, NEW."id" FROM unnest(string_to_array(NEW."propKey", ' ')) AS k WHERE k <> ''
    ON CONFLICT DO NOTHING;
  RETURN NEW;
END;
$$;

CREATE TRIGGER "Statement_claim_keys" AFTER INSERT OR UPDATE OF "propKey" ON "Statement"
  FOR EACH ROW EXECUTE FUNCTION "claim_keys_sync"();

INSERT INTO "ClaimKey" ("key", "statementId")
  SELECT DISTINCT k, s."id" FROM "Statement" s, unnest(string_to_array(s."propKey", ' ')) AS k WHERE k <> ''
  ON CONFLICT DO NOTHING;
