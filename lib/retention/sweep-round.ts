import "server-only";
import type { DbClient } from "@/lib/platform/db";
import type { JobLocks } from "@/lib/platform/advisory-lock";
import { logger, type Logger } from "@/lib/platform/log";
import { recordSweepRound } from "@/lib/retention/job-runs";
import { runSweep, type SweepReport, type SweepStep } from "@/lib/retention/sweep-runner";

/**
 * One round of the hourly sweep: runs every step (one failing never stops the others), logs each failure
 * by step and error name, and records the outcomes in JobRun for the dashboard. If the outcomes cannot be
 * written (the database is away), that is logged too; the round itself is done either way.
 */
export async function runSweepRound(
  db: DbClient,
  steps: SweepStep[],
  locks: JobLocks,
  options: { log?: Logger; now?: () => Date } = {},
): Promise<SweepReport> {
  const log = options.log ?? logger;
  const report = await runSweep(steps, locks);
  // The error name only: a database error message can quote the values it was given.
  for (const { name, error } of report.failed)
    log.error({ step: name, errorName: error }, "retention: step failed");
  const total = Object.values(report.done).reduce((a, b) => a + b, 0);
  if (total > 0) log.info({ deleted: report.done }, "retention: sweep done");
  try {
    await recordSweepRound(db, report, options.now?.() ?? new Date());
  } catch (error) {
    log.error({ errorName: (error as Error)?.name ?? "Error" }, "retention: could not record the round");
  }
  return report;
}
