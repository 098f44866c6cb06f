import { countryName } from "@/lib/values/countries";
import { nationLabel, nationValues, type Nation } from "@/lib/values/nations";
import { helpOptions } from "@/lib/values/help-options";
import type { SignatureRow, VolunteerRow } from "@/lib/admin/records/columns";

// How the admin pages name things. Pure: usable by server and client components alike.

const dateTime = new Intl.DateTimeFormat("en-GB", {
  day: "numeric",
  month: "short",
  year: "numeric",
  hour: "2-digit",
  minute: "2-digit",
  timeZone: "UTC",
});

/** "25 Nov 2026, 10:04 UTC": UTC, so two staff members in different places see the same time. */
export function formatDateTime(value: Date): string {
  return `${dateTime.format(value)} UTC`;
}

export const signatureStatusLabels: Record<string, string> = {
  pending: "Waiting for email confirmation",
  confirmed: "Confirmed",
  held: "Held for review (not emailed, not counted)",
};

export const volunteerStatusLabels: Record<string, string> = {
  pending: "Waiting for email confirmation",
  confirmed: "Confirmed",
};

export function placeLabel(nation: string, country: string): string {
  if ((nationValues as readonly string[]).includes(nation) && nation !== "other")
    return nationLabel(nation as Nation);
  return countryName(country);
}

export function helpLabel(value: string): string {
  return helpOptions.find((option) => option.value === value)?.label ?? value;
}

export type DisplayItem = { label: string; value: string };

/** A signature's fields as label and text, ready for any component to show (nothing left to format). */
export function describeSignature(row: SignatureRow): DisplayItem[] {
  return [
    { label: "Name", value: row.name },
    { label: "Email address", value: row.email },
    { label: "Where they live", value: placeLabel(row.nation, row.country) },
    { label: "Status", value: signatureStatusLabels[row.status] ?? row.status },
    { label: "Campaign emails", value: row.campaignEmails ? "Agreed" : "Not agreed" },
    { label: "Signed", value: formatDateTime(row.createdAt) },
    { label: "Confirmed", value: row.confirmedAt ? formatDateTime(row.confirmedAt) : "" },
    { label: "Consent", value: `${row.consentVersion}, given ${formatDateTime(row.consentAt)}` },
    { label: "Record id", value: row.id },
  ];
}

/** A volunteer's fields, opened, as label and text. */
export function describeVolunteer(row: VolunteerRow): DisplayItem[] {
  return [
    { label: "Name", value: row.name },
    { label: "Email address", value: row.email },
    { label: "Phone number", value: row.phone ?? "" },
    { label: "Prefers to be contacted by", value: row.contactBy === "phone" ? "Phone" : "Email" },
    { label: "Health board", value: row.healthBoard },
    { label: "Would like to help with", value: row.helpWith.map(helpLabel).join("; ") },
    { label: "Note", value: row.note ?? "" },
    { label: "Status", value: volunteerStatusLabels[row.status] ?? row.status },
    { label: "Signed up", value: formatDateTime(row.createdAt) },
    { label: "Confirmed", value: row.confirmedAt ? formatDateTime(row.confirmedAt) : "" },
    {
      label: "Consent to holding health data",
      value: `${row.healthConsentVersion}, given ${formatDateTime(row.healthConsentAt)}`,
    },
    { label: "Record id", value: row.id },
  ];
}
