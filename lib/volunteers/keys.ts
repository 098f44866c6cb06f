import "server-only";
import path from "node:path";
import type { KeyRing } from "@/lib/crypto/field-cipher";
import { loadKeyRing } from "@/lib/crypto/key-ring-config";
import { env, isEmbeddedDatabase } from "@/lib/env";
import { keyedHash } from "@/lib/security/hashing";
import { getAppSecret } from "@/lib/security/secrets";
import { emailKey } from "@/lib/validation/email-key";

let ring: KeyRing | undefined;

/** The keys that seal volunteers' personal fields. Read once; see lib/crypto/key-ring-config.ts. */
export function getVolunteerKeyRing(): KeyRing {
  ring ??= loadKeyRing({
    keysFromEnv: env.VOLUNTEER_KEYS,
    currentFromEnv: env.VOLUNTEER_KEY_ID,
    embedded: isEmbeddedDatabase(),
    dataDir: path.resolve(env.DATA_DIR),
  });
  return ring;
}

/**
 * How we find a volunteer by email without storing the address in clear: a keyed hash (HMAC-SHA-256 with
 * APP_SECRET) of the canonical address. Without the secret, a leaked database cannot be searched for a
 * known address. Same mailbox rules as the pledge (case, spaces, +tags, Gmail dots).
 */
export function volunteerEmailLookup(secret: Buffer, email: string): string {
  return keyedHash(secret, "volunteer-email", emailKey(email));
}

export const appVolunteerLookup = (email: string) => volunteerEmailLookup(getAppSecret(), email);
