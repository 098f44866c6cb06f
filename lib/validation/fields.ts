import { z } from "zod";

// Field rules shared by every form that takes a person's details (pledge, volunteering, staff sign-in).
// Messages are written for the person filling the form in: they appear next to the field.

/** Characters that make a spreadsheet treat a cell as a formula (CSV injection), refused at the door. */
const formulaStart = /^[=+\-@\t\r]/;
/** A web address anywhere in a name: spam, not a name. Common TLDs only, so "J.R. Smith" still passes. */
const looksLikeUrl =
  /(:\/\/|www\.|\b[a-z0-9-]+\.(com|net|org|info|biz|io|co|uk|ru|cn|xyz|top|site|online|app|dev|ly|me|gl)\b)/i;
const controlCharacters = /[\u0000-\u001f\u007f-\u009f]/;

export const personName = z
  .string({ error: "Enter your full name" })
  .trim()
  .min(1, "Enter your full name")
  .max(100, "Your name must be 100 characters or fewer")
  .refine((name) => !formulaStart.test(name), "Your name cannot start with =, +, -, or @")
  .refine((name) => !looksLikeUrl.test(name), "Your name cannot contain a web address")
  .refine((name) => !controlCharacters.test(name), "Your name contains characters we cannot accept");

export const emailAddress = z
  .string({ error: "Enter your email address" })
  .trim()
  .min(1, "Enter your email address")
  .max(254, "Your email address must be 254 characters or fewer")
  .pipe(z.email({ error: "Enter an email address in the right format, like name@example.com" }));

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
