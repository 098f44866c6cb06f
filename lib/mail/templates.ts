import "server-only";

import { parseParams } from "@/lib/mail/templates/params";
import { pledgeConfirm, pledgeRepeat } from "@/lib/mail/templates/pledge";
import { staffSignIn } from "@/lib/mail/templates/staff";
import type { Template, TemplateContext, TemplateOutcome } from "@/lib/mail/templates/types";
import { campaignUpdate } from "@/lib/mail/templates/update";
import {
  volunteerConfirm,
  volunteerRepeat,
  volunteerTeamNotice,
  volunteerWelcome,
} from "@/lib/mail/templates/volunteer";

// Every email the site sends, by the `kind` stored in the outbox. The row holds no personal data; the
// template reads the record at send time and returns the email, or "gone" when there is nobody left to
// write to (withdrawn, erased), so an erased person's queued email simply is not sent.

export type { TemplateContext, TemplateOutcome } from "@/lib/mail/templates/types";

export const TEMPLATES: Readonly<Record<string, Template>> = {
  "pledge-confirm": pledgeConfirm,
  "pledge-repeat": pledgeRepeat,
  "volunteer-confirm": volunteerConfirm,
  "volunteer-repeat": volunteerRepeat,
  "volunteer-welcome": volunteerWelcome,
  "volunteer-team-notification": volunteerTeamNotice,
  "staff-sign-in": staffSignIn,
  "campaign-update": campaignUpdate,
};

/** A claimed outbox row, as the worker hands it over. */
export type QueuedRow = { kind: string; refId: string | null; params: string | null };

export type Renderer = (row: QueuedRow) => Promise<TemplateOutcome>;

/**
 * Renders one row. Unknown kinds and bad parameters come back invalid (the row fails with that reason);
 * database or decryption trouble rejects, and the worker retries later.
 */
export function createTemplateRenderer(context: TemplateContext): Renderer {
  return async (row) => {
    const template = Object.hasOwn(TEMPLATES, row.kind) ? TEMPLATES[row.kind] : undefined;
    if (!template) return { status: "invalid", reason: `no template for kind "${safeKind(row.kind)}"` };
    const params = parseParams(row.params);
    if (!params) return { status: "invalid", reason: `${row.kind}: parameters are not a JSON object` };
    return template(context, { refId: row.refId, params });
  };
}

/** Kinds are ours, but a stored value is echoed into lastError and logs only if it looks like one. */
function safeKind(kind: string): string {
  return /^[a-z0-9-]{1,40}$/.test(kind) ? kind : "?";
}
