-- CreateSchema
CREATE SCHEMA IF NOT EXISTS "public";

-- CreateEnum
CREATE TYPE "SpeakerKind" AS ENUM ('PERSON', 'ORGANIZATION', 'GOVERNMENT', 'OUTLET', 'ANONYMOUS');

-- CreateEnum
CREATE TYPE "Polarity" AS ENUM ('AFFIRM', 'DENY');

-- CreateEnum
CREATE TYPE "Modality" AS ENUM ('ASSERTED', 'REPORTED', 'HEDGED', 'ALLEGED', 'UNCERTAIN');

-- CreateEnum
CREATE TYPE "ContradictionKind" AS ENUM ('POLARITY', 'AGENT', 'NUMERIC', 'TEMPORAL', 'SELF_REVERSAL', 'CHARACTERIZATION');

-- CreateEnum
CREATE TYPE "ReviewStatus" AS ENUM ('OPEN', 'CONFIRMED', 'DISMISSED');

-- CreateEnum
CREATE TYPE "StatementLinkKind" AS ENUM ('REVISION', 'RESTATEMENT');

-- CreateTable
CREATE TABLE "Source" (
    "id" SERIAL NOT NULL,
    "contentHash" TEXT NOT NULL,
    "title" TEXT,
    "url" TEXT,
    "publisher" TEXT,
    "publishedAt" TIMESTAMP(3),
    "language" TEXT NOT NULL DEFAULT 'und',
    "text" TEXT NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "Source_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "Speaker" (
    "id" SERIAL NOT NULL,
    "key" TEXT NOT NULL,
    "formerKeys" TEXT[] DEFAULT ARRAY[]::TEXT[],
    "name" TEXT NOT NULL,
    "aliases" TEXT[],
    "kind" "SpeakerKind" NOT NULL,
    "role" TEXT,
    "affiliationId" INTEGER,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "Speaker_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "Event" (
    "id" SERIAL NOT NULL,
    "key" TEXT NOT NULL,
    "type" TEXT NOT NULL,
    "description" TEXT NOT NULL,
    "date" TIMESTAMP(3),
    "place" TEXT,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "Event_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "Statement" (
    "id" SERIAL NOT NULL,
    "sourceId" INTEGER NOT NULL,
    "speakerId" INTEGER NOT NULL,
    "eventId" INTEGER,
    "start" INTEGER NOT NULL,
    "end" INTEGER NOT NULL,
    "text" TEXT NOT NULL,
    "cue" TEXT NOT NULL,
    "direct" BOOLEAN NOT NULL,
    "speakerRole" TEXT,
    "claim" TEXT NOT NULL,
    "polarity" "Polarity" NOT NULL,
    "modality" "Modality" NOT NULL DEFAULT 'ASSERTED',
    "frame" JSONB NOT NULL DEFAULT '{}',
    "propKey" TEXT NOT NULL DEFAULT '',
    "confidence" DOUBLE PRECISION NOT NULL DEFAULT 0.5,
    "manual" BOOLEAN NOT NULL DEFAULT false,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "Statement_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "Contradiction" (
    "id" SERIAL NOT NULL,
    "key" TEXT NOT NULL,
    "blockKey" TEXT NOT NULL,
    "kind" "ContradictionKind" NOT NULL,
    "confidence" DOUBLE PRECISION NOT NULL,
    "explanation" TEXT NOT NULL,
    "rule" TEXT NOT NULL,
    "detectorVersion" TEXT NOT NULL,
    "status" "ReviewStatus" NOT NULL DEFAULT 'OPEN',
    "note" TEXT,
    "reviewedAt" TIMESTAMP(3),
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "Contradiction_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "ContradictionSide" (
    "id" SERIAL NOT NULL,
    "contradictionId" INTEGER NOT NULL,
    "position" INTEGER NOT NULL,
    "label" TEXT NOT NULL,

    CONSTRAINT "ContradictionSide_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "StatementLink" (
    "id" SERIAL NOT NULL,
    "kind" "StatementLinkKind" NOT NULL,
    "fromId" INTEGER NOT NULL,
    "toId" INTEGER NOT NULL,
    "explanation" TEXT NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "StatementLink_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "_ContradictionSideToStatement" (
    "A" INTEGER NOT NULL,
    "B" INTEGER NOT NULL,

    CONSTRAINT "_ContradictionSideToStatement_AB_pkey" PRIMARY KEY ("A","B")
);

