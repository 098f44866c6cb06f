import "server-only";
import { db } from "@/lib/db";
import { env } from "@/lib/env";
import { getAppSecret } from "@/lib/security/secrets";
import { createStaffAuth, type StaffAuth } from "./auth";

let auth: StaffAuth | undefined;

/** The app's staff sign-in, created on first use so that `next build` never needs the database or secret. */
export function staffAuth(): StaffAuth {
  auth ??= createStaffAuth({
    db,
    databaseUrl: env.DATABASE_URL,
    siteUrl: env.SITE_URL,
    secret: getAppSecret(),
  });
  return auth;
}
