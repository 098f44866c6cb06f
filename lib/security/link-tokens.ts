import crypto from "node:crypto";

// Links in emails carry a signed token instead of a random secret stored in the database:
//   base64url( signature id (16 bytes) | expiry in seconds (6 bytes) ) "." base64url( HMAC, 16 bytes )
// A leaked database therefore yields no working links; a re-sent email's link works alongside the
// earlier one; and the withdraw/unsubscribe link stays the same in every email. Links are signed with
// APP_SECRET's current key and accepted under any key in its ring (lib/security/secret-ring.ts), so a
// rotation keeps every emailed link working for as long as the old key stays in the ring.

type Purpose = "confirm" | "manage" | "volunteer-confirm" | "volunteer-manage";
const NEVER = 0xffff_ffff_ffff; // 6-byte maximum: "does not expire"

export function issueLinkToken(
  secret: Buffer,
  purpose: Purpose,
  signatureId: string,
  expiresAt?: Date,
): string {
  const payload = Buffer.alloc(22);
  Buffer.from(signatureId.replaceAll("-", ""), "hex").copy(payload, 0);
  payload.writeUIntBE(expiresAt ? Math.floor(expiresAt.getTime() / 1000) : NEVER, 16, 6);
  return `${payload.toString("base64url")}.${mac(secret, purpose, payload).toString("base64url")}`;
}

export type VerifiedLink = { signatureId: string; expired: boolean };

/** One key, or every key of APP_SECRET's ring (lib/security/secrets.ts getAppSecrets). */
export type VerifyingKeys = Buffer | readonly Buffer[];

/** Undefined for anything forged, truncated or meant for another purpose. */
export function verifyLinkToken(
  secret: VerifyingKeys,
  purpose: Purpose,
  token: string,
  now: Date = new Date(),
): VerifiedLink | undefined {
  const [payloadPart, macPart] = token.split(".");
  if (!payloadPart || !macPart || payloadPart.length !== 30 || macPart.length !== 22) return undefined;
  const payload = Buffer.from(payloadPart, "base64url");
  const given = Buffer.from(macPart, "base64url");
  if (payload.length !== 22 || given.length !== 16) return undefined;
  const keys = Buffer.isBuffer(secret) ? [secret] : secret;
  if (!keys.some((key) => crypto.timingSafeEqual(given, mac(key, purpose, payload)))) return undefined;
  const hex = payload.subarray(0, 16).toString("hex");
  const signatureId = `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
  const expiry = payload.readUIntBE(16, 6);
  return { signatureId, expired: expiry !== NEVER && expiry * 1000 < now.getTime() };
}

function mac(secret: Buffer, purpose: Purpose, payload: Buffer): Buffer {
  return crypto
    .createHmac("sha256", secret)
    .update(`link:${purpose}\0`)
    .update(payload)
    .digest()
    .subarray(0, 16);
}
