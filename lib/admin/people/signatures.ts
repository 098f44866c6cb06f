import "server-only";
import type { DbClient } from "@/lib/db";
import type { Cursor, SignatureFilters } from "@/lib/validation/admin-filters";
import { emailKey } from "@/lib/validation/email-key";
import type { DatabaseProvider } from "@/prisma/database-target";
import { recordAudit } from "../audit";
import { dayRange } from "./dates";
import { keysetCondition, readBatches, readPage, sortFor, type KeysetFetch } from "./keyset";

type SignatureWhere = NonNullable<NonNullable<Parameters<DbClient["signature"]["findMany"]>[0]>["where"]>;

/** What staff see of a signature: everything but the keyed IP hash (which lib/db.ts omits anyway). */
const signatureFields = {
  id: true,
  name: true,
  email: true,
  nation: true,
  country: true,
  status: true,
  campaignEmails: true,
  consentVersion: true,
  consentAt: true,
  createdAt: true,
  confirmedAt: true,
} as const;

export type SignatureRow = {
  id: string;
  name: string;
  email: string;
  nation: string;
  country: string;
  status: string;
  campaignEmails: boolean;
  consentVersion: string;
  consentAt: Date;
  createdAt: Date;
  confirmedAt: Date | null;
};

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

/** Signatures for staff: the list, one signature, and every match a batch at a time for the export. */
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
        select: signatureFields,
      });
    };

  return {
    /** One page (50) of matching signatures, newest first, with where the neighbouring pages start. */
    list(filters: SignatureFilters) {
      return readPage(fetcher(filters), signatureKey, filters);
    },

    find(id: string): Promise<SignatureRow | null> {
      return db.signature.findUnique({ where: { id }, select: signatureFields });
    },

    /** One signature for a member of staff to look at, recorded as viewed ("view-signature"). */
    async view(id: string, actor: string): Promise<SignatureRow | null> {
      const row = await db.signature.findUnique({ where: { id }, select: signatureFields });
      if (row) await recordAudit(db, { actor, action: "view-signature", subject: id });
      return row;
    },

    /** Every matching signature, newest first, `size` per query. */
    batches(filters: SignatureFilters, size: number) {
      return readBatches(fetcher(filters), signatureKey, size);
    },
  };
}

export type SignatureQueries = ReturnType<typeof createSignatureQueries>;
