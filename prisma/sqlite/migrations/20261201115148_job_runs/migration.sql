-- CreateTable
CREATE TABLE "JobRun" (
    "name" TEXT NOT NULL PRIMARY KEY,
    "lastRunAt" DATETIME NOT NULL,
    "lastOkAt" DATETIME,
    "lastError" TEXT,
    "failingSince" DATETIME
);
