import crypto from "node:crypto";

// Field-level encryption for special category data (UK GDPR Article 9): AES-256-GCM from Node's crypto.
// Each value is stored as one self-describing string:
//   v1.<keyId>.<iv, 12 bytes>.<ciphertext + 16-byte tag>   (base64url parts)
// so every value names the key that sealed it, and keys can be rotated one row at a time.

export type KeyRing = {
  /** The key new values are sealed with. */
  currentKeyId: string;
  /** Every key that may still be needed to open stored values, by id. 32 bytes each. */
  keys: ReadonlyMap<string, Buffer>;
};

const VERSION = "v1";
const keyIdPattern = /^[A-Za-z0-9_-]{1,32}$/;

export function validateKeyRing(ring: KeyRing): KeyRing {
  if (!ring.keys.has(ring.currentKeyId))
    throw new Error(`The current key "${ring.currentKeyId}" is not in the key ring`);
  for (const [id, key] of ring.keys) {
    if (!keyIdPattern.test(id)) throw new Error(`Key id "${id}" must be 1–32 letters, digits, _ or -`);
    if (key.length !== 32) throw new Error(`Key "${id}" must be 32 bytes (AES-256), not ${key.length}`);
  }
  return ring;
}

/**
 * The field name is bound in as associated data: a ciphertext copied from the `email` column into the
 * `name` column (or from one purpose to another) fails to open instead of showing the wrong thing.
 */
export function seal(ring: KeyRing, field: string, plaintext: string): string {
  const key = ring.keys.get(ring.currentKeyId)!;
  const iv = crypto.randomBytes(12);
  const cipher = crypto.createCipheriv("aes-256-gcm", key, iv);
  cipher.setAAD(Buffer.from(field));
  const body = Buffer.concat([cipher.update(plaintext, "utf8"), cipher.final(), cipher.getAuthTag()]);
  return [VERSION, ring.currentKeyId, iv.toString("base64url"), body.toString("base64url")].join(".");
}

export function open(ring: KeyRing, field: string, sealed: string): string {
  const [version, keyId, ivPart, bodyPart] = sealed.split(".");
  if (version !== VERSION || !keyId || !ivPart || !bodyPart) throw new Error("Not an encrypted value");
  const key = ring.keys.get(keyId);
  if (!key) throw new Error(`No key "${keyId}" in the key ring: it is needed to read this value`);
  const body = Buffer.from(bodyPart, "base64url");
  // A full 16-byte tag, always: Node would otherwise accept a truncated (guessable) one.
  if (body.length < 16) throw new Error("Not an encrypted value");
  const decipher = crypto.createDecipheriv("aes-256-gcm", key, Buffer.from(ivPart, "base64url"), {
    authTagLength: 16,
  });
  decipher.setAAD(Buffer.from(field));
  decipher.setAuthTag(body.subarray(body.length - 16));
  return Buffer.concat([decipher.update(body.subarray(0, body.length - 16)), decipher.final()]).toString(
    "utf8",
  );
}

/** Which key sealed a stored value: the rotation command re-seals every value not under the current key. */
export function sealedWith(sealed: string): string | undefined {
  return sealed.split(".")[1];
}
