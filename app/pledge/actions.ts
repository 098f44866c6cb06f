"use server";

import { redirect } from "next/navigation";
import { publicAction, publicFormAction, textOf } from "@/lib/entry/action";
import { isDatabaseUnavailable } from "@/lib/entry/service-unavailable";
import { confirm, signFromForm, unsubscribe, withdraw, resendConfirm } from "@/lib/pledge";
import { emptyPledgeForm, type PledgeFormState } from "@/lib/pledge/form-state";
import { linkTokenFormSchema } from "@/lib/validation/link-token";
import { signPledgeSchema, type SignPledgeField } from "@/lib/validation/pledge";
import type { FieldErrors } from "@/lib/validation/form-errors";

// Thin wrappers: anyone may call these (the pledge is public); the entry layer parses the form, and each
// hands the input to lib/pledge. Nothing here decides anything.

const busyMessage =
  "So many people are signing right now that we could not save your signature. Nothing was lost: please press “Sign the pledge” again in a few seconds.";

/** What they typed, to put back in the form. */
const typedValues = (input: Record<string, string | string[]>): PledgeFormState["values"] => ({
  ...emptyPledgeForm.values,
  name: textOf(input.name),
  email: textOf(input.email),
  nation: textOf(input.nation),
  country: textOf(input.country),
  campaignEmails: Boolean(input.campaignEmails),
  ref: textOf(input.ref),
});

export const signPledgeAction = publicFormAction(
  signPledgeSchema,
  async (input, caller, previous: PledgeFormState): Promise<PledgeFormState> => {
    let outcome;
    try {
      outcome = await signFromForm(input, caller);
    } catch (error) {
      if (!isDatabaseUnavailable(error)) throw error;
      // Nothing was stored: keep what they typed and ask them to press the button again.
      const { name, email, nation, campaignEmails } = input;
      const values = {
        name,
        email,
        nation,
        country: nation === "other" ? input.country : "",
        campaignEmails,
        ref: input.ref ?? "",
      };
      return { attempt: previous.attempt + 1, fieldErrors: {}, values, message: busyMessage };
    }
    redirect(outcome === "held" ? "/pledge/received" : "/pledge/check-email");
  },
  ({ fieldErrors, input }, previous): PledgeFormState => ({
    attempt: previous.attempt + 1,
    fieldErrors: fieldErrors as FieldErrors<SignPledgeField>,
    values: typedValues(input),
  }),
);

/** A token that is not one of ours: the link page says it cannot be used. */
const brokenLink = "/pledge/confirm/not-a-link";

export const confirmAction = publicAction(
  linkTokenFormSchema,
  async ({ token }) => {
    const outcome = await confirm(token);
    redirect(outcome === "confirmed" ? "/pledge/confirmed" : `/pledge/confirm/${encodeURIComponent(token)}`);
  },
  brokenLink,
);

export const resendAction = publicAction(
  linkTokenFormSchema,
  async ({ token }) => {
    await resendConfirm(token);
    redirect("/pledge/check-email?resent=1");
  },
  brokenLink,
);

export const unsubscribeAction = publicAction(
  linkTokenFormSchema,
  async ({ token }) => {
    await unsubscribe(token);
    redirect(`/pledge/manage/${encodeURIComponent(token)}?done=unsubscribed`);
  },
  brokenLink,
);

export const withdrawAction = publicAction(
  linkTokenFormSchema,
  async ({ token }) => {
    await withdraw(token);
    redirect("/pledge/withdrawn");
  },
  brokenLink,
);
