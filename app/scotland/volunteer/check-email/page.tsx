import type { Metadata } from "next";
import Link from "next/link";
import { SimplePage } from "@/components/layout/simple-page";

export const metadata: Metadata = { title: "Check your email", robots: { index: false } };

export default function VolunteerCheckEmailPage() {
  return (
    <SimplePage
      title="Check your email"
      lede="Thank you. We have sent you an email: press the button in it to confirm your address."
    >
      <div className="panel panel--success" role="status">
        <p>Once you confirm, your offer reaches the campaigns team. The link works for 7 days.</p>
      </div>
      <p>
        If it does not arrive within a few minutes, look in your spam or junk folder. If you have signed up
        before, we will have emailed you about that instead.
      </p>
      <p>
        <Link href="/scotland">Back to Count Us In in Scotland</Link>
      </p>
    </SimplePage>
  );
}
