-- Ingest looks speakers up by key or by a former key (after a merge): formerKeys && $keys needs a GIN index, or
-- every ingest scans the whole Speaker table.
CREATE INDEX "Speaker_formerKeys_idx" ON "Speaker" USING GIN ("formerKeys");
