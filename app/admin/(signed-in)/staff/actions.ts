"use server";

import { redirect } from "next/navigation";
import type { StaffAddState } from "@/components/admin/staff-add-form";
import { staffAdmin } from "@/lib/admin/access/staff-admin";
import { staffAction, staffFormAction, textOf } from "@/lib/entry/action";
import { addStaffSchema, changeStaffRoleSchema, removeStaffSchema } from "@/lib/validation/admin/forms";

export const addStaffAction = staffFormAction(
  "manage-staff",
  addStaffSchema,
  async (input, staff): Promise<StaffAddState> => {
    const outcome = await staffAdmin(staff).add(input, staff);
    if (outcome === "self")
      return {
        fieldErrors: {},
        values: { email: input.email, role: input.role },
        message: "You cannot change your own role. Ask another admin.",
      };
    redirect(`/admin/staff?done=${outcome}`);
  },
  ({ fieldErrors, input }): StaffAddState => ({
    fieldErrors,
    values: { email: textOf(input.email), role: textOf(input.role) },
  }),
);

export const changeStaffRoleAction = staffAction(
  "manage-staff",
  changeStaffRoleSchema,
  async (input, staff) => redirect(`/admin/staff?done=${await staffAdmin(staff).changeRole(input, staff)}`),
  "/admin/staff?done=invalid",
);

export const removeStaffAction = staffAction(
  "manage-staff",
  removeStaffSchema,
  async (input, staff) => redirect(`/admin/staff?done=${await staffAdmin(staff).remove(input.id, staff)}`),
  "/admin/staff?done=invalid",
);
