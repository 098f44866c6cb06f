import Link from "next/link";
import { SimplePage } from "@/components/layout/simple-page";

// A manage link that is not one of ours at all (damaged in copying, or made up), with 404.
export default function UnusableManageLink() {
  return (
    <SimplePage title="We cannot use this link" lede="The link may be incomplete.">
      <p>
        If you copied the link from an email, check you copied all of it: every email we send you about your
        signature has it at the bottom. <Link href="/">Return to the home page</Link>.
      </p>
    </SimplePage>
  );
}
