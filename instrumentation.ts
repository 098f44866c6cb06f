// Runs once when a Next.js server starts (not during `next build`). Background jobs need Node.js (SMTP
// sockets, the SQLite driver), so they are imported only in the Node.js runtime. With MAIL_WORKER=false
// this instance only enqueues and another process sends.
export async function register() {
  if (process.env.NEXT_RUNTIME !== "nodejs") return;
  const { env } = await import("@/lib/platform/env");
  // Read the secrets now: with PostgreSQL (production) a missing or short APP_SECRET, VOLUNTEER_KEYS or
  // partner key stops the server at start-up, not at a volunteer's first sign-up. On SQLite the first two
  // are generated if absent.
  const { getAppSecret } = await import("@/lib/security/secrets");
  const { getVolunteerKeyRing } = await import("@/lib/volunteers/keys");
  const { parsePartnerKeys } = await import("@/lib/security/partner-keys");
  getAppSecret();
  getVolunteerKeyRing();
  parsePartnerKeys(env.PLEDGE_API_KEYS);

  if (env.SIGNING_FAST_PATH) {
    const { registerPledgeIngest } = await import("@/lib/entry/pledge-ingest");
    registerPledgeIngest();
  }

  const { startRetentionSchedule } = await import("@/lib/retention/schedule");
  startRetentionSchedule();
  if (!env.MAIL_WORKER) return;
  const { startOutboxWorker } = await import("@/lib/mail/worker-runtime");
  startOutboxWorker();
}
