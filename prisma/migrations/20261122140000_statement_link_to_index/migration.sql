-- Revision links are replaced by either end when a block is refreshed; the "to" end needs its own index.
CREATE INDEX "StatementLink_toId_idx" ON "StatementLink" ("toId");
