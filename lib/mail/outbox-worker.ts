import "server-only";

import type { DbClient } from "@/lib/db";
import { type BackoffPolicy, DEFAULT_BACKOFF, retryDelayMs } from "@/lib/mail/backoff";
import { createOutboxStore, type FailureUpdate, type SendingEmail } from "@/lib/mail/outbox-store";
import { classifySendError } from "@/lib/mail/send-outcome";
import { createSmtpTransport, type MailTransport } from "@/lib/mail/transport";

// Sends what domain code put in the outbox. One loop per process: claim a chunk of due messages (they
// become `sending`), hand them to the transport, record the answers in a few statements. Two chunks are
// in flight at once, so the SMTP connections stay busy while a chunk's bookkeeping is written; that also
// bounds sends in flight (the SMTP pool bounds connections). With nothing due the loop sleeps until
// notify() or the next poll. Retry rules live in send-outcome.ts, the claiming rules in outbox-store.ts.
// Logs carry outbox ids and counts only, never an address, subject or body.

export type OutboxWorkerOptions = {
  db: DbClient;
  /**
   * Where messages go: a transport (the caller closes it), or an SMTP URL (the worker opens a pooled
   * transport and closes it on stop).
   */
  transport: MailTransport | { smtpUrl: string; from: string; maxConnections?: number };
  /** Close the transport in stop(). Default: only a transport the worker opened from an SMTP URL. */
  closeTransportOnStop?: boolean;
  /** Messages claimed and handed to the transport together; at most two chunks are in flight. */
  chunkSize?: number;
  /** How often to look for due messages when nobody calls notify(). */
  pollIntervalMs?: number;
  backoff?: BackoffPolicy;
  /** Attempts (sends that definitely failed) before a message is marked failed. */
  maxAttempts?: number;
  /** How long a `sending` row is this worker's; past it the row counts as interrupted. */
  sendLeaseMs?: number;
  /** How often to look for rows a dead worker left `sending`. */
  reapIntervalMs?: number;
  log?: (line: string) => void;
  random?: () => number;
};

export type OutboxWorker = {
  /** Starts the loop; calling it again does nothing. */
  start(): void;
  /** Looks for due messages now instead of at the next poll. */
  notify(): void;
  /** Stops claiming, and waits for the sends in flight and for their answers to be recorded. */
  stop(): Promise<void>;
};

export const OUTBOX_DEFAULTS = {
  chunkSize: 50,
  pollIntervalMs: 1_000,
  // About an hour of retries with the default backoff (5 s doubling to the 15 min cap).
  maxAttempts: 12,
  // Far longer than a chunk can take (every send is bounded by the SMTP timeouts), so a slow but live
  // worker is never mistaken for a dead one; the only cost is a later "interrupted" after a crash.
  sendLeaseMs: 60 * 60_000,
  reapIntervalMs: 30_000,
} as const;

type Settled = { email: SendingEmail; error?: unknown };

const PIPELINE_DEPTH = 2;

