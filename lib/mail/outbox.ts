// What domain code uses to send email: enqueue inside the transaction, notify after the commit.
//
//   await db.$transaction(async (tx) => { ...; await enqueueEmail(tx, { kind, to, subject, text, html }); });
//   notifyOutbox();
//
// Bodies come from composeEmail (lib/mail/compose.ts). The worker (outbox-worker.ts) does the sending.
export { enqueueEmail, enqueueEmails, type OutboxWriter } from "@/lib/mail/enqueue";
export { notifyOutbox } from "@/lib/mail/notify";
export type { OutboxEmail } from "@/lib/mail/types";
export { forgetEmailsTo } from "@/lib/mail/forget";
