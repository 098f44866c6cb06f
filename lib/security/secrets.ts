import "server-only";
import path from "node:path";
import { env, isEmbeddedDatabase } from "@/lib/platform/env";
import { readOrCreateSecretRing } from "@/lib/security/local-secret";
import { currentSecret, everySecret, type SecretRing } from "@/lib/security/secret-ring";
import { bindOnce } from "@/lib/platform/bind-once";

/** APP_SECRET's ring (lib/security/secret-ring.ts). Read once; instrumentation.ts reads it at start-up. */
export const getAppSecretRing: () => SecretRing = bindOnce(() =>
  readOrCreateSecretRing({
    envName: "APP_SECRET",
    fromEnv: env.APP_SECRET,
    currentFromEnv: env.APP_SECRET_ID,
    embedded: isEmbeddedDatabase(),
    dataDir: path.resolve(env.DATA_DIR),
  }),
);

/** The key that signs and hashes from now on: links, form tokens, challenges, address hashes, sessions. */
export function getAppSecret(): Buffer {
  return currentSecret(getAppSecretRing());
}

/** Every key in the ring, the current one first: what checks and lookups try. */
export function getAppSecrets(): Buffer[] {
  return everySecret(getAppSecretRing());
}
