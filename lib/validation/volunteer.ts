import { parsePhoneNumberFromString } from "libphonenumber-js";
import { z } from "zod";
import { healthBoards } from "@/lib/values/health-boards";
import { helpValues } from "@/lib/values/help-options";
import { NOTE_MAX } from "@/lib/values/volunteer-note";
import {
  boundedText,
  challengeSolution,
  checkbox,
  emailAddress,
  hiddenSignal,
  personName,
} from "@/lib/validation/fields";

const PHONE_MESSAGE = "Enter a UK phone number, like 07911 123456 or 0141 496 0000";

/** A UK phone number in any common format, stored in the international form (+447700900123). */
const ukPhone = boundedText(30, { type: PHONE_MESSAGE, tooLong: PHONE_MESSAGE }).transform((value, ctx) => {
  if (value === "") return undefined;
  // Digits and the usual separators only: the parser would otherwise pick a number out of any text
  // ("Mobile: 07911…") or quietly drop an extension.
  if (!/^\+?[\d\s().-]+$/.test(value)) {
    ctx.addIssue({ code: "custom", message: PHONE_MESSAGE });
    return z.NEVER;
  }
  const phone = parsePhoneNumberFromString(value, "GB");
  // +44 covers the Channel Islands and the Isle of Man too: all reachable as UK numbers.
  if (!phone || !phone.isValid() || phone.countryCallingCode !== "44") {
    ctx.addIssue({ code: "custom", message: PHONE_MESSAGE });
    return z.NEVER;
  }
  return phone.number;
});

export { NOTE_MAX } from "@/lib/values/volunteer-note";

const HELP_MESSAGE = "Select the ways you would like to help from the list";

export const volunteerSchema = z
  .object({
    name: personName,
    email: emailAddress,
    phone: ukPhone.optional(),
    healthBoard: z.enum(healthBoards, { error: "Select your health board" }),
    helpWith: z
      .unknown()
      .optional()
      // No box ticked: the browser sends nothing at all; one ticked: a JSON client may send a string.
      .transform((value, ctx) => {
        const list = value === undefined ? [] : Array.isArray(value) ? value : [value];
        // Counted before any item is read (zod checks an array's length only after every item).
        if (list.length <= helpValues.length) return list;
        ctx.addIssue({ code: "custom", message: HELP_MESSAGE });
        return z.NEVER;
      })
      .pipe(
        z
          .array(z.enum(helpValues, { error: HELP_MESSAGE }))
          .min(1, "Select at least one way you would like to help"),
      ),
    note: boundedText(NOTE_MAX, {
      type: "Write your note as text, or leave it blank",
      tooLong: `Your note must be ${NOTE_MAX} characters or fewer`,
    })
      .optional()
      .transform((note) => note || undefined),
    contactBy: z.enum(["email", "phone"], { error: "Select how you would like us to contact you" }),
    healthConsent: checkbox.refine((agreed) => agreed, {
      message: "To volunteer, tick the box to agree to us holding this information",
    }),
    website: hiddenSignal,
    formToken: hiddenSignal,
    altcha: challengeSolution,
  })
  .superRefine(
    (input, ctx) => {
      if (input.contactBy === "phone" && !input.phone) {
        ctx.addIssue({
          code: "custom",
          path: ["phone"],
          message: "Enter a phone number, or choose to be contacted by email",
        });
      }
      // Run even when other fields have problems, so the person sees every message at once.
    },
    { when: () => true },
  );

export type VolunteerInput = z.infer<typeof volunteerSchema>;
export type VolunteerField =
  "name" | "email" | "phone" | "healthBoard" | "helpWith" | "note" | "contactBy" | "healthConsent";
