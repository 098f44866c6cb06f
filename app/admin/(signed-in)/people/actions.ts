"use server";

import { redirect } from "next/navigation";
import type { PersonFinderState } from "@/components/admin/person-finder";
import { formToObject, parseWith } from "@/lib/actions/parse-form";
import { adminErasure } from "@/lib/admin/people";
import { describeSignature, describeVolunteer } from "@/lib/admin/people/format";
import { requireStaff } from "@/lib/admin/session";
import { erasureSchema, personLookupSchema } from "@/lib/validation/admin-filters";

export async function findPersonAction(
  _previous: PersonFinderState,
  form: FormData,
): Promise<PersonFinderState> {
  const staff = await requireStaff("erase");
  const input = formToObject(form);
  const email = typeof input.email === "string" ? input.email : "";
  const parsed = parseWith<typeof personLookupSchema, "email">(personLookupSchema, input);
  if (!parsed.ok) return { email, fieldErrors: parsed.fieldErrors };
  // Each record found is recorded in the audit log as viewed.
  const { signature, volunteer } = await adminErasure().find(parsed.data.email, staff.email);
  return {
    email: parsed.data.email,
    fieldErrors: {},
    found: {
      signature: signature && { id: signature.id, items: describeSignature(signature) },
      volunteer: volunteer && { id: volunteer.id, items: describeVolunteer(volunteer) },
    },
  };
}

/** The confirming POST: anonymises the signature and deletes the volunteer record, in one transaction. */
export async function eraseAction(form: FormData): Promise<void> {
  const staff = await requireStaff("erase");
  const parsed = erasureSchema.safeParse(formToObject(form));
  if (!parsed.success) redirect("/admin/people?erased=nothing");
  const outcome = await adminErasure().erase(parsed.data, staff.email);
  redirect(`/admin/people?signature=${outcome.signature}&volunteer=${outcome.volunteer}`);
}
