import crypto from "node:crypto";
import fs from "node:fs";
import path from "node:path";
import { logger } from "@/lib/platform/log";

/**
 * A secret from the environment, or, on the embedded SQLite default only, one generated on first run
 * into a git-ignored file under data/. A PostgreSQL deployment runs several instances that must share
 * the same secret, so there a missing secret stops the app at start-up instead of splitting it in two.
 */
export function readOrCreateSecret(options: {
  envName: string;
  fromEnv: string | undefined;
  embedded: boolean;
  dataDir: string;
  bytes?: number;
}): Buffer {
  const { envName, fromEnv, embedded, dataDir, bytes = 32 } = options;
  if (fromEnv) {
    const secret = Buffer.from(fromEnv, "base64url");
    if (secret.length < 32) throw new Error(`${envName} must be at least 32 random bytes, base64url-encoded`);
    return secret;
  }
  if (!embedded) {
    throw new Error(`${envName} is not set. Production (PostgreSQL) refuses to start without it: generate one with
  node -e "console.log(require('crypto').randomBytes(32).toString('base64url'))"`);
  }
  const file = path.join(dataDir, `${envName.toLowerCase()}.key`);
  try {
    return Buffer.from(fs.readFileSync(file, "utf8").trim(), "base64url");
  } catch {
    fs.mkdirSync(dataDir, { recursive: true });
    const secret = crypto.randomBytes(bytes);
    // wx: if another process created it a moment ago, keep theirs rather than overwrite it.
    try {
      fs.writeFileSync(file, secret.toString("base64url"), { flag: "wx", mode: 0o600 });
      logger.warn(`${envName} is not set: generated one into ${file} (embedded mode only).`);
      return secret;
    } catch {
      return Buffer.from(fs.readFileSync(file, "utf8").trim(), "base64url");
    }
  }
}