export function createOutboxWorker(options: OutboxWorkerOptions): OutboxWorker {
  const settings = {
    chunkSize: options.chunkSize ?? OUTBOX_DEFAULTS.chunkSize,
    pollIntervalMs: options.pollIntervalMs ?? OUTBOX_DEFAULTS.pollIntervalMs,
    maxAttempts: options.maxAttempts ?? OUTBOX_DEFAULTS.maxAttempts,
    sendLeaseMs: options.sendLeaseMs ?? OUTBOX_DEFAULTS.sendLeaseMs,
    reapIntervalMs: options.reapIntervalMs ?? OUTBOX_DEFAULTS.reapIntervalMs,
    backoff: options.backoff ?? DEFAULT_BACKOFF,
  };
  const log = options.log ?? ((line: string) => console.info(line));
  const random = options.random ?? Math.random;
  const store = createOutboxStore(options.db);
  const closeTransport = options.closeTransportOnStop ?? !("send" in options.transport);
  const transport: MailTransport =
    "send" in options.transport
      ? options.transport
      : createSmtpTransport(options.transport.smtpUrl, options.transport);

  let running: Promise<void> | undefined;
  let stopping = false;
  let wakeRequested = false;
  let wake: (() => void) | undefined;
  let lastReap = 0;

  function notify() {
    wakeRequested = true;
    wake?.();
  }

  function sleep(ms: number): Promise<void> {
    if (wakeRequested || stopping) return Promise.resolve();
    return new Promise((resolve) => {
      const timer = setTimeout(done, ms);
      // A forgotten worker must not keep a script or test process alive.
      timer.unref?.();
      function done() {
        clearTimeout(timer);
        wake = undefined;
        resolve();
      }
      wake = done;
    });
  }

  // A row still `sending` after its lease belonged to a worker that died between handing it to SMTP and
  // recording the answer. At most once wins over at least once: such a row is marked failed with
  // "interrupted while sending" for an operator to decide, never resent blindly (outbox-store.ts).
  async function reapIfDue() {
    if (Date.now() - lastReap < settings.reapIntervalMs) return;
    lastReap = Date.now();
    const count = await store.failInterrupted(new Date());
    if (count > 0) log(`mail: ${count} message(s) were interrupted while sending; marked failed, not resent`);
  }

  /** The row update for a failed send, and the line to log about it (grouped per chunk by the caller). */
  function failureFor(result: Settled): { update: FailureUpdate; summary: string } {
    const outcome = classifySendError(result.error);
    const { id, attempts } = result.email;
    if (outcome.kind === "retry" && attempts < settings.maxAttempts) {
      const delay = retryDelayMs(attempts, settings.backoff, random);
      return {
        update: { id, retryAt: new Date(Date.now() + delay), lastError: outcome.reason },
        summary: `will retry (${outcome.reason})`,
      };
    }
    const why =
      outcome.kind === "unknown"
        ? `outcome unknown, not retried: ${outcome.reason}`
        : outcome.kind === "rejected"
          ? `rejected: ${outcome.reason}`
          : `gave up after ${attempts} attempts: ${outcome.reason}`;
    log(`mail: ${id} failed (${why})`);
    return { update: { id, retryAt: null, lastError: why }, summary: "failed" };
  }

  function logRetries(summaries: string[]) {
    const counts = new Map<string, number>();
    for (const summary of summaries)
      if (summary !== "failed") counts.set(summary, (counts.get(summary) ?? 0) + 1);
    for (const [summary, count] of counts) log(`mail: ${count} message(s) not sent, ${summary}`);
  }

  /** Sends a claimed chunk and records every answer. Never rejects: trouble is logged. */
  async function sendAndRecord(emails: SendingEmail[]): Promise<void> {
    const results = await Promise.all(
      emails.map((email) =>
        transport.send(email).then(
          (): Settled => ({ email }),
          (error: unknown): Settled => ({ email, error: error ?? new Error("send failed") }),
        ),
      ),
    );
    const sent = results.filter((result) => result.error === undefined).map((result) => result.email.id);
    const failures = results.filter((result) => result.error !== undefined).map(failureFor);
    logRetries(failures.map((failure) => failure.summary));
    try {
      await store.markSent(sent, new Date());
      await store.markFailures(failures.map((failure) => failure.update));
    } catch (error) {
      // The rows stay `sending` and end up "interrupted": an operator looks, nothing is sent twice.
      log(`mail: could not record ${results.length} send result(s): ${errorLabel(error)}`);
    }
  }

  async function loop() {
    const inFlight = new Set<Promise<void>>();
    const track = (task: Promise<void>) => {
      inFlight.add(task);
      void task.finally(() => inFlight.delete(task));
    };
    while (!stopping) {
      wakeRequested = false;
      let claimedAny = false;
      try {
        await reapIfDue();
        while (!stopping) {
          if (inFlight.size >= PIPELINE_DEPTH) {
            await Promise.race(inFlight);
            continue;
          }
          const leaseUntil = new Date(Date.now() + settings.sendLeaseMs);
          const claim = await store.claim(new Date(), settings.chunkSize, leaseUntil);
          if (claim.emails.length > 0) {
            claimedAny = true;
            track(sendAndRecord(claim.emails));
          } else if (!claim.contended) {
            break;
          }
        }
      } catch (error) {
        // Database trouble: say so (without the data) and try again on the next poll.
        log(`mail: outbox worker error: ${errorLabel(error)}`);
      }
      if (!claimedAny) {
        await Promise.all(inFlight);
        await sleep(settings.pollIntervalMs);
      }
    }
    await Promise.all(inFlight);
  }

  return {
    start() {
      if (running || stopping) return;
      running = loop();
    },
    notify,
    async stop() {
      stopping = true;
      wake?.();
      await running;
      if (closeTransport) await transport.close();
    },
  };
}

/** Enough to tell database trouble apart (e.g. "PrismaClientKnownRequestError P1001"), without its data. */
function errorLabel(error: unknown): string {
  if (!(error instanceof Error)) return "unknown";
  const code = (error as { code?: unknown }).code;
  return typeof code === "string" ? `${error.name} ${code}` : error.name;
}
