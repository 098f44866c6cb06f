import "server-only";
import { db } from "@/lib/platform/db";
import { env, isEmbeddedDatabase } from "@/lib/platform/env";
import { type JobLocks, noJobLocks, openJobLocks } from "@/lib/platform/advisory-lock";
import { reconcilePledgeTotals, signingLimits } from "@/lib/pledge";
import { deleteExpiredSignatures } from "@/lib/pledge/retention";
import { deleteExpiredLimiterCounters } from "@/lib/security/limiter-store";
import { deleteUnconfirmedVolunteers } from "@/lib/volunteers/retention";
import { deleteStalePaperDrafts } from "@/lib/paper/drafts";
import { settleFinishedUpdates } from "@/lib/updates/settle";
import { retentionPolicy } from "@/lib/retention/policy";
import type { SweepStep } from "@/lib/retention/sweep-runner";
import { runSweepRound } from "@/lib/retention/sweep-round";
import {
  deleteOldAuditEvents,
  deleteOldConfirmedSignatures,
  deleteOldEmailRecords,
  deleteOldLocalEmails,
} from "@/lib/retention/sweeps";

const HOUR_MS = 60 * 60 * 1000;
const DAY_MS = 24 * HOUR_MS;

/**
 * Deletes what we promised not to keep (lib/retention/policy.ts, shown on the privacy page), at start-up
 * and hourly, and recounts the pledge totals from the rows daily; started once per server from
 * instrumentation.ts. Each step runs on its own: one that fails is logged, recorded for the staff dashboard
 * (job-runs.ts), and the others still run. On
 * PostgreSQL each database step takes an advisory lock first (sweep-runner.ts), so with several instances
 * one at a time runs it and the others skip it that round; the steps are idempotent, so the lock saves
 * work rather than guarding correctness.
 */
export function startRetentionSchedule(): void {
  const policy = retentionPolicy();
  let lastRecount = 0;
  const steps: SweepStep[] = [
    { name: "unconfirmedSignatures", run: () => deleteExpiredSignatures(db) },
    { name: "unconfirmedVolunteers", run: () => deleteUnconfirmedVolunteers(db) },
    // Before the delivery records go: a finished campaign update keeps its counts (lib/updates/settle.ts).
    { name: "campaignUpdateCounts", run: () => settleFinishedUpdates(db) },
    { name: "emailRecords", run: () => deleteOldEmailRecords(db, policy.sentEmailDays) },
    // Each instance writes its own .eml copies (embedded mail), so each deletes its own.
    { name: "localEmailFiles", run: () => deleteOldLocalEmails(policy.sentEmailDays), perInstance: true },
    { name: "auditEvents", run: () => deleteOldAuditEvents(db, policy.auditLogDays) },
    { name: "endedAllowedRanges", run: () => signingLimits().deleteEndedRanges() },
    { name: "expiredRateLimits", run: () => deleteExpiredLimiterCounters(db) },
    { name: "stalePaperDrafts", run: () => deleteStalePaperDrafts(db) },
    {
      name: "confirmedSignatures",
      run: async () => {
        if (!policy.confirmedSignatureDays) return 0;
        const deleted = await deleteOldConfirmedSignatures(db, policy.confirmedSignatureDays);
        if (deleted > 0) lastRecount = 0; // the totals still count them: recount now
        return deleted;
      },
    },
    {
      name: "totalsRepaired",
      run: async () => {
        if (Date.now() - lastRecount < DAY_MS) return 0;
        const { repaired } = await reconcilePledgeTotals();
        lastRecount = Date.now();
        return repaired.length;
      },
    },
  ];

  const sweep = async () => {
    const locks = await openRoundLocks();
    try {
      await runSweepRound(db, steps, locks);
    } finally {
      await locks.close();
    }
  };
  void sweep();
  setInterval(() => void sweep(), HOUR_MS).unref();
}

/**
 * A lock connection for one round (PostgreSQL), or none needed (SQLite). If the database cannot be
 * reached, the database steps fail this round, each reported, and this instance's own steps still run.
 */
async function openRoundLocks(): Promise<JobLocks> {
  if (isEmbeddedDatabase()) return noJobLocks;
  try {
    return await openJobLocks(env.DATABASE_URL);
  } catch (error) {
    return { runExclusive: () => Promise.reject(error), close: async () => undefined };
  }
}
