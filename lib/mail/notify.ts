import { db } from "@/lib/platform/db";
import { isEmbeddedDatabase } from "@/lib/platform/env";
import type { OutboxWorker } from "@/lib/mail/outbox-worker";
import { createWakeSender, OUTBOX_WAKE_STATEMENT } from "@/lib/mail/outbox-wake";

// The running worker of this process, kept on globalThis so Next.js dev reloads (which re-evaluate
// modules) still find the one worker started by instrumentation.ts. Domain code only ever calls
// notifyOutbox(), so importing this module never starts a worker or opens a connection.

const registry = globalThis as typeof globalThis & {
  countUsInOutboxWorker?: OutboxWorker;
  countUsInOutboxWakeSender?: () => void;
};

/**
 * Call after the transaction that enqueued email commits: this process's worker sends now instead of at
 * its next poll, and on PostgreSQL every other instance's worker is woken too (outbox-wake.ts), including
 * from an instance that runs no worker itself (MAIL_WORKER=false).
 */
export function notifyOutbox(): void {
  registry.countUsInOutboxWorker?.notify();
  if (isEmbeddedDatabase()) return; // SQLite: one process, and its worker was just woken
  registry.countUsInOutboxWakeSender ??= createWakeSender(() => db.$executeRawUnsafe(OUTBOX_WAKE_STATEMENT));
  registry.countUsInOutboxWakeSender();
}

export function registeredOutboxWorker(): OutboxWorker | undefined {
  return registry.countUsInOutboxWorker;
}

export function registerOutboxWorker(worker: OutboxWorker | undefined): void {
  registry.countUsInOutboxWorker = worker;
}
