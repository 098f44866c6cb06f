import "server-only";

import type { DbClient } from "@/lib/platform/db";
import { type BackoffPolicy, DEFAULT_BACKOFF, retryDelayMs } from "@/lib/mail/backoff";
import { type ClaimedEmail, createOutboxStore, type FailureUpdate } from "@/lib/mail/outbox-store";
import { classifySendError, type SendOutcome } from "@/lib/mail/send-outcome";
import type { Renderer } from "@/lib/mail/templates";
import { createSmtpTransport, type MailTransport } from "@/lib/mail/transport";
import { logger } from "@/lib/platform/log";

// Sends what domain code put in the outbox. One loop per process: claim a chunk of due messages (they
// become `sending`), render each from its record (lib/mail/templates.ts: the row itself holds no personal
// data), hand them to the transport, record the answers in a few statements. A row whose person is gone
// is cancelled, not sent; one that cannot be rendered fails visibly, with a reason free of personal data. Two chunks are
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
  /** Turns a claimed row into an email at send time: createTemplateRenderer (lib/mail/templates.ts). */
  render: Renderer;
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
  // Small chunks: a crash leaves at most PIPELINE_DEPTH × chunkSize rows `sending` whose fate is unknown
  // (shown to staff at /admin/emails once their lease ends), while 2 × 10 still keeps the 5 pooled SMTP
  // connections busy.
  chunkSize: 10,
  pollIntervalMs: 1_000,
  // About an hour of retries with the default backoff (5 s doubling to the 15 min cap).
  maxAttempts: 12,
  // Far longer than a chunk can take (each send is bounded by the SMTP timeouts in transport.ts, 50 s at
  // worst, and a chunk of 10 shares 5 connections), so a slow but live worker is never mistaken for a
  // dead one; after a crash its rows show as interrupted within about 5 minutes.
  sendLeaseMs: 5 * 60_000,
  reapIntervalMs: 30_000,
} as const;

/** Why a row was not sent: the transport's answer, or a row no template can render (never retried). */
type FailureOutcome = SendOutcome | { kind: "unrenderable"; reason: string };

/** A claimed row after rendering and sending: sent, cancelled (its person is gone), or failed with a why. */
type Settled =
  | { email: ClaimedEmail; result: "sent" | "cancelled" }
  | { email: ClaimedEmail; result: "failed"; outcome: FailureOutcome };

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
  const log = options.log ?? ((line: string) => logger.info(line));
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
  function failureFor(
    email: ClaimedEmail,
    outcome: FailureOutcome,
  ): { update: FailureUpdate; summary: string } {
    const { id, attempts } = email;
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
          : outcome.kind === "unrenderable"
            ? `not sent: ${outcome.reason}`
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

  /**
   * Renders one claimed row and sends it. Never rejects. Rendering reads the record now, so a person erased
   * a moment ago is not written to; trouble reading it (database, a missing key) is retried like a
   * connection failure, since nothing was handed to the server.
   */
  async function renderAndSend(email: ClaimedEmail): Promise<Settled> {
    let rendered;
    try {
      rendered = await options.render(email);
    } catch (error) {
      return {
        email,
        result: "failed",
        outcome: { kind: "retry", reason: `could not render (${errorLabel(error)})` },
      };
    }
    if (rendered.status === "gone") return { email, result: "cancelled" };
    if (rendered.status === "invalid")
      return { email, result: "failed", outcome: { kind: "unrenderable", reason: rendered.reason } };
    try {
      await transport.send({ id: email.id, ...rendered.email });
      return { email, result: "sent" };
    } catch (error: unknown) {
      return { email, result: "failed", outcome: classifySendError(error ?? new Error("send failed")) };
    }
  }

  /** Sends a claimed chunk and records every answer. Never rejects: trouble is logged. */
  async function sendAndRecord(emails: ClaimedEmail[]): Promise<void> {
    const results = await Promise.all(emails.map(renderAndSend));
    const idsWith = (result: "sent" | "cancelled") =>
      results.filter((settled) => settled.result === result).map((settled) => settled.email.id);
    const failures = results.flatMap((settled) =>
      settled.result === "failed" ? [failureFor(settled.email, settled.outcome)] : [],
    );
    logRetries(failures.map((failure) => failure.summary));
    const cancelled = idsWith("cancelled");
    if (cancelled.length > 0) log(`mail: ${cancelled.length} message(s) cancelled: nobody left to send to`);
    await recordResults(results.length, async () => {
      await store.markSent(idsWith("sent"), new Date());
      await store.markCancelled(cancelled);
      await store.markFailures(failures.map((failure) => failure.update));
    });
  }

  /**
   * Writes a chunk's answers, trying again while the database is away (a restart, a failover) for up to
   * half the lease: an email that went out must not come back as "interrupted", where staff might send it
   * a second time. Every write is idempotent, so a retry after a partial success is harmless. The chunk
   * keeps its pipeline slot meanwhile, so no more mail is claimed than can be recorded. Only when stopping,
   * or past that time, are the rows left `sending`, to end up "interrupted" for an operator to look at.
   */
  async function recordResults(count: number, write: () => Promise<void>): Promise<void> {
    const giveUpAt = Date.now() + settings.sendLeaseMs / 2;
    for (let attempt = 0; ; attempt += 1) {
      try {
        await write();
        if (attempt > 0) log(`mail: recorded ${count} send result(s) after ${attempt} retries`);
        return;
      } catch (error) {
        if (stopping || Date.now() > giveUpAt) {
          log(`mail: could not record ${count} send result(s): ${errorLabel(error)}`);
          return;
        }
        const delay = Math.min(5_000, 250 * 2 ** attempt) * (0.5 + random() / 2);
        await new Promise((resolve) => setTimeout(resolve, delay).unref?.());
      }
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
