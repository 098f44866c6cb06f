import pg from "pg";
import { jitteredDelay } from "@/lib/platform/database/backoff";
import { logger } from "@/lib/platform/log";

// On PostgreSQL several instances share one outbox. A commit that enqueues email sends
// `NOTIFY count_us_in_outbox`; every instance running a worker LISTENs on a dedicated connection and wakes
// it, so an email is picked up at once by whichever worker claims it first (claims are atomic,
// outbox-store.ts, so each email is still sent at most once). Polling stays as the safety net: a
// notification lost while a listener reconnects costs one poll interval, never an email.
// LISTEN needs a session of its own, so behind a pooler in transaction mode (PgBouncer) point
// DATABASE_URL's listener at a direct connection; NOTIFY itself works through any pool.

export const OUTBOX_WAKE_CHANNEL = "count_us_in_outbox";
export const OUTBOX_WAKE_STATEMENT = `NOTIFY ${OUTBOX_WAKE_CHANNEL}`;

/** Reconnect waits double from this up to the cap, jittered so instances do not come back together. */
const RECONNECT_BASE_MS = 250;
const RECONNECT_CAP_MS = 30_000;
const WARN_EVERY_MS = 60_000;

/**
 * Turns `send` (one NOTIFY) into a call that never waits and never throws, with at most one NOTIFY in
 * flight per process: calls made meanwhile are folded into one more after it. Under a signing load that
 * is one small statement per few batches, not one per sign-up.
 */
export function createWakeSender(
  send: () => Promise<unknown>,
  warn: (line: string) => void = (line) => logger.warn(line),
): () => void {
  let inFlight = false;
  let again = false;
  let lastWarning = 0;
  async function run() {
    inFlight = true;
    try {
      do {
        again = false;
        await send();
      } while (again);
    } catch (error) {
      // Other instances then find the email at their next poll.
      if (Date.now() - lastWarning >= WARN_EVERY_MS) {
        lastWarning = Date.now();
        warn(`mail: could not notify other instances (${errorLabel(error)})`);
      }
    } finally {
      inFlight = false;
    }
  }
  return () => {
    if (inFlight) again = true;
    else void run();
  };
}

export type OutboxWakeListener = {
  /** Resolves once the first LISTEN is in place (tests wait for it; the app need not). */
  ready: Promise<void>;
  /** Closes the connection and stops reconnecting. */
  stop(): Promise<void>;
};

export type OutboxWakeOptions = {
  connectionString: string;
  /** Called for every notification, and after each reconnect (wakes may have been missed meanwhile). */
  onWake: () => void;
  log?: (line: string) => void;
};

/** LISTENs on a long-lived connection of its own, reconnecting with backoff whenever it drops. */
export function listenForOutboxWakes(options: OutboxWakeOptions): OutboxWakeListener {
  const log = options.log ?? ((line: string) => logger.warn(line));
  let current: pg.Client | undefined;
  let stopped = false;
  let failures = 0;
  let everConnected = false;
  let retryTimer: NodeJS.Timeout | undefined;
  let markReady!: () => void;
  const ready = new Promise<void>((resolve) => (markReady = resolve));

  function lost(client: pg.Client, error?: unknown) {
    if (client !== current) return; // already handled (error and end both arrive)
    current = undefined;
    void client.end().catch(() => undefined);
    if (stopped) return;
    const delay = jitteredDelay(failures++, RECONNECT_BASE_MS, RECONNECT_CAP_MS);
    if (failures === 1 || failures % 10 === 0)
      log(
        `mail: outbox wake-up connection lost (${errorLabel(error)}); reconnecting in ${Math.round(delay)} ms`,
      );
    retryTimer = setTimeout(() => void connect(), delay);
    retryTimer.unref();
  }

  async function connect() {
    if (stopped) return;
    const client = new pg.Client({ connectionString: options.connectionString, keepAlive: true });
    current = client;
    // Without an error listener a dropped connection would crash the process.
    client.on("error", (error) => lost(client, error));
    client.on("end", () => lost(client));
    client.on("notification", (message) => {
      if (message.channel === OUTBOX_WAKE_CHANNEL) options.onWake();
    });
    try {
      await client.connect();
      await client.query(`LISTEN ${OUTBOX_WAKE_CHANNEL}`);
    } catch (error) {
      lost(client, error);
      return;
    }
    if (stopped || client !== current) return;
    if (everConnected) {
      log("mail: outbox wake-up connection restored");
      options.onWake();
    }
    everConnected = true;
    failures = 0;
    markReady();
  }

  void connect();
  return {
    ready,
    async stop() {
      stopped = true;
      clearTimeout(retryTimer);
      const client = current;
      current = undefined;
      await client?.end().catch(() => undefined);
    },
  };
}

function errorLabel(error: unknown): string {
  if (!(error instanceof Error)) return "closed";
  const code = (error as { code?: unknown }).code;
  return typeof code === "string" ? `${error.name} ${code}` : error.name;
}
