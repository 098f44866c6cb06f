import type { Metadata } from "next";
import Link from "next/link";
import { SimplePage } from "@/components/layout/simple-page";

export const metadata: Metadata = { title: "Your details have been deleted", robots: { index: false } };

export default function VolunteerWithdrawnPage() {
  return (
    <SimplePage
      title="Your details have been deleted"
      lede="Thank you for thinking of helping. We hold nothing about you now."
    >
      <p>
        If you would like to help again one day, you can <Link href="/scotland/volunteer">sign up again</Link>{" "}
        at any time.
      </p>
    </SimplePage>
  );
}
