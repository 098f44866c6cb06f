import "server-only";
import path from "node:path";
import type { KeyRing } from "@/lib/security/field-cipher";
import { loadKeyRing } from "@/lib/security/key-ring-config";
import { env, isEmbeddedDatabase } from "@/lib/platform/env";
import { keyedHash } from "@/lib/security/hashing";
import { getAppSecret, getAppSecrets } from "@/lib/security/secrets";
import { emailKey } from "@/lib/validation/email-key";
import { bindOnce } from "@/lib/platform/bind-once";

/** The keys that seal volunteers' personal fields. Read once; see lib/security/key-ring-config.ts. */
export const getVolunteerKeyRing: () => KeyRing = bindOnce(() =>
  loadKeyRing({
    keysFromEnv: env.VOLUNTEER_KEYS,
    currentFromEnv: env.VOLUNTEER_KEY_ID,
    embedded: isEmbeddedDatabase(),
    dataDir: path.resolve(env.DATA_DIR),
  }),
);

/**
 * How we find a volunteer by email without storing the address in clear: a keyed hash (HMAC-SHA-256 with
 * an APP_SECRET key) of the canonical address. Without the secret, a leaked database cannot be searched
 * for a known address. Same mailbox rules as the pledge (case, spaces, +tags, Gmail dots).
 */
export function volunteerEmailLookup(secret: Buffer, email: string): string {
  return keyedHash(secret, "volunteer-email", emailKey(email));
}

/**
 * The address's lookup under every key in the ring, the current key's first. A row is stored under the
 * key that was current when it was written (or re-keyed, lib/volunteers/rotate-keys.ts), so finding,
 * erasing and recognising a returning volunteer must match any of them: `emailLookup: { in: … }`.
 */
export function volunteerEmailLookups(secrets: readonly Buffer[], email: string): string[] {
  return secrets.map((secret) => volunteerEmailLookup(secret, email));
}

/** The lookup new rows are written with: under APP_SECRET's current key. */
export const appVolunteerLookup = (email: string) => volunteerEmailLookup(getAppSecret(), email);

/** Every lookup to search for (find, erase, "have they signed up before?"): under every key in the ring. */
export const appVolunteerLookups = (email: string) => volunteerEmailLookups(getAppSecrets(), email);
