-- AlterTable
ALTER TABLE "Source" ADD COLUMN     "author" TEXT,
ADD COLUMN     "fetchedUrl" TEXT,
ADD COLUMN     "htmlExtractor" TEXT,
ADD COLUMN     "originalHtml" BYTEA;

-- CreateIndex
CREATE INDEX "Source_url_idx" ON "Source"("url");

-- CreateIndex
CREATE INDEX "Source_fetchedUrl_idx" ON "Source"("fetchedUrl");
