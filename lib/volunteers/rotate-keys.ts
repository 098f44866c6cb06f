import "server-only";
import { sealedWith, type KeyRing } from "@/lib/crypto/field-cipher";
import type { DbClient } from "@/lib/db";
import { openPersonal, sealPersonal } from "./sealed-fields";

const BATCH = 200;

/**
 * Re-seals every volunteer's personal fields under the ring's current key. Safe to stop and re-run: each
 * row is rewritten in one update, and rows already under the current key are skipped. Once it reports 0
 * left, the old key can be removed from VOLUNTEER_KEYS.
 */
export async function rotateVolunteerKeys(
  db: DbClient,
  ring: KeyRing,
): Promise<{ resealed: number; checked: number }> {
  let cursor: string | undefined;
  let resealed = 0;
  let checked = 0;
  for (;;) {
    const rows = await db.volunteer.findMany({
      take: BATCH,
      ...(cursor ? { skip: 1, cursor: { id: cursor } } : {}),
      orderBy: { id: "asc" },
      select: { id: true, nameSealed: true, emailSealed: true, phoneSealed: true, noteSealed: true },
    });
    if (rows.length === 0) break;
    for (const row of rows) {
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
    cursor = rows.at(-1)!.id;
  }
  return { resealed, checked };
}
