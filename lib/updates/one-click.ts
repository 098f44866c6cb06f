import type { DbClient } from "@/lib/platform/db";
import { MAX_BODY_BYTES, readSmallBody, readWebBody } from "@/lib/entry/read-body";
import { linkTokenFromParam } from "@/lib/entry/token-param";
import { stopCampaignEmailsFor, UNSUBSCRIBE_ACTORS } from "@/lib/pledge/manage";
import type { VerifyingKeys } from "@/lib/security/link-tokens";

// One-click unsubscribe (RFC 8058) from a campaign update's List-Unsubscribe header. A mail provider POSTs
// `List-Unsubscribe=One-Click` to the URL, without cookies or a form token: the signed manage token in the
// URL is the only credential, as in the email's own links. A GET (a person, or a link scanner fetching
// ahead) changes nothing: it leads to the manage page, where a person presses the button.

const noStore = { "Cache-Control": "no-store" } as const;

/** The token from `?token=`, if it has the shape of one of ours. */
export function oneClickToken(request: Request): string | undefined {
  const raw = new URL(request.url).searchParams.get("token");
  return raw ? linkTokenFromParam(encodeURIComponent(raw)) : undefined;
}

/**
 * RFC 8058 asks senders for multipart/form-data and allows URL-encoding; both are read, up to the same
 * small size as every other body. The one field that matters is returned, or the answer to give.
 */
async function oneClickField(request: Request): Promise<unknown | Response> {
  const type = request.headers.get("content-type") ?? "";
  if (/^multipart\/form-data\b/i.test(type)) {
    const bytes = await readWebBody(request.body, MAX_BODY_BYTES);
    if (bytes === "too-large") return new Response("Too large.\n", { status: 413, headers: noStore });
    try {
      const form = await new Request(request.url, {
        method: "POST",
        headers: { "content-type": type },
        body: new Uint8Array(bytes),
      }).formData();
      return form.get("List-Unsubscribe");
    } catch {
      return undefined;
    }
  }
  const body = await readSmallBody(request);
  if (!body.ok) return new Response(`${body.message}\n`, { status: body.status, headers: noStore });
  return body.data["List-Unsubscribe"];
}

/** The one-click address's two answers, for the app's database and keys (bound in lib/updates/index.ts). */
export function createOneClick(db: DbClient, secrets: () => VerifyingKeys, siteUrl: string) {
  return {
    async post(request: Request): Promise<Response> {
      const token = oneClickToken(request);
      if (!token) return new Response("This link cannot be used.\n", { status: 404, headers: noStore });
      const field = await oneClickField(request);
      if (field instanceof Response) return field;
      if (field !== "One-Click")
        return new Response("Expected List-Unsubscribe=One-Click.\n", { status: 400, headers: noStore });
      await stopCampaignEmailsFor(db, secrets(), token, UNSUBSCRIBE_ACTORS.oneClick);
      // Stopped now, stopped before, or withdrawn since: in every case no campaign email goes to this link.
      return new Response("Done: no more campaign emails will be sent to this address.\n", {
        status: 200,
        headers: { ...noStore, "Content-Type": "text/plain; charset=utf-8" },
      });
    },

    /** Where a GET leads: the page where a person can stop campaign emails with a button. */
    pageFor(request: Request): URL {
      const token = oneClickToken(request);
      return new URL(token ? `/pledge/manage/${token}` : "/pledge/manage/not-a-link", siteUrl);
    },
  };
}
