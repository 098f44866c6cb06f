import "server-only";
import { randomUUID } from "node:crypto";
import { Prisma } from "@/lib/generated/sqlite/client";
import type { DbClient } from "@/lib/platform/db";
import { emailKey } from "@/lib/validation/email-key";
import type { PaperRow } from "@/lib/validation/admin/paper";
import type { Place } from "@/lib/pledge/totals";

// Writes paper forms as signatures. The unique index on emailKey decides, as online, whether a mailbox
// has signed already: ON CONFLICT DO NOTHING skips such a row (someone signed online between the preview
// and now) without failing the others. A form with no email gets a key of its own ("paper:<uuid>") and
// an empty address, so it counts, never collides, and is never written to.

type Writer = Pick<DbClient, "$queryRaw">;

export type PaperBatchInfo = { id: string; eventDate: string; consentVersion: string };

export type InsertedPaperRow = { id: string; emailKey: string; place: Place };

const columns = Prisma.raw(
  '"id","name","email","emailKey","nation","country","status","campaignEmails","consentVersion","consentAt","clientHash","createdAt","confirmedAt","confirmedOn","partnerCode","source","paperBatchId","campaignEmailsAt","updatedAt"',
);

/** Rows per INSERT: 19 values each stays far below either database's limit on bound parameters. */
const CHUNK = 500;

/** The day of the event at midnight UTC: when these people signed, as far as we know. */
export const eventDay = (eventDate: string) => new Date(`${eventDate}T00:00:00.000Z`);

export const paperEmailKey = (email: string) => (email ? emailKey(email) : `paper:${randomUUID()}`);

/** Inserts the rows that are new; returns those written (in the order given), for the totals. */
export async function insertPaperRows(
  tx: Writer,
  batch: PaperBatchInfo,
  rows: readonly PaperRow[],
  now: Date,
): Promise<InsertedPaperRow[]> {
  const signedAt = eventDay(batch.eventDate);
  const confirmedOn = now.toISOString().slice(0, 10);
  const prepared = rows.map((row) => ({ ...row, id: randomUUID(), emailKey: paperEmailKey(row.email) }));
  const written = new Set<string>();
  for (let start = 0; start < prepared.length; start += CHUNK) {
    const values = prepared
      .slice(start, start + CHUNK)
      .map(
        (r) =>
          Prisma.sql`(${r.id}, ${r.name}, ${r.email}, ${r.emailKey}, ${r.nation}, ${r.country}, ${"confirmed"}, ${r.campaignEmails}, ${batch.consentVersion}, ${signedAt}, ${"paper"}, ${signedAt}, ${now}, ${confirmedOn}, ${null}, ${"paper"}, ${batch.id}, ${signedAt}, ${now})`,
      );
    const inserted = await tx.$queryRaw<{ id: string }[]>`
      INSERT INTO "Signature" (${columns}) VALUES ${Prisma.join(values)}
      ON CONFLICT ("emailKey") DO NOTHING RETURNING "id"`;
    for (const row of inserted) written.add(row.id);
  }
  return prepared
    .filter((row) => written.has(row.id))
    .map((row) => ({
      id: row.id,
      emailKey: row.emailKey,
      place: { nation: row.nation, country: row.country, day: confirmedOn, partnerCode: null },
    }));
}
