-- AlterTable
ALTER TABLE "Signature" ADD COLUMN "partnerCode" TEXT;

-- CreateTable
CREATE TABLE "PledgePartnerTotal" (
    "partnerCode" TEXT NOT NULL PRIMARY KEY,
    "count" INTEGER NOT NULL
);
