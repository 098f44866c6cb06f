import "server-only";
import { db } from "@/lib/platform/db";
import { notifyOutbox } from "@/lib/mail/outbox";
import { createMailProblems } from "@/lib/mail/problems";
import { recordAudit } from "@/lib/admin/audit/record";
import { assertHolds, type Staff, type StaffWith } from "@/lib/admin/access/session";
import { bindOnce } from "@/lib/platform/bind-once";

// /admin/emails: emails that failed or were interrupted, "send again" and "dismiss", both audited.

const problemsOf = bindOnce(() => createMailProblems(db));

const controls = {
  list: () => problemsOf().list(),
  count: () => problemsOf().count(),

  async sendAgain(ids: string[] | undefined, actor: Pick<Staff, "email">): Promise<number> {
    const count = await problemsOf().sendAgain(ids);
    await recordAudit(db, {
      actor: actor.email,
      action: "resend-email",
      detail: { count, ...(ids ? { ids } : { all: true }) },
    });
    if (count > 0) notifyOutbox();
    return count;
  },

  async dismiss(ids: string[] | undefined, actor: Pick<Staff, "email">): Promise<number> {
    const count = await problemsOf().dismiss(ids);
    await recordAudit(db, {
      actor: actor.email,
      action: "dismiss-email",
      detail: { count, ...(ids ? { ids } : { all: true }) },
    });
    return count;
  },
};

/** /admin/emails, for a member of staff allowed to send emails again. */
export function mailProblems(staff: StaffWith<"resend-email">): typeof controls {
  assertHolds(staff, "resend-email");
  return controls;
}
