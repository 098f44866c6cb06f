import "server-only";
import { assertHolds, type StaffWith } from "@/lib/admin/access/session";
import { listPartners } from "@/lib/content/partners";
import { notifyOutbox } from "@/lib/mail/outbox";
import { bindOnce } from "@/lib/platform/bind-once";
import { db } from "@/lib/platform/db";
import { env } from "@/lib/platform/env";
import { providerFromUrl } from "@/prisma/database-target";
import { getAppSecret, getAppSecrets } from "@/lib/security/secrets";
import { createOneClick } from "@/lib/updates/one-click";
import { type CampaignUpdates, createCampaignUpdates } from "@/lib/updates/updates";

// Campaign updates, bound to the app's database, secret and outbox. Pages and actions reach them only
// through campaignUpdates(staff), which checks "send-updates" again here.

const bound = bindOnce(() =>
  createCampaignUpdates(db, {
    provider: providerFromUrl(env.DATABASE_URL),
    secret: getAppSecret(),
    siteUrl: env.SITE_URL,
    notify: notifyOutbox,
  }),
);

export function campaignUpdates(staff: StaffWith<"send-updates">): CampaignUpdates {
  assertHolds(staff, "send-updates");
  return bound();
}

/** The partners an update can be limited to, as the form lists them. */
export function partnerOptions() {
  return listPartners().map((partner) => ({ value: partner.code, label: partner.name }));
}

export function isKnownPartner(code: string): boolean {
  return listPartners().some((partner) => partner.code === code);
}

/** The id in /api/admin/updates/<id>/progress, if it is one. */
export function updateIdFromProgressUrl(url: string): string | undefined {
  const match = /\/api\/admin\/updates\/([0-9a-f-]{36})\/progress\/?$/.exec(new URL(url).pathname);
  return match?.[1];
}

/** POST /api/pledge/unsubscribe (RFC 8058 one-click) and where its GET leads. */
export const oneClickUnsubscribe = bindOnce(() => createOneClick(db, getAppSecrets, env.SITE_URL));
