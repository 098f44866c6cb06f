import type { Metadata } from "next";
import Link from "next/link";
import { SimplePage } from "@/components/layout/simple-page";
import { ShareLinks } from "@/components/share/share-links";
import { pledgeShareText, siteUrl } from "@/lib/pledge/share-url";

export const metadata: Metadata = { title: "We have your signature", robots: { index: false } };

// Shown when a sign-up is held for the campaigns team (lib/pledge/admission.ts). It depends only on the
// network the request came from, never on the email address, so it tells nobody whether an address has
// signed. It says plainly what happens next: nothing is thrown away.
export default function SignatureReceivedPage() {
  return (
    <SimplePage
      title="We have your signature"
      lede="Thank you. Your signature is saved, and our campaigns team will check it before we email you."
    >
      <div className="panel" role="status">
        <p>
          Many people have signed from the same network as you in the last hour, for example a workplace, a
          university or a mobile network. To keep the count honest, we check sign-ups like yours by hand,
          usually within a working day. Then we send you the email to confirm your signature.
        </p>
      </div>
      <h2>What you can do</h2>
      <ul>
        <li>Nothing more is needed: your signature will not be lost.</li>
        <li>
          If you would rather not wait, turn on JavaScript in your browser or use another connection, such as
          mobile data, and <Link href="/pledge#sign">sign again</Link>. Your browser then proves it is not a
          robot without you doing anything, and we email you straight away.
        </li>
      </ul>
      <p>
        <Link href="/">Return to the home page</Link>
      </p>
      <ShareLinks url={siteUrl("/pledge")} text={pledgeShareText} heading="Ask others to sign" />
    </SimplePage>
  );
}
