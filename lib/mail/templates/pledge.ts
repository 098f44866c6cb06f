import "server-only";

import { alreadySignedEmail, confirmSignatureEmail } from "@/lib/pledge/emails";
import { links } from "@/lib/pledge/links";
import { dateParam } from "@/lib/mail/templates/params";
import { GONE, invalid, ready, type Template, type TemplateContext } from "@/lib/mail/templates/types";

// Pledge emails, rendered from the signature as it is at send time. The links are derived from
// (signature id, issuedAt) exactly as when the email was queued, so they are the same links.

async function liveSignature(context: TemplateContext, id: string | null) {
  if (!id) return undefined;
  const signature = await context.db.signature.findUnique({
    where: { id },
    select: { name: true, email: true, status: true },
  });
  // Withdrawn (deleted) or erased (anonymised: the address is blanked): nobody to write to.
  return signature && signature.email ? signature : undefined;
}

/** "Please confirm": only while the signature still waits for it. params: { issuedAt }. */
export const pledgeConfirm: Template = async (context, { refId, params }) => {
  const issuedAt = dateParam(params, "issuedAt");
  if (!issuedAt) return invalid("pledge-confirm without issuedAt");
  const signature = await liveSignature(context, refId);
  // Confirmed meanwhile (nothing to ask), or held (held sign-ups are not emailed).
  if (!signature || signature.status !== "pending") return GONE;
  return ready(
    signature.email,
    confirmSignatureEmail(signature.name, links(context.secret, refId!, issuedAt)),
  );
};

/**
 * Someone signed again with a known address. The wording follows the signature's status now: still
 * pending gets a fresh confirm link, confirmed gets "already signed and counted". params: { issuedAt }.
 */
export const pledgeRepeat: Template = async (context, { refId, params }) => {
  const issuedAt = dateParam(params, "issuedAt");
  if (!issuedAt) return invalid("pledge-repeat without issuedAt");
  const signature = await liveSignature(context, refId);
  if (!signature || (signature.status !== "pending" && signature.status !== "confirmed")) return GONE;
  const { confirmUrl, manageUrl } = links(context.secret, refId!, issuedAt);
  const email = alreadySignedEmail(
    signature.name,
    signature.status === "pending" ? { confirmUrl, manageUrl } : { manageUrl },
  );
  return ready(signature.email, email);
};
