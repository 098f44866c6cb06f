import Link from "next/link";
import { SimplePage } from "@/components/layout/simple-page";

export default function Forbidden() {
  return (
    <SimplePage title="You do not have access to this page" lede="Your staff role does not include it.">
      <p>
        If you need it for your work, ask an admin to change your role.{" "}
        <Link href="/admin">Back to the dashboard</Link>.
      </p>
    </SimplePage>
  );
}
