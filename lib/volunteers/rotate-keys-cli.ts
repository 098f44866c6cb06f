// npm run volunteers:rotate-keys — re-seal every volunteer's personal fields under VOLUNTEER_KEY_ID.
// Runs with the react-server condition so lib/ modules marked `server-only` load outside Next.js.
import { db } from "@/lib/db";
import { getVolunteerKeyRing } from "./keys";
import { rotateVolunteerKeys } from "./rotate-keys";

async function main() {
  const ring = getVolunteerKeyRing();
  console.log(`Re-sealing volunteer data under key "${ring.currentKeyId}"…`);
  const { resealed, checked } = await rotateVolunteerKeys(db, ring);
  console.log(
    `Checked ${checked} volunteers; re-sealed ${resealed}. Keys other than "${ring.currentKeyId}" are no longer needed.`,
  );
  await db.$disconnect();
}

main().catch((error: unknown) => {
  console.error(`Key rotation failed: ${(error as Error).message}`);
  process.exit(1);
});
