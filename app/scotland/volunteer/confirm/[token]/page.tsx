import type { Metadata } from "next";
import Link from "next/link";
import { SimplePage } from "@/components/layout/simple-page";
import { volunteers } from "@/lib/volunteers";
import { confirmVolunteerAction } from "../../actions";

export const metadata: Metadata = { title: "Confirm your email address", robots: { index: false } };

type Props = { params: Promise<{ token: string }> };

// Opening the link shows a button; only pressing it (POST) confirms, so mail scanners cannot.
export default async function ConfirmVolunteerPage({ params }: Props) {
  const token = decodeURIComponent((await params).token);
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
  return (
    <SimplePage
      title={state === "expired" ? "This link has expired" : "We cannot use this link"}
      lede={
        state === "expired"
          ? "Confirmation links work for 7 days."
          : "The link may be incomplete, or the details it was for have been deleted."
      }
    >
      <p>
        You can <Link href="/scotland/volunteer">fill in the form again</Link>. If you have signed up before,
        we will email you rather than add you twice.
      </p>
    </SimplePage>
  );
}
