import "server-only";
import type { DbClient } from "@/lib/platform/db";
import { filtersForAudit } from "@/lib/admin/audit/redact";
import type { SignatureFilters, VolunteerFilters } from "@/lib/validation/admin/list-filters";
import { recordAudit } from "@/lib/admin/audit/record";
import { csvStream, type CsvColumn, type CsvOutcome, type CsvRecord } from "@/lib/admin/export/csv-stream";
import type { SignatureRow, VolunteerRow } from "@/lib/admin/records/columns";
import { isoDay } from "@/lib/admin/records/dates";
import type { DriverPages } from "@/lib/admin/export/driver-pages";
import { helpLabel } from "@/lib/admin/records/format";
import { signatureExportPages } from "@/lib/admin/records/signatures";
import { volunteerExportPages, type VolunteerQueryOptions } from "@/lib/admin/records/volunteers";

/** Rows per database query while exporting: big enough to be quick, small enough to keep memory flat. */
export const EXPORT_BATCH_SIZE = 5_000;

export type CsvExport = { filename: string; stream: ReadableStream<Uint8Array> };

// Each list is both the CSV's columns and, for signatures, what is read: the SELECT names these keys in
// this order, so a row's values arrive already in CSV order.
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
  { key: "partnerCode", header: "Partner" },
];

/** A volunteer as the CSV has it: what they would like to help with, in words, in one cell. */
type VolunteerRecord = Omit<VolunteerRow, "helpWith"> & { helpWith: string };

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

const headersOf = (columns: readonly CsvColumn<never>[]) => columns.map(({ header }) => header);
const keysOf = <Row>(columns: readonly CsvColumn<Row>[]) => columns.map(({ key }) => key);

async function* volunteerRecords(pages: AsyncIterable<VolunteerRow[]>): AsyncGenerator<CsvRecord[]> {
  const keys = keysOf(volunteerColumns);
  for await (const page of pages)
    yield page.map((row) => {
      const record: VolunteerRecord = { ...row, helpWith: row.helpWith.map(helpLabel).join("; ") };
      return keys.map((key) => record[key]);
    });
}

/**
 * CSV exports of signatures and volunteers, streamed: rows are read through the driver a batch at a time
 * (driver-pages.ts), only as fast as the client downloads them. Each export writes one audit event when
 * it ends: who, which filters, how many rows, and whether the download completed.
 *
 * `volunteerKeys` is called only when a volunteer export starts, so a signature export never needs them.
 */
export function createExports(
  db: DbClient,
  sources: { pages: DriverPages; volunteerKeys: () => VolunteerQueryOptions },
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
          headers: headersOf(signatureColumns),
          batches: signatureExportPages(sources.pages, keysOf(signatureColumns), filters, batchSize),
          onEnd: audit(actor, "export-signatures", filtersForAudit(filters)),
        }),
      };
    },

    volunteers(filters: VolunteerFilters, actor: string): CsvExport {
      return {
        filename: `volunteers-${isoDay(now())}.csv`,
        stream: csvStream({
          headers: headersOf(volunteerColumns),
          batches: volunteerRecords(
            volunteerExportPages(sources.pages, sources.volunteerKeys(), filters, batchSize),
          ),
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
