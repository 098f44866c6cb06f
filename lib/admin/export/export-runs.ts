import "server-only";
import type { DbClient } from "@/lib/platform/db";

// Each CRM export is recorded when it starts and marked complete, with its row count, only when the last
// row has been handed over (csv-stream.ts's onEnd). "Changes since the last export" starts from the end
// of the last COMPLETE one, so a download the browser abandoned halfway never moves the marker: the
// next export simply covers those changes again.

export type ExportRunKind = "crm-full" | "crm-changes";

/**
 * How far back before the marker a changes export starts. A change is stamped (updatedAt, removedAt) when
 * its statement runs, but other readers only see it when its transaction commits, a moment later (a
 * sign-up batch may wait up to 40 s: lib/pledge/write-signatures.ts BATCH_TRANSACTION). An export that
 * began in that moment missed the change although its stamp is before the export's end. Starting a few
 * minutes earlier catches it; the price is that a row changed just before the last export is sent again,
 * which a CRM upserting on our ID takes as a harmless repeat.
 */
export const CHANGES_OVERLAP_MS = 5 * 60 * 1000;

export type ExportRunRow = {
  id: string;
  kind: string;
  actor: string;
  since: Date | null;
  upTo: Date;
  rows: number;
  complete: boolean;
  createdAt: Date;
};

/** How many past exports /admin/exports lists. */
export const RECENT_RUNS = 10;

export function createExportRuns(db: DbClient) {
  return {
    start(run: {
      kind: ExportRunKind;
      actor: string;
      since: Date | null;
      upTo: Date;
    }): Promise<{ id: string }> {
      return db.exportRun.create({ data: run, select: { id: true } });
    },

    async finish(id: string, outcome: { rows: number; complete: boolean }): Promise<void> {
      await db.exportRun.update({ where: { id }, data: outcome });
    },

    recent(take = RECENT_RUNS): Promise<ExportRunRow[]> {
      return db.exportRun.findMany({ orderBy: [{ createdAt: "desc" }, { id: "desc" }], take });
    },

    /**
     * Up to when the CRM has every change: the end of the last complete full export, carried forward by
     * each complete changes export that starts at or before it. A changes export from a chosen date
     * later than that leaves a gap (the changes between were never sent), so it does not move the
     * marker. Null when nothing has been exported completely yet.
     */
    async exportedUpTo(): Promise<Date | null> {
      const full = await db.exportRun.findFirst({
        where: { kind: "crm-full", complete: true },
        orderBy: { upTo: "desc" },
        select: { upTo: true },
      });
      const changes = await db.exportRun.findMany({
        where: { kind: "crm-changes", complete: true, ...(full ? { upTo: { gt: full.upTo } } : {}) },
        orderBy: { upTo: "asc" },
        select: { since: true, upTo: true },
      });
      let marker = full?.upTo ?? null;
      for (const run of changes) {
        // Before any full export, the first complete changes export is where the staff chose to start.
        if (marker === null || (run.since !== null && run.since <= marker)) marker = run.upTo;
      }
      return marker;
    },
  };
}

export type ExportRuns = ReturnType<typeof createExportRuns>;
