import "server-only";
import { db } from "@/lib/db";
import { keyedHash } from "@/lib/security/hashing";
import { appLimiters } from "@/lib/security/limiter-app";
import type { RateLimit } from "@/lib/security/rate-limiter";
import { getAppSecret } from "@/lib/security/secrets";
import { recordAudit } from "./audit";
import { staffAuth } from "./index";

// better-auth rate-limits its HTTP endpoints; we call it from server actions, so the limits live here,
// shared by every instance on PostgreSQL. Both keys are keyed hashes: the counters may be stored.
let limits: { perAddress: RateLimit; perEmail: RateLimit } | undefined;
function signInLimits() {
  limits ??= {
    perAddress: appLimiters().create("staff-sign-in-address", { limit: 5, windowMs: 60_000 }),
    perEmail: appLimiters().create("staff-sign-in-email", { limit: 3, windowMs: 10 * 60_000 }),
  };
  return limits;
}

export type LinkRequestOutcome = "sent-if-staff" | "slow-down";

/**
 * Asks for a one-time sign-in link. The answer is the same whether or not the address is on the staff
 * list ("if it is, a link is on its way"); only too many attempts change it, for anyone.
 */
export async function requestSignInLink(
  email: string,
  clientAddress: string,
  requestHeaders: Headers,
): Promise<LinkRequestOutcome> {
  const normalised = email.trim().toLowerCase();
  const { perAddress, perEmail } = signInLimits();
  const addressKey = keyedHash(getAppSecret(), "client-address", clientAddress);
  if (!(await perAddress.allow(addressKey))) return "slow-down";
  if (!(await perEmail.allow(keyedHash(getAppSecret(), "staff-sign-in-email", normalised))))
    return "slow-down";
  await staffAuth().api.signInMagicLink({ body: { email: normalised }, headers: requestHeaders });
  return "sent-if-staff";
}

/** Spends a sign-in link: sets the session cookie (via better-auth's nextCookies) and records the sign-in. */
export async function completeSignIn(token: string, requestHeaders: Headers): Promise<boolean> {
  try {
    const result = await staffAuth().api.magicLinkVerify({ query: { token }, headers: requestHeaders });
    const email = (result as { user?: { email?: string } })?.user?.email;
    if (!email) return false;
    await recordAudit(db, { actor: email, action: "sign-in" });
    return true;
  } catch {
    // Expired, already used or forged: better-auth says no, and so do we, without detail.
    return false;
  }
}

export async function signOut(requestHeaders: Headers, actor: string): Promise<void> {
  await staffAuth().api.signOut({ headers: requestHeaders });
  await recordAudit(db, { actor, action: "sign-out" });
}
