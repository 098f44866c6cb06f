import type { Metadata } from "next";
import { SimplePage } from "@/components/layout/simple-page";
import { verifyLinkAction } from "@/app/admin/sign-in/actions";

export const metadata: Metadata = { title: "Sign in", robots: { index: false } };

type Props = { searchParams: Promise<{ token?: string }> };

// The emailed link lands here; only the button (a POST) spends the one-time token, so link-checking
// mail scanners cannot use up a staff member's sign-in.
export default async function VerifySignInPage({ searchParams }: Props) {
  const { token = "" } = await searchParams;
  return (
    <SimplePage title="Sign in to the admin area">
      <form action={verifyLinkAction}>
        <input type="hidden" name="token" value={token.slice(0, 300)} />
        <button type="submit" className="button button--primary">
          Sign in
        </button>
      </form>
    </SimplePage>
  );
}
