import { paperConsentVersions } from "@/lib/paper/consent";
import { paperEntrySchemaFor, paperEventSchemaFor } from "@/lib/validation/admin/paper";

// The paper forms' schemas for the wordings we have printed (lib/paper/consent.ts).

export const paperEventSchema = paperEventSchemaFor(paperConsentVersions);
export const paperEntrySchema = paperEntrySchemaFor(paperConsentVersions);
