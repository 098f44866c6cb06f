import fs from "node:fs";
import path from "node:path";
import { parse } from "yaml";
import { z } from "zod";
import { defaultContentRoot } from "@/lib/content/load";
import { bindOnce } from "@/lib/platform/bind-once";

// Who the pledge's partners and channels are, and the `ref` codes that credit them, live in
// content/partners.yaml so the campaigns team edits one file. Read once per process, like all content.

export const partnerCodePattern = /^[a-z0-9]+(?:-[a-z0-9]+)*$/;

const partnerSchema = z.object({
  code: z.string().max(40).regex(partnerCodePattern, "use lower-case letters, digits and hyphens"),
  name: z.string().min(1),
  /** ISO 3166-1 alpha-2 country code of where the organisation works. */
  country: z.string().regex(/^[A-Z]{2}$/),
  kind: z.enum(["partner", "channel"]),
  url: z.url().optional(),
  description: z.string().min(1),
});

const partnersFileSchema = z.object({ partners: z.array(partnerSchema).min(1) });

export type Partner = z.infer<typeof partnerSchema>;

export function loadPartners(root: string = defaultContentRoot): Partner[] {
  const file = path.join(root, "partners.yaml");
  const parsed = partnersFileSchema.parse(parse(fs.readFileSync(file, "utf8")));
  const codes = new Set(parsed.partners.map((partner) => partner.code));
  if (codes.size !== parsed.partners.length) throw new Error("content/partners.yaml lists the same code twice");
  return parsed.partners;
}

const partners: () => Partner[] = bindOnce(() => loadPartners());

export function listPartners(): Partner[] {
  return partners();
}

/** The partner a `ref` code names, or undefined for anything unknown (unknown codes are ignored, never an error). */
export function partnerByCode(code: string | null | undefined): Partner | undefined {
  if (!code) return undefined;
  const normalised = code.trim().toLowerCase();
  return partners().find((partner) => partner.code === normalised);
}
