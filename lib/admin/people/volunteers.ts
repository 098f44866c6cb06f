import "server-only";
import type { KeyRing } from "@/lib/crypto/field-cipher";
import type { DbClient } from "@/lib/db";
import { filtersForAudit, type Cursor, type VolunteerFilters } from "@/lib/validation/admin-filters";
import { openPersonal } from "@/lib/volunteers/sealed-fields";
import { recordAudit } from "../audit";
import { dayRange } from "./dates";
import { keysetCondition, readBatches, readPage, sortFor, type KeysetFetch } from "./keyset";

type VolunteerWhere = NonNullable<NonNullable<Parameters<DbClient["volunteer"]["findMany"]>[0]>["where"]>;

const sealedFields = {
  id: true,
  nameSealed: true,
  emailSealed: true,
  phoneSealed: true,
  noteSealed: true,
  healthBoard: true,
  helpWith: true,
  contactBy: true,
  status: true,
  healthConsentVersion: true,
  healthConsentAt: true,
  createdAt: true,
  confirmedAt: true,
} as const;

type SealedVolunteer = {
  id: string;
  nameSealed: string;
  emailSealed: string;
  phoneSealed: string | null;
  noteSealed: string | null;
  healthBoard: string;
  helpWith: string;
  contactBy: string;
  status: string;
  healthConsentVersion: string;
  healthConsentAt: Date;
  createdAt: Date;
  confirmedAt: Date | null;
};

/** A volunteer as staff see them: the personal fields opened. */
export type VolunteerRow = {
  id: string;
  name: string;
  email: string;
  phone: string | null;
  note: string | null;
  healthBoard: string;
  helpWith: string[];
  contactBy: string;
  status: string;
  healthConsentVersion: string;
  healthConsentAt: Date;
  createdAt: Date;
  confirmedAt: Date | null;
};

export type VolunteerQueryOptions = {
  /** Opens the sealed fields. */
  ring: KeyRing;
  /** The keyed hash an email address is found by (lib/volunteers/keys.ts). */
  lookup: (email: string) => string;
};

export const volunteerKey = (row: { createdAt: Date; id: string }): Cursor => ({
  at: row.createdAt,
  id: row.id,
});

function open(ring: KeyRing, row: SealedVolunteer): VolunteerRow {
  const { nameSealed, emailSealed, phoneSealed, noteSealed, helpWith, ...rest } = row;
  const person = openPersonal(ring, { nameSealed, emailSealed, phoneSealed, noteSealed });
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
export function volunteerWhere(filters: VolunteerFilters, lookup: (email: string) => string): VolunteerWhere {
  const where: VolunteerWhere[] = [];
  if (filters.q) where.push({ emailLookup: lookup(filters.q) });
  if (filters.status) where.push({ status: filters.status });
  if (filters.healthBoard) where.push({ healthBoard: filters.healthBoard });
  const created = dayRange(filters.from, filters.to);
  if (created) where.push({ createdAt: created });
  return { AND: where };
}

/**
 * Volunteers for staff. Every read that opens personal fields records who saw which volunteers, and
 * opens only the rows it shows: one page of the list, one volunteer, or one batch of an export.
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
        select: sealedFields,
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
      return { ...page, rows: page.rows.map((row) => open(ring, row)) };
    },

    /** One volunteer, opened, recorded as viewed; null if there is no such record (nothing recorded). */
    async find(id: string, actor: string): Promise<VolunteerRow | null> {
      const row = await db.volunteer.findUnique({ where: { id }, select: sealedFields });
      if (!row) return null;
      await recordAudit(db, { actor, action: "view-volunteer", subject: id });
      return open(ring, row);
    },

    /** Every matching volunteer, newest first, `size` per query, each batch opened as it is read. */
    async *batches(filters: VolunteerFilters, size: number): AsyncGenerator<VolunteerRow[]> {
      for await (const batch of readBatches(fetcher(filters), volunteerKey, size)) {
        yield batch.map((row) => open(ring, row));
      }
    },
  };
}

export type VolunteerQueries = ReturnType<typeof createVolunteerQueries>;
