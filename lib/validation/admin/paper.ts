import { z } from "zod";
import { nationValues } from "@/lib/values/nations";
import { checkCountry, countryField, withPlace } from "@/lib/validation/place";
import { boundedText, emailAddress, personName } from "@/lib/validation/fields";

// Paper pledges (/admin/paper): one person's row, checked with the online form's own field rules
// (lib/validation/fields.ts), except that the email may be left blank (a paper-only pledge); and the event
// a batch of them came from. The paper forms' wording versions live in lib/paper/consent.ts (domain code,
// which this folder does not import): the event schemas are made for a list of them (lib/paper/schemas.ts).

/** Blank: no email on the form (paper-only). Otherwise exactly the online form's email rule. */
const optionalEmail = z.unknown().transform((value, ctx) => {
  const text = typeof value === "string" ? value.trim() : "";
  if (text === "") return "";
  const parsed = emailAddress.safeParse(text);
  if (parsed.success) return parsed.data;
  ctx.addIssue({ code: "custom", message: parsed.error.issues[0]?.message ?? "Check the email address" });
  return z.NEVER;
});

/** The tick-box, as a typed form sends it ("yes"/"no" radios) or a checked row carries it (a boolean). */
const campaignEmailsChoice = z
  .unknown()
  .transform((value) => value === true || value === "yes")
  .optional()
  .transform((value) => value ?? false);

const personFields = {
  name: personName,
  email: optionalEmail,
  nation: z.enum(nationValues, { error: "Select where they live" }),
  country: countryField,
  campaignEmails: campaignEmailsChoice,
};

export const paperRowSchema = z
  .object(personFields)
  .superRefine(checkCountry("they"), { when: () => true })
  .transform(withPlace);

export type PaperRow = z.infer<typeof paperRowSchema>;
export type PaperRowField = keyof typeof personFields;

const today = () => new Date().toISOString().slice(0, 10);

/** A calendar day, YYYY-MM-DD, as a date input sends it; not before the campaign, not in the future. */
export const eventDate = z
  .string({ error: "Enter the day of the event" })
  .trim()
  .min(1, "Enter the day of the event")
  .refine(
    (value) =>
      /^\d{4}-\d{2}-\d{2}$/.test(value) && new Date(`${value}T00:00:00Z`).toISOString().startsWith(value),
    { message: "Enter the day as a date, like 2026-03-14", abort: true },
  )
  .refine((value) => value >= "2020-01-01", "Enter a day in 2020 or later")
  // A day ahead of UTC's today, for events held east of Greenwich late in the evening.
  .refine(
    (value) => value <= new Date(Date.now() + 24 * 60 * 60 * 1000).toISOString().slice(0, 10),
    `The event cannot be after today (${today()})`,
  );

type Versions = readonly [string, ...string[]];

const eventFields = (versions: Versions) => ({
  eventName: boundedText(120, {
    type: "Enter the event's name",
    required: "Enter the event's name",
    tooLong: "The event's name must be 120 characters or fewer",
  }).refine((value) => !/^[=+\-@\t\r]/.test(value), "The event's name cannot start with =, +, -, or @"),
  eventDate,
  consentVersion: z.enum(versions, { error: "Select the wording printed on the forms" }),
});

/** The event a batch of forms came from, for the paper forms' wording `versions`. */
export const paperEventSchemaFor = (versions: Versions) => z.object(eventFields(versions));
export type PaperEvent = z.infer<ReturnType<typeof paperEventSchemaFor>>;

/** The type-in form: the event, and one person's paper form. */
export const paperEntrySchemaFor = (versions: Versions) =>
  z
    .object({ ...eventFields(versions), ...personFields })
    .superRefine(checkCountry("they"), { when: () => true })
    .transform(withPlace);
export type PaperEntry = z.infer<ReturnType<typeof paperEntrySchemaFor>>;

export const paperBatchIdSchema = z.object({ id: z.uuid() });
