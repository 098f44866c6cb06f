import { issueLinkToken } from "@/lib/security/link-tokens";

export const VOLUNTEER_CONFIRM_DAYS = 7;

export function volunteerLinks(secret: Buffer, siteUrl: string, volunteerId: string, issuedAt: Date) {
  const expires = new Date(issuedAt.getTime() + VOLUNTEER_CONFIRM_DAYS * 24 * 60 * 60 * 1000);
  return {
    confirmUrl: new URL(
      `/scotland/volunteer/confirm/${issueLinkToken(secret, "volunteer-confirm", volunteerId, expires)}`,
      siteUrl,
    ).toString(),
    manageUrl: new URL(
      `/scotland/volunteer/manage/${issueLinkToken(secret, "volunteer-manage", volunteerId)}`,
      siteUrl,
    ).toString(),
  };
}
