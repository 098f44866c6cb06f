import "server-only";
import { appLimiters } from "@/lib/security/limiter-app";
import type { LimiterStore } from "@/lib/security/limiter-store";
import { PLEDGE_FREE_ALLOWANCE } from "@/lib/security/limits";
import type { SigningLimits } from "@/lib/pledge/limits";

// Who gets an email at once, and who waits for a person on the campaigns team to look. Nobody is ever
// dropped: a held sign-up is stored, shown to staff on the dashboard, and released (emailed) or
// discarded by them. One address is often thousands of people (a mobile network's shared address, a
// university, a hospital), so the address alone never decides: a browser that solved the challenge
// always gets through, and staff can allow a range for a day.

export type HeldReason = "honeypot" | "over-allowance";

export type Admission =
  | { held: false; via: "partner" | "challenge" | "allowed-range" | "allowance" }
  | { held: true; reason: HeldReason };

export type AdmissionSignals = {
  /** The hidden field people never see; a filled one is a script (or, rarely, a confused autofill). */
  honeypot: string;
  /** Whether a proof-of-work challenge was solved for this sign-up (checked by the caller). */
  solvedChallenge: boolean;
  /** The partner whose API key signed this request, if any. */
  partner?: string;
  clientAddress: string;
  clientHash: string;
};

/**
 * `limiters` holds the allowance's counts: the app's store by default (shared by every instance on
 * PostgreSQL, lib/security/limiter-app.ts); tests pass their own.
 */
export function createAdmission(limits: SigningLimits, limiters: LimiterStore = appLimiters()) {
  // The limit is read from staff settings at each call, so the one given here is only a default.
  const allowance = limiters.create("pledge-allowance", {
    limit: 0,
    windowMs: PLEDGE_FREE_ALLOWANCE.windowMs,
  });

  return async function admit(signals: AdmissionSignals): Promise<Admission> {
    if (signals.honeypot.trim() !== "") return { held: true, reason: "honeypot" };
    if (signals.partner) return { held: false, via: "partner" };
    if (signals.solvedChallenge) return { held: false, via: "challenge" };
    if (await limits.isAllowed(signals.clientAddress)) return { held: false, via: "allowed-range" };
    const { freePerAddressPerHour } = await limits.read();
    return (await allowance.allow(signals.clientHash, freePerAddressPerHour))
      ? { held: false, via: "allowance" }
      : { held: true, reason: "over-allowance" };
  };
}

export type Admit = ReturnType<typeof createAdmission>;
