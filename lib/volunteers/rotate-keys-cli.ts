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
  console.log("Re-keying the lookup hashes under APP_SECRET's current key (APP_SECRET_ID)…");
  const { rekeyed } = await rekeyVolunteerLookups(db, ring, appVolunteerLookup);
  console.log(
    `Re-keyed ${rekeyed}. Every volunteer is now found under APP_SECRET's current key alone (keep older keys while emailed links signed with them should still work).`,
  );
  await db.$disconnect();
}

// A database error's message can quote the values of the row it failed on: for those, the kind and code
// only. Our own errors (a missing or short key) name the setting to fix and never a key or a person.
main().catch((error: unknown) => {
  const { name = "Error", code, message } = error as { name?: string; code?: string; message?: string };
  const said = name.startsWith("PrismaClient") ? `${name}${code ? ` ${code}` : ""}` : message;
  console.error(`Key rotation failed: ${said}. Nothing is lost: fix the cause and run it again.`);
  process.exit(1);
});
