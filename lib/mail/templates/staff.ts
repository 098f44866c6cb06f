import "server-only";

import { SIGN_IN_LINK_MINUTES, signInLinkEmail } from "@/lib/admin/access/sign-in-email";
import { stringParam } from "@/lib/mail/templates/params";
import { GONE, invalid, ready, type Template } from "@/lib/mail/templates/types";

/**
 * A staff member's one-time sign-in link. The link is a short-lived credential, so it may wait in params
 * (the worker blanks them once the row is sent, cancelled or given up); the address is read from the
 * staff list now, so someone removed from it meanwhile gets nothing. params: { url }.
 */
export const staffSignIn: Template = async (context, { refId, params }) => {
  const url = stringParam(params, "url");
  if (!url) return invalid("staff-sign-in without a link");
  if (!refId) return GONE;
  const staff = await context.db.staffUser.findUnique({ where: { id: refId }, select: { email: true } });
  if (!staff) return GONE;
  return ready(staff.email, signInLinkEmail(url, SIGN_IN_LINK_MINUTES));
};
