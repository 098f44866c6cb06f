import "server-only";

import { db } from "@/lib/platform/db";
import { env, isEmbeddedDatabase } from "@/lib/platform/env";
import { localOutboxFolder } from "@/lib/mail/local-outbox";
import { registerOutboxWorker, registeredOutboxWorker } from "@/lib/mail/notify";
import { listenForOutboxWakes } from "@/lib/mail/outbox-wake";
import { createOutboxWorker, type OutboxWorker } from "@/lib/mail/outbox-worker";
import { createTemplateRenderer } from "@/lib/mail/templates";
import { createFileTransport, createSmtpTransport } from "@/lib/mail/transport";
import { logger } from "@/lib/platform/log";
import { getAppSecret } from "@/lib/security/secrets";
import { getVolunteerKeyRing } from "@/lib/volunteers/keys";

// The app's one outbox worker, started by instrumentation.ts when the server boots (MAIL_WORKER=true).
// SMTP_URL set: pooled SMTP; unset: .eml files under DATA_DIR/outbox. Emails are rendered at send time
// with the app's secret (links) and volunteer keys (sealed names and addresses). On PostgreSQL the worker
// also wakes when any instance enqueues email (LISTEN on a connection of its own, outbox-wake.ts).

/** Starts this process's worker, once; later calls return the same worker. */
export function startOutboxWorker(): OutboxWorker {
  const existing = registeredOutboxWorker();
  if (existing) return existing;
  const transport = env.SMTP_URL
    ? createSmtpTransport(env.SMTP_URL, { from: env.MAIL_FROM })
    : createFileTransport(localOutboxFolder(), { from: env.MAIL_FROM });
  const render = createTemplateRenderer({
    db,
    secret: getAppSecret(),
    ring: getVolunteerKeyRing(),
    siteUrl: env.SITE_URL,
    teamEmail: env.CAMPAIGNS_TEAM_EMAIL,
  });
  const worker = createOutboxWorker({ db, transport, render, closeTransportOnStop: true });
  const wakes = isEmbeddedDatabase()
    ? undefined
    : listenForOutboxWakes({ connectionString: env.DATABASE_URL, onWake: worker.notify });
  const appWorker: OutboxWorker = {
    start: worker.start,
    notify: worker.notify,
    async stop() {
      if (registeredOutboxWorker() === appWorker) registerOutboxWorker(undefined);
      await Promise.all([wakes?.stop(), worker.stop()]);
    },
  };
  registerOutboxWorker(appWorker);
  appWorker.start();
  // On shutdown, finish the sends in flight and hand back unstarted claims, so a deploy strands nothing.
  // Only alongside a handler that is already there (Next.js's own, which exits once its cleanup is
  // done): a lone listener would stop Node's default exit on the signal.
  for (const signal of ["SIGTERM", "SIGINT"] as const) {
    if (process.listenerCount(signal) > 0) process.once(signal, () => void appWorker.stop());
  }
  logger.info(
    env.SMTP_URL ? { transport: "smtp" } : { transport: "files", folder: localOutboxFolder() },
    "mail: outbox worker started",
  );
  return appWorker;
}

/** Stops this process's worker, if one runs. */
export async function stopOutboxWorker(): Promise<void> {
  await registeredOutboxWorker()?.stop();
}
