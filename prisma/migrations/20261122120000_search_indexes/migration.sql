-- Full-text search over sources, for checkClaim's candidate retrieval: a generated tsvector (title weighted above
-- body) and its GIN index. Declared in schema.prisma as Unsupported("tsvector"); Prisma never writes it.
ALTER TABLE "Source" ADD COLUMN "search" tsvector GENERATED ALWAYS AS (
  setweight(to_tsvector('english', coalesce("title", '')), 'A') || setweight(to_tsvector('english', "text"), 'B')
) STORED;
CREATE INDEX "Source_search_idx" ON "Source" USING GIN ("search");

-- Proposition-block look-ups are prefix matches (propKey LIKE 'TYPE|agent|place|%'): a pattern-ops index serves them
-- whatever the database's collation.
CREATE INDEX "Statement_propKey_prefix_idx" ON "Statement" ("propKey" text_pattern_ops);
