import "server-only";
import type { DbClient } from "@/lib/platform/db";
import { recordAudit } from "@/lib/admin/audit/record";
import { crmSignatureSelect, type CrmSignatureRow } from "@/lib/admin/records/columns";
import { isoDay } from "@/lib/admin/records/dates";
import { ERASED_NAME, isErasedSignature } from "@/lib/admin/records/erasure";
import {
  crmCells,
  crmHeaders,
  removeRecord,
  upsertRecord,
  type CrmSignature,
} from "@/lib/admin/export/crm-columns";
import { csvStream, type CsvOutcome, type CsvRecord } from "@/lib/admin/export/csv-stream";
import { rowOf, type DriverPages, type PageQuery, type SqlCondition } from "@/lib/admin/export/driver-pages";
import { EXPORT_BATCH_SIZE, type CsvExport } from "@/lib/admin/export/exports";
import {
  CHANGES_OVERLAP_MS,
  createExportRuns,
  type ExportRunKind,
  type ExportRunRow,
} from "@/lib/admin/export/export-runs";
import { startOfDay } from "@/lib/validation/admin/export-crm";

// Signatures for the campaigns team's CRM: everyone on the list ("full"), or what changed in a window
// ("changes"), as upsert rows (create or update the contact with our ID) and remove rows (the person
// left the list). Which signatures count as "on the list": confirmed ones (online ones whose owner
// confirmed the address, and paper ones, stored confirmed). Pending ones may never be confirmed, and
// half of them are typing mistakes or someone else's address; held ones have not been checked by staff.
// Neither is a supporter yet, and a CRM that emailed them would be writing to people who never agreed.
// An erased signature stays in the table, anonymised, to keep the count: it leaves as a remove row,
// never as an upsert of "[erased]".

/** What the staff member asked for: everyone, what changed since the last export, or since a day. */
export type CrmSince = "all" | "last" | string;

export type CrmWindow = {
  kind: ExportRunKind;
  /** Changes from here (and, for a full export, removals from here); null: from the beginning. */
  since: Date | null;
  /** The export's start: changes up to here. */
  upTo: Date;
};

export type CrmDownload =
  { ok: true; download: CsvExport; window: CrmWindow } | { ok: false; message: string };

export const NO_EXPORT_YET =
  "There is no complete CRM export yet, so there is nothing to take changes from: download the full export first.";

type Sources = {
  pages: DriverPages;
  /** A partner's name from its ref code (content/partners.yaml), or undefined once it is off the list. */
  partnerName: (code: string) => string | undefined;
};

const columns = Object.keys(crmSignatureSelect) as (keyof CrmSignatureRow & string)[];

