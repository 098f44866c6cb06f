import crypto from "node:crypto";
import fs from "node:fs";
import path from "node:path";
import { logger } from "@/lib/platform/log";
import { ensurePrivateFile, ensurePrivateFolder, writePrivateFileOnce } from "@/lib/security/private-files";
import { validateKeyRing, type KeyRing } from "@/lib/security/field-cipher";

/**
 * Reads the volunteer key ring from the environment:
 *   VOLUNTEER_KEYS="2026a:<base64url 32 bytes>,2025b:<…>"   every key still needed to read stored data
 *   VOLUNTEER_KEY_ID="2026a"                                 the one new data is sealed with
 * On the embedded SQLite default with no keys configured, one key is generated into a git-ignored file
 * under DATA_DIR, with a warning; with PostgreSQL (production) a missing key stops the app.
 */
export function loadKeyRing(options: {
  keysFromEnv: string | undefined;
  currentFromEnv: string | undefined;
  embedded: boolean;
  dataDir: string;
}): KeyRing {
  const { keysFromEnv, currentFromEnv, embedded, dataDir } = options;
  if (keysFromEnv) return validateKeyRing(parseKeyList(keysFromEnv, currentFromEnv));
  if (!embedded) {
    throw new Error(
      "VOLUNTEER_KEYS is not set. Volunteers' health data must be encrypted with a key you keep: production (PostgreSQL) refuses to start without one. See README.md.",
    );
  }
  const file = path.join(dataDir, "volunteer-keys.txt");
  ensurePrivateFolder(dataDir);
  const line = `local1:${crypto.randomBytes(32).toString("base64url")}`;
  // If another process wrote it a moment ago, use theirs.
  if (!fs.existsSync(file) && writePrivateFileOnce(file, `${line}\n`))
    logger.warn(
      `VOLUNTEER_KEYS is not set: generated a key into ${file} (embedded mode only; keep it safe).`,
    );
  ensurePrivateFile(file, false);
  const lines = fs
    .readFileSync(file, "utf8")
    .trim()
    .split(/\s*[\n,]\s*/)
    .join(",");
  try {
    return validateKeyRing(parseKeyList(lines, currentFromEnv));
  } catch (error) {
    // Name the file, so the operator knows which one to fix (the message never quotes a key).
    throw new Error(`${file}: ${(error as Error).message}`);
  }
}

function parseKeyList(list: string, currentId: string | undefined): KeyRing {
  const keys = new Map<string, Buffer>();
  for (const entry of list
    .split(",")
    .map((e) => e.trim())
    .filter(Boolean)) {
    const [id, value] = entry.split(":");
    if (!id || !value)
      throw new Error("VOLUNTEER_KEYS entries look like id:base64urlkey, separated by commas");
    // Two keys under one id would make data sealed with the first unreadable: refuse, don't guess.
    if (keys.has(id)) throw new Error(`VOLUNTEER_KEYS names the key id "${id}" twice`);
    keys.set(id, Buffer.from(value, "base64url"));
  }
  const first = keys.keys().next().value;
  if (!first) throw new Error("VOLUNTEER_KEYS names no keys");
  return { currentKeyId: currentId ?? first, keys };
}
