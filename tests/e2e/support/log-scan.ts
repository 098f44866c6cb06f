import { parsePhoneNumberFromString } from "libphonenumber-js";
import type { PersonalDataKind, PersonalDatum } from "@/tests/e2e/support/personal-data";

// Looks for people's details in a server log in every form a log line might hold them: as typed, in
// any case, escaped inside a JSON string, URL-encoded (a path or a form body), and for phone numbers as
// bare digits or in international form (how the app stores them).

function spellings({ kind, value }: PersonalDatum): string[] {
  const forms = [value, JSON.stringify(value).slice(1, -1), encodeURIComponent(value)];
  forms.push(encodeURIComponent(value).replace(/%20/g, "+"));
  if (kind === "phone") {
    const digits = value.replace(/\D/g, "");
    // Short digit runs would match timestamps and ids by chance.
    if (digits.length >= 7) forms.push(digits);
    const international = parsePhoneNumberFromString(value, "GB")?.number;
    if (international) forms.push(international, international.slice(1));
  }
  return [...new Set(forms.map((form) => form.toLowerCase()).filter((form) => form.trim().length >= 3))];
}

/** The kinds of personal data (never the data itself) that `log` holds, sorted; empty when clean. */
export function personalDataKindsIn(log: string, people: readonly PersonalDatum[]): PersonalDataKind[] {
  const haystack = log.toLowerCase();
  const found = new Set<PersonalDataKind>();
  for (const datum of people) {
    if (found.has(datum.kind)) continue;
    if (spellings(datum).some((form) => haystack.includes(form))) found.add(datum.kind);
  }
  return [...found].sort();
}
