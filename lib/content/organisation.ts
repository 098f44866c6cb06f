import fs from "node:fs";
import path from "node:path";
import { parse } from "yaml";
import { z } from "zod";
import { defaultContentRoot } from "@/lib/content/load";
import { bindOnce } from "@/lib/platform/bind-once";

// Who runs the campaign and controls its data (UK GDPR Art. 13 asks that they be named) lives in
// content/organisation.yaml, so the About page, the privacy notice and the footer can never disagree.

const httpsUrl = z.url({ protocol: /^https$/ });

const organisationSchema = z.strictObject({
  name: z.string().min(2),
  url: httpsUrl,
  legalForm: z.string().min(5),
  /** Companies House numbers are 8 characters with leading zeros, but charities print them without. */
  companyNumber: z.string().regex(/^[A-Z0-9]{6,8}$/, "write the company number as printed, e.g. 9347608"),
  charityRegistrations: z
    .array(z.strictObject({ where: z.string().min(2), number: z.string().regex(/^[A-Z0-9]{3,10}$/) }))
    .min(1),
  registeredOffice: z.string().min(10),
  campaignsEmail: z.email().optional(),
  dataProtectionTeam: z.string().min(3),
  checkedAgainst: z.array(z.strictObject({ title: z.string().min(3), url: httpsUrl })).min(1),
});

export type Organisation = z.infer<typeof organisationSchema>;

export function loadOrganisation(root: string = defaultContentRoot): Organisation {
  const file = path.join(root, "organisation.yaml");
  return organisationSchema.parse(parse(fs.readFileSync(file, "utf8")));
}

export const organisation: () => Organisation = bindOnce(() => loadOrganisation());

/** "registered charity in England and Wales (1160558), Scotland (SC045584) and …", for running text. */
export function describeCharityRegistrations(org: Organisation): string {
  const parts = org.charityRegistrations.map((r) => `${r.where} (${r.number})`);
  const list = parts.length > 1 ? `${parts.slice(0, -1).join(", ")} and ${parts.at(-1)}` : parts[0];
  return `a registered charity in ${list}`;
}
