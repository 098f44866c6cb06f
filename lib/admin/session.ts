import "server-only";
import { headers } from "next/headers";
import { forbidden, redirect } from "next/navigation";
import { db } from "@/lib/db";
import { SESSION_ABSOLUTE_MS } from "./auth";
import { staffAuth } from "./index";
import { can, isRole, type Permission, type Role } from "./roles";

export type Staff = { id: string; name: string; email: string; role: Role; sessionId: string };

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
export async function requireStaff(permission: Permission): Promise<Staff> {
  const staff = await currentStaff();
  if (!staff) redirect("/admin/sign-in");
  if (!can(staff.role, permission)) forbidden();
  return staff;
}

/** The same check for route handlers, which answer with a status instead of a page. */
export async function staffForRoute(request: Request, permission: Permission): Promise<Staff | Response> {
  const staff = await currentStaff(request.headers);
  if (!staff) return Response.json({ message: "Sign in to the admin area first." }, { status: 401 });
  if (!can(staff.role, permission)) {
    return Response.json({ message: "Your role does not allow this." }, { status: 403 });
  }
  return staff;
}
