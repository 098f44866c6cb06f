import "server-only";
import type { DbClient } from "@/lib/db";
import {
  filtersForAudit,
  type SignatureFilters,
  type VolunteerFilters,
} from "@/lib/validation/admin-filters";
import { helpOptions } from "@/lib/volunteers/help-options";
import { recordAudit } from "../audit";
import { csvStream, type CsvColumn, type CsvOutcome } from "./csv-stream";
import { isoDay } from "./dates";
import type { SignatureQueries, SignatureRow } from "./signatures";
import type { VolunteerQueries } from "./volunteers";

/** Rows per database query while exporting: big enough to be quick, small enough to keep memory flat. */
export const EXPORT_BATCH_SIZE = 5_000;

export type CsvExport = { filename: string; stream: ReadableStream<Uint8Array> };

const signatureColumns: readonly CsvColumn<SignatureRow>[] = [
  { key: "id", header: "ID" },
  { key: "name", header: "Name" },
  { key: "email", header: "Email" },
  { key: "nation", header: "Nation" },
  { key: "country", header: "Country" },
  { key: "status", header: "Status" },
  { key: "campaignEmails", header: "Campaign emails" },
  { key: "consentVersion", header: "Consent version" },
  { key: "consentAt", header: "Consent given at" },
  { key: "createdAt", header: "Signed at" },
  { key: "confirmedAt", header: "Confirmed at" },
];

type VolunteerRecord = {
  id: string;
  name: string;
  email: string;
  phone: string | null;
  healthBoard: string;
  helpWith: string;
  contactBy: string;
  note: string | null;
  status: string;
  healthConsentVersion: string;
  healthConsentAt: Date;
  createdAt: Date;
  confirmedAt: Date | null;
};

const volunteerColumns: readonly CsvColumn<VolunteerRecord>[] = [
  { key: "id", header: "ID" },
  { key: "name", header: "Name" },
  { key: "email", header: "Email" },
  { key: "phone", header: "Phone" },
  { key: "healthBoard", header: "Health board" },
  { key: "helpWith", header: "Would like to help with" },
  { key: "contactBy", header: "Contact by" },
  { key: "note", header: "Note" },
  { key: "status", header: "Status" },
  { key: "healthConsentVersion", header: "Health data consent version" },
  { key: "healthConsentAt", header: "Health data consent given at" },
  { key: "createdAt", header: "Signed up at" },
  { key: "confirmedAt", header: "Confirmed at" },
];

const helpLabel = (value: string) => helpOptions.find((option) => option.value === value)?.label ?? value;

async function* mapBatches<From, To>(batches: AsyncIterable<From[]>, map: (row: From) => To) {
  for await (const batch of batches) yield batch.map(map);
}

/**
 * CSV exports of signatures and volunteers, streamed. Each writes one audit event when it ends: who,
 * which filters, how many rows, and whether the download completed.
 */
export function createExports(
  db: DbClient,
  queries: { signatures: SignatureQueries; volunteers: VolunteerQueries },
  options: { batchSize?: number; now?: () => Date } = {},
) {
  const batchSize = options.batchSize ?? EXPORT_BATCH_SIZE;
  const now = options.now ?? (() => new Date());

  // The event's own time says when the download ended; startedAt says when it began.
  const audit = (
    actor: string,
    action: "export-signatures" | "export-volunteers",
    filters: Record<string, unknown>,
  ) => {
    const startedAt = now().toISOString();
    return ({ rows, complete, failed }: CsvOutcome) =>
      recordAudit(db, {
        actor,
        action,
        subject: action === "export-signatures" ? "signatures" : "volunteers",
        detail: { filters, rows, complete, ...(failed ? { failed: true } : {}), startedAt },
      });
  };

  return {
    signatures(filters: SignatureFilters, actor: string): CsvExport {
      return {
        filename: `signatures-${isoDay(now())}.csv`,
        stream: csvStream({
          columns: signatureColumns,
          batches: queries.signatures.batches(filters, batchSize),
          onEnd: audit(actor, "export-signatures", filtersForAudit(filters)),
        }),
      };
    },

    volunteers(filters: VolunteerFilters, actor: string): CsvExport {
      return {
        filename: `volunteers-${isoDay(now())}.csv`,
        stream: csvStream({
          columns: volunteerColumns,
          batches: mapBatches(queries.volunteers.batches(filters, batchSize), (row) => ({
            ...row,
            helpWith: row.helpWith.map(helpLabel).join("; "),
          })),
          onEnd: audit(actor, "export-volunteers", filtersForAudit(filters)),
        }),
      };
    },
  };
}

export type Exports = ReturnType<typeof createExports>;

/** The response for an export: a download, never cached, named with the day. */
export function csvResponse({ filename, stream }: CsvExport): Response {
  return new Response(stream, {
    headers: {
      "Content-Type": "text/csv; charset=utf-8",
      "Content-Disposition": `attachment; filename="${filename}"`,
      "Cache-Control": "no-store",
      "X-Content-Type-Options": "nosniff",
    },
  });
}
