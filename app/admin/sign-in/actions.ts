"use server";

import { headers } from "next/headers";
import { redirect } from "next/navigation";
import { parseWith } from "@/lib/actions/parse-form";
import { completeSignIn, requestSignInLink } from "@/lib/admin/sign-in";
import { clientAddress } from "@/lib/security/client-address";
import { emailOnlySchema } from "@/lib/validation/pledge";

export type SignInFormState = { fieldErrors: { email?: string }; email: string; message?: string };

// Public by necessity (this is how staff get in); reveals nothing about who is on the staff list.
export async function requestLinkAction(
  _previous: SignInFormState,
  form: FormData,
): Promise<SignInFormState> {
  const email = String(form.get("email") ?? "").slice(0, 300);
  const parsed = parseWith<typeof emailOnlySchema, "email">(emailOnlySchema, { email });
  if (!parsed.ok) return { fieldErrors: parsed.fieldErrors, email };
  const requestHeaders = await headers();
  const outcome = await requestSignInLink(parsed.data.email, clientAddress(requestHeaders), requestHeaders);
  if (outcome === "slow-down") {
    return {
      fieldErrors: {},
      email,
      message: "Too many sign-in attempts. Wait a few minutes, then try again.",
    };
  }
  redirect("/admin/sign-in/check-email");
}

export async function verifyLinkAction(form: FormData): Promise<void> {
  const token = String(form.get("token") ?? "").slice(0, 300);
  const signedIn = await completeSignIn(token, await headers());
  redirect(signedIn ? "/admin" : "/admin/sign-in?link=invalid");
}
