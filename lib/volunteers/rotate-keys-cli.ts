// npm run volunteers:rotate-keys — re-seal every volunteer's personal fields under VOLUNTEER_KEY_ID, and
// re-key every email lookup under APP_SECRET's current key (APP_SECRET_ID). Safe to re-run.
// Runs with the react-server condition so lib/ modules marked `server-only` load outside Next.js.
import { db } from "@/lib/platform/db";
import { appVolunteerLookup, getVolunteerKeyRing } from "@/lib/volunteers/keys";
import { rekeyVolunteerLookups, rotateVolunteerKeys } from "@/lib/volunteers/rotate-keys";

async function main() {
  const ring = getVolunteerKeyRing();
  console.log(`Re-sealing volunteer data under key "${ring.currentKeyId}"…`);
  const { resealed, checked } = await rotateVolunteerKeys(db, ring);
  console.log(
    `Checked ${checked} volunteers; re-sealed ${resealed}. Keys other than "${ring.currentKeyId}" are no longer needed.`,
  );
  // Counts only: the ring's key ids are the operator's labels, and nothing about any volunteer is printed.
  console.log("Re-keying email lookups under APP_SECRET's current key (APP_SECRET_ID)…");
  const { rekeyed } = await rekeyVolunteerLookups(db, ring, appVolunteerLookup);
  console.log(
    `Re-keyed ${rekeyed}. Every volunteer is now found under APP_SECRET's current key alone (keep older keys while emailed links signed with them should still work).`,
  );
  await db.$disconnect();
}

main().catch((error: unknown) => {
  console.error(`Key rotation failed: ${(error as Error).message}`);
  process.exit(1);
});
