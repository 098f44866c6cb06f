import "server-only";
import { betterAuth } from "better-auth";
import { prismaAdapter } from "better-auth/adapters/prisma";
import { nextCookies } from "better-auth/next-js";
import { magicLink } from "better-auth/plugins";
import type { DbClient } from "@/lib/platform/db";
import { enqueueEmail, notifyOutbox } from "@/lib/mail/outbox";
import { providerFromUrl } from "@/prisma/database-target";
import { SIGN_IN_LINK_MINUTES } from "@/lib/admin/access/sign-in-email";

export { SIGN_IN_LINK_MINUTES };
/** A session ends after this long without use (idle expiry)… */
export const SESSION_IDLE_SECONDS = 30 * 60;
/** …and after this long whatever happens (absolute expiry, enforced by lib/admin/access/session.ts). */
export const SESSION_ABSOLUTE_MS = 12 * 60 * 60 * 1000;

type AuthOptions = {
  db: DbClient;
  databaseUrl: string;
  siteUrl: string;
  /**
   * APP_SECRET's current key: signs session cookies. Rotating it signs every member of staff out (they
   * ask for a new link); nothing else is lost.
   */
  secret: Buffer;
  /** Asked before a link is queued for a staff member: the site-wide cap (lib/admin/access/sign-in-limits.ts). */
  mayEmailLink?: (staffId: string) => Promise<boolean>;
};

/**
 * Staff sign-in, built on better-auth: one-time links stored hashed, sessions in the database, cookies
 * HTTP-only and same-site. Links go out through our own outbox, and only to addresses on the staff list;
 * the link in the email opens our confirmation page (a button, so a mail scanner following links cannot
 * spend it). better-auth is called from server actions only (its HTTP handler is never mounted), so its
 * own rate limiter would never run: the limits on link requests are lib/admin/access/sign-in-limits.ts.
 */
export function createStaffAuth({ db, databaseUrl, siteUrl, secret, mayEmailLink }: AuthOptions) {
  return betterAuth({
    appName: "Count Us In",
    baseURL: siteUrl,
    basePath: "/api/auth",
    secret: secret.toString("base64url"),
    database: prismaAdapter(db, { provider: providerFromUrl(databaseUrl) }),
    telemetry: { enabled: false },
    emailAndPassword: { enabled: false },
    user: {
      modelName: "staffUser",
      additionalFields: { role: { type: "string", required: false, defaultValue: "viewer", input: false } },
    },
    session: { modelName: "staffSession", expiresIn: SESSION_IDLE_SECONDS, updateAge: 5 * 60 },
    account: { modelName: "staffAccount" },
    verification: { modelName: "staffVerification" },
    advanced: {
      useSecureCookies: siteUrl.startsWith("https://"),
      defaultCookieAttributes: { httpOnly: true, sameSite: "lax" },
      cookiePrefix: "cui-staff",
    },
    plugins: [
      magicLink({
        expiresIn: SIGN_IN_LINK_MINUTES * 60,
        disableSignUp: true,
        storeToken: "hashed",
        sendMagicLink: async ({ email, token }) => {
          // Only staff get a link; anyone else gets the same page and nothing in their inbox.
          const staff = await db.staffUser.findUnique({
            where: { email: email.toLowerCase() },
            select: { id: true },
          });
          if (!staff) return;
          if (mayEmailLink && !(await mayEmailLink(staff.id))) return;
          const url = new URL(`/admin/sign-in/verify?token=${encodeURIComponent(token)}`, siteUrl).toString();
          // The outbox row names the staff member, not the address; the link waits in params until the
          // worker sends it, then is blanked (lib/mail/templates/staff.ts).
          await enqueueEmail(db, { kind: "staff-sign-in", refId: staff.id, params: { url } });
          notifyOutbox();
        },
      }),
      nextCookies(),
    ],
  });
}

export type StaffAuth = ReturnType<typeof createStaffAuth>;
