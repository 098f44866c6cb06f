import "server-only";
import type { DbClient } from "@/lib/platform/db";
import { countOutcomes, readDraft, type DraftContents } from "@/lib/paper/draft-contents";

// What staff read about paper batches: the list at /admin/paper, one batch at /admin/paper/<id>, and the
// dashboard's paper figure. Drafts' rows are read only for the batch's own page.

const listFields = {
  id: true,
  eventName: true,
  eventDate: true,
  consentVersion: true,
  kind: true,
  status: true,
  fileName: true,
  rowCount: true,
  storedCount: true,
  createdBy: true,
  createdAt: true,
  storedAt: true,
  undoneAt: true,
  undoneBy: true,
} as const;

export type PaperBatchListItem = Awaited<ReturnType<typeof listPaperBatches>>[number];

/** Newest first; discarded uploads are left out (nothing of them was stored). */
export async function listPaperBatches(db: Pick<DbClient, "paperBatch">, take = 50) {
  return db.paperBatch.findMany({
    where: { status: { not: "discarded" } },
    orderBy: { createdAt: "desc" },
    take,
    select: listFields,
  });
}

export type PaperBatchView = PaperBatchListItem & {
  contents?: DraftContents;
  outcomes?: ReturnType<typeof countOutcomes>;
};

export async function readPaperBatch(
  db: Pick<DbClient, "paperBatch">,
  id: string,
): Promise<PaperBatchView | null> {
  const batch = await db.paperBatch.findUnique({ where: { id }, select: { ...listFields, draft: true } });
  if (!batch) return null;
  const { draft, ...rest } = batch;
  const contents = readDraft(draft);
  return { ...rest, contents, outcomes: contents && countOutcomes(contents.rows) };
}

/** The dashboard's figure: paper signatures counted now, and the latest stored batches. */
export async function readPaperSummary(db: Pick<DbClient, "signature" | "paperBatch">) {
  const [counted, recent] = await Promise.all([
    db.signature.count({ where: { source: "paper", status: "confirmed" } }),
    db.paperBatch.findMany({
      where: { status: "stored" },
      orderBy: { storedAt: "desc" },
      take: 5,
      select: { id: true, eventName: true, eventDate: true, kind: true, storedCount: true },
    }),
  ]);
  return { counted, recent };
}
export type PaperSummary = Awaited<ReturnType<typeof readPaperSummary>>;
