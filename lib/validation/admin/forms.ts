import { z } from "zod";
import { roles } from "@/lib/values/staff-roles";
import { emailAddress } from "@/lib/validation/fields";
import { blankToUndefined } from "@/lib/validation/admin/filter-fields";

// The admin forms that post (server actions): finding and erasing a person, managing staff.

const recordId = z
  .string()
  .trim()
  .max(64)
  .regex(/^[A-Za-z0-9-]+$/, "That record id is not valid");

/** /admin/people: find everything held for one email address. */
export const personLookupSchema = z.object({ email: emailAddress });

/** The confirming POST of an erasure: which records, by id (at least one). */
export const erasureSchema = z
  .object({
    signatureId: z.preprocess(blankToUndefined, recordId.optional()),
    volunteerId: z.preprocess(blankToUndefined, recordId.optional()),
  })
  .refine((target) => target.signatureId || target.volunteerId, {
    message: "Choose a record to erase",
    path: ["signatureId"],
  });

const staffRole = z.enum(roles, { error: "Choose a role" });

export const addStaffSchema = z.object({ email: emailAddress, role: staffRole });
export const changeStaffRoleSchema = z.object({ id: recordId, role: staffRole });
export const removeStaffSchema = z.object({ id: recordId });
