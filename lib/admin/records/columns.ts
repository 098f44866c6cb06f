import type { Prisma } from "@/lib/generated/sqlite/client";

// Which fields of each record staff are shown, written once. Every row type below is derived from these
// selects, so a field added here reaches the list, the detail page, the export and their types together.
// Pure (types only from Prisma): format.ts, used by client components too, takes its types from here.

/** What staff see of a signature: everything but the keyed IP hash and the internals of signing. */
export const signatureSelect = {
  id: true,
  name: true,
  email: true,
  nation: true,
  country: true,
  status: true,
  campaignEmails: true,
  consentVersion: true,
  consentAt: true,
  createdAt: true,
  confirmedAt: true,
  /** The partner or channel whose link brought them (content/partners.yaml), or null. */
  partnerCode: true,
} as const satisfies Prisma.SignatureSelect;

export type SignatureRow = Prisma.SignatureGetPayload<{ select: typeof signatureSelect }>;

/**
 * What a CRM export reads of a signature (lib/admin/export/crm-columns.ts says what each becomes): the
 * person, where they came from, their consents, and the times a CRM keys its updates on.
 */
export const crmSignatureSelect = {
  id: true,
  name: true,
  email: true,
  nation: true,
  country: true,
  source: true,
  partnerCode: true,
  paperBatchId: true,
  consentVersion: true,
  consentAt: true,
  campaignEmails: true,
  campaignEmailsAt: true,
  createdAt: true,
  confirmedAt: true,
  updatedAt: true,
} as const satisfies Prisma.SignatureSelect;

export type CrmSignatureRow = Prisma.SignatureGetPayload<{ select: typeof crmSignatureSelect }>;

/** The personal fields of a volunteer, each sealed (lib/volunteers/sealed-fields.ts). */
export const sealedPersonalSelect = {
  nameSealed: true,
  emailSealed: true,
  phoneSealed: true,
  noteSealed: true,
} as const satisfies Prisma.VolunteerSelect;

export type SealedPersonal = Prisma.VolunteerGetPayload<{ select: typeof sealedPersonalSelect }>;

/** A volunteer's fields stored in clear: enough to tell staff which record it is without opening it. */
export const unsealedVolunteerSelect = {
  id: true,
  healthBoard: true,
  helpWith: true,
  contactBy: true,
  status: true,
  healthConsentVersion: true,
  healthConsentAt: true,
  createdAt: true,
  confirmedAt: true,
} as const satisfies Prisma.VolunteerSelect;

/** What staff see of a volunteer, as stored: the personal fields still sealed, helpWith comma-joined. */
export const sealedVolunteerSelect = {
  ...unsealedVolunteerSelect,
  ...sealedPersonalSelect,
} as const satisfies Prisma.VolunteerSelect;

export type SealedVolunteer = Prisma.VolunteerGetPayload<{ select: typeof sealedVolunteerSelect }>;

/** A volunteer as staff see them: the personal fields opened (absent phone and note as null), helpWith listed. */
export type VolunteerRow = Omit<SealedVolunteer, keyof SealedPersonal | "helpWith"> & {
  name: string;
  email: string;
  phone: string | null;
  note: string | null;
  helpWith: string[];
  /** Set when the sealed fields could not be opened (the key that sealed them is gone from the ring). */
  unreadable?: true;
};

/** What staff see in place of sealed fields that cannot be opened. */
export const UNREADABLE_DETAILS = "details cannot be read (key missing)";

/** The keys of `Row` whose values are dates: what a driver that returns text must turn back into Date. */
export type DateKeys<Row> = { [K in keyof Row]-?: Row[K] extends Date | null ? K : never }[keyof Row];

/** The keys of `Row` whose values are booleans (SQLite stores them as 0 and 1). */
export type BooleanKeys<Row> = { [K in keyof Row]-?: Row[K] extends boolean ? K : never }[keyof Row];
