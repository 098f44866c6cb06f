import "server-only";
import { db } from "@/lib/db";
import { notifyOutbox } from "@/lib/mail/outbox";
import { createMailProblems } from "@/lib/mail/problems";
import { recordAudit } from "./audit";
import type { Staff } from "./session";

// /admin/emails: emails that failed or were interrupted, and "send again", audited.

const problems = createMailProblems(db);

export const mailProblems = {
  list: () => problems.list(),

  async sendAgain(ids: string[] | undefined, actor: Pick<Staff, "email">): Promise<number> {
    const count = await problems.sendAgain(ids);
    await recordAudit(db, {
      actor: actor.email,
      action: "resend-email",
      detail: { count, ...(ids ? { ids } : { all: true }) },
    });
    if (count > 0) notifyOutbox();
    return count;
  },
};
