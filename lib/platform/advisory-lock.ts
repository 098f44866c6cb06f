import crypto from "node:crypto";
import pg from "pg";

// One instance at a time for jobs every instance schedules (the hourly retention sweeps): a PostgreSQL
// session advisory lock per job, tried, never waited for, on a connection of the caller's own. Session
// locks, not transaction ones, because a job runs its own statements through the app's pool, in several
// transactions. If that connection drops mid-job the lock goes with it and another instance may start the
// same job: acceptable, since every job we lock is idempotent; the lock saves work, it does not guard
// correctness.

export type ExclusiveRun<T> = { ran: true; value: T } | { ran: false };

export type JobLocks = {
  /** Runs `job` unless another session holds the lock named `name`; then it is skipped, not awaited. */
  runExclusive<T>(name: string, job: () => Promise<T>): Promise<ExclusiveRun<T>>;
  close(): Promise<void>;
};

/** For SQLite (one process, nobody to coordinate with): every job runs. */
export const noJobLocks: JobLocks = {
  runExclusive: async (_name, job) => ({ ran: true, value: await job() }),
  close: async () => undefined,
};

/** Opens a dedicated connection for advisory locks. Close it when the round of jobs is over. */
export async function openJobLocks(connectionString: string): Promise<JobLocks> {
  const client = new pg.Client({ connectionString });
  let broken = false;
  // A dropped connection must not crash the process; the locks are gone with it, and the next
  // pg_try_advisory_lock fails, which skips the job (reported by the caller).
  client.on("error", () => (broken = true));
  await client.connect();
  return {
    async runExclusive(name, job) {
      if (broken) throw new Error("advisory lock connection lost");
      const key = advisoryLockKey(name);
      const { rows } = await client.query<{ locked: boolean }>(
        "SELECT pg_try_advisory_lock($1::bigint) AS locked",
        [key],
      );
      if (!rows[0]?.locked) return { ran: false };
      try {
        return { ran: true, value: await job() };
      } finally {
        // A failed unlock means a lost connection, which released the lock anyway.
        await client.query("SELECT pg_advisory_unlock($1::bigint)", [key]).catch(() => undefined);
      }
    },
    close: () => client.end().catch(() => undefined),
  };
}

/**
 * A stable 64-bit key for a job name, the same in every instance and release (PostgreSQL's hashtext is
 * internal and may change between versions). Prefixed so our locks cannot meet another application's.
 */
export function advisoryLockKey(name: string): string {
  const digest = crypto.createHash("sha256").update(`count-us-in:${name}`).digest();
  return digest.readBigInt64BE(0).toString();
}
