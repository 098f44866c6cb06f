import { issueLinkToken } from "@/lib/security/link-tokens";
import type { UpdateLinks } from "@/lib/updates/render";

// The links in a campaign update come from the signature's "manage" token, the same one every pledge
// email carries (it never expires, and works under every key in APP_SECRET's ring), so no new secret
// is stored and a rotation breaks no unsubscribe link.

/** The path mail providers POST to (RFC 8058). app/api/pledge/unsubscribe/route.ts answers it. */
export const ONE_CLICK_PATH = "/api/pledge/unsubscribe";

export function updateLinks(secret: Buffer, siteUrl: string, signatureId: string): UpdateLinks {
  const token = issueLinkToken(secret, "manage", signatureId);
  const oneClick = new URL(ONE_CLICK_PATH, siteUrl);
  oneClick.searchParams.set("token", token);
  return {
    manageUrl: new URL(`/pledge/manage/${token}`, siteUrl).toString(),
    oneClickUrl: oneClick.toString(),
  };
}
