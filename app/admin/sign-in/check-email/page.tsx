import type { Metadata } from "next";
import Link from "next/link";
import { SimplePage } from "@/components/layout/simple-page";

export const metadata: Metadata = { title: "Check your email", robots: { index: false } };

export default function StaffCheckEmailPage() {
  return (
    <SimplePage
      title="Check your email"
      lede="If that address is on the staff list, a sign-in link is on its way."
    >
      <p>
        The link works once, for 10 minutes. Nothing arrived? Check the address, or ask an admin to add you.
      </p>
      <p>
        <Link href="/admin/sign-in">Ask for another link</Link>
      </p>
    </SimplePage>
  );
}
