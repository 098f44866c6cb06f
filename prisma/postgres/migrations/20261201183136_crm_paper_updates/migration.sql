-- AlterTable
ALTER TABLE "OutboxMessage" ADD COLUMN     "campaignUpdateId" TEXT;

-- AlterTable
ALTER TABLE "Signature" ADD COLUMN     "campaignEmailsAt" TIMESTAMP(3),
ADD COLUMN     "paperBatchId" TEXT,
ADD COLUMN     "source" TEXT NOT NULL DEFAULT 'online',
ADD COLUMN     "updatedAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP;

-- CreateTable
CREATE TABLE "CampaignUpdate" (
    "id" TEXT NOT NULL,
    "subject" TEXT NOT NULL,
    "body" TEXT NOT NULL,
    "nation" TEXT,
    "partnerCode" TEXT,
    "status" TEXT NOT NULL DEFAULT 'draft',
    "ratePerMinute" INTEGER NOT NULL DEFAULT 600,
    "recipients" INTEGER NOT NULL DEFAULT 0,
    "createdBy" TEXT NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,
    "sentBy" TEXT,
    "sendStartedAt" TIMESTAMP(3),
    "finalProgress" TEXT,

    CONSTRAINT "CampaignUpdate_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "ExportRun" (
    "id" TEXT NOT NULL,
    "kind" TEXT NOT NULL,
    "actor" TEXT NOT NULL,
    "since" TIMESTAMP(3),
    "upTo" TIMESTAMP(3) NOT NULL,
    "rows" INTEGER NOT NULL DEFAULT 0,
    "complete" BOOLEAN NOT NULL DEFAULT false,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "ExportRun_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "PaperBatch" (
    "id" TEXT NOT NULL,
    "eventName" TEXT NOT NULL,
    "eventDate" TEXT NOT NULL,
    "consentVersion" TEXT NOT NULL,
    "kind" TEXT NOT NULL,
    "status" TEXT NOT NULL DEFAULT 'draft',
    "draft" TEXT,
    "fileName" TEXT,
    "rowCount" INTEGER NOT NULL DEFAULT 0,
    "storedCount" INTEGER NOT NULL DEFAULT 0,
    "createdBy" TEXT NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "storedAt" TIMESTAMP(3),
    "undoneAt" TIMESTAMP(3),
    "undoneBy" TEXT,

    CONSTRAINT "PaperBatch_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "SignatureRemoval" (
    "signatureId" TEXT NOT NULL,
    "reason" TEXT NOT NULL,
    "removedAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "SignatureRemoval_pkey" PRIMARY KEY ("signatureId")
);

-- CreateIndex
CREATE INDEX "CampaignUpdate_createdAt_idx" ON "CampaignUpdate"("createdAt");

-- CreateIndex
CREATE INDEX "ExportRun_kind_complete_upTo_idx" ON "ExportRun"("kind", "complete", "upTo");

-- CreateIndex
CREATE INDEX "PaperBatch_status_createdAt_idx" ON "PaperBatch"("status", "createdAt");

-- CreateIndex
CREATE INDEX "SignatureRemoval_removedAt_idx" ON "SignatureRemoval"("removedAt");

-- CreateIndex
CREATE INDEX "OutboxMessage_campaignUpdateId_status_idx" ON "OutboxMessage"("campaignUpdateId", "status");

-- CreateIndex
CREATE INDEX "Signature_paperBatchId_idx" ON "Signature"("paperBatchId");

-- CreateIndex
CREATE INDEX "Signature_source_status_idx" ON "Signature"("source", "status");

-- CreateIndex
CREATE INDEX "Signature_updatedAt_idx" ON "Signature"("updatedAt");

-- Existing signatures: their campaign-email choice dates from signing, and nothing has changed since
UPDATE "Signature" SET "campaignEmailsAt" = "consentAt", "updatedAt" = "createdAt";
