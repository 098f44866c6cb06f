import crypto from "node:crypto";

// Partners and apps sign people up through POST /api/pledge with a key of their own
// (`Authorization: Bearer <secret>`), configured as PLEDGE_API_KEYS="partner-id:secret,…". A key can be
// withdrawn by removing it, without touching anyone else's. The partner's id is recorded nowhere public.

export type PartnerKeys = ReadonlyMap<string, Buffer>;

export function parsePartnerKeys(setting: string | undefined): PartnerKeys {
  const keys = new Map<string, Buffer>();
  for (const entry of (setting ?? "").split(",").filter(Boolean)) {
    const colon = entry.indexOf(":");
    keys.set(entry.slice(0, colon), digest(entry.slice(colon + 1)));
  }
  return keys;
}

const digest = (secret: string) => crypto.createHash("sha256").update(secret).digest();

/** The partner a bearer key belongs to, or undefined. Compares digests in constant time. */
export function partnerFor(keys: PartnerKeys, authorization: string | null): string | undefined {
  const match = /^Bearer ([A-Za-z0-9_-]{43,200})$/.exec(authorization ?? "");
  if (!match) return undefined;
  const presented = digest(match[1]!);
  for (const [partner, expected] of keys) if (crypto.timingSafeEqual(presented, expected)) return partner;
  return undefined;
}
