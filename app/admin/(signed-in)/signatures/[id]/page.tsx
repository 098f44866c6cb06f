import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { DateTime } from "@/components/admin/date-time";
import { DetailsList } from "@/components/admin/details-list";
import { adminSignatures, isErasedSignature } from "@/lib/admin/records";
import { placeLabel, signatureStatusLabels } from "@/lib/admin/records/format";
import { can } from "@/lib/admin/access/roles";
import { requireStaff } from "@/lib/admin/access/session";

export const metadata: Metadata = { title: "Signature" };

type Props = { params: Promise<{ id: string }> };

export default async function SignaturePage({ params }: Props) {
  const staff = await requireStaff("view-people");
  const { id } = await params;
  const signature = await adminSignatures(staff).view(id, staff.email);
  if (!signature) notFound();
  const erased = isErasedSignature(signature);

  return (
    <>
      <p>
        <Link href="/admin/signatures">Back to signatures</Link>
      </p>
      <h1>{erased ? "Erased signature" : signature.name}</h1>
      {erased && (
        <div className="panel">
          <p>
            This person asked for their details to be erased. The signature still counts, without their name
            or email address.
          </p>
        </div>
      )}
      <DetailsList
        items={[
          { label: "Name", value: signature.name },
          { label: "Email address", value: signature.email },
          { label: "Where they live", value: placeLabel(signature.nation, signature.country) },
          { label: "Status", value: signatureStatusLabels[signature.status] ?? signature.status },
          { label: "Campaign emails", value: signature.campaignEmails ? "Agreed" : "Not agreed" },
          { label: "Signed", value: <DateTime value={signature.createdAt} /> },
          { label: "Confirmed", value: <DateTime value={signature.confirmedAt} /> },
          {
            label: "Consent",
            value: (
              <>
                {signature.consentVersion}, given <DateTime value={signature.consentAt} />
              </>
            ),
          },
          { label: "Record id", value: <code>{signature.id}</code> },
        ]}
      />
      {can(staff.role, "erase") && !erased && (
        <p>
          To erase this person&apos;s details, <Link href="/admin/people">find them by email address</Link>.
        </p>
      )}
    </>
  );
}
