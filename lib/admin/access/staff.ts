import "server-only";
import crypto from "node:crypto";
import type { DbClient } from "@/lib/platform/db";
import { recordAudit } from "@/lib/admin/audit/record";
import { isRole, type Role } from "@/lib/admin/access/roles";

/** Adds someone to the staff list (or changes their role). Only listed addresses can ever sign in. */
export async function addStaff(
  db: DbClient,
  input: { email: string; role: Role; name?: string },
  actor: string,
) {
  const email = input.email.trim().toLowerCase();
  if (!isRole(input.role)) throw new Error(`Unknown role "${input.role}"`);
  const existing = await db.staffUser.findUnique({ where: { email } });
  if (existing) {
    await db.staffUser.update({ where: { email }, data: { role: input.role } });
    await recordAudit(db, {
      actor,
      action: "staff-role",
      subject: existing.id,
      detail: { role: input.role },
    });
    return existing.id;
  }
  const id = crypto.randomUUID();
  await db.staffUser.create({
    data: { id, email, name: input.name ?? email.split("@")[0]!, role: input.role, emailVerified: true },
  });
  await recordAudit(db, { actor, action: "staff-add", subject: id, detail: { role: input.role } });
  return id;
}

/** Removes a staff member; their sessions go with them (cascade), so they are signed out everywhere at once. */
export async function removeStaff(db: DbClient, id: string, actor: string): Promise<void> {
  const { count } = await db.staffUser.deleteMany({ where: { id } });
  if (count) await recordAudit(db, { actor, action: "staff-remove", subject: id });
}
