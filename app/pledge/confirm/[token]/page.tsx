import type { Metadata } from "next";
import { notFound } from "next/navigation";
import { SimplePage } from "@/components/layout/simple-page";
import { linkTokenFromParam } from "@/lib/entry/token-param";
import { inspectConfirm } from "@/lib/pledge";
import { confirmAction, resendAction } from "@/app/pledge/actions";

export const metadata: Metadata = { title: "Confirm your signature", robots: { index: false } };

type Props = { params: Promise<{ token: string }> };

// Opening the link only shows a button: mail scanners that follow links must not confirm anyone. A link we
// cannot use (damaged, forged, or its signature withdrawn) answers 404 with not-found.tsx beside this page.
export default async function ConfirmPage({ params }: Props) {
  const token = linkTokenFromParam((await params).token);
  if (!token) notFound();
  const state = await inspectConfirm(token);

  if (state === "valid") {
    return (
      <SimplePage
        title="Confirm your signature"
        lede="Press the button to add your name to the Count Us In pledge."
      >
        <form action={confirmAction}>
          <input type="hidden" name="token" value={token} />
          <button type="submit" className="button button--primary">
            Confirm my signature
          </button>
        </form>
      </SimplePage>
    );
  }
  if (state === "expired") {
    return (
      <SimplePage
        title="This link has expired"
        lede="Confirmation links work for 7 days. We can send you a new one."
      >
        <form action={resendAction}>
          <input type="hidden" name="token" value={token} />
          <button type="submit" className="button button--primary">
            Send me a new link
          </button>
        </form>
      </SimplePage>
    );
  }
  notFound();
}
