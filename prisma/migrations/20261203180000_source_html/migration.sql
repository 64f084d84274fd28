-- AlterTable
ALTER TABLE "Source" ADD COLUMN     "author" TEXT,
ADD COLUMN     "htmlExtractor" TEXT,
ADD COLUMN     "originalHtml" BYTEA;
