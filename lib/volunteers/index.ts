import "server-only";
import { db } from "@/lib/platform/db";
import { env } from "@/lib/platform/env";
import { issueFormToken } from "@/lib/security/form-token";
import { verifyChallenge } from "@/lib/security/challenge";
import { getAppSecret, getAppSecrets } from "@/lib/security/secrets";
import type { VolunteerInput } from "@/lib/validation/volunteer";
import { getVolunteerKeyRing } from "@/lib/volunteers/keys";
import { createVolunteerService, type VolunteerService } from "@/lib/volunteers/service";
import { bindOnce } from "@/lib/platform/bind-once";

// The volunteer domain bound to the app's database, secret and keys, created on first use (so a missing
// production key fails the first request loudly, and `next build` never needs one).
export const volunteers: () => VolunteerService = bindOnce(() =>
  createVolunteerService(db, {
    secret: getAppSecret(),
    secrets: getAppSecrets(),
    ring: getVolunteerKeyRing(),
    perAddressPerMinute: env.SIGNUPS_PER_IP_PER_MINUTE,
  }),
);

export const newVolunteerFormToken = () => issueFormToken(getAppSecret());

/** The volunteer form: checks the challenge the browser solved, then registers the offer. */
export async function registerVolunteer(input: VolunteerInput, request: { clientAddress: string }) {
  const solvedChallenge = await verifyChallenge(getAppSecret(), input.altcha);
  return volunteers().register(input, { ...request, solvedChallenge });
}
