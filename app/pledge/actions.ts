"use server";

import { headers } from "next/headers";
import { redirect } from "next/navigation";
import { formToObject, parseWith } from "@/lib/actions/parse-form";
import { confirm, signFromForm, unsubscribe, withdraw, resendConfirm } from "@/lib/pledge";
import { emptyPledgeForm, type PledgeFormState } from "@/lib/pledge/form-state";
import { isDatabaseUnavailable } from "@/lib/http/service-unavailable";
import { clientAddress } from "@/lib/security/client-address";
import { signPledgeSchema, type SignPledgeField } from "@/lib/validation/pledge";

// Thin wrappers: anyone may call these (the pledge is public), so each parses its input and hands it to
// lib/pledge. Nothing here decides anything.

export async function signPledgeAction(previous: PledgeFormState, form: FormData): Promise<PledgeFormState> {
  const input = formToObject(form) as Record<string, string>;
  const typed = {
    ...emptyPledgeForm.values,
    name: input.name ?? "",
    email: input.email ?? "",
    nation: input.nation ?? "",
    country: input.country ?? "",
    campaignEmails: Boolean(input.campaignEmails),
  };
  const parsed = parseWith<typeof signPledgeSchema, SignPledgeField>(signPledgeSchema, input);
  if (!parsed.ok) return { attempt: previous.attempt + 1, fieldErrors: parsed.fieldErrors, values: typed };
  let outcome;
  try {
    outcome = await signFromForm(parsed.data, { clientAddress: clientAddress(await headers()) });
  } catch (error) {
    if (!isDatabaseUnavailable(error)) throw error;
    // Nothing was stored: keep what they typed and ask them to press the button again.
    return { attempt: previous.attempt + 1, fieldErrors: {}, values: typed, message: busyMessage };
  }
  redirect(outcome === "held" ? "/pledge/received" : "/pledge/check-email");
}

const busyMessage =
  "So many people are signing right now that we could not save your signature. Nothing was lost: please press “Sign the pledge” again in a few seconds.";

const tokenOf = (form: FormData) => String(form.get("token") ?? "").slice(0, 200);

export async function confirmAction(form: FormData): Promise<void> {
  const token = tokenOf(form);
  const outcome = await confirm(token);
  redirect(outcome === "confirmed" ? "/pledge/confirmed" : `/pledge/confirm/${encodeURIComponent(token)}`);
}

export async function resendAction(form: FormData): Promise<void> {
  await resendConfirm(tokenOf(form));
  redirect("/pledge/check-email?resent=1");
}

export async function unsubscribeAction(form: FormData): Promise<void> {
  const token = tokenOf(form);
  await unsubscribe(token);
  redirect(`/pledge/manage/${encodeURIComponent(token)}?done=unsubscribed`);
}

export async function withdrawAction(form: FormData): Promise<void> {
  await withdraw(tokenOf(form));
  redirect("/pledge/withdrawn");
}
