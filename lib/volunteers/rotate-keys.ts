import "server-only";
import { open, sealedWith, type KeyRing } from "@/lib/security/field-cipher";
import type { Prisma } from "@/lib/generated/sqlite/client";
import type { DbClient } from "@/lib/platform/db";
import { openPersonal, sealPersonal } from "@/lib/volunteers/sealed-fields";

const BATCH = 200;

/** Every volunteer row, `select`ed, in batches by id: a rotation walks the table once, in small steps. */
async function* everyVolunteer<S extends Prisma.VolunteerSelect & { id: true }>(
  db: DbClient,
  select: S,
): AsyncGenerator<Prisma.VolunteerGetPayload<{ select: S }>> {
  let cursor: string | undefined;
  for (;;) {
    const rows = (await db.volunteer.findMany({
      take: BATCH,
      ...(cursor ? { skip: 1, cursor: { id: cursor } } : {}),
      orderBy: { id: "asc" },
      select,
    })) as (Prisma.VolunteerGetPayload<{ select: S }> & { id: string })[];
    if (rows.length === 0) return;
    yield* rows;
    cursor = rows.at(-1)!.id;
  }
}

/**
 * Re-seals every volunteer's personal fields under the ring's current key. Safe to stop and re-run: each
 * row is rewritten in one update, and rows already under the current key are skipped. Once it reports 0
 * left, the old key can be removed from VOLUNTEER_KEYS.
 */
export async function rotateVolunteerKeys(
  db: DbClient,
  ring: KeyRing,
): Promise<{ resealed: number; checked: number }> {
  let resealed = 0;
  let checked = 0;
  const select = {
    id: true,
    nameSealed: true,
    emailSealed: true,
    phoneSealed: true,
    noteSealed: true,
  } as const;
  for await (const row of everyVolunteer(db, select)) {
    checked += 1;
    const stale = [row.nameSealed, row.emailSealed, row.phoneSealed, row.noteSealed].some(
      (value) => value !== null && sealedWith(value) !== ring.currentKeyId,
    );
    if (!stale) continue;
    // Only rewrite if nobody changed the row meanwhile (optimistic check on the old ciphertext).
    const { count } = await db.volunteer.updateMany({
      where: { id: row.id, nameSealed: row.nameSealed, emailSealed: row.emailSealed },
      data: sealPersonal(ring, openPersonal(ring, row)),
    });
    resealed += count;
  }
  return { resealed, checked };
}

/**
 * Re-keys every volunteer's email lookup to APP_SECRET's current key (`currentLookup`, from
 * lib/volunteers/keys.ts). Until then, rows are found under any key of the ring; once this reports 0
 * left, an old APP_SECRET key is no longer needed to find anyone. Needs the volunteer key to read each
 * email; safe to stop and re-run.
 */
export async function rekeyVolunteerLookups(
  db: DbClient,
  ring: KeyRing,
  currentLookup: (email: string) => string,
): Promise<{ rekeyed: number; checked: number }> {
  let rekeyed = 0;
  let checked = 0;
  for await (const row of everyVolunteer(db, { id: true, emailLookup: true, emailSealed: true } as const)) {
    checked += 1;
    const lookup = currentLookup(open(ring, "volunteer.email", row.emailSealed));
    if (lookup === row.emailLookup) continue;
    // Only if the row still has the lookup we read (a concurrent erasure or re-key wins).
    const { count } = await db.volunteer.updateMany({
      where: { id: row.id, emailLookup: row.emailLookup },
      data: { emailLookup: lookup },
    });
    rekeyed += count;
  }
  return { rekeyed, checked };
}
