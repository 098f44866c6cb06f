import "server-only";
import { db as appDb, type DbClient } from "@/lib/platform/db";
import { recordAudit } from "@/lib/admin/audit/record";
import type { Role } from "@/lib/admin/access/roles";
import { assertHolds, type Staff, type StaffWith } from "@/lib/admin/access/session";
import { addStaff, removeStaff } from "@/lib/admin/access/staff";
import { bindOnce } from "@/lib/platform/bind-once";

export type StaffMember = { id: string; email: string; name: string; role: string; createdAt: Date };

type Actor = Pick<Staff, "id" | "email">;

/**
 * The staff page's changes, on top of lib/admin/access/staff.ts (which audits each one). Nobody changes their own
 * role or removes themselves: an admin cannot lock the last admin out by accident, and every change to
 * an admin's access is made, and recorded, by someone else.
 */
export function createStaffAdmin(db: DbClient) {
  return {
    list(): Promise<StaffMember[]> {
      return db.staffUser.findMany({
        orderBy: { email: "asc" },
        select: { id: true, email: true, name: true, role: true, createdAt: true },
      });
    },

    async add(
      input: { email: string; role: Role },
      actor: Actor,
    ): Promise<"added" | "role-changed" | "self"> {
      const email = input.email.trim().toLowerCase();
      if (email === actor.email.toLowerCase()) return "self";
      const existing = await db.staffUser.findUnique({ where: { email }, select: { id: true } });
      await addStaff(db, { email, role: input.role }, actor.email);
      return existing ? "role-changed" : "added";
    },

    async changeRole(
      input: { id: string; role: Role },
      actor: Actor,
    ): Promise<"changed" | "self" | "not-found"> {
      if (input.id === actor.id) return "self";
      const { count } = await db.staffUser.updateMany({
        where: { id: input.id },
        data: { role: input.role },
      });
      if (count === 0) return "not-found";
      await recordAudit(db, {
        actor: actor.email,
        action: "staff-role",
        subject: input.id,
        detail: { role: input.role },
      });
      return "changed";
    },

    async remove(id: string, actor: Actor): Promise<"removed" | "self" | "not-found"> {
      if (id === actor.id) return "self";
      const exists = await db.staffUser.count({ where: { id } });
      if (!exists) return "not-found";
      await removeStaff(db, id, actor.email);
      return "removed";
    },
  };
}

export type StaffAdmin = ReturnType<typeof createStaffAdmin>;
const bound = bindOnce(() => createStaffAdmin(appDb));

/** Adding, changing and removing staff, for a member of staff allowed to manage staff. */
export function staffAdmin(staff: StaffWith<"manage-staff">): StaffAdmin {
  assertHolds(staff, "manage-staff");
  return bound();
}
