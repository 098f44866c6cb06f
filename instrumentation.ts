// Runs once when a Next.js server starts (not during `next build`). The outbox worker needs Node.js
// (SMTP sockets, the SQLite driver), so it is imported only in the Node.js runtime; with
// MAIL_WORKER=false this instance only enqueues and another process sends.
export async function register() {
  if (process.env.NEXT_RUNTIME !== "nodejs") return;
  const { env } = await import("@/lib/env");
  if (!env.MAIL_WORKER) return;
  const { startOutboxWorker } = await import("@/lib/mail/worker-runtime");
  startOutboxWorker();
}
