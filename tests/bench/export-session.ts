// A signed-in staff session for the export benchmark, made the way staff really sign in, minus the
// browser: the address added to the staff list (addStaff, as `npm run admin:add` does), a one-time link
// asked for through better-auth (lib/admin/access/staff-auth.ts enqueues the email in the outbox), its token read from
// that outbox row, and the link spent with better-auth's magicLinkVerify, whose Set-Cookie is the session.
// Needs DATABASE_URL, DATA_DIR (the app secret that signs the cookie) and SITE_URL of the app under test.
import type { DbClient } from "@/lib/platform/db";
import { staffAuth } from "@/lib/admin/access/app-staff-auth";
import { addStaff } from "@/lib/admin/access/staff";

/** A `Cookie:` header value for a signed-in campaigner (allowed to view people and export). */
export async function staffCookie(db: DbClient, email: string): Promise<string> {
  await addStaff(db, { email, role: "campaigner" }, "export benchmark");
  const auth = staffAuth();
  await auth.api.signInMagicLink({ body: { email }, headers: new Headers() });
  // The sign-in link waits in the row's params until the worker sends it (lib/mail/templates/staff.ts).
  const message = await db.outboxMessage.findFirst({
    where: { kind: "staff-sign-in", status: "pending" },
    orderBy: { createdAt: "desc" },
    select: { params: true },
  });
  const url = message?.params ? (JSON.parse(message.params) as { url?: string }).url : undefined;
  const token = url && new URL(url).searchParams.get("token");
  if (!token) throw new Error(`no sign-in link was enqueued for ${email}`);
  const { headers } = await auth.api.magicLinkVerify({
    query: { token },
    headers: new Headers(),
    returnHeaders: true,
  });
  const cookies = headers
    .getSetCookie()
    .map((line) => line.split(";")[0]!)
    .filter((pair) => pair.includes("=") && !pair.endsWith("="));
  if (!cookies.some((pair) => pair.includes("session_token")))
    throw new Error(`signing in set no session cookie: ${headers.getSetCookie().join(" | ")}`);
  return cookies.join("; ");
}
