import type { Metadata } from "next";
import Link from "next/link";
import { SimplePage } from "@/components/layout/simple-page";

export const metadata: Metadata = { title: "Thank you for volunteering", robots: { index: false } };

export default function VolunteerThankYouPage() {
  return (
    <SimplePage
      title="Thank you"
      lede="Your email address is confirmed, and your offer to help is with the campaigns team."
    >
      <div className="panel panel--success" role="status">
        <p>Someone from the team will be in touch in the way you chose. There is no rush and no pressure.</p>
      </div>
      <p>
        We have sent you an email with a link you can use at any time to withdraw and delete your details.{" "}
        <Link href="/scotland">Back to Count Us In in Scotland</Link>.
      </p>
    </SimplePage>
  );
}
