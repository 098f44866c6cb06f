import type { Metadata } from "next";
import Link from "next/link";
import { DateTime } from "@/components/admin/date-time";
import { UpdateForm } from "@/components/admin/updates/update-form";
import { requireStaff } from "@/lib/admin/access/session";
import { campaignUpdates, partnerOptions } from "@/lib/updates";
import { updateStatusLabels } from "@/lib/updates/labels";
import { UPDATE_RATE_DEFAULT } from "@/lib/validation/admin/update";
import { nationValues, nationLabel } from "@/lib/values/nations";
import { saveUpdateAction } from "@/app/admin/(signed-in)/updates/actions";

export const metadata: Metadata = { title: "Campaign updates" };

const nations = nationValues.map((value) => ({ value, label: nationLabel(value) }));

export default async function CampaignUpdatesPage() {
  const staff = await requireStaff("send-updates");
  const updates = await campaignUpdates(staff).list();
  return (
    <>
      <h1>Campaign updates</h1>
      <p>
        Updates go by email to confirmed signers who asked for emails about the campaign. Each email has a
        link to stop them, and anyone who stops them, withdraws or is erased before their turn is not written
        to.
      </p>

      <section aria-labelledby="updates-heading">
        <h2 id="updates-heading">Updates so far</h2>
        {updates.length === 0 ? (
          <p>No updates yet.</p>
        ) : (
          <div className="table-scroll">
            <table>
              <thead>
                <tr>
                  <th scope="col">Subject</th>
                  <th scope="col">Status</th>
                  <th scope="col">Recipients</th>
                  <th scope="col">Written</th>
                  <th scope="col">Sent</th>
                </tr>
              </thead>
              <tbody>
                {updates.map((update) => (
                  <tr key={update.id}>
                    <th scope="row">
                      <Link href={`/admin/updates/${update.id}`}>{update.subject}</Link>
                    </th>
                    <td>{updateStatusLabels[update.status] ?? update.status}</td>
                    <td>{update.status === "draft" ? "–" : update.recipients.toLocaleString("en-GB")}</td>
                    <td>
                      <DateTime value={update.createdAt} />
                    </td>
                    <td>{update.sendStartedAt ? <DateTime value={update.sendStartedAt} /> : "–"}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        )}
      </section>

      <section aria-labelledby="write-heading">
        <h2 id="write-heading">Write an update</h2>
        <p>
          Saving keeps it as a draft and shows you the email exactly as people will get it. Nothing is sent
          yet.
        </p>
        <UpdateForm
          action={saveUpdateAction}
          defaultRate={String(UPDATE_RATE_DEFAULT)}
          nations={nations}
          partners={partnerOptions()}
        />
      </section>
    </>
  );
}
