import type { Metadata } from "next";
import Link from "next/link";
import { DateTime } from "@/components/admin/date-time";
import { DetailsList } from "@/components/admin/details-list";
import { adminErasure } from "@/lib/admin/records";
import { placeLabel, signatureStatusLabels, volunteerStatusLabels } from "@/lib/admin/records/format";
import { requireStaff } from "@/lib/admin/access/session";
import { erasureSchema } from "@/lib/validation/admin/forms";
import { queryValues } from "@/lib/validation/admin/query";
import { eraseAction } from "@/app/admin/(signed-in)/people/actions";

export const metadata: Metadata = { title: "Erase a person's details" };

type Props = { searchParams: Promise<Record<string, string | string[] | undefined>> };

// Reached by a link from the search result; only the button below (a POST) erases anything.
export default async function ErasePage({ searchParams }: Props) {
  const staff = await requireStaff("erase");
  const parsed = erasureSchema.safeParse(queryValues(await searchParams));
  const summary = parsed.success ? await adminErasure(staff).summarise(parsed.data) : undefined;

  if (!summary || (!summary.signature && !summary.volunteer)) {
    return (
      <>
        <h1>Nothing to erase</h1>
        <p>These records do not exist, or were erased already.</p>
        <p>
          <Link href="/admin/people">Find a person</Link>
        </p>
      </>
    );
  }

  const { signature, volunteer } = summary;
  return (
    <>
      <h1>Erase this person&apos;s details?</h1>
      <p>This cannot be undone.</p>
      {signature && (
        <>
          <h2>Their signature will be anonymised</h2>
          <p>
            The name and email address are removed and campaign emails stop. The signature keeps its status,
            place and dates, so the public count does not change.
          </p>
          <DetailsList
            items={[
              { label: "Where they live", value: placeLabel(signature.nation, signature.country) },
              { label: "Status", value: signatureStatusLabels[signature.status] ?? signature.status },
              { label: "Signed", value: <DateTime value={signature.createdAt} /> },
            ]}
          />
        </>
      )}
      {volunteer && (
        <>
          <h2>Their volunteer record will be deleted</h2>
          <p>Every detail goes: name, email address, phone number, note, health board and ways to help.</p>
          <DetailsList
            items={[
              { label: "Health board", value: volunteer.healthBoard },
              { label: "Status", value: volunteerStatusLabels[volunteer.status] ?? volunteer.status },
              { label: "Signed up", value: <DateTime value={volunteer.createdAt} /> },
            ]}
          />
        </>
      )}
      <p>
        Emails still waiting to be sent to this person are cancelled, and their address is removed from our
        record of emails already sent.
      </p>
      <form action={eraseAction} className="admin-actions">
        {signature && <input type="hidden" name="signatureId" value={signature.id} />}
        {volunteer && <input type="hidden" name="volunteerId" value={volunteer.id} />}
        <button type="submit" className="button button--warning">
          Erase now
        </button>
        <Link href="/admin/people">Cancel</Link>
      </form>
    </>
  );
}
