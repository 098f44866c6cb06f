import "server-only";
import { db } from "@/lib/db";
import { reconcilePledgeTotals, signingLimits } from "@/lib/pledge";
import { deleteExpiredSignatures } from "@/lib/pledge/retention";
import { deleteUnconfirmedVolunteers } from "@/lib/volunteers/retention";
import { retentionPolicy } from "./policy";
import {
  deleteOldAuditEvents,
  deleteOldConfirmedSignatures,
  deleteOldEmailRecords,
  deleteOldLocalEmails,
} from "./sweeps";

const HOUR_MS = 60 * 60 * 1000;
const DAY_MS = 24 * HOUR_MS;

type Step = { name: string; run: () => Promise<number> };

/**
 * Deletes what we promised not to keep (lib/retention/policy.ts, shown on the privacy page), at start-up
 * and hourly, and recounts the pledge totals from the rows daily; started once per server from
 * instrumentation.ts. Each step is idempotent (so every instance may run it) and runs on its own: one
 * that fails is logged and the others still run.
 */
export function startRetentionSchedule(): void {
  const policy = retentionPolicy();
  let lastRecount = 0;
  const steps: Step[] = [
    { name: "unconfirmedSignatures", run: () => deleteExpiredSignatures(db) },
    { name: "unconfirmedVolunteers", run: () => deleteUnconfirmedVolunteers(db) },
    { name: "emailRecords", run: () => deleteOldEmailRecords(db, policy.sentEmailDays) },
    { name: "localEmailFiles", run: () => deleteOldLocalEmails(policy.sentEmailDays) },
    { name: "auditEvents", run: () => deleteOldAuditEvents(db, policy.auditLogDays) },
    { name: "endedAllowedRanges", run: () => signingLimits.deleteEndedRanges() },
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
    const done: Record<string, number> = {};
    for (const step of steps) {
      try {
        done[step.name] = await step.run();
      } catch (error) {
        // The error name only: a database error message can quote the values it was given.
        console.error(`retention: ${step.name} failed: ${(error as Error).name}`);
      }
    }
    const total = Object.values(done).reduce((a, b) => a + b, 0);
    if (total > 0) console.log(`retention: ${JSON.stringify(done)}`);
  };
  void sweep();
  setInterval(() => void sweep(), HOUR_MS).unref();
}
