// What domain code uses to send email: enqueue inside the transaction, notify after the commit.
//
//   await db.$transaction(async (tx) => {
//     ...;
//     await enqueueEmail(tx, { kind: "pledge-confirm", refId: signature.id, params: { issuedAt } });
//   });
//   notifyOutbox();
//
// The row names a template and a record, never an address or a body: the worker (outbox-worker.ts)
// renders it through lib/mail/templates.ts at send time. Erasure and withdrawal call forgetEmailsTo.
export { enqueueEmail, enqueueEmails, type OutboxWriter } from "@/lib/mail/enqueue";
export { notifyOutbox } from "@/lib/mail/notify";
export type { EmailParams, QueuedEmail } from "@/lib/mail/types";
export { forgetEmailsTo } from "@/lib/mail/forget";
