import type { Metadata } from "next";
import Link from "next/link";
import { headers } from "next/headers";
import { connection } from "next/server";
import { SimplePage } from "@/components/layout/simple-page";
import { ShareLinks } from "@/components/share/share-links";
import { pledgeShareText, siteUrl } from "@/lib/pledge/share-url";
import { PledgeTotals } from "@/components/pledge/pledge-totals";
import { readPledgeCounts } from "@/lib/pledge";

export const metadata: Metadata = { title: "Thank you: you are counted", robots: { index: false } };

export default async function ConfirmedPage() {
  await connection();
  const counts = await readPledgeCounts();
  // Rendered per request: its policy allows scripts by proxy.ts's nonce alone, the copy-link one included.
  const nonce = (await headers()).get("x-nonce") ?? undefined;
  return (
    <SimplePage
      title="Thank you: you are counted"
      lede="Your signature is confirmed. It is part of the total now."
    >
      <div className="panel panel--success" role="status">
        <p>Thank you for standing with everyone living with secondary breast cancer.</p>
      </div>
      <p>
        Ask a friend to sign too: share <Link href="/pledge">the pledge</Link>. Find out why counting matters
        on <Link href="/blog">our blog</Link>.
      </p>
      <PledgeTotals counts={counts} />
      <ShareLinks
        url={siteUrl("/pledge")}
        text={pledgeShareText}
        heading="Ask others to sign"
        scriptNonce={nonce}
      />
    </SimplePage>
  );
}
