import { z } from "zod";
import { nationValues } from "@/lib/values/nations";
import { checkCountry, countryField, withPlace } from "@/lib/validation/place";
import { challengeSolution, checkbox, emailAddress, hiddenSignal, personName } from "@/lib/validation/fields";

/** A `ref` code as written in content/partners.yaml (lower-case letters, digits, hyphens), or null. */
function partnerRef(value: unknown): string | null {
  if (typeof value !== "string") return null;
  const code = value.trim().toLowerCase();
  return code.length <= 40 && /^[a-z0-9]+(?:-[a-z0-9]+)*$/.test(code) ? code : null;
}

/**
 * The pledge form, as sent by the HTML form, the server action and the JSON API alike.
 * `website` is a honeypot and `altcha` a solved challenge: neither is ever an error to a person; the
 * sign-up flow reads them to decide whether a sign-up is emailed at once or held for staff.
 */
export const signPledgeSchema = z
  .object({
    name: personName,
    email: emailAddress,
    nation: z.enum(nationValues, { error: "Select where you live" }),
    // Only read when the supporter lives outside the UK; checked below, with a message a person can act on.
    country: countryField,
    campaignEmails: checkbox,
    website: hiddenSignal,
    altcha: challengeSolution,
    // The partner or channel whose link brought them (`/pledge?ref=bcna`). Only its shape is checked here;
    // lib/pledge keeps it only if content/partners.yaml knows it. Never an error: a bad code is dropped.
    ref: z.unknown().transform(partnerRef).optional(),
  })
  // Run even when other fields have problems, so the person sees every message at once.
  .superRefine(checkCountry("you"), { when: () => true })
  .transform(withPlace);

export type SignPledgeInput = z.infer<typeof signPledgeSchema>;
export type SignPledgeField = "name" | "email" | "nation" | "country" | "campaignEmails";

/** An email address alone: for "send me a new link". */
export const emailOnlySchema = z.object({ email: emailAddress });
