"use server";

import { headers } from "next/headers";
import { redirect } from "next/navigation";
import { requireStaff } from "@/lib/admin/session";
import { signOut } from "@/lib/admin/sign-in";

export async function signOutAction(): Promise<void> {
  const staff = await requireStaff("view-counts");
  await signOut(await headers(), staff.email);
  redirect("/admin/sign-in");
}
