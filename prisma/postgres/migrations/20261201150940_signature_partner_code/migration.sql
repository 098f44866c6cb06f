-- AlterTable
ALTER TABLE "Signature" ADD COLUMN     "partnerCode" TEXT;

-- CreateTable
CREATE TABLE "PledgePartnerTotal" (
    "partnerCode" TEXT NOT NULL,
    "count" INTEGER NOT NULL,

    CONSTRAINT "PledgePartnerTotal_pkey" PRIMARY KEY ("partnerCode")
);
