-- AlterTable
ALTER TABLE "Signature" ADD COLUMN "heldReason" TEXT;

-- CreateTable
CREATE TABLE "PledgeTotal" (
    "nation" TEXT NOT NULL,
    "country" TEXT NOT NULL,
    "day" TEXT NOT NULL,
    "count" INTEGER NOT NULL,

    PRIMARY KEY ("nation", "country", "day")
);

-- CreateTable
CREATE TABLE "SigningLimits" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "freePerAddressPerHour" INTEGER NOT NULL,
    "updatedAt" DATETIME NOT NULL,
    "updatedBy" TEXT NOT NULL
);

-- CreateTable
CREATE TABLE "AllowedRange" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "cidr" TEXT NOT NULL,
    "note" TEXT NOT NULL,
    "until" DATETIME NOT NULL,
    "createdBy" TEXT NOT NULL,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP
);

-- RedefineTables
PRAGMA defer_foreign_keys=ON;
PRAGMA foreign_keys=OFF;
CREATE TABLE "new_OutboxMessage" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "kind" TEXT NOT NULL,
    "refId" TEXT,
    "params" TEXT,
    "status" TEXT NOT NULL DEFAULT 'pending',
    "attempts" INTEGER NOT NULL DEFAULT 0,
    "nextAttemptAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "lockedUntil" DATETIME,
    "lastError" TEXT,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "sentAt" DATETIME
);
INSERT INTO "new_OutboxMessage" ("attempts", "createdAt", "id", "kind", "lastError", "lockedUntil", "nextAttemptAt", "sentAt", "status") SELECT "attempts", "createdAt", "id", "kind", "lastError", "lockedUntil", "nextAttemptAt", "sentAt", "status" FROM "OutboxMessage";
DROP TABLE "OutboxMessage";
ALTER TABLE "new_OutboxMessage" RENAME TO "OutboxMessage";
CREATE INDEX "OutboxMessage_status_nextAttemptAt_idx" ON "OutboxMessage"("status", "nextAttemptAt");
CREATE INDEX "OutboxMessage_refId_idx" ON "OutboxMessage"("refId");
PRAGMA foreign_keys=ON;
PRAGMA defer_foreign_keys=OFF;

-- CreateIndex
CREATE INDEX "AllowedRange_until_idx" ON "AllowedRange"("until");

-- CreateIndex
CREATE INDEX "Signature_status_createdAt_idx" ON "Signature"("status", "createdAt");

-- Data: suspected-abuse rows become held sign-ups staff can review. Running totals start from the rows.
-- Emails queued before this change carried their body and have no reference to render from, so they
-- are shown to staff as failed rather than sent empty.
UPDATE "Signature" SET "status" = 'held', "heldReason" = 'over-allowance' WHERE "status" = 'suspect';
INSERT INTO "PledgeTotal" ("nation", "country", "day", "count")
  SELECT "nation", "country", 'all', COUNT(*) FROM "Signature"
  WHERE "status" = 'confirmed'
  GROUP BY "nation", "country";
INSERT INTO "PledgeTotal" ("nation", "country", "day", "count")
  SELECT '*', '*', COALESCE("confirmedOn", 'unknown'), COUNT(*) FROM "Signature"
  WHERE "status" = 'confirmed'
  GROUP BY "confirmedOn";
UPDATE "OutboxMessage" SET "status" = 'failed', "lastError" = 'queued before the outbox held references'
  WHERE "status" IN ('pending', 'sending');
