import type { CsvColumn } from "@/lib/admin/export/csv-stream";
import { nameParts } from "@/lib/admin/export/name-parts";

// The CRM export's columns, written once: the CSV's header row and the column list on /admin/exports
// both come from `crmColumns`, so the file and its documentation cannot drift apart. Pure (no database):
// the page, the export and the unit tests all read it.

/** upsert: create or update the contact with this ID. remove: delete (or suppress) it. */
export type CrmAction = "upsert" | "remove";

/** Where a signature came from, as the CRM records it. */
export type CrmSource = "online" | "partner" | "paper";

/** One row of a CRM export, before it becomes CSV cells: dates are ISO 8601 text in UTC. */
export type CrmRecord = {
  action: CrmAction;
  id: string;
  removalReason: string | null;
  removedAt: string | null;
  fullName: string | null;
  givenName: string | null;
  familyName: string | null;
  nameSplit: boolean | null;
  email: string | null;
  nation: string | null;
  country: string | null;
  source: CrmSource | null;
  partnerCode: string | null;
  partnerName: string | null;
  paperEvent: string | null;
  paperEventDate: string | null;
  pledgeConsentVersion: string | null;
  pledgeConsentAt: string | null;
  campaignEmails: boolean | null;
  campaignEmailsAt: string | null;
  campaignEmailsVersion: string | null;
  signedAt: string | null;
  confirmedAt: string | null;
  lastChangedAt: string;
};

/** A CSV column (csv-stream.ts) with what it means, for the page that documents the export. */
export type CrmColumn = CsvColumn<CrmRecord> & { meaning: string };

export const crmColumns: readonly CrmColumn[] = [
  {
    key: "action",
    header: "Action",
    meaning:
      "upsert: create this contact, or update it if the ID is already there. remove: delete or suppress the contact with this ID (the person withdrew, asked to be erased, their paper batch was undone, or the record reached its retention limit); on a remove row only the ID, the removal reason and the times are filled in. A remove row may name an ID the CRM never had (someone who left before confirming): there is nothing to do for it.",
  },
  {
    key: "id",
    header: "Signature ID",
    meaning:
      "Our ID for the signature. Use it as the CRM's external key: it never changes, and a remove row names only this.",
  },
  {
    key: "removalReason",
    header: "Removal reason",
    meaning: "Remove rows only: withdrawn, erased, paper-undone or retention.",
  },
  { key: "removedAt", header: "Removed at", meaning: "Remove rows only: when the signature left our list." },
  {
    key: "fullName",
    header: "Full name",
    meaning: "The name exactly as the person gave it. Always filled in on upsert rows.",
  },
  {
    key: "givenName",
    header: "Given name",
    meaning: "The first of the two words, when the name was split (see Name split); empty otherwise.",
  },
  {
    key: "familyName",
    header: "Family name",
    meaning: "The second of the two words, when the name was split; empty otherwise.",
  },
  {
    key: "nameSplit",
    header: "Name split",
    meaning:
      "yes when the name is exactly two plain words in Latin letters (hyphens and apostrophes allowed), neither an initial, a title nor a particle like van or de: the first is taken as the given name. no for anything else (one word, three or more, titles, initials, other scripts), where only Full name is filled in: put it in the CRM's single name field or split it by hand.",
  },
  {
    key: "email",
    header: "Email",
    meaning: "The address as the person typed it. Empty for a paper pledge given without one.",
  },
  {
    key: "nation",
    header: "Nation",
    meaning: "england, scotland, wales, northern-ireland, or other (outside the UK).",
  },
  { key: "country", header: "Country", meaning: "ISO 3166 two-letter code: GB for the four UK nations." },
  {
    key: "source",
    header: "Source",
    meaning:
      "online: signed on our site or through the API. partner: signed online through a partner's link or key (see Partner). paper: collected on paper at an event and entered by staff (see Paper event).",
  },
  {
    key: "partnerCode",
    header: "Partner code",
    meaning:
      "The ref code of the partner or channel whose link brought them (content/partners.yaml), if any.",
  },
  {
    key: "partnerName",
    header: "Partner",
    meaning: "That partner's name, when the code is still on our list of partners.",
  },
  {
    key: "paperEvent",
    header: "Paper event",
    meaning: "Paper pledges only: the event the paper form was signed at.",
  },
  {
    key: "paperEventDate",
    header: "Paper event date",
    meaning: "Paper pledges only: the day of that event (YYYY-MM-DD).",
  },
  {
    key: "pledgeConsentVersion",
    header: "Pledge consent version",
    meaning:
      "Which wording of the pledge and privacy notice the person agreed to when signing (a paper form's own version for paper pledges).",
  },
  { key: "pledgeConsentAt", header: "Pledge consent at", meaning: "When they agreed to it." },
  {
    key: "campaignEmails",
    header: "Campaign emails",
    meaning:
      "yes if they agreed to campaign emails and have not unsubscribed since; no otherwise. Only email people with yes.",
  },
  {
    key: "campaignEmailsAt",
    header: "Campaign emails since",
    meaning:
      "When Campaign emails took its current value: when they signed, or when they unsubscribed after that.",
  },
  {
    key: "campaignEmailsVersion",
    header: "Campaign emails consent version",
    meaning:
      "The wording the campaign emails choice was made under: the same wording as the pledge consent, which asks the question.",
  },
  { key: "signedAt", header: "Signed at", meaning: "When they signed (for paper pledges, when entered)." },
  {
    key: "confirmedAt",
    header: "Confirmed at",
    meaning: "When they confirmed their email address (for paper pledges, when the batch was stored).",
  },
  {
    key: "lastChangedAt",
    header: "Last changed at",
    meaning:
      "When this row last changed on our side (or, for a remove row, when it was removed). If a contact comes twice, keep the later one.",
  },
];

