import "server-only";
import type { DbClient } from "@/lib/platform/db";
import { keyedHash } from "@/lib/security/hashing";
import { appLimiters } from "@/lib/security/limiter-app";
import type { LimiterStore } from "@/lib/security/limiter-store";
import { STAFF_SIGN_IN, type StaffSignInLimits } from "@/lib/security/limits";
import { recordAudit, SIGN_IN_FORM_ACTOR } from "@/lib/admin/audit/record";

// Who may ask for a staff sign-in link how often (the numbers and why: lib/security/limits.ts). Counted
// per requesting network and for the whole site, never per target address alone, so nobody can lock a
// staff member out by asking for their link from elsewhere. Keys are keyed hashes: counters may be stored
// (the RateLimitCounter table on PostgreSQL). better-auth's own limiter only guards its HTTP handler,
// which this app never mounts (it calls better-auth from server actions), so the limits live here.

export type SignInRefusal = "network" | "network-and-address" | "overall";

/** What the audit log says for each refusal. */
export const SIGN_IN_REFUSALS: Record<SignInRefusal, string> = {
  network: "staff sign-in refused: too many requests from one network",
  "network-and-address": "staff sign-in refused: too many links to one address from one network",
  overall: "staff sign-in refused: too many sign-in links sent this hour, from every network together",
};

export type SignInLimitsOptions = {
  /** APP_SECRET's current key: keys the hashes that name networks in the counters. */
  secret: Buffer;
  /** Where the counts live: the app's store by default (shared on PostgreSQL). */
  limiters?: LimiterStore;
  /** The numbers: lib/security/limits.ts, unless a test needs a smaller site-wide cap. */
  numbers?: StaffSignInLimits;
};

export function createSignInLimits(db: DbClient, options: SignInLimitsOptions) {
  const { secret, numbers = STAFF_SIGN_IN } = options;
  const limiters = options.limiters ?? appLimiters();
  const perAddress = limiters.create("staff-sign-in-address", numbers.perAddress);
  const perAddressHourly = limiters.create("staff-sign-in-address-hour", numbers.perAddressHourly);
  const perAddressAndEmail = limiters.create("staff-sign-in-address-email", numbers.perAddressAndEmail);
  const linksOverall = limiters.create("staff-sign-in-links", numbers.linksOverall);
  const refusalAudit = limiters.create("staff-sign-in-refusal-audit", numbers.refusalAuditPerNetwork);

  /**
   * Writes the refusal to the audit log: once per reason and network per window, which shows a flood
   * without letting it fill the log. The entry names the network by a short prefix of its keyed hash
   * (enough to tell one network from many), and the staff member concerned by id, never an address.
   */
  async function audit(reason: SignInRefusal, network: string, staffId?: () => Promise<string | undefined>) {
    if (!(await refusalAudit.allow(`${reason}:${network}`))) return;
    await recordAudit(db, {
      actor: SIGN_IN_FORM_ACTOR,
      action: "sign-in-refused",
      subject: (await staffId?.()) ?? undefined,
      detail: {
        reason: SIGN_IN_REFUSALS[reason],
        ...(reason === "overall" ? {} : { network: network.slice(0, 12) }),
      },
    });
  }

  const staffIdFor = (email: string) => async () =>
    (await db.staffUser.findUnique({ where: { email }, select: { id: true } }))?.id;

  return {
    /**
     * Counts a link request from `clientAddress` for `email` (already lower case): undefined when it may
     * go ahead, otherwise why not (audited). Refusals here depend only on the requesting network, never
     * on whether `email` is on the staff list, so saying "slow down" reveals nothing about the list.
     */
    async checkRequest(email: string, clientAddress: string): Promise<SignInRefusal | undefined> {
      const network = keyedHash(secret, "client-address", clientAddress);
      if (!(await perAddress.allow(network)) || !(await perAddressHourly.allow(network))) {
        await audit("network", network);
        return "network";
      }
      const pair = keyedHash(secret, "staff-sign-in-network-email", `${network}\0${email}`);
      if (!(await perAddressAndEmail.allow(pair))) {
        await audit("network-and-address", network, staffIdFor(email));
        return "network-and-address";
      }
      return undefined;
    },

    /**
     * Counts one link email about to be queued for a staff member (only staff are emailed, so only they
     * count towards the site-wide cap): false, audited, when the cap is reached. The requester then sees
     * the usual "check your email" page, as a non-staff address would.
     */
    async mayEmailLink(staffId: string): Promise<boolean> {
      if (await linksOverall.allow("site")) return true;
      await audit("overall", "site", async () => staffId);
      return false;
    },
  };
}

export type SignInLimits = ReturnType<typeof createSignInLimits>;
