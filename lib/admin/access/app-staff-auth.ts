import "server-only";
import { db } from "@/lib/platform/db";
import { env } from "@/lib/platform/env";
import { getAppSecret } from "@/lib/security/secrets";
import { createStaffAuth, type StaffAuth } from "@/lib/admin/access/staff-auth";
import { createSignInLimits, type SignInLimits } from "@/lib/admin/access/sign-in-limits";
import { bindOnce } from "@/lib/platform/bind-once";

/** The limits on asking for a sign-in link, shared by every instance on PostgreSQL. */
export const signInLimits: () => SignInLimits = bindOnce(() =>
  createSignInLimits(db, { secret: getAppSecret() }),
);

/** The app's staff sign-in, created on first use so that `next build` never needs the database or secret. */
export const staffAuth: () => StaffAuth = bindOnce(() =>
  createStaffAuth({
    db,
    databaseUrl: env.DATABASE_URL,
    siteUrl: env.SITE_URL,
    secret: getAppSecret(),
    mayEmailLink: (staffId) => signInLimits().mayEmailLink(staffId),
  }),
);