export function createCrmExport(
  db: DbClient,
  sources: Sources,
  options: { batchSize?: number; now?: () => Date } = {},
) {
  const batchSize = options.batchSize ?? EXPORT_BATCH_SIZE;
  const now = options.now ?? (() => new Date());
  const runs = createExportRuns(db);

  /** Where "changes since the last export" would start now, or null before any complete export. */
  async function changesSince(): Promise<Date | null> {
    const marker = await runs.exportedUpTo();
    return marker && new Date(marker.getTime() - CHANGES_OVERLAP_MS);
  }

  async function windowFor(since: CrmSince, upTo: Date): Promise<CrmWindow | undefined> {
    if (since === "all") return { kind: "crm-full", since: await changesSince(), upTo };
    if (since === "last") {
      const from = await changesSince();
      return from ? { kind: "crm-changes", since: from, upTo } : undefined;
    }
    return { kind: "crm-changes", since: startOfDay(since), upTo };
  }

  function signaturePages(window: CrmWindow) {
    const changes = window.kind === "crm-changes";
    // Without statistics SQLite would answer a changes export from the (status, createdAt) index and sort
    // every confirmed row again for each page (measured: 4x slower at 270,000 rows). The unary + keeps
    // status out of index choice, so the updatedAt index serves the window in order. PostgreSQL plans
    // with statistics and has no unary + for text.
    const status = changes && sources.pages.provider === "sqlite" ? `+"status" = ?` : `"status" = ?`;
    const where: SqlCondition[] = [
      { sql: status, params: ["confirmed"] },
      { sql: `NOT ("name" = ? AND "email" = ?)`, params: [ERASED_NAME, ""] },
    ];
    // A full export takes everyone as they are now; a changes export what changed in its window. A row
    // changed after upTo while this runs is left to the next export, which starts before upTo.
    if (changes && window.since)
      where.push({ sql: `"updatedAt" >= ? AND "updatedAt" < ?`, params: [window.since, window.upTo] });
    const query: PageQuery<CrmSignatureRow> = {
      table: "Signature",
      columns,
      order: changes ? "updatedAt" : "createdAt",
      dates: { consentAt: true, campaignEmailsAt: true, createdAt: true, confirmedAt: true, updatedAt: true },
      booleans: { campaignEmails: true },
      datesAsText: true,
      where,
    };
    return sources.pages.pages(query, batchSize);
  }

  /** Paper events by batch id, read once per export: there are a handful of events, not one per row. */
  function paperEvents() {
    const known = new Map<string, { name: string; date: string }>();
    return async (ids: (string | null)[]) => {
      const missing = [...new Set(ids)].filter((id): id is string => id !== null && !known.has(id));
      if (missing.length === 0) return known;
      const batches = await db.paperBatch.findMany({
        where: { id: { in: missing } },
        select: { id: true, eventName: true, eventDate: true },
      });
      for (const batch of batches) known.set(batch.id, { name: batch.eventName, date: batch.eventDate });
      return known;
    };
  }

  /** Removals in the window, a batch at a time, keyset-paged on the signature id. */
  async function* removalPages(since: Date, upTo: Date) {
    let after: string | undefined;
    for (;;) {
      const page = await db.signatureRemoval.findMany({
        where: { removedAt: { gte: since, lt: upTo }, ...(after ? { signatureId: { gt: after } } : {}) },
        orderBy: { signatureId: "asc" },
        take: batchSize,
      });
      if (page.length > 0) yield page;
      if (page.length < batchSize) return;
      after = page.at(-1)!.signatureId;
    }
  }

  async function* records(window: CrmWindow): AsyncGenerator<CsvRecord[]> {
    const events = paperEvents();
    for await (const page of signaturePages(window)) {
      const rows = page.map((values) => rowOf(columns, values));
      const known = await events(rows.map((row) => (row.source === "paper" ? row.paperBatchId : null)));
      const records: CsvRecord[] = [];
      for (const row of rows) {
        if (isErasedSignature(row)) continue;
        records.push(
          crmCells(
            // Dates arrive as ISO text (datesAsText), which is what CrmSignature holds.
            upsertRecord(row as unknown as CrmSignature, {
              partnerName: row.partnerCode ? sources.partnerName(row.partnerCode) : undefined,
              paperEvent: row.paperBatchId ? known.get(row.paperBatchId) : undefined,
            }),
          ),
        );
      }
      yield records;
    }
    if (window.since)
      for await (const page of removalPages(window.since, window.upTo))
        yield page.map((removal) => crmCells(removeRecord(removal)));
  }

  return {
    changesSince,

    recent(): Promise<ExportRunRow[]> {
      return runs.recent();
    },

    /**
     * Starts an export: records the run (not complete), and streams it. When the last row has gone, the
     * run is marked complete with its row count and the export is audited; a download cut short is
     * audited as such and leaves the run incomplete, so the marker does not move.
     */
    async download(since: CrmSince, actor: string): Promise<CrmDownload> {
      const startedAt = now();
      const window = await windowFor(since, startedAt);
      if (!window) return { ok: false, message: NO_EXPORT_YET };
      const run = await runs.start({ ...window, actor });
      const onEnd = async ({ rows, complete, failed }: CsvOutcome) => {
        await runs.finish(run.id, { rows, complete });
        await recordAudit(db, {
          actor,
          action: "export-crm",
          subject: run.id,
          detail: {
            kind: window.kind,
            asked: since === "all" || since === "last" ? since : "day",
            since: window.since?.toISOString() ?? null,
            upTo: window.upTo.toISOString(),
            rows,
            complete,
            ...(failed ? { failed: true } : {}),
          },
        });
      };
      const name = window.kind === "crm-full" ? "crm-full" : "crm-changes";
      return {
        ok: true,
        window,
        download: {
          filename: `${name}-${isoDay(startedAt)}.csv`,
          stream: csvStream({ headers: crmHeaders, batches: records(window), onEnd }),
        },
      };
    },
  };
}

export type CrmExport = ReturnType<typeof createCrmExport>;
