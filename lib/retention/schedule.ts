import "server-only";
import { db } from "@/lib/db";
import { deleteExpiredSignatures } from "@/lib/pledge/retention";
import { getVolunteerKeyRing } from "@/lib/volunteers/keys";
import { deleteUnconfirmedVolunteers } from "@/lib/volunteers/retention";
import { retentionPolicy } from "./policy";
import { deleteOldAuditEvents, deleteOldConfirmedSignatures, deleteOldEmailRecords } from "./sweeps";

const HOUR_MS = 60 * 60 * 1000;

/**
 * Deletes what we promised not to keep (lib/retention/policy.ts, shown on the privacy page), at start-up
 * and hourly; started once per server from instrumentation.ts. Each sweep is idempotent, so every
 * instance may run it.
 */
export function startRetentionSchedule(): void {
  const policy = retentionPolicy();
  const sweep = async () => {
    try {
      const deleted = {
        unconfirmedSignatures: await deleteExpiredSignatures(db),
        unconfirmedVolunteers: await deleteUnconfirmedVolunteers(db, getVolunteerKeyRing()),
        emailRecords: await deleteOldEmailRecords(db, policy.sentEmailDays),
        auditEvents: await deleteOldAuditEvents(db, policy.auditLogDays),
        confirmedSignatures: policy.confirmedSignatureDays
          ? await deleteOldConfirmedSignatures(db, policy.confirmedSignatureDays)
          : 0,
      };
      const total = Object.values(deleted).reduce((a, b) => a + b, 0);
      if (total > 0) console.log(`retention: deleted ${JSON.stringify(deleted)}`);
    } catch (error) {
      console.error("retention: sweep failed:", (error as Error).message);
    }
  };
  void sweep();
  setInterval(() => void sweep(), HOUR_MS).unref();
}
