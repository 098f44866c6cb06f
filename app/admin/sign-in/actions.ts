"use server";

import { headers } from "next/headers";
import { redirect } from "next/navigation";
import { z } from "zod";
import { completeSignIn, requestSignInLink } from "@/lib/admin/access/sign-in";
import { publicAction, publicFormAction, textOf } from "@/lib/entry/action";
import { emailOnlySchema } from "@/lib/validation/pledge";

export type SignInFormState = { fieldErrors: { email?: string }; email: string; message?: string };

// Public by necessity (this is how staff get in); reveals nothing about who is on the staff list.
export const requestLinkAction = publicFormAction(
  emailOnlySchema,
  async ({ email }, caller): Promise<SignInFormState> => {
    const outcome = await requestSignInLink(email, caller.clientAddress, await headers());
    if (outcome === "slow-down") {
      return {
        fieldErrors: {},
        email,
        message: "Too many sign-in attempts. Wait a few minutes, then try again.",
      };
    }
    redirect("/admin/sign-in/check-email");
  },
  ({ fieldErrors, input }): SignInFormState => ({ fieldErrors, email: textOf(input.email).slice(0, 300) }),
);

export const verifyLinkAction = publicAction(
  z.object({ token: z.string().max(300) }),
  async ({ token }) => {
    const signedIn = await completeSignIn(token, await headers());
    redirect(signedIn ? "/admin" : "/admin/sign-in?link=invalid");
  },
  "/admin/sign-in?link=invalid",
);
