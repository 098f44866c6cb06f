"use server";

import { headers } from "next/headers";
import { redirect } from "next/navigation";
import { formToObject, parseWith } from "@/lib/actions/parse-form";
import { clientAddress } from "@/lib/security/client-address";
import { volunteerSchema, type VolunteerField } from "@/lib/validation/volunteer";
import { registerVolunteer, volunteers } from "@/lib/volunteers";
import { emptyVolunteerForm, type VolunteerFormState } from "@/lib/volunteers/form-state";

// Thin wrappers over lib/volunteers: public (no sign-in), parse, call one function, redirect.

const text = (value: unknown) => (typeof value === "string" ? value : "");

export async function volunteerAction(
  previous: VolunteerFormState,
  form: FormData,
): Promise<VolunteerFormState> {
  const input = formToObject(form, ["helpWith"]);
  const parsed = parseWith<typeof volunteerSchema, VolunteerField>(volunteerSchema, input);
  if (!parsed.ok) {
    // Without consent nothing is stored: the form comes back with what was typed, and a clear message.
    return {
      attempt: previous.attempt + 1,
      fieldErrors: parsed.fieldErrors,
      values: {
        ...emptyVolunteerForm.values,
        name: text(input.name),
        email: text(input.email),
        phone: text(input.phone),
        healthBoard: text(input.healthBoard),
        helpWith: Array.isArray(input.helpWith) ? input.helpWith : [],
        note: text(input.note),
        contactBy: text(input.contactBy),
        healthConsent: Boolean(input.healthConsent),
      },
    };
  }
  await registerVolunteer(parsed.data, { clientAddress: clientAddress(await headers()) });
  redirect("/scotland/volunteer/check-email");
}

const tokenOf = (form: FormData) => text(form.get("token")).slice(0, 200);

export async function confirmVolunteerAction(form: FormData): Promise<void> {
  const token = tokenOf(form);
  const outcome = await volunteers().confirm(token);
  redirect(
    outcome === "confirmed"
      ? "/scotland/volunteer/thank-you"
      : `/scotland/volunteer/confirm/${encodeURIComponent(token)}`,
  );
}

export async function withdrawVolunteerAction(form: FormData): Promise<void> {
  await volunteers().withdrawAndErase(tokenOf(form));
  redirect("/scotland/volunteer/withdrawn");
}
