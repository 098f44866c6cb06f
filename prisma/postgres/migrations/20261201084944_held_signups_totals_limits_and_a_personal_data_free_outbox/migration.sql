-- AlterTable
ALTER TABLE "OutboxMessage" DROP COLUMN "html",
DROP COLUMN "subject",
DROP COLUMN "text",
DROP COLUMN "toAddress",
ADD COLUMN     "params" TEXT,
ADD COLUMN     "refId" TEXT;

-- AlterTable
ALTER TABLE "Signature" ADD COLUMN     "heldReason" TEXT;

-- CreateTable
CREATE TABLE "PledgeTotal" (
    "nation" TEXT NOT NULL,
    "country" TEXT NOT NULL,
    "day" TEXT NOT NULL,
    "count" INTEGER NOT NULL,

    CONSTRAINT "PledgeTotal_pkey" PRIMARY KEY ("nation","country","day")
);

-- CreateTable
CREATE TABLE "SigningLimits" (
    "id" TEXT NOT NULL,
    "freePerAddressPerHour" INTEGER NOT NULL,
    "updatedAt" TIMESTAMP(3) NOT NULL,
    "updatedBy" TEXT NOT NULL,

    CONSTRAINT "SigningLimits_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "AllowedRange" (
    "id" TEXT NOT NULL,
    "cidr" TEXT NOT NULL,
    "note" TEXT NOT NULL,
    "until" TIMESTAMP(3) NOT NULL,
    "createdBy" TEXT NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "AllowedRange_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "AllowedRange_until_idx" ON "AllowedRange"("until");

-- CreateIndex
CREATE INDEX "OutboxMessage_refId_idx" ON "OutboxMessage"("refId");

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
