// Every rate limit the site applies, in one place, each with the reason for its number. Settings an
// operator can change (lib/platform/env.ts) or staff can change (/admin/signing) take their defaults from here.
// Where the counting happens: lib/security/limiter-store.ts (shared on PostgreSQL, memory on SQLite).

const MINUTE_MS = 60_000;
const HOUR_MS = 60 * MINUTE_MS;
const DAY_MS = 24 * HOUR_MS;

export type Limit = { readonly limit: number; readonly windowMs: number };

/**
 * Pledge sign-ups per network (client address) an hour accepted without a solved challenge: the default
 * of SIGNUPS_FREE_PER_ADDRESS_PER_HOUR, until staff change it. 60 lets a family, a ward or an office
 * behind one address sign without JavaScript; a script solving nothing gets 60 emails sent an hour at
 * most, and everything beyond is held for staff, never dropped (lib/pledge/admission.ts).
 */
export const PLEDGE_FREE_ALLOWANCE: Limit = { limit: 60, windowMs: HOUR_MS };

/**
 * The most staff may set the free allowance to: beyond this the allowance no longer limits anything
 * and "allow this range" (below) says what they mean more honestly.
 */
export const PLEDGE_FREE_ALLOWANCE_MAX = 100_000;

/** Staff may let an address range sign without limit for at most this long: an event, not a policy. */
export const ALLOWED_RANGE_MAX_HOURS = 72;

/**
 * Volunteer sign-ups per network a minute without a solved challenge: the default of
 * SIGNUPS_PER_IP_PER_MINUTE. Volunteers are few (Scotland, one form); 20 a minute never meets a real
 * group filling the form in together, and stops a script filling the table with sealed junk.
 */
export const VOLUNTEER_SIGN_UPS_PER_ADDRESS: Limit = { limit: 20, windowMs: MINUTE_MS };

/**
 * "Already signed" or "here is your link again" emails to one mailbox a day, pledge and volunteer
 * alike: signing again with someone else's address must not turn the site into a way to flood them.
 */
export const REPEAT_EMAILS_PER_MAILBOX: Limit = { limit: 3, windowMs: DAY_MS };

/**
 * Staff sign-in link requests. None of these counts per target address alone: a limit keyed by the
 * email would let anyone lock a staff member out by asking for their link from anywhere. A staff member
 * whose address is being flooded from other networks still gets a link from their own.
 */
export type StaffSignInLimits = Record<
  "perAddress" | "perAddressHourly" | "perAddressAndEmail" | "linksOverall" | "refusalAuditPerNetwork",
  Limit
>;

export const STAFF_SIGN_IN: StaffSignInLimits = {
  /** Requests from one network a minute, whatever the address typed: a person retrying a typo needs 2 or 3. */
  perAddress: { limit: 5, windowMs: MINUTE_MS },
  /** …and an hour: a script on one network cannot keep trying 5 a minute all day. */
  perAddressHourly: { limit: 30, windowMs: HOUR_MS },
  /**
   * Links from one network to one address in 10 minutes: one network cannot fill a staff member's inbox,
   * and other networks (the staff member's own) are unaffected.
   */
  perAddressAndEmail: { limit: 3, windowMs: 10 * MINUTE_MS },
  /**
   * Link emails the whole site sends an hour, to protect the mail sender's reputation from a flood spread
   * over many networks. Counted only for addresses on the staff list (only they are emailed): a team of
   * a few dozen signing in several times a day stays far below it.
   */
  linksOverall: { limit: 200, windowMs: HOUR_MS },
  /**
   * Each refusal is written to the audit log, but one entry per reason and network per window is enough
   * to see a flood: writing one row per refused request would let the flood fill the log instead.
   */
  refusalAuditPerNetwork: { limit: 1, windowMs: 10 * MINUTE_MS },
};

/**
 * The proof-of-work challenge (lib/security/challenge.ts). The browser runs 3,000 hashes on average: a
 * fraction of a second on a phone, and a real cost to a script signing thousands. The main defence
 * against scripts is the free allowance; the challenge is what lets real people on a busy network past
 * it without waiting. A challenge must be solved and used within 10 minutes: long enough to fill the
 * form in slowly, short enough that a stockpile of solutions goes stale.
 */
export const CHALLENGE = {
  counterRange: [1_000, 5_000] as const,
  lifetimeMs: 10 * MINUTE_MS,
} as const;
