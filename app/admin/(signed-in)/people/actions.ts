"use server";

import { redirect } from "next/navigation";
import type { PersonFinderState } from "@/components/admin/person-finder";
import { adminErasure } from "@/lib/admin/records";
import { describeSignature, describeVolunteer } from "@/lib/admin/records/format";
import { staffAction, staffFormAction, textOf } from "@/lib/entry/action";
import { erasureSchema, personLookupSchema } from "@/lib/validation/admin/forms";

export const findPersonAction = staffFormAction(
  "erase",
  personLookupSchema,
  async (input, staff): Promise<PersonFinderState> => {
    // Each record found is recorded in the audit log as viewed.
    const { signature, volunteer } = await adminErasure(staff).find(input.email, staff.email);
    return {
      email: input.email,
      fieldErrors: {},
      found: {
        signature: signature && { id: signature.id, items: describeSignature(signature) },
        volunteer: volunteer && { id: volunteer.id, items: describeVolunteer(volunteer) },
      },
    };
  },
  ({ fieldErrors, input }): PersonFinderState => ({ email: textOf(input.email), fieldErrors }),
);

/** The confirming POST: anonymises the signature and deletes the volunteer record, in one transaction. */
export const eraseAction = staffAction(
  "erase",
  erasureSchema,
  async (input, staff) => {
    const outcome = await adminErasure(staff).erase(input, staff.email);
    redirect(`/admin/people?signature=${outcome.signature}&volunteer=${outcome.volunteer}`);
  },
  "/admin/people?erased=nothing",
);
