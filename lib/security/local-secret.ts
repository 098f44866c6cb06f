import crypto from "node:crypto";
import fs from "node:fs";
import path from "node:path";
import { logger } from "@/lib/platform/log";
import { ensurePrivateFile, ensurePrivateFolder, writePrivateFileOnce } from "@/lib/security/private-files";
import { currentSecret, parseSecretRing, type SecretRing } from "@/lib/security/secret-ring";

/**
 * A secret (or a ring of them, lib/security/secret-ring.ts) from the environment, or, on the embedded
 * SQLite default only, one generated on first run into a git-ignored 0600 file under data/. A PostgreSQL
 * deployment runs several instances that must share the same secret, so there a missing secret stops the
 * app at start-up instead of splitting it in two. Every key is length-checked, from either source.
 */
export function readOrCreateSecretRing(options: {
  envName: string;
  fromEnv: string | undefined;
  /** The current key's id, for a ring (APP_SECRET_ID). */
  currentFromEnv?: string;
  embedded: boolean;
  dataDir: string;
  bytes?: number;
}): SecretRing {
  const { envName, fromEnv, currentFromEnv, embedded, dataDir, bytes = 32 } = options;
  if (fromEnv) return parseSecretRing(envName, fromEnv, currentFromEnv);
  if (!embedded) {
    throw new Error(`${envName} is not set. Production (PostgreSQL) refuses to start without it: generate one with
  node -e "console.log(require('node:crypto').randomBytes(32).toString('base64url'))"`);
  }
  const file = path.join(dataDir, `${envName.toLowerCase()}.key`);
  ensurePrivateFolder(dataDir);
  // If another process created it a moment ago, keep theirs rather than overwrite it.
  if (!fs.existsSync(file) && writePrivateFileOnce(file, crypto.randomBytes(bytes).toString("base64url")))
    logger.warn(`${envName} is not set: generated one into ${file} (embedded mode only).`);
  ensurePrivateFile(file, false);
  return parseSecretRing(file, fs.readFileSync(file, "utf8"), currentFromEnv);
}

/** The current key of the secret `readOrCreateSecretRing` reads. */
export function readOrCreateSecret(options: Parameters<typeof readOrCreateSecretRing>[0]): Buffer {
  return currentSecret(readOrCreateSecretRing(options));
}
