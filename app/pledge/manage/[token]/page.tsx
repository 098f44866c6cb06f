import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { SimplePage } from "@/components/layout/simple-page";
import { linkTokenFromParam } from "@/lib/entry/token-param";
import { inspectManage } from "@/lib/pledge";
import { unsubscribeAction, withdrawAction } from "@/app/pledge/actions";

export const metadata: Metadata = { title: "Your signature", robots: { index: false } };

type Props = { params: Promise<{ token: string }>; searchParams: Promise<{ done?: string }> };

// Reached from the link in every pledge email; no sign-in. Each change is a button (POST), never the link.
export default async function ManagePage({ params, searchParams }: Props) {
  // Not even the shape of one of our links (damaged in copying, or made up): 404, not-found.tsx.
  const token = linkTokenFromParam((await params).token);
  if (!token) notFound();
  const [view, { done }] = await Promise.all([inspectManage(token), searchParams]);

  if (!view.found) {
    return (
      <SimplePage
        title="There is no signature for this link"
        lede="It may have been withdrawn already, or the link is incomplete."
      >
        <p>
          Nothing more needs doing: we hold no signature for this link.{" "}
          <Link href="/">Return to the home page</Link>.
        </p>
      </SimplePage>
    );
  }
  return (
    <SimplePage title="Your signature">
      {done === "unsubscribed" && (
        <div className="panel panel--success" role="status">
          <p>Done: we will not send you campaign emails. Your signature still counts.</p>
        </div>
      )}
      <h2>Campaign emails</h2>
      {view.campaignEmails ? (
        <form action={unsubscribeAction}>
          <p>You get emails about the campaign. You can stop them and still be counted.</p>
          <input type="hidden" name="token" value={token} />
          <button type="submit" className="button button--secondary">
            Stop campaign emails
          </button>
        </form>
      ) : (
        <p>You do not get campaign emails.</p>
      )}
      <h2>Withdraw your signature</h2>
      <form action={withdrawAction}>
        <p>
          We will delete your name, email address and everything else we hold about your signature, and you
          will no longer be counted. This cannot be undone, but you can sign again at any time.
        </p>
        <input type="hidden" name="token" value={token} />
        <button type="submit" className="button button--warning">
          Withdraw my signature
        </button>
      </form>
    </SimplePage>
  );
}
