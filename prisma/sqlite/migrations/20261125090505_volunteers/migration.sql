-- CreateTable
CREATE TABLE "Volunteer" (
    "id" TEXT NOT NULL PRIMARY KEY,
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
    "healthConsentAt" DATETIME NOT NULL,
    "clientHash" TEXT NOT NULL,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "confirmedAt" DATETIME,
    "repeatEmailCount" INTEGER NOT NULL DEFAULT 0,
    "repeatWindowStartedAt" DATETIME
);

-- CreateIndex
CREATE UNIQUE INDEX "Volunteer_emailLookup_key" ON "Volunteer"("emailLookup");

-- CreateIndex
CREATE INDEX "Volunteer_status_healthBoard_idx" ON "Volunteer"("status", "healthBoard");

-- CreateIndex
CREATE INDEX "Volunteer_createdAt_idx" ON "Volunteer"("createdAt");
