import type { Metadata } from "next";
import { cookies } from "next/headers";
import { PaperBatchList } from "@/components/admin/paper/paper-batch-list";
import { PaperColumnsHelp } from "@/components/admin/paper/paper-columns-help";
import { PaperEntryForm } from "@/components/admin/paper/paper-entry-form";
import { PaperUploadForm } from "@/components/admin/paper/paper-upload-form";
import { requireStaff } from "@/lib/admin/access/session";
import { paperPledges } from "@/lib/paper";
import { paperConsents } from "@/lib/paper/consent";
import { decodeUploadNotice, UPLOAD_NOTICE_COOKIE } from "@/lib/paper/upload-notice";
import { otherCountries } from "@/lib/values/countries";
import { addTypedAction, undoAction } from "@/app/admin/(signed-in)/paper/actions";

export const metadata: Metadata = { title: "Paper pledges" };

const doneMessages: Record<string, (count: number) => string> = {
  discarded: () => "The upload was discarded. Nothing from it was stored.",
  undone: (n) => `Undone: ${n.toLocaleString("en-GB")} signatures removed, and the total lowered to match.`,
  "not-stored": () =>
    "That batch is not stored (it may have been undone already), so there was nothing to undo.",
  invalid: () => "That request could not be used. Please try again from this page.",
};

const consents = paperConsents.map(({ version, label }) => ({ version, label }));

export default async function PaperPledgesPage({
  searchParams,
}: {
  searchParams: Promise<Record<string, string | string[] | undefined>>;
}) {
  const staff = await requireStaff("paper-pledges");
  const params = await searchParams;
  const done = typeof params.done === "string" ? doneMessages[params.done] : undefined;
  const notice = decodeUploadNotice((await cookies()).get(UPLOAD_NOTICE_COOKIE)?.value);
  const batches = await paperPledges(staff).list();

  return (
    <>
      <h1>Paper pledges</h1>
      {done && (
        <div className="panel panel--success" role="status">
          <p>{done(Number(params.count ?? 0) || 0)}</p>
        </div>
      )}
      <p>
        Pledges signed on paper at events count in the total like online ones, and are shown separately on the
        dashboard. Each one is checked with the same rules as the online form, and a mailbox that has signed
        already is not counted twice.
      </p>

      <section aria-labelledby="upload-heading">
        <h2 id="upload-heading">Upload a file</h2>
        <PaperColumnsHelp />
        <p>
          <a href="/api/admin/paper/template">Download the template (CSV)</a>
        </p>
        <PaperUploadForm consents={consents} notice={notice} />
      </section>

      <section aria-labelledby="entry-heading">
        <h2 id="entry-heading">Type in a form</h2>
        <p>
          Each form is stored at once and counts straight away. Forms typed in for the same event, day and
          wording are kept together, so they can be undone together.
        </p>
        <PaperEntryForm action={addTypedAction} countries={otherCountries} consents={consents} />
      </section>

      <section aria-labelledby="batches-heading">
        <h2 id="batches-heading">Uploads and typed-in events</h2>
        <PaperBatchList batches={batches} undoAction={undoAction} />
      </section>
    </>
  );
}
