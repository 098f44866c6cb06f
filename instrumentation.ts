// Runs once when a Next.js server starts (not during `next build`). Background jobs need Node.js (SMTP
// sockets, the SQLite driver), so they are imported only in the Node.js runtime. With MAIL_WORKER=false
// this instance only enqueues and another process sends.
export async function register() {
  if (process.env.NEXT_RUNTIME !== "nodejs") return;
  const { env } = await import("@/lib/env");
  const { startRetentionSchedule } = await import("@/lib/pledge/retention-schedule");
  startRetentionSchedule();
  if (!env.MAIL_WORKER) return;
  const { startOutboxWorker } = await import("@/lib/mail/worker-runtime");
  startOutboxWorker();
}
