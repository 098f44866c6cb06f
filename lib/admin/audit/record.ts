import "server-only";
import type { DbClient } from "@/lib/platform/db";

export type { AuditAction } from "@/lib/values/audit-actions";
import type { AuditAction } from "@/lib/values/audit-actions";

type AuditWriter = Pick<DbClient, "auditEvent">;

/** The actor of events no signed-in person caused, such as a refused request for a sign-in link. */
export const SIGN_IN_FORM_ACTOR = "sign-in form";

/**
 * Appends one event to the audit log. Subjects are ids and details are filters and counts: the log says
 * who saw what, without becoming another copy of the personal data. There is deliberately no update or
 * delete anywhere in the code for this table.
 */
export async function recordAudit(
  db: AuditWriter,
  event: { actor: string; action: AuditAction; subject?: string; detail?: Record<string, unknown> },
): Promise<void> {
  await db.auditEvent.create({
    data: {
      actor: event.actor,
      action: event.action,
      subject: event.subject ?? null,
      detail: event.detail ? JSON.stringify(event.detail) : null,
    },
  });
}