export const crmHeaders: readonly string[] = crmColumns.map((column) => column.header);

const keys = crmColumns.map((column) => column.key);

/** A record's values in the order of the headers. */
export function crmCells(record: CrmRecord): (string | boolean | null)[] {
  return keys.map((key) => record[key]);
}

/** A signature as the export reads it: dates already ISO text. */
export type CrmSignature = {
  id: string;
  name: string;
  email: string;
  nation: string;
  country: string;
  source: string;
  partnerCode: string | null;
  consentVersion: string;
  consentAt: string;
  campaignEmails: boolean;
  campaignEmailsAt: string | null;
  createdAt: string;
  confirmedAt: string | null;
  updatedAt: string;
};

/** A signature on the list: create or update it in the CRM. */
export function upsertRecord(
  row: CrmSignature,
  context: { partnerName?: string; paperEvent?: { name: string; date: string } },
): CrmRecord {
  const name = nameParts(row.name);
  const source: CrmSource = row.source === "paper" ? "paper" : row.partnerCode ? "partner" : "online";
  // Every key written out, in one literal: spreading a template object here was most of the export's time.
  return {
    action: "upsert",
    id: row.id,
    removalReason: null,
    removedAt: null,
    fullName: row.name,
    givenName: name.split ? name.given : null,
    familyName: name.split ? name.family : null,
    nameSplit: name.split,
    email: row.email,
    nation: row.nation,
    country: row.country,
    source,
    partnerCode: row.partnerCode,
    partnerName: context.partnerName ?? null,
    paperEvent: context.paperEvent?.name ?? null,
    paperEventDate: context.paperEvent?.date ?? null,
    pledgeConsentVersion: row.consentVersion,
    pledgeConsentAt: row.consentAt,
    campaignEmails: row.campaignEmails,
    // Rows older than the column hold null only if written around its migration: signing is the moment.
    campaignEmailsAt: row.campaignEmailsAt ?? row.consentAt,
    campaignEmailsVersion: row.consentVersion,
    signedAt: row.createdAt,
    confirmedAt: row.confirmedAt,
    lastChangedAt: row.updatedAt,
  };
}

// A remove row's columns: every one empty but the ID, why and when. Built from the column list, so a new
// column is empty there too.
const emptyRecord = Object.fromEntries(crmColumns.map((column) => [column.key, null])) as Record<
  keyof CrmRecord,
  null
>;

/** A signature that left the list: the ID, why and when, and nothing else about the person. */
export function removeRecord(removal: { signatureId: string; reason: string; removedAt: Date }): CrmRecord {
  const at = removal.removedAt.toISOString();
  return {
    ...emptyRecord,
    action: "remove",
    id: removal.signatureId,
    removalReason: removal.reason,
    removedAt: at,
    lastChangedAt: at,
  };
}
