import type { OutboxWorker } from "@/lib/mail/outbox-worker";

// The running worker of this process, kept on globalThis so Next.js dev reloads (which re-evaluate
// modules) still find the one worker started by instrumentation.ts. Domain code only ever calls
// notifyOutbox(), so importing this module costs nothing and never starts a worker.

const registry = globalThis as typeof globalThis & { countUsInOutboxWorker?: OutboxWorker };

/** Call after the transaction that enqueued email commits: the worker sends now instead of at its next poll. */
export function notifyOutbox(): void {
  registry.countUsInOutboxWorker?.notify();
}

export function registeredOutboxWorker(): OutboxWorker | undefined {
  return registry.countUsInOutboxWorker;
}

export function registerOutboxWorker(worker: OutboxWorker | undefined): void {
  registry.countUsInOutboxWorker = worker;
}
