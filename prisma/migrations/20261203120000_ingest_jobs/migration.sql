-- CreateEnum
CREATE TYPE "IngestJobState" AS ENUM ('QUEUED', 'RUNNING', 'DONE');

-- CreateEnum
CREATE TYPE "IngestItemState" AS ENUM ('PENDING', 'DONE', 'FAILED');

-- CreateTable
CREATE TABLE "IngestJob" (
    "id" SERIAL NOT NULL,
    "state" "IngestJobState" NOT NULL DEFAULT 'QUEUED',
    "total" INTEGER NOT NULL,
    "done" INTEGER NOT NULL DEFAULT 0,
    "failed" INTEGER NOT NULL DEFAULT 0,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "finishedAt" TIMESTAMP(3),

    CONSTRAINT "IngestJob_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "IngestJobItem" (
    "id" SERIAL NOT NULL,
    "jobId" INTEGER NOT NULL,
    "position" INTEGER NOT NULL,
    "input" JSONB,
    "state" "IngestItemState" NOT NULL DEFAULT 'PENDING',
    "attempts" INTEGER NOT NULL DEFAULT 0,
    "sourceId" INTEGER,
    "created" BOOLEAN,
    "error" TEXT,
    "doneAt" TIMESTAMP(3),

    CONSTRAINT "IngestJobItem_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "IngestJobItem_state_jobId_position_idx" ON "IngestJobItem"("state", "jobId", "position");

-- CreateIndex
CREATE INDEX "IngestJobItem_sourceId_idx" ON "IngestJobItem"("sourceId");

-- CreateIndex
CREATE UNIQUE INDEX "IngestJobItem_jobId_position_key" ON "IngestJobItem"("jobId", "position");

-- AddForeignKey
ALTER TABLE "IngestJobItem" ADD CONSTRAINT "IngestJobItem_jobId_fkey" FOREIGN KEY ("jobId") REFERENCES "IngestJob"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "IngestJobItem" ADD CONSTRAINT "IngestJobItem_sourceId_fkey" FOREIGN KEY ("sourceId") REFERENCES "Source"("id") ON DELETE SET NULL ON UPDATE CASCADE;

