import type { JobLocks } from "@/lib/platform/advisory-lock";

// Runs a round of sweep steps one by one. A step that fails is reported and the others still run. Shared
// steps (work on the database) run under an advisory lock of their own, so with several instances one at a
// time runs each; an instance that does not get the lock skips that step this round. Per-instance steps
// (this machine's own files) always run.

export type SweepStep = {
  name: string;
  run: () => Promise<number>;
  /** Work on this instance's own disk: every instance must run it. */
  perInstance?: boolean;
};

export type SweepReport = {
  /** What each step that ran deleted or repaired. */
  done: Record<string, number>;
  /** Steps another instance was running. */
  skipped: string[];
  /** Steps that failed, with the error's name only: a database error message can quote values. */
  failed: { name: string; error: string }[];
};

export async function runSweep(steps: SweepStep[], locks: JobLocks): Promise<SweepReport> {
  const report: SweepReport = { done: {}, skipped: [], failed: [] };
  for (const step of steps) {
    try {
      const outcome = step.perInstance
        ? { ran: true as const, value: await step.run() }
        : await locks.runExclusive(`retention:${step.name}`, step.run);
      if (outcome.ran) report.done[step.name] = outcome.value;
      else report.skipped.push(step.name);
    } catch (error) {
      report.failed.push({ name: step.name, error: (error as Error)?.name ?? "Error" });
    }
  }
  return report;
}
