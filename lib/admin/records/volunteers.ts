import "server-only";
import type { KeyRing } from "@/lib/security/field-cipher";
import type { DbClient } from "@/lib/platform/db";
import { filtersForAudit } from "@/lib/admin/audit/redact";
import type { Cursor } from "@/lib/validation/admin/cursor";
import type { VolunteerFilters } from "@/lib/validation/admin/list-filters";
import { openPersonal } from "@/lib/volunteers/sealed-fields";
import { recordAudit } from "@/lib/admin/audit/record";
import {
  sealedVolunteerSelect,
  UNREADABLE_DETAILS,
  type SealedVolunteer,
  type VolunteerRow,
} from "@/lib/admin/records/columns";
import { dayRange } from "@/lib/admin/records/dates";
import { rowOf, type DriverPages, type PageQuery, type SqlCondition } from "@/lib/admin/export/driver-pages";
import { keysetCondition, readPage, sortFor, type KeysetFetch } from "@/lib/admin/records/keyset";

export type { VolunteerRow } from "@/lib/admin/records/columns";

type VolunteerWhere = NonNullable<NonNullable<Parameters<DbClient["volunteer"]["findMany"]>[0]>["where"]>;

export type VolunteerQueryOptions = {
  /** Opens the sealed fields. */
  ring: KeyRing;
  /**
   * The keyed hashes an email address may be stored under: one per key of APP_SECRET's ring
   * (lib/volunteers/keys.ts appVolunteerLookups), so a rotation hides nobody from a search.
   */
  lookup: EmailLookups;
};

export type EmailLookups = (email: string) => string | readonly string[];
const lookupsOf = (lookup: EmailLookups, email: string): string[] => [lookup(email)].flat();

export const volunteerKey = (row: { createdAt: Date; id: string }): Cursor => ({
  at: row.createdAt,
  id: row.id,
});

/** A volunteer's personal fields opened, for staff to see; the caller records who saw them. */
export function openVolunteer(ring: KeyRing, row: SealedVolunteer): VolunteerRow {
  const { nameSealed, emailSealed, phoneSealed, noteSealed, helpWith, ...rest } = row;
  let person: ReturnType<typeof openPersonal>;
  try {
    person = openPersonal(ring, { nameSealed, emailSealed, phoneSealed, noteSealed });
  } catch {
    // A row sealed under a key no longer in VOLUNTEER_KEYS: staff still see (and can erase) the record;
    // a list, a record page or an export never fails on it.
    const unreadable = { name: UNREADABLE_DETAILS, email: UNREADABLE_DETAILS, phone: null, note: null };
    return { ...rest, ...unreadable, helpWith: helpWith.split(",").filter(Boolean), unreadable: true };
  }
  return {
    ...rest,
    name: person.name,
    email: person.email,
    phone: person.phone ?? null,
    note: person.note ?? null,
    helpWith: helpWith.split(",").filter(Boolean),
  };
}

/** Names are sealed, so the only search is the exact email address, through its keyed hash. */
export function volunteerWhere(filters: VolunteerFilters, lookup: EmailLookups): VolunteerWhere {
  const where: VolunteerWhere[] = [];
  if (filters.q) where.push({ emailLookup: { in: lookupsOf(lookup, filters.q) } });
  if (filters.status) where.push({ status: filters.status });
  if (filters.healthBoard) where.push({ healthBoard: filters.healthBoard });
  const created = dayRange(filters.from, filters.to);
  if (created) where.push({ createdAt: created });
  return { AND: where };
}

/** The same filters as volunteerWhere, in SQL, for the export's driver reads (driver-pages.ts). */
export function volunteerConditions(filters: VolunteerFilters, lookup: EmailLookups): SqlCondition[] {
  const where: SqlCondition[] = [];
  if (filters.q) {
    const lookups = lookupsOf(lookup, filters.q);
    where.push({ sql: `"emailLookup" IN (${lookups.map(() => "?").join(", ")})`, params: lookups });
  }
  if (filters.status) where.push({ sql: `"status" = ?`, params: [filters.status] });
  if (filters.healthBoard) where.push({ sql: `"healthBoard" = ?`, params: [filters.healthBoard] });
  const created = dayRange(filters.from, filters.to);
  if (created?.gte) where.push({ sql: `"createdAt" >= ?`, params: [created.gte] });
  if (created?.lt) where.push({ sql: `"createdAt" < ?`, params: [created.lt] });
  return where;
}

/**
 * Every matching volunteer, newest first, `size` per page, read through the driver and opened a page at
 * a time: only the page being written is ever held in clear.
 */
export async function* volunteerExportPages(
  pages: DriverPages,
  keys: VolunteerQueryOptions,
  filters: VolunteerFilters,
  size: number,
): AsyncGenerator<VolunteerRow[]> {
  const columns = Object.keys(sealedVolunteerSelect) as (keyof SealedVolunteer)[];
  const query: PageQuery<SealedVolunteer> = {
    table: "Volunteer",
    columns,
    dates: { healthConsentAt: true, createdAt: true, confirmedAt: true },
    booleans: {},
    where: volunteerConditions(filters, keys.lookup),
  };
  for await (const page of pages.pages(query, size))
    yield page.map((values) => openVolunteer(keys.ring, rowOf(columns, values)));
}

/**
 * Volunteers for staff: the list and one volunteer. Every read that opens personal fields records who saw
 * which volunteers, and opens only the rows it shows (an export records itself: exports.ts).
 */
export function createVolunteerQueries(db: DbClient, options: VolunteerQueryOptions) {
  const { ring, lookup } = options;

  const fetcher =
    (filters: VolunteerFilters): KeysetFetch<SealedVolunteer> =>
    ({ beyond, take }) => {
      const where = volunteerWhere(filters, lookup);
      if (beyond) {
        const k = keysetCondition(beyond.cursor, beyond.toward);
        where.AND = [
          ...(where.AND as VolunteerWhere[]),
          { createdAt: k.bound, OR: [{ createdAt: k.time }, { createdAt: k.sameTime, id: k.id }] },
        ];
      }
      const order = sortFor(beyond?.toward);
      return db.volunteer.findMany({
        where,
        orderBy: [{ createdAt: order }, { id: order }],
        take,
        select: sealedVolunteerSelect,
      });
    };

  return {
    /** One page of matching volunteers, opened, with a "view-volunteer" audit event naming them. */
    async list(filters: VolunteerFilters, actor: string) {
      const page = await readPage(fetcher(filters), volunteerKey, filters);
      if (page.rows.length > 0) {
        await recordAudit(db, {
          actor,
          action: "view-volunteer",
          subject: "list",
          detail: { ids: page.rows.map((row) => row.id), filters: filtersForAudit(filters) },
        });
      }
      return { ...page, rows: page.rows.map((row) => openVolunteer(ring, row)) };
    },

    /** One volunteer, opened, recorded as viewed; null if there is no such record (nothing recorded). */
    async find(id: string, actor: string): Promise<VolunteerRow | null> {
      const row = await db.volunteer.findUnique({ where: { id }, select: sealedVolunteerSelect });
      if (!row) return null;
      await recordAudit(db, { actor, action: "view-volunteer", subject: id });
      return openVolunteer(ring, row);
    },
  };
}

export type VolunteerQueries = ReturnType<typeof createVolunteerQueries>;
