import type { Metadata } from "next";
import Link from "next/link";
import { SimplePage } from "@/components/layout/simple-page";
import { inspectConfirm } from "@/lib/pledge";
import { confirmAction, resendAction } from "../../actions";

export const metadata: Metadata = { title: "Confirm your signature", robots: { index: false } };

type Props = { params: Promise<{ token: string }> };

// Opening the link only shows a button: mail scanners that follow links must not confirm anyone.
export default async function ConfirmPage({ params }: Props) {
  const token = decodeURIComponent((await params).token);
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
  return (
    <SimplePage
      title="We cannot use this link"
      lede="The link may be incomplete, or the signature it was for has been withdrawn."
    >
      <p>
        If you copied the link from the email, check you copied all of it. Otherwise, you can{" "}
        <Link href="/pledge#sign">sign the pledge again</Link>: if you have already signed, we will email you
        instead of counting you twice.
      </p>
    </SimplePage>
  );
}
