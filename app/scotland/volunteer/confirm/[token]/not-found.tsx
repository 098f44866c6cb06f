import Link from "next/link";
import { SimplePage } from "@/components/layout/simple-page";

// A confirmation link we cannot use (damaged, made up, forged, or its details deleted), with 404.
export default function UnusableVolunteerConfirmLink() {
  return (
    <SimplePage
      title="We cannot use this link"
      lede="The link may be incomplete, or the details it was for have been deleted."
    >
      <p>
        You can <Link href="/scotland/volunteer">fill in the form again</Link>. If you have signed up before,
        we will email you rather than add you twice.
      </p>
    </SimplePage>
  );
}
