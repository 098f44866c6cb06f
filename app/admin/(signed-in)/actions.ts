"use server";

import { headers } from "next/headers";
import { redirect } from "next/navigation";
import { z } from "zod";
import { signOut } from "@/lib/admin/access/sign-in";
import { staffAction } from "@/lib/entry/action";

export const signOutAction = staffAction(
  "view-counts",
  z.object({}),
  async (_input, staff) => {
    await signOut(await headers(), staff.email);
    redirect("/admin/sign-in");
  },
  "/admin",
);
