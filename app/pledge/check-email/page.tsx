import type { Metadata } from "next";
import Link from "next/link";
import { SimplePage } from "@/components/layout/simple-page";
import { ShareLinks } from "@/components/share/share-links";
import { pledgeShareText, siteUrl } from "@/lib/pledge/share-url";

export const metadata: Metadata = { title: "Check your email", robots: { index: false } };

// The same page for everyone who submits the form, whether the address is new, pending or already
// counted: what happens next is said by email, to the address's owner only.
export default function CheckEmailPage() {
  return (
    <SimplePage
      title="Check your email"
      lede="We have sent you an email. Open it and press the button to confirm your signature."
    >
      <div className="panel panel--success" role="status">
        <p>Your signature only counts once you confirm it. The link in the email works for 7 days.</p>
      </div>
      <h2>If the email does not arrive</h2>
      <ul>
        <li>Wait a few minutes, then look in your spam or junk folder.</li>
        <li>
          Check you typed your email address correctly. If not, <Link href="/pledge#sign">sign again</Link>.
        </li>
        <li>If you have signed before, we will have emailed you about that instead.</li>
      </ul>
      <p>
        <Link href="/">Return to the home page</Link>
      </p>
      <ShareLinks url={siteUrl("/pledge")} text={pledgeShareText} heading="Ask others to sign" />
    </SimplePage>
  );
}
