import { Prisma } from "@/lib/generated/sqlite/client";
import type { DbClient } from "@/lib/platform/db";
import type { DatabaseProvider } from "@/prisma/database-target";
import type { AudienceFilter } from "@/lib/updates/audience";

// One outbox row per recipient, written by the database itself (INSERT … SELECT): one statement however
// many people, no ids travelling to the app and back, so SQLite's single writer is held for a fraction
// of a second even for 100,000 recipients (sign-ups wait behind it, and give up after about 1.5 s).
// The n-th recipient (by signature id) is due at start + n × spacing. Each database writes ids and times
// in the form Prisma itself writes them: SQLite keeps DateTime as ISO text with "+00:00", compared as
// text by the worker's "due" query, so the times here must have exactly that form.

type Writer = Pick<DbClient, "$executeRaw">;

export type RecipientRows = {
  updateId: string;
  kind: string;
  params: string;
  filter: AudienceFilter;
  start: Date;
  spacingMs: number;
};

/** audienceWhere (audience.ts) in SQL: the same rule, kept beside it in meaning; the tests hold them equal. */
function audienceSql(filter: AudienceFilter): Prisma.Sql {
  const conditions = [
    Prisma.sql`s."status" = 'confirmed'`,
    Prisma.sql`s."campaignEmails" = ${true}`,
    Prisma.sql`s."email" <> ''`,
  ];
  if (filter.nation) conditions.push(Prisma.sql`s."nation" = ${filter.nation}`);
  if (filter.partnerCode) conditions.push(Prisma.sql`s."partnerCode" = ${filter.partnerCode}`);
  return Prisma.join(conditions, " AND ");
}

const columns = Prisma.raw(
  `"id", "kind", "refId", "params", "campaignUpdateId", "status", "attempts", "nextAttemptAt", "createdAt"`,
);

// A version-4 UUID from SQLite's random bytes, in the 8-4-4-4-12 form Prisma's uuid() makes.
const SQLITE_UUID = Prisma.raw(
  `lower(hex(randomblob(4))) || '-' || lower(hex(randomblob(2))) || '-4' || substr(lower(hex(randomblob(2))), 2) || '-' || substr('89ab', 1 + (abs(random()) % 4), 1) || substr(lower(hex(randomblob(2))), 2) || '-' || lower(hex(randomblob(6)))`,
);

/** Writes the rows; returns how many. */
export async function insertRecipientRows(
  tx: Writer,
  provider: DatabaseProvider,
  rows: RecipientRows,
): Promise<number> {
  const where = audienceSql(rows.filter);
  const offset = Prisma.sql`(ROW_NUMBER() OVER (ORDER BY s."id") - 1)`;
  if (provider === "sqlite") {
    const createdAt = rows.start.toISOString().replace("Z", "+00:00");
    return tx.$executeRaw`
      INSERT INTO "OutboxMessage" (${columns})
      SELECT ${SQLITE_UUID}, ${rows.kind}, s."id", ${rows.params}, ${rows.updateId}, 'pending', 0,
        strftime('%Y-%m-%dT%H:%M:%f+00:00',
          (${rows.start.getTime()} + CAST(${offset} * ${rows.spacingMs} AS INTEGER)) / 1000.0, 'unixepoch'),
        ${createdAt}
      FROM "Signature" s WHERE ${where}`;
  }
  return tx.$executeRaw`
    INSERT INTO "OutboxMessage" (${columns})
    SELECT gen_random_uuid()::text, ${rows.kind}, s."id", ${rows.params}, ${rows.updateId}, 'pending', 0,
      (to_timestamp((${rows.start.getTime()}::float8 + floor(${offset} * ${rows.spacingMs}::float8)) / 1000.0)
        AT TIME ZONE 'UTC')::timestamp(3),
      ${rows.start}
    FROM "Signature" s WHERE ${where}`;
}
