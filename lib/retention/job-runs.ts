import "server-only";
import type { DbClient } from "@/lib/platform/db";
import type { SweepReport } from "@/lib/retention/sweep-runner";

// The outcome of each step's last run, kept in the JobRun table so that every instance's work shows in one
// place and staff see a failure on the dashboard, not only in one instance's log. A step another instance
// ran this round is not written: that instance writes it.

/**
 * Records a round: each step that ran is marked ok (clearing any failure), each that failed is marked
 * with its error's name, and keeps the time its failures began.
 */
export async function recordSweepRound(db: DbClient, report: SweepReport, now = new Date()): Promise<void> {
  for (const name of Object.keys(report.done)) {
    await db.jobRun.upsert({
      where: { name },
      create: { name, lastRunAt: now, lastOkAt: now },
      update: { lastRunAt: now, lastOkAt: now, lastError: null, failingSince: null },
    });
  }
  for (const { name, error } of report.failed) {
    await db.$transaction([
      db.jobRun.upsert({
        where: { name },
        create: { name, lastRunAt: now, lastError: error, failingSince: now },
        update: { lastRunAt: now, lastError: error },
      }),
      // Only the first failure of a run of them starts the clock; later ones leave it.
      db.jobRun.updateMany({ where: { name, failingSince: null }, data: { failingSince: now } }),
    ]);
  }
}

export type FailingStep = { name: string; errorName: string; failingSince: Date; lastOkAt: Date | null };

export type JobHealth = {
  /** Steps whose last run failed, longest-failing first. */
  failing: FailingStep[];
  /** Steps whose last run succeeded. */
  okCount: number;
  /** The most recent run of any step; null if no round has been recorded yet. */
  lastRunAt: Date | null;
};

/** What the staff dashboard shows about the scheduled jobs. */
export async function readJobHealth(db: DbClient): Promise<JobHealth> {
  const rows = await db.jobRun.findMany({ orderBy: [{ failingSince: "asc" }, { name: "asc" }] });
  const failing: FailingStep[] = [];
  let lastRunAt: Date | null = null;
  for (const row of rows) {
    if (!lastRunAt || row.lastRunAt > lastRunAt) lastRunAt = row.lastRunAt;
    if (row.lastError !== null)
      failing.push({
        name: row.name,
        errorName: row.lastError,
        failingSince: row.failingSince ?? row.lastRunAt,
        lastOkAt: row.lastOkAt,
      });
  }
  return { failing, okCount: rows.length - failing.length, lastRunAt };
}
