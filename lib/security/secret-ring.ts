// APP_SECRET as a key ring, so it can be rotated without losing anything it protects. The current key
// signs and hashes from now on; every key in the ring is still accepted when checking: a link in an
// email sent last year, a volunteer's email lookup written before the rotation. Written like
// VOLUNTEER_KEYS: "2026a:<key>,2025b:<key>", the current one named by APP_SECRET_ID (default: the first).
// A single bare key (no id) is a ring of one, which is how every installation starts.

export type SecretRing = {
  currentId: string;
  /** Every key, by id, in the order given. */
  keys: ReadonlyMap<string, Buffer>;
};

/** 256 bits: HMAC-SHA-256 gains nothing from more, and loses strength with less. */
export const MIN_SECRET_BYTES = 32;

const BARE_KEY_ID = "1";
const idPattern = /^[A-Za-z0-9_-]{1,32}$/;
// Node's base64url decoder skips characters it does not know, which would quietly shorten a mistyped key.
const keyPattern = /^[A-Za-z0-9_+/-]+=*$/;

/**
 * Parses a ring from a setting or a file. `source` names where it came from in every error ("APP_SECRET",
 * "data/app_secret.key"); an error never quotes a key.
 */
export function parseSecretRing(source: string, text: string, currentId?: string): SecretRing {
  const entries = text
    .split(/[\s,]+/)
    .map((entry) => entry.trim())
    .filter(Boolean);
  if (entries.length === 0) throw new Error(`${source} holds no key`);
  const keys = new Map<string, Buffer>();
  for (const entry of entries) {
    const colon = entry.indexOf(":");
    const id = colon === -1 && entries.length === 1 ? BARE_KEY_ID : entry.slice(0, colon);
    const value = colon === -1 ? entry : entry.slice(colon + 1);
    if (colon === -1 && entries.length > 1)
      throw new Error(`${source}: with more than one key, write each as id:key, separated by commas`);
    if (!idPattern.test(id))
      throw new Error(`${source}: key id "${id}" must be 1–32 letters, digits, _ or -`);
    if (keys.has(id)) throw new Error(`${source} names the key id "${id}" twice`);
    keys.set(id, decodeKey(source, id, value));
  }
  const current = currentId ?? keys.keys().next().value!;
  if (!keys.has(current)) throw new Error(`${source} has no key "${current}" (named as the current key)`);
  return { currentId: current, keys };
}

function decodeKey(source: string, id: string, value: string): Buffer {
  const key = keyPattern.test(value) ? Buffer.from(value, "base64url") : Buffer.alloc(0);
  if (key.length < MIN_SECRET_BYTES)
    throw new Error(
      `${source}: key "${id}" must be at least ${MIN_SECRET_BYTES} random bytes, base64url-encoded (${key.length} found). Generate one with
  node -e "console.log(require('node:crypto').randomBytes(32).toString('base64url'))"`,
    );
  return key;
}

export function currentSecret(ring: SecretRing): Buffer {
  return ring.keys.get(ring.currentId)!;
}

/** The current key first, then the others: what a check tries, in the order most likely to match. */
export function everySecret(ring: SecretRing): Buffer[] {
  return [currentSecret(ring), ...[...ring.keys].filter(([id]) => id !== ring.currentId).map(([, k]) => k)];
}
