import "server-only";
import { db as appDb, type DbClient } from "@/lib/platform/db";
import { recordAudit } from "@/lib/admin/audit/record";
import type { StaffAuth } from "@/lib/admin/access/staff-auth";
import { signInLimits, staffAuth } from "@/lib/admin/access/app-staff-auth";
import type { SignInLimits } from "@/lib/admin/access/sign-in-limits";
import { bindOnce } from "@/lib/platform/bind-once";

export type LinkRequestOutcome = "sent-if-staff" | "slow-down";

/** Staff sign-in bound to a database, a better-auth instance and the limits. The app binds it below; tests make their own. */
export function createSignIn(db: DbClient, auth: () => StaffAuth, limits: () => SignInLimits) {
  return {
    /**
     * Asks for a one-time sign-in link. The answer is the same whether or not the address is on the staff
     * list ("if it is, a link is on its way"); only too many requests from the asker's own network change
     * it (lib/admin/access/sign-in-limits.ts). `clientAddress` is the requester's (lib/entry/client-address.ts).
     */
    async requestLink(
      email: string,
      clientAddress: string,
      requestHeaders: Headers,
    ): Promise<LinkRequestOutcome> {
      const normalised = email.trim().toLowerCase();
      if (await limits().checkRequest(normalised, clientAddress)) return "slow-down";
      await auth().api.signInMagicLink({ body: { email: normalised }, headers: requestHeaders });
      return "sent-if-staff";
    },

    /** Spends a sign-in link: sets the session cookie (via better-auth's nextCookies) and records the sign-in. */
    async complete(token: string, requestHeaders: Headers): Promise<boolean> {
      try {
        const result = await auth().api.magicLinkVerify({ query: { token }, headers: requestHeaders });
        const email = (result as { user?: { email?: string } })?.user?.email;
        if (!email) return false;
        await recordAudit(db, { actor: email, action: "sign-in" });
        return true;
      } catch {
        // Expired, already used or forged: better-auth says no, and so do we, without detail.
        return false;
      }
    },

    async signOut(requestHeaders: Headers, actor: string): Promise<void> {
      await auth().api.signOut({ headers: requestHeaders });
      await recordAudit(db, { actor, action: "sign-out" });
    },
  };
}

type SignIn = ReturnType<typeof createSignIn>;
const app = bindOnce(() => createSignIn(appDb, staffAuth, signInLimits));

export const requestSignInLink: SignIn["requestLink"] = (...args) => app().requestLink(...args);
export const completeSignIn: SignIn["complete"] = (...args) => app().complete(...args);
export const signOut: SignIn["signOut"] = (...args) => app().signOut(...args);
