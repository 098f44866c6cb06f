import "server-only";
import { db } from "@/lib/db";
import { deleteExpiredSignatures } from "./retention";

const HOUR_MS = 60 * 60 * 1000;

/** Runs the retention sweep at start-up and hourly; started once per server from instrumentation.ts. */
export function startRetentionSchedule(): void {
  const sweep = () =>
    deleteExpiredSignatures(db).then(
      (count) =>
        count > 0 && console.log(`retention: deleted ${count} unconfirmed signatures older than 30 days`),
      (error: unknown) => console.error("retention: sweep failed", (error as Error).message),
    );
  void sweep();
  setInterval(sweep, HOUR_MS).unref();
}
