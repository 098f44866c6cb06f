import type { Metadata } from "next";
import { SignInForm } from "@/components/admin/sign-in-form";
import { SimplePage } from "@/components/layout/simple-page";
import { requestLinkAction } from "@/app/admin/sign-in/actions";

export const metadata: Metadata = { title: "Staff sign-in", robots: { index: false } };

type Props = { searchParams: Promise<{ link?: string }> };

export default async function SignInPage({ searchParams }: Props) {
  const { link } = await searchParams;
  return (
    <SimplePage title="Staff sign-in" lede="For the charity's campaigns team.">
      {link === "invalid" && (
        <div className="error-summary" role="alert">
          <h2 className="error-summary__title">That sign-in link did not work</h2>
          <p>Links work once, for 10 minutes. Ask for a new one below.</p>
        </div>
      )}
      <SignInForm action={requestLinkAction} />
    </SimplePage>
  );
}
