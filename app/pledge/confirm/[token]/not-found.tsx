import Link from "next/link";
import { SimplePage } from "@/components/layout/simple-page";

// A confirmation link we cannot use (damaged, made up, forged, or its signature withdrawn), with 404.
export default function UnusableConfirmLink() {
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
