import "server-only";

import { isInAudience } from "@/lib/updates/audience";
import { updateLinks } from "@/lib/updates/links";
import { composeUpdateEmail, renderUpdateBody } from "@/lib/updates/render";
import type { RenderedBlock } from "@/lib/mail/compose";
import { stringParam } from "@/lib/mail/templates/params";
import { GONE, invalid, type Template, type TemplateContext } from "@/lib/mail/templates/types";

// A campaign update (lib/updates/), rendered from the signature as it is when its turn comes: only a
// confirmed signer who still wants campaign emails and still has an address gets it. Someone who
// unsubscribed, withdrew (the row is gone) or was erased (address blanked, emails off) after it was queued
// is not written to. params: { updateId }.

// An update is the same for all its readers: it is read and its Markdown rendered once every few seconds
// per process, not once per email. Staff stopping it cancels every row still waiting at once; this only
// decides for the few rows a worker had already claimed, so a short staleness is harmless.
type CachedUpdate = { subject: string; body: RenderedBlock; live: boolean; readAt: number };
const cached = new Map<string, CachedUpdate>();
const CACHE_MS = 2_000;
const CACHE_ENTRIES = 8;

async function readUpdate(context: TemplateContext, id: string): Promise<CachedUpdate | undefined> {
  const hit = cached.get(id);
  if (hit && Date.now() - hit.readAt < CACHE_MS) return hit;
  const update = await context.db.campaignUpdate.findUnique({
    where: { id },
    select: { subject: true, body: true, status: true },
  });
  if (!update) return undefined;
  const entry = {
    subject: update.subject,
    // The body only changes while it is a draft, and drafts are not sent: rendered once is enough.
    body: hit?.body ?? renderUpdateBody(update.body),
    live: update.status !== "cancelled",
    readAt: Date.now(),
  };
  if (!hit && cached.size >= CACHE_ENTRIES) cached.delete(cached.keys().next().value!);
  cached.set(id, entry);
  return entry;
}

export const campaignUpdate: Template = async (context, { refId, params }) => {
  const updateId = stringParam(params, "updateId");
  if (!updateId) return invalid("campaign-update without updateId");
  if (!refId) return GONE;
  const [signature, update] = await Promise.all([
    context.db.signature.findUnique({
      where: { id: refId },
      select: { name: true, email: true, status: true, campaignEmails: true },
    }),
    readUpdate(context, updateId),
  ]);
  // Stopped by staff while this row was already claimed: it goes no further either.
  if (!update || !update.live) return GONE;
  if (!signature || !isInAudience(signature)) return GONE;
  const email = composeUpdateEmail(
    update.subject,
    update.body,
    { name: signature.name },
    updateLinks(context.secret, context.siteUrl, refId),
  );
  return { status: "ready", email: { to: signature.email, ...email } };
};
