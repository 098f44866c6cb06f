import type { Metadata } from "next";
import Link from "next/link";
import { SimplePage } from "@/components/layout/simple-page";

export const metadata: Metadata = { title: "Signature withdrawn", robots: { index: false } };

export default function WithdrawnPage() {
  return (
    <SimplePage
      title="Your signature has been withdrawn"
      lede="We have deleted it and everything we held with it."
    >
      <p>
        You are no longer counted in the total, and we will not email you about the pledge again. If you
        change your mind, you can <Link href="/pledge#sign">sign again</Link> at any time.
      </p>
    </SimplePage>
  );
}
