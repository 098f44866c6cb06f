"use server";

import { redirect } from "next/navigation";
import { formToObject } from "@/lib/actions/parse-form";
import { mailProblems } from "@/lib/admin/mail-problems";
import { requireStaff } from "@/lib/admin/session";
import { sendAgainSchema } from "@/lib/validation/mail-problems";

export async function sendAgainAction(form: FormData): Promise<void> {
  const staff = await requireStaff("resend-email");
  const parsed = sendAgainSchema.safeParse(formToObject(form));
  if (!parsed.success) redirect("/admin/emails?done=invalid");
  const count = await mailProblems.sendAgain(
    parsed.data.scope === "one" ? [parsed.data.id] : undefined,
    staff,
  );
  redirect(`/admin/emails?done=sent-again&count=${count}`);
}
