import type { Metadata } from "next";
import { CrmColumnList } from "@/components/admin/exports/crm-column-list";
import { CrmDownloads } from "@/components/admin/exports/crm-downloads";
import { ExportRunsTable } from "@/components/admin/exports/export-runs-table";
import { crmColumns } from "@/lib/admin/export/crm-columns";
import { CHANGES_OVERLAP_MS } from "@/lib/admin/export/export-runs";
import { requireStaff } from "@/lib/admin/access/session";
import { adminCrmExports } from "@/lib/admin/records";
import { isoDay } from "@/lib/admin/records/dates";
import { crmExportQuerySchema } from "@/lib/validation/admin/export-crm";
import { parseFilters } from "@/lib/validation/admin/query";

export const metadata: Metadata = { title: "CRM exports" };

type Props = { searchParams: Promise<Record<string, string | string[] | undefined>> };

export default async function CrmExportsPage({ searchParams }: Props) {
  const staff = await requireStaff("export");
  const query = await searchParams;
  const crm = adminCrmExports(staff);
  const [changesSince, runs] = await Promise.all([crm.changesSince(), crm.recent()]);
  // The date form came back from the export route: show what was typed and what is wrong with it.
  const returned =
    "since" in query ? parseFilters(crmExportQuerySchema(isoDay(new Date())), query) : undefined;

  return (
    <>
      <h1>CRM exports</h1>
      <p>
        Signatures as CSV for the campaigns team&rsquo;s CRM. Each row is an <strong>upsert</strong> (create
        or update the contact with this Signature ID) or a <strong>remove</strong> (the person left our list:
        delete or suppress them). Import with the Signature ID as the CRM&rsquo;s external key. Times are ISO
        8601 in UTC.
      </p>
      <p>
        Only confirmed signatures are exported: online ones whose owner confirmed their email address, and
        paper pledges. A sign-up still waiting for confirmation may be a typing mistake or someone
        else&rsquo;s address, and a held one has not been checked yet: neither is a supporter who agreed to
        anything, so neither goes to the CRM until it is confirmed (it then comes in the next changes export).
        An erased person only ever appears as a remove row.
      </p>

      <section aria-labelledby="download-heading">
        <h2 id="download-heading">Download</h2>
        <CrmDownloads
          changesSince={changesSince}
          values={returned?.values ?? {}}
          errors={returned && !returned.ok ? returned.fieldErrors : {}}
        />
        <p>
          A changes export starts {CHANGES_OVERLAP_MS / 60_000} minutes before the last complete export ended:
          a change is stamped when it is made but only seen once saved, a moment later, and the overlap
          catches those. A contact sent twice is simply updated twice. A download that stops halfway does not
          count as exported, so the next one covers the same changes again. Changes since a date later than
          the last export&rsquo;s end do not count as the last export either: the changes in between were
          never sent.
        </p>
      </section>

      <section aria-labelledby="runs-heading">
        <h2 id="runs-heading">Last exports</h2>
        <ExportRunsTable runs={runs} />
      </section>

      <section aria-labelledby="columns-heading">
        <h2 id="columns-heading">What each column means</h2>
        <CrmColumnList columns={crmColumns} />
      </section>
    </>
  );
}
