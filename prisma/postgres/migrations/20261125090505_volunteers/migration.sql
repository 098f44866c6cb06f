-- CreateTable
CREATE TABLE "Volunteer" (
    "id" TEXT NOT NULL,
    "emailLookup" TEXT NOT NULL,
    "nameSealed" TEXT NOT NULL,
    "emailSealed" TEXT NOT NULL,
    "phoneSealed" TEXT,
    "noteSealed" TEXT,
    "healthBoard" TEXT NOT NULL,
    "helpWith" TEXT NOT NULL,
    "contactBy" TEXT NOT NULL,
    "status" TEXT NOT NULL DEFAULT 'pending',
    "healthConsentVersion" TEXT NOT NULL,
    "healthConsentAt" TIMESTAMP(3) NOT NULL,
    "clientHash" TEXT NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "confirmedAt" TIMESTAMP(3),
    "repeatEmailCount" INTEGER NOT NULL DEFAULT 0,
    "repeatWindowStartedAt" TIMESTAMP(3),

    CONSTRAINT "Volunteer_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE UNIQUE INDEX "Volunteer_emailLookup_key" ON "Volunteer"("emailLookup");

-- CreateIndex
CREATE INDEX "Volunteer_status_healthBoard_idx" ON "Volunteer"("status", "healthBoard");

-- CreateIndex
CREATE INDEX "Volunteer_createdAt_idx" ON "Volunteer"("createdAt");
