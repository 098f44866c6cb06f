import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { DateTime } from "@/components/admin/date-time";
import { DetailsList } from "@/components/admin/details-list";
import { adminVolunteers } from "@/lib/admin/records";
import { helpLabel, volunteerStatusLabels } from "@/lib/admin/records/format";
import { can } from "@/lib/admin/access/roles";
import { requireStaff } from "@/lib/admin/access/session";
import { contactOptions } from "@/lib/values/help-options";

export const metadata: Metadata = { title: "Volunteer" };

type Props = { params: Promise<{ id: string }> };

export default async function VolunteerPage({ params }: Props) {
  const staff = await requireStaff("view-people");
  const { id } = await params;
  // Recorded in the audit log as a "view-volunteer" event before anything is shown.
  const volunteer = await adminVolunteers(staff).find(id, staff.email);
  if (!volunteer) notFound();

  return (
    <>
      <p>
        <Link href="/admin/volunteers">Back to volunteers</Link>
      </p>
      <h1>{volunteer.name}</h1>
      <p>You opening this record has been written to the audit log.</p>
      <DetailsList
        items={[
          { label: "Name", value: volunteer.name },
          { label: "Email address", value: volunteer.email },
          { label: "Phone number", value: volunteer.phone },
          {
            label: "Prefers to be contacted by",
            value:
              contactOptions.find((option) => option.value === volunteer.contactBy)?.label ??
              volunteer.contactBy,
          },
          { label: "Health board", value: volunteer.healthBoard },
          {
            label: "Would like to help with",
            value:
              volunteer.helpWith.length > 0 ? (
                <ul>
                  {volunteer.helpWith.map((value) => (
                    <li key={value}>{helpLabel(value)}</li>
                  ))}
                </ul>
              ) : null,
          },
          { label: "Note", value: volunteer.note && <span className="admin-pre">{volunteer.note}</span> },
          { label: "Status", value: volunteerStatusLabels[volunteer.status] ?? volunteer.status },
          { label: "Signed up", value: <DateTime value={volunteer.createdAt} /> },
          { label: "Confirmed", value: <DateTime value={volunteer.confirmedAt} /> },
          {
            label: "Consent to holding health data",
            value: (
              <>
                {volunteer.healthConsentVersion}, given <DateTime value={volunteer.healthConsentAt} />
              </>
            ),
          },
          { label: "Record id", value: <code>{volunteer.id}</code> },
        ]}
      />
      {can(staff.role, "erase") && (
        <p>
          To erase this volunteer&apos;s details, <Link href="/admin/people">find them by email address</Link>
          .
        </p>
      )}
    </>
  );
}
