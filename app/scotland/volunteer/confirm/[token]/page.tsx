import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { SimplePage } from "@/components/layout/simple-page";
import { linkTokenFromParam } from "@/lib/entry/token-param";
import { volunteers } from "@/lib/volunteers";
import { confirmVolunteerAction } from "@/app/scotland/volunteer/actions";

export const metadata: Metadata = { title: "Confirm your email address", robots: { index: false } };

type Props = { params: Promise<{ token: string }> };

// Opening the link shows a button; only pressing it (POST) confirms, so mail scanners cannot. A link we
// cannot use (damaged, forged, or its details deleted) answers 404 with not-found.tsx beside this page.
export default async function ConfirmVolunteerPage({ params }: Props) {
  const token = linkTokenFromParam((await params).token);
  if (!token) notFound();
  const state = await volunteers().inspectConfirm(token);
  if (state === "valid") {
    return (
      <SimplePage
        title="Confirm your email address"
        lede="Press the button and your offer to help goes to the campaigns team."
      >
        <form action={confirmVolunteerAction}>
          <input type="hidden" name="token" value={token} />
          <button type="submit" className="button button--primary">
            Confirm my email address
          </button>
        </form>
      </SimplePage>
    );
  }
  if (state !== "expired") notFound();
  return (
    <SimplePage title="This link has expired" lede="Confirmation links work for 7 days.">
      <p>
        You can <Link href="/scotland/volunteer">fill in the form again</Link>. If you have signed up before,
        we will email you rather than add you twice.
      </p>
    </SimplePage>
  );
}