-- CreateIndex
CREATE UNIQUE INDEX "Source_contentHash_key" ON "Source"("contentHash");

-- CreateIndex
CREATE INDEX "Source_publishedAt_idx" ON "Source"("publishedAt");

-- CreateIndex
CREATE UNIQUE INDEX "Speaker_key_key" ON "Speaker"("key");

-- CreateIndex
CREATE INDEX "Speaker_name_idx" ON "Speaker"("name");

-- CreateIndex
CREATE UNIQUE INDEX "Event_key_key" ON "Event"("key");

-- CreateIndex
CREATE INDEX "Statement_sourceId_start_idx" ON "Statement"("sourceId", "start");

-- CreateIndex
CREATE INDEX "Statement_speakerId_idx" ON "Statement"("speakerId");

-- CreateIndex
CREATE INDEX "Statement_eventId_idx" ON "Statement"("eventId");

-- CreateIndex
CREATE INDEX "Statement_propKey_idx" ON "Statement"("propKey");

-- CreateIndex
CREATE UNIQUE INDEX "Contradiction_key_key" ON "Contradiction"("key");

-- CreateIndex
CREATE INDEX "Contradiction_blockKey_idx" ON "Contradiction"("blockKey");

-- CreateIndex
CREATE INDEX "Contradiction_kind_idx" ON "Contradiction"("kind");

-- CreateIndex
CREATE INDEX "Contradiction_confidence_idx" ON "Contradiction"("confidence");

-- CreateIndex
CREATE INDEX "Contradiction_status_idx" ON "Contradiction"("status");

-- CreateIndex
CREATE UNIQUE INDEX "ContradictionSide_contradictionId_position_key" ON "ContradictionSide"("contradictionId", "position");

-- CreateIndex
CREATE UNIQUE INDEX "StatementLink_kind_fromId_toId_key" ON "StatementLink"("kind", "fromId", "toId");

-- CreateIndex
CREATE INDEX "_ContradictionSideToStatement_B_index" ON "_ContradictionSideToStatement"("B");

-- AddForeignKey
ALTER TABLE "Speaker" ADD CONSTRAINT "Speaker_affiliationId_fkey" FOREIGN KEY ("affiliationId") REFERENCES "Speaker"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Statement" ADD CONSTRAINT "Statement_sourceId_fkey" FOREIGN KEY ("sourceId") REFERENCES "Source"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Statement" ADD CONSTRAINT "Statement_speakerId_fkey" FOREIGN KEY ("speakerId") REFERENCES "Speaker"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Statement" ADD CONSTRAINT "Statement_eventId_fkey" FOREIGN KEY ("eventId") REFERENCES "Event"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "ContradictionSide" ADD CONSTRAINT "ContradictionSide_contradictionId_fkey" FOREIGN KEY ("contradictionId") REFERENCES "Contradiction"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "StatementLink" ADD CONSTRAINT "StatementLink_fromId_fkey" FOREIGN KEY ("fromId") REFERENCES "Statement"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "StatementLink" ADD CONSTRAINT "StatementLink_toId_fkey" FOREIGN KEY ("toId") REFERENCES "Statement"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "_ContradictionSideToStatement" ADD CONSTRAINT "_ContradictionSideToStatement_A_fkey" FOREIGN KEY ("A") REFERENCES "ContradictionSide"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "_ContradictionSideToStatement" ADD CONSTRAINT "_ContradictionSideToStatement_B_fkey" FOREIGN KEY ("B") REFERENCES "Statement"("id") ON DELETE CASCADE ON UPDATE CASCADE;

