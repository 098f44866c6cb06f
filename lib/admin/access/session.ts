import "server-only";
import { headers } from "next/headers";
import { forbidden, redirect } from "next/navigation";
import { db } from "@/lib/platform/db";
import { SESSION_ABSOLUTE_MS } from "@/lib/admin/access/staff-auth";
import { staffAuth } from "@/lib/admin/access/app-staff-auth";
import { can, isRole, type Permission, type Role } from "@/lib/admin/access/roles";

export type Staff = { id: string; name: string; email: string; role: Role; sessionId: string };

declare const granted: unique symbol;
/**
 * A staff member whose role was checked for permission P on this request. lib/ functions that show or
 * change people ask for `StaffWith<"view-people">` (and so on), so a page or action that checked a
 * weaker permission does not compile: the permission a door checks and the data behind it cannot drift
 * apart. Only requireStaff/staffForRoute make one.
 */
export type StaffWith<P extends Permission> = Staff & { readonly [granted]: { readonly [K in P]: true } };

const asList = <P extends Permission>(permission: P | readonly P[]): readonly P[] =>
  typeof permission === "string" ? [permission as P] : (permission as readonly P[]);

/** Whether the role holds every permission named. */
export function holdsAll(role: Role, permission: Permission | readonly Permission[]): boolean {
  return asList(permission).every((p) => can(role, p));
}

/**
 * Who is signed in, from the request's session cookie, or null. A session older than the absolute limit
 * is deleted here, whatever its idle expiry says, so a stolen or forgotten session cannot live forever.
 */
export async function currentStaff(requestHeaders?: Headers): Promise<Staff | null> {
  const found = await staffAuth().api.getSession({ headers: requestHeaders ?? (await headers()) });
  if (!found) return null;
  const { session, user } = found;
  if (Date.now() - new Date(session.createdAt).getTime() > SESSION_ABSOLUTE_MS) {
    await db.staffSession.deleteMany({ where: { id: session.id } });
    return null;
  }
  const role = String((user as { role?: unknown }).role ?? "");
  if (!isRole(role)) return null;
  return { id: user.id, name: user.name, email: user.email, role, sessionId: session.id };
}

/**
 * The first line of every admin page and server action: signed out → the sign-in page; signed in
 * without the permission → 403. The layout's check is only a convenience; this one is the wall.
 */
export async function requireStaff<P extends Permission>(
  permission: P | readonly P[],
): Promise<StaffWith<P>> {
  const staff = await currentStaff();
  if (!staff) redirect("/admin/sign-in");
  if (!holdsAll(staff.role, permission)) forbidden();
  return staff as StaffWith<P>;
}

/** The same check for route handlers, which answer with a status instead of a page. */
export async function staffForRoute<P extends Permission>(
  request: Request,
  permission: P | readonly P[],
): Promise<StaffWith<P> | Response> {
  const staff = await currentStaff(request.headers);
  if (!staff) return Response.json({ message: "Sign in to the admin area first." }, { status: 401 });
  if (!holdsAll(staff.role, permission)) {
    return Response.json({ message: "Your role does not allow this." }, { status: 403 });
  }
  return staff as StaffWith<P>;
}

/**
 * The lib side of a door: a function that hands out people's data or changes settings asks for the
 * capability (`StaffWith<P>`, checked by the compiler) and checks the role again here, so a page that
 * checked a weaker permission can neither compile nor, if forced, run.
 */
export function assertHolds<P extends Permission>(staff: StaffWith<P>, permission: P): void {
  if (!can(staff.role, permission)) forbidden();
}
