import "server-only";
import { env } from "@/lib/platform/env";
import { issueLinkToken } from "@/lib/security/link-tokens";

/** How long a confirmation link works. The email says so; keep them in step. */
export const CONFIRM_LINK_DAYS = 7;

/** The two links every pledge email carries. */
export function links(secret: Buffer, signatureId: string, issuedAt: Date) {
  const expires = new Date(issuedAt.getTime() + CONFIRM_LINK_DAYS * 24 * 60 * 60 * 1000);
  return {
    confirmUrl: new URL(
      `/pledge/confirm/${issueLinkToken(secret, "confirm", signatureId, expires)}`,
      env.SITE_URL,
    ).toString(),
    manageUrl: new URL(
      `/pledge/manage/${issueLinkToken(secret, "manage", signatureId)}`,
      env.SITE_URL,
    ).toString(),
  };
}
