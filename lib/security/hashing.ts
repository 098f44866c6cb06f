import crypto from "node:crypto";

/** A random secret for a link in an email: 32 bytes, URL-safe. */
export function newLinkToken(): string {
  return crypto.randomBytes(32).toString("base64url");
}

/**
 * What we store instead of a link token. Tokens are 256 random bits, so a plain SHA-256 is enough:
 * a leaked database cannot be turned back into working links.
 */
export function digestToken(token: string): string {
  return crypto.createHash("sha256").update(token).digest("base64url");
}

/** A keyed hash (HMAC-SHA-256) of something we must recognise but must not keep, such as an IP address. */
export function keyedHash(secret: Buffer, purpose: string, value: string): string {
  return crypto.createHmac("sha256", secret).update(`${purpose}\0${value}`).digest("base64url");
}
