import { z } from "zod";

// Field rules shared by every form that takes a person's details (pledge, volunteering, staff sign-in).
// Messages are written for the person filling the form in: they appear next to the field.

/** Characters that make a spreadsheet treat a cell as a formula (CSV injection), refused at the door. */
const formulaStart = /^[=+\-@\t\r]/;
/**
 * A web address anywhere in a name: spam, not a name. Common TLDs only, so "J.R. Smith" still passes.
 * Every alternative is a fixed few characters long, so the search is linear in the name's length (the old
 * `\b[a-z0-9-]+\.` rescanned a whole run of `a-a-a-…` from every letter in it: quadratic).
 */
const looksLikeUrl =
  /:\/\/|www\.|[a-z0-9-]\.(?:com|net|org|info|biz|io|co|uk|ru|cn|xyz|top|site|online|app|dev|ly|me|gl)\b/i;
const controlCharacters = /[\u0000-\u001f\u007f-\u009f]/;

/**
 * zod 4 runs every check of a value, even after one has failed. (`abort` would stop that, but it also stops
 * the form-level checks, such as "select a country", that must still run so a person sees every message
 * at once.) So every check here is cheap whatever the value: the raw length first (constant time), then
 * the length a person sees, and the patterns only on a value already within that length; a longer value
 * has its message from the length check, and the patterns pass over it.
 */
const whenWithin = (max: number, test: (value: string) => boolean) => (value: string) =>
  value.length > max || test(value);

/**
 * The longest raw value that could still fit in `max` characters once trimmed: a character is at most two
 * UTF-16 units, and twice that again leaves room for any spaces a paste puts around a real value.
 */
const rawLimit = (max: number) => 4 * max;

/**
 * Free text of at most `max` characters (Unicode code points, after trimming), checked in the order above.
 * `type` is the message for a value that is not text at all; `required`, if given, refuses a blank value.
 * A value far over the limit is not trimmed or counted at all.
 */
export function boundedText(max: number, messages: { type: string; tooLong: string; required?: string }) {
  const text = z
    .string({ error: messages.type })
    .refine((value) => value.length <= rawLimit(max), messages.tooLong)
    .transform((value) => (value.length <= rawLimit(max) ? value.trim() : value.slice(0, max + 1)));
  const within = text.pipe(z.string().max(max, messages.tooLong));
  return messages.required ? within.refine((value) => value.length > 0, messages.required) : within;
}

const NAME_MAX = 100;

export const personName = boundedText(NAME_MAX, {
  type: "Enter your full name",
  required: "Enter your full name",
  tooLong: "Your name must be 100 characters or fewer",
})
  .refine(
    whenWithin(NAME_MAX, (name) => !formulaStart.test(name)),
    "Your name cannot start with =, +, -, or @",
  )
  .refine(
    whenWithin(NAME_MAX, (name) => !looksLikeUrl.test(name)),
    "Your name cannot contain a web address",
  )
  .refine(
    whenWithin(NAME_MAX, (name) => !controlCharacters.test(name)),
    "Your name contains characters we cannot accept",
  );

/** zod's email pattern runs only on a value already within the 254-character limit (a pipe stops there). */
export const emailAddress = boundedText(254, {
  type: "Enter your email address",
  required: "Enter your email address",
  tooLong: "Your email address must be 254 characters or fewer",
}).pipe(z.email({ error: "Enter an email address in the right format, like name@example.com" }));

/**
 * An HTML checkbox sends its value ("yes") when ticked and nothing when not; JSON clients may send a
 * boolean. Anything else reads as "not ticked": a checkbox is never a reason to refuse a form.
 */
export const checkbox = z
  .unknown()
  .optional()
  .transform((value) => value === true || value === "yes" || value === "on" || value === "true");

/**
 * Fields a person never fills in (the honeypot, the form-timing token): never an error message, whatever
 * a script sends; the sign-up code reads them as signals.
 */
export const hiddenSignal = z
  .unknown()
  .optional()
  .transform((value) => (typeof value === "string" ? value.slice(0, 500) : ""));

/**
 * A solved proof-of-work challenge (lib/security/challenge.ts), as a form or an app sends it. Never an
 * error to a person: anything that is not one simply reads as "not solved".
 */
export const challengeSolution = z
  .unknown()
  .optional()
  .transform((value) => (typeof value === "string" && value.length <= 4_000 ? value : ""));
