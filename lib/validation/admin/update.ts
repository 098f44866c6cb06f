import { z } from "zod";
import { nationValues } from "@/lib/values/nations";
import { blankToUndefined } from "@/lib/validation/admin/filter-fields";

// The forms at /admin/updates: writing a campaign update, sending it, its rate, stopping it.

/** Emails a minute, as staff may set it: from a trickle to what a large provider account takes. */
export const UPDATE_RATE_MIN = 1;
export const UPDATE_RATE_MAX = 6_000;
export const UPDATE_RATE_DEFAULT = 600;
export const UPDATE_SUBJECT_MAX = 150;
export const UPDATE_BODY_MAX = 20_000;

const updateId = z.uuid({ error: "That update could not be found" });

const ratePerMinute = z.coerce
  .number({ error: "Enter a whole number of emails a minute" })
  .int("Enter a whole number of emails a minute")
  .min(UPDATE_RATE_MIN, `Send at least ${UPDATE_RATE_MIN} a minute`)
  .max(UPDATE_RATE_MAX, `Send ${UPDATE_RATE_MAX.toLocaleString("en-GB")} a minute or fewer`);

export const updateDraftSchema = z.object({
  /** Present when a draft is edited. */
  id: z.preprocess(blankToUndefined, updateId.optional()),
  subject: z
    .string({ error: "Enter a subject" })
    .trim()
    .min(1, "Enter a subject")
    .max(UPDATE_SUBJECT_MAX, `Keep the subject to ${UPDATE_SUBJECT_MAX} characters or fewer`)
    .refine((value) => !/[\r\n]/.test(value), "Keep the subject on one line"),
  body: z
    .string({ error: "Write the update" })
    .trim()
    .min(1, "Write the update")
    .max(
      UPDATE_BODY_MAX,
      `Keep the update to ${UPDATE_BODY_MAX.toLocaleString("en-GB")} characters or fewer`,
    ),
  nation: z.preprocess(
    blankToUndefined,
    z.enum(nationValues, { error: "Choose a nation from the list" }).optional(),
  ),
  partnerCode: z.preprocess(
    blankToUndefined,
    z
      .string()
      .max(40, "Choose a partner from the list")
      .regex(/^[a-z0-9]+(?:-[a-z0-9]+)*$/, "Choose a partner from the list")
      .optional(),
  ),
  ratePerMinute,
});
export type UpdateDraftInput = z.infer<typeof updateDraftSchema>;
export type UpdateDraftField = keyof UpdateDraftInput;

export const sendUpdateSchema = z.object({
  id: updateId,
  confirm: z.literal("yes", { error: "Tick the box to confirm you have checked the preview" }),
});

export const updateRateSchema = z.object({ id: updateId, ratePerMinute });

export const updateIdSchema = z.object({ id: updateId });
