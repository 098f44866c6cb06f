-- AlterTable
ALTER TABLE "OutboxMessage" ADD COLUMN "campaignUpdateId" TEXT;

-- CreateTable
CREATE TABLE "CampaignUpdate" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "subject" TEXT NOT NULL,
    "body" TEXT NOT NULL,
    "nation" TEXT,
    "partnerCode" TEXT,
    "status" TEXT NOT NULL DEFAULT 'draft',
    "ratePerMinute" INTEGER NOT NULL DEFAULT 600,
    "recipients" INTEGER NOT NULL DEFAULT 0,
    "createdBy" TEXT NOT NULL,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" DATETIME NOT NULL,
    "sentBy" TEXT,
    "sendStartedAt" DATETIME,
    "finalProgress" TEXT
);

-- CreateTable
CREATE TABLE "ExportRun" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "kind" TEXT NOT NULL,
    "actor" TEXT NOT NULL,
    "since" DATETIME,
    "upTo" DATETIME NOT NULL,
    "rows" INTEGER NOT NULL DEFAULT 0,
    "complete" BOOLEAN NOT NULL DEFAULT false,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP
);

-- CreateTable
CREATE TABLE "PaperBatch" (
    "id" TEXT NOT NULL PRIMARY KEY,
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
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "storedAt" DATETIME,
    "undoneAt" DATETIME,
    "undoneBy" TEXT
);

-- CreateTable
CREATE TABLE "SignatureRemoval" (
    "signatureId" TEXT NOT NULL PRIMARY KEY,
    "reason" TEXT NOT NULL,
    "removedAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP
);

-- RedefineTables
PRAGMA defer_foreign_keys=ON;
PRAGMA foreign_keys=OFF;
CREATE TABLE "new_Signature" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "name" TEXT NOT NULL,
    "email" TEXT NOT NULL,
    "emailKey" TEXT NOT NULL,
    "nation" TEXT NOT NULL,
    "country" TEXT NOT NULL,
    "status" TEXT NOT NULL DEFAULT 'pending',
    "heldReason" TEXT,
    "campaignEmails" BOOLEAN NOT NULL DEFAULT false,
    "consentVersion" TEXT NOT NULL,
    "consentAt" DATETIME NOT NULL,
    "clientHash" TEXT NOT NULL,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "confirmedAt" DATETIME,
    "confirmedOn" TEXT,
    "repeatEmailCount" INTEGER NOT NULL DEFAULT 0,
    "repeatWindowStartedAt" DATETIME,
    "partnerCode" TEXT,
    "source" TEXT NOT NULL DEFAULT 'online',
    "paperBatchId" TEXT,
    "campaignEmailsAt" DATETIME,
    "updatedAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP
);
INSERT INTO "new_Signature" ("campaignEmails", "clientHash", "confirmedAt", "confirmedOn", "consentAt", "consentVersion", "country", "createdAt", "email", "emailKey", "heldReason", "id", "name", "nation", "partnerCode", "repeatEmailCount", "repeatWindowStartedAt", "status", "campaignEmailsAt", "updatedAt") SELECT "campaignEmails", "clientHash", "confirmedAt", "confirmedOn", "consentAt", "consentVersion", "country", "createdAt", "email", "emailKey", "heldReason", "id", "name", "nation", "partnerCode", "repeatEmailCount", "repeatWindowStartedAt", "status", "consentAt", "createdAt" FROM "Signature";
DROP TABLE "Signature";
ALTER TABLE "new_Signature" RENAME TO "Signature";
CREATE UNIQUE INDEX "Signature_emailKey_key" ON "Signature"("emailKey");
CREATE INDEX "Signature_status_nation_country_idx" ON "Signature"("status", "nation", "country");
CREATE INDEX "Signature_status_confirmedOn_idx" ON "Signature"("status", "confirmedOn");
CREATE INDEX "Signature_createdAt_idx" ON "Signature"("createdAt");
CREATE INDEX "Signature_status_createdAt_idx" ON "Signature"("status", "createdAt");
CREATE INDEX "Signature_paperBatchId_idx" ON "Signature"("paperBatchId");
CREATE INDEX "Signature_source_status_idx" ON "Signature"("source", "status");
CREATE INDEX "Signature_updatedAt_idx" ON "Signature"("updatedAt");
PRAGMA foreign_keys=ON;
PRAGMA defer_foreign_keys=OFF;

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
