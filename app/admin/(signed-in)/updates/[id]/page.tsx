import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { DateTime } from "@/components/admin/date-time";
import { DetailsList } from "@/components/admin/details-list";
import { RateForm } from "@/components/admin/updates/rate-form";
import { SendForm } from "@/components/admin/updates/send-form";
import { UpdateForm } from "@/components/admin/updates/update-form";
import { UpdateProgressView } from "@/components/admin/updates/update-progress";
import { requireStaff } from "@/lib/admin/access/session";
import { partnerByCode } from "@/lib/content/partners";
import { campaignUpdates, partnerOptions } from "@/lib/updates";
import { updateStatusLabels } from "@/lib/updates/labels";
import { UPDATE_RATE_DEFAULT } from "@/lib/validation/admin/update";
import { nationLabel, nationValues, type Nation } from "@/lib/values/nations";
import {
  saveUpdateAction,
  sendUpdateAction,
  stopUpdateAction,
  updateRateAction,
} from "@/app/admin/(signed-in)/updates/actions";

export const metadata: Metadata = { title: "Campaign update" };

type Props = {
  params: Promise<{ id: string }>;
  searchParams: Promise<Record<string, string | string[] | undefined>>;
};

const nations = nationValues.map((value) => ({ value, label: nationLabel(value) }));

const doneMessages: Record<string, string> = {
  saved: "Saved as a draft. Check the preview below, then send it.",
  sending: "Sending. The emails go out at the rate below; this page shows how far it has got.",
  "already-sent": "This update has already been sent, so it was not sent again and cannot be changed.",
  rate: "The rate is changed. The emails still waiting now go out at the new rate.",
  stopped: "Stopped. The emails still waiting will not be sent.",
  finished: "Nothing was changed: this update is no longer sending.",
};

function audienceLabel(update: { nation: string | null; partnerCode: string | null }): string {
  const parts = ["Confirmed signers who asked for campaign emails"];
  if (update.nation) parts.push(`in ${nationLabel(update.nation as Nation)}`);
  if (update.partnerCode)
    parts.push(`brought by ${partnerByCode(update.partnerCode)?.name ?? update.partnerCode}`);
  return parts.join(", ");
}

const isUuid = (value: string) =>
  /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/.test(value);

export default async function CampaignUpdatePage({ params, searchParams }: Props) {
  const staff = await requireStaff("send-updates");
  const { id } = await params;
  if (!isUuid(id)) notFound();
  const update = await campaignUpdates(staff).read(id);
  if (!update) notFound();
  const query = await searchParams;
  const done = typeof query.done === "string" ? doneMessages[query.done] : undefined;
  const { preview } = update;

  return (
    <>
      <p>
        <Link href="/admin/updates">Back to campaign updates</Link>
      </p>
      <h1>{update.subject}</h1>
      {done && (
        <div className="panel panel--success" role="status">
          <p>{done}</p>
        </div>
      )}
      <DetailsList
        items={[
          { label: "Status", value: updateStatusLabels[update.status] ?? update.status },
          { label: "Goes to", value: audienceLabel(update) },
          { label: "Emails a minute", value: update.ratePerMinute.toLocaleString("en-GB") },
          { label: "Written by", value: update.createdBy },
          { label: "Written", value: <DateTime value={update.createdAt} /> },
          ...(update.sentBy
            ? [
                { label: "Sent by", value: update.sentBy },
                { label: "Sent", value: <DateTime value={update.sendStartedAt} /> },
              ]
            : []),
        ]}
      />

      {update.progress && (
        <section aria-labelledby="progress-heading">
          <h2 id="progress-heading">Progress</h2>
          <UpdateProgressView id={update.id} initial={update.progress} />
          <p>
            <Link href={`/admin/updates/${update.id}`}>Refresh the counts</Link>
          </p>
          {update.status === "sending" && (
            <>
              <h3 id="rate">Change the rate</h3>
              <RateForm action={updateRateAction} id={update.id} rate={update.ratePerMinute} />
              <h3>Stop sending</h3>
              <form action={stopUpdateAction}>
                <p>
                  The emails already sent stay sent; the ones still waiting are not sent. This cannot be
                  undone.
                </p>
                <input type="hidden" name="id" value={update.id} />
                <button type="submit" className="button button--warning">
                  Stop sending this update
                </button>
              </form>
            </>
          )}
        </section>
      )}

      {update.status === "draft" && update.audience !== undefined && (
        <section aria-labelledby="send-heading">
          <h2 id="send-heading">Send it</h2>
          {update.audience === 0 ? (
            <p>
              Nobody would get this update now: no confirmed signer who asked for campaign emails matches it.
            </p>
          ) : (
            <>
              <p>
                It will go to <strong>{update.audience.toLocaleString("en-GB")}</strong>{" "}
                {update.audience === 1 ? "person" : "people"}, at{" "}
                {update.ratePerMinute.toLocaleString("en-GB")} a minute. Anyone who stops campaign emails,
                withdraws or is erased before their turn is skipped.
              </p>
              <div id="confirm">
                <SendForm action={sendUpdateAction} id={update.id} recipients={update.audience} />
              </div>
            </>
          )}
        </section>
      )}

      <section aria-labelledby="preview-heading">
        <h2 id="preview-heading">The email, as people get it</h2>
        <p>
          Shown with “{"(their name)"}” where each reader’s name goes; the links lead to each reader’s own
          page.
        </p>
        <DetailsList
          items={[
            { label: "Subject", value: preview.subject },
            {
              label: "List-Unsubscribe",
              value: <span className="admin-break">{preview.headers["List-Unsubscribe"]}</span>,
            },
            { label: "List-Unsubscribe-Post", value: preview.headers["List-Unsubscribe-Post"] },
          ]}
        />
        <h3>The update, formatted</h3>
        {/* Markdown rendered with raw HTML escaped and only http(s) and mailto links: safe to place. */}
        <div className="panel" dangerouslySetInnerHTML={{ __html: update.previewBodyHtml }} />
        <h3>Plain text</h3>
        <pre className="admin-detail">{preview.text}</pre>
        <details>
          <summary>HTML source</summary>
          <pre className="admin-detail">{preview.html}</pre>
        </details>
      </section>

      {update.status === "draft" && (
        <section aria-labelledby="edit-heading">
          <h2 id="edit-heading">Change the draft</h2>
          <UpdateForm
            action={saveUpdateAction}
            draft={{
              id: update.id,
              subject: update.subject,
              body: update.body,
              nation: update.nation ?? "",
              partnerCode: update.partnerCode ?? "",
              ratePerMinute: String(update.ratePerMinute),
            }}
            defaultRate={String(UPDATE_RATE_DEFAULT)}
            nations={nations}
            partners={partnerOptions()}
          />
        </section>
      )}
    </>
  );
}
