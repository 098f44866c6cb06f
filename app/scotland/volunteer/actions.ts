"use server";

import { redirect } from "next/navigation";
import { publicAction, publicFormAction, textOf } from "@/lib/entry/action";
import { linkTokenFormSchema } from "@/lib/validation/link-token";
import { volunteerSchema, type VolunteerField } from "@/lib/validation/volunteer";
import type { FieldErrors } from "@/lib/validation/form-errors";
import { registerVolunteer, volunteers } from "@/lib/volunteers";
import { emptyVolunteerForm, type VolunteerFormState } from "@/lib/volunteers/form-state";

// Thin wrappers over lib/volunteers: public (no sign-in); the entry layer parses; each calls one function.

export const volunteerAction = publicFormAction(
  volunteerSchema,
  async (input, caller): Promise<VolunteerFormState> => {
    await registerVolunteer(input, caller);
    redirect("/scotland/volunteer/check-email");
  },
  // Without consent nothing is stored: the form comes back with what was typed, and a clear message.
  ({ fieldErrors, input }, previous): VolunteerFormState => ({
    attempt: previous.attempt + 1,
    fieldErrors: fieldErrors as FieldErrors<VolunteerField>,
    values: {
      ...emptyVolunteerForm.values,
      name: textOf(input.name),
      email: textOf(input.email),
      phone: textOf(input.phone),
      healthBoard: textOf(input.healthBoard),
      helpWith: Array.isArray(input.helpWith) ? input.helpWith : [],
      note: textOf(input.note),
      contactBy: textOf(input.contactBy),
      healthConsent: Boolean(input.healthConsent),
    },
  }),
  { listFields: ["helpWith"] },
);

/** A token that is not one of ours: the link page says it cannot be used. */
const brokenLink = "/scotland/volunteer/confirm/not-a-link";

export const confirmVolunteerAction = publicAction(
  linkTokenFormSchema,
  async ({ token }) => {
    const outcome = await volunteers().confirm(token);
    redirect(
      outcome === "confirmed"
        ? "/scotland/volunteer/thank-you"
        : `/scotland/volunteer/confirm/${encodeURIComponent(token)}`,
    );
  },
  brokenLink,
);

export const withdrawVolunteerAction = publicAction(
  linkTokenFormSchema,
  async ({ token }) => {
    await volunteers().withdrawAndErase(token);
    redirect("/scotland/volunteer/withdrawn");
  },
  brokenLink,
);
