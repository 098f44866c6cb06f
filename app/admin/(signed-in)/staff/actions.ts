"use server";

import { redirect } from "next/navigation";
import type { StaffAddState } from "@/components/admin/staff-add-form";
import { formToObject, parseWith } from "@/lib/actions/parse-form";
import { requireStaff } from "@/lib/admin/session";
import { staffAdmin } from "@/lib/admin/staff-admin";
import { addStaffSchema, changeStaffRoleSchema, removeStaffSchema } from "@/lib/validation/admin-filters";

export async function addStaffAction(_previous: StaffAddState, form: FormData): Promise<StaffAddState> {
  const staff = await requireStaff("manage-staff");
  const input = formToObject(form);
  const values = {
    email: typeof input.email === "string" ? input.email : "",
    role: typeof input.role === "string" ? input.role : "",
  };
  const parsed = parseWith<typeof addStaffSchema, "email" | "role">(addStaffSchema, input);
  if (!parsed.ok) return { fieldErrors: parsed.fieldErrors, values };
  const outcome = await staffAdmin().add(parsed.data, staff);
  if (outcome === "self")
    return { fieldErrors: {}, values, message: "You cannot change your own role. Ask another admin." };
  redirect(`/admin/staff?done=${outcome}`);
}

export async function changeStaffRoleAction(form: FormData): Promise<void> {
  const staff = await requireStaff("manage-staff");
  const parsed = changeStaffRoleSchema.safeParse(formToObject(form));
  if (!parsed.success) redirect("/admin/staff?done=invalid");
  redirect(`/admin/staff?done=${await staffAdmin().changeRole(parsed.data, staff)}`);
}

export async function removeStaffAction(form: FormData): Promise<void> {
  const staff = await requireStaff("manage-staff");
  const parsed = removeStaffSchema.safeParse(formToObject(form));
  if (!parsed.success) redirect("/admin/staff?done=invalid");
  redirect(`/admin/staff?done=${await staffAdmin().remove(parsed.data.id, staff)}`);
}
