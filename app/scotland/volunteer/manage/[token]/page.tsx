import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { SimplePage } from "@/components/layout/simple-page";
import { linkTokenFromParam } from "@/lib/entry/token-param";
import { volunteers } from "@/lib/volunteers";
import { withdrawVolunteerAction } from "@/app/scotland/volunteer/actions";

export const metadata: Metadata = { title: "Your volunteering details", robots: { index: false } };

type Props = { params: Promise<{ token: string }> };

export default async function ManageVolunteerPage({ params }: Props) {
  // Not even the shape of one of our links (damaged in copying, or made up): 404, not-found.tsx.
  const token = linkTokenFromParam((await params).token);
  if (!token) notFound();
  if (!(await volunteers().inspectManage(token))) {
    return (
      <SimplePage
        title="We hold no details for this link"
        lede="They may have been deleted already, or the link is incomplete."
      >
        <p>
          Nothing more needs doing. <Link href="/scotland">Back to Count Us In in Scotland</Link>.
        </p>
      </SimplePage>
    );
  }
  return (
    <SimplePage title="Withdraw and delete your details">
      <p>
        If you no longer want to volunteer, or simply want us to forget you, press the button. We will delete
        your name, email address, phone number, note and the fact that you offered to help. This cannot be
        undone, but you are always welcome back.
      </p>
      <form action={withdrawVolunteerAction}>
        <input type="hidden" name="token" value={token} />
        <button type="submit" className="button button--warning">
          Withdraw and delete my details
        </button>
      </form>
    </SimplePage>
  );
}
