import crypto from "node:crypto";

/** A keyed hash (HMAC-SHA-256) of something we must recognise but must not keep, such as an IP address. */
export function keyedHash(secret: Buffer, purpose: string, value: string): string {
  return crypto.createHmac("sha256", secret).update(`${purpose}\0${value}`).digest("base64url");
}
