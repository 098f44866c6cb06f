import "server-only";
import { db } from "@/lib/db";
import { deleteExpiredSignatures } from "@/lib/pledge/retention";
import { getVolunteerKeyRing } from "@/lib/volunteers/keys";
import { deleteUnconfirmedVolunteers } from "@/lib/volunteers/retention";

const HOUR_MS = 60 * 60 * 1000;

/**
 * Deletes what we promised not to keep, at start-up and hourly; started once per server from
 * instrumentation.ts. Each sweep is idempotent, so every instance may run it.
 */
export function startRetentionSchedule(): void {
  const sweep = async () => {
    try {
      const signatures = await deleteExpiredSignatures(db);
      const volunteers = await deleteUnconfirmedVolunteers(db, getVolunteerKeyRing());
      if (signatures + volunteers > 0) {
        console.log(
          `retention: deleted ${signatures} unconfirmed signatures and ${volunteers} unconfirmed volunteers`,
        );
      }
    } catch (error) {
      console.error("retention: sweep failed:", (error as Error).message);
    }
  };
  void sweep();
  setInterval(() => void sweep(), HOUR_MS).unref();
}
