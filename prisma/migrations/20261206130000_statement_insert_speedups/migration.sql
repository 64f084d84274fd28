-- Cheaper statement inserts (bench/ingest/HEALTH.md: at 2 MB most of a store is the insert itself).
-- 1. "Statement_propKey_idx" duplicated "Statement_propKey_prefix_idx": a text_pattern_ops index serves "=" and
--    IN as well as the prefix matches, so one index on "propKey" is kept, not two.
DROP INDEX "Statement_propKey_idx";

-- 2. New statements' claim keys in one INSERT per statement inserted (a transition table), instead of a plpgsql call
--    and an INSERT per row. Updates of "propKey" keep the row trigger (claim_keys_sync, which replaces the row's keys).
DROP TRIGGER "Statement_claim_keys" ON "StatementRow";

CREATE FUNCTION "claim_keys_insert"() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  INSERT INTO "ClaimKey" ("key", "statementId")
    SELECT DISTINCT k, n."id" FROM "new_statements" n, unnest(string_to_array(n."propKey", ' ')) AS k WHERE k <> ''
    ON CONFLICT DO NOTHING;
  RETURN NULL;
END;
$$;

CREATE TRIGGER "Statement_claim_keys_insert" AFTER INSERT ON "StatementRow"
  REFERENCING NEW TABLE AS "new_statements" FOR EACH STATEMENT EXECUTE FUNCTION "claim_keys_insert"();

CREATE TRIGGER "Statement_claim_keys" AFTER UPDATE OF "propKey" ON "StatementRow"
  FOR EACH ROW EXECUTE FUNCTION "claim_keys_sync"();
