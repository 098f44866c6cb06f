import "server-only";
import type { DbClient } from "@/lib/platform/db";
import type { Cursor } from "@/lib/validation/admin/cursor";
import type { SignatureFilters } from "@/lib/validation/admin/list-filters";
import { emailKey } from "@/lib/validation/email-key";
import type { DatabaseProvider } from "@/prisma/database-target";
import { recordAudit } from "@/lib/admin/audit/record";
import { signatureSelect, type SignatureRow } from "@/lib/admin/records/columns";
import { dayRange } from "@/lib/admin/records/dates";
import type { DriverPages, PageQuery, SqlCondition, Values } from "@/lib/admin/export/driver-pages";
import { keysetCondition, readPage, sortFor, type KeysetFetch } from "@/lib/admin/records/keyset";

export type { SignatureRow } from "@/lib/admin/records/columns";

type SignatureWhere = NonNullable<NonNullable<Parameters<DbClient["signature"]["findMany"]>[0]>["where"]>;

export const signatureKey = (row: { createdAt: Date; id: string }): Cursor => ({
  at: row.createdAt,
  id: row.id,
});

/**
 * The filters as a Prisma condition. A search with an @ is an email address, matched exactly on its
 * canonical form (the unique emailKey: same mailbox rules as signing); anything else is part of a name,
 * matched ignoring case. SQLite's LIKE already ignores ASCII case, and Prisma refuses `mode` there;
 * PostgreSQL needs `mode: "insensitive"` (ILIKE).
 */
export function signatureWhere(filters: SignatureFilters, provider: DatabaseProvider): SignatureWhere {
  const where: SignatureWhere[] = [];
  const q = filters.q;
  if (q && q.includes("@")) where.push({ emailKey: emailKey(q) });
  else if (q) {
    const nameFilter = provider === "postgresql" ? { contains: q, mode: "insensitive" } : { contains: q };
    // The SQLite client's types (which describe both clients) have no `mode`; PostgreSQL's accepts it.
    where.push({ name: nameFilter as { contains: string } });
  }
  if (filters.status) where.push({ status: filters.status });
  if (filters.nation) where.push({ nation: filters.nation });
  if (filters.country) where.push({ country: filters.country });
  if (filters.emails) where.push({ campaignEmails: filters.emails === "yes" });
  const created = dayRange(filters.from, filters.to);
  if (created) where.push({ createdAt: created });
  return { AND: where };
}

/** `%` and `_` in a search are the staff member's letters, not LIKE's wildcards. */
const likeContaining = (text: string) => `%${text.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;

/**
 * The same filters as signatureWhere, in SQL, for the export's driver reads (driver-pages.ts). The two
 * must agree: tests/integration/admin-exporting-people.test.ts checks the export against every filter.
 */
export function signatureConditions(filters: SignatureFilters, provider: DatabaseProvider): SqlCondition[] {
  const where: SqlCondition[] = [];
  const q = filters.q;
  if (q && q.includes("@")) where.push({ sql: `"emailKey" = ?`, params: [emailKey(q)] });
  else if (q) {
    const like = provider === "postgresql" ? "ILIKE" : "LIKE";
    where.push({ sql: `"name" ${like} ? ESCAPE '\\'`, params: [likeContaining(q)] });
  }
  if (filters.status) where.push({ sql: `"status" = ?`, params: [filters.status] });
  if (filters.nation) where.push({ sql: `"nation" = ?`, params: [filters.nation] });
  if (filters.country) where.push({ sql: `"country" = ?`, params: [filters.country] });
  if (filters.emails) where.push({ sql: `"campaignEmails" = ?`, params: [filters.emails === "yes"] });
  const created = dayRange(filters.from, filters.to);
  if (created?.gte) where.push({ sql: `"createdAt" >= ?`, params: [created.gte] });
  if (created?.lt) where.push({ sql: `"createdAt" < ?`, params: [created.lt] });
  return where;
}

/**
 * Every matching signature, newest first, `size` per page, read through the driver for the export: each
 * row as the values of `columns`, in that order, dates as ISO text (all the CSV does with them).
 */
export function signatureExportPages(
  pages: DriverPages,
  columns: readonly (keyof SignatureRow)[],
  filters: SignatureFilters,
  size: number,
): AsyncGenerator<Values<SignatureRow>[]> {
  const query: PageQuery<SignatureRow> = {
    table: "Signature",
    columns,
    dates: { consentAt: true, createdAt: true, confirmedAt: true },
    booleans: { campaignEmails: true },
    datesAsText: true,
    where: signatureConditions(filters, pages.provider),
  };
  return pages.pages(query, size);
}

/** Signatures for staff: the list and one signature. */
export function createSignatureQueries(db: DbClient, options: { provider: DatabaseProvider }) {
  const fetcher =
    (filters: SignatureFilters): KeysetFetch<SignatureRow> =>
    ({ beyond, take }) => {
      const where = signatureWhere(filters, options.provider);
      if (beyond) {
        const k = keysetCondition(beyond.cursor, beyond.toward);
        where.AND = [
          ...(where.AND as SignatureWhere[]),
          { createdAt: k.bound, OR: [{ createdAt: k.time }, { createdAt: k.sameTime, id: k.id }] },
        ];
      }
      const order = sortFor(beyond?.toward);
      return db.signature.findMany({
        where,
        orderBy: [{ createdAt: order }, { id: order }],
        take,
        select: signatureSelect,
      });
    };

  return {
    /** One page (50) of matching signatures, newest first, with where the neighbouring pages start. */
    list(filters: SignatureFilters) {
      return readPage(fetcher(filters), signatureKey, filters);
    },

    find(id: string): Promise<SignatureRow | null> {
      return db.signature.findUnique({ where: { id }, select: signatureSelect });
    },

    /** One signature for a member of staff to look at, recorded as viewed ("view-signature"). */
    async view(id: string, actor: string): Promise<SignatureRow | null> {
      const row = await db.signature.findUnique({ where: { id }, select: signatureSelect });
      if (row) await recordAudit(db, { actor, action: "view-signature", subject: id });
      return row;
    },
  };
}

export type SignatureQueries = ReturnType<typeof createSignatureQueries>;
