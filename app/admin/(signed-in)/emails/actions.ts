"use server";

import { redirect } from "next/navigation";
import { mailProblems } from "@/lib/admin/mail-problems";
import { staffAction } from "@/lib/entry/action";
import { sendAgainSchema } from "@/lib/validation/mail-problems";

export const sendAgainAction = staffAction(
  "resend-email",
  sendAgainSchema,
  async (input, staff) => {
    const count = await mailProblems(staff).sendAgain(input.scope === "one" ? [input.id] : undefined, staff);
    redirect(`/admin/emails?done=sent-again&count=${count}`);
  },
  "/admin/emails?done=invalid",
);

// "Dealt with" on /admin/emails: the same choice of emails as "send again" (one by id, or all), so the
// same schema; the emails leave the list without being sent, audited.
export const dismissAction = staffAction(
  "resend-email",
  sendAgainSchema,
  async (input, staff) => {
    const count = await mailProblems(staff).dismiss(input.scope === "one" ? [input.id] : undefined, staff);
    redirect(`/admin/emails?done=dismissed&count=${count}`);
  },
  "/admin/emails?done=invalid",
);
