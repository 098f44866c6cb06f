import "server-only";
import type { DbClient } from "@/lib/platform/db";
import { createMailProblems } from "@/lib/mail/problems";
import { readJobHealth, type JobHealth } from "@/lib/retention/job-runs";

// What the dashboard warns staff about: background work that failed and would otherwise only show in one
// instance's log. Counts, step names and error names only: nothing here names a person.

/** The sweep runs hourly on every instance; three hours without any step running means none is. */
const SWEEP_STALE_MS = 3 * 60 * 60 * 1000;

export type ServiceHealth = {
  jobs: JobHealth & {
    /** No step has run for hours although rounds were recorded before: the schedule itself stopped. */
    stale: boolean;
  };
  /** Emails that failed or were interrupted and wait for staff at /admin/emails. */
  emailsWaiting: number;
};

export async function readServiceHealth(db: DbClient, now = new Date()): Promise<ServiceHealth> {
  const [jobs, emailsWaiting] = await Promise.all([readJobHealth(db), createMailProblems(db).count(now)]);
  const stale = jobs.lastRunAt !== null && now.getTime() - jobs.lastRunAt.getTime() > SWEEP_STALE_MS;
  return { jobs: { ...jobs, stale }, emailsWaiting };
}

/** Whether the dashboard has anything to warn about. */
export const needsAttention = (health: ServiceHealth) =>
  health.jobs.failing.length > 0 || health.jobs.stale || health.emailsWaiting > 0;
