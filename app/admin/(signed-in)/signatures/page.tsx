import type { Metadata } from "next";
import Link from "next/link";
import { DateTime } from "@/components/admin/date-time";
import { Pager } from "@/components/admin/pager";
import { SignatureFilters } from "@/components/admin/signature-filters";
import { adminSignatures } from "@/lib/admin/records";
import { placeLabel, signatureStatusLabels } from "@/lib/admin/records/format";
import { can } from "@/lib/admin/access/roles";
import { requireStaff } from "@/lib/admin/access/session";
import { otherCountries } from "@/lib/values/countries";
import { filterQuery, parseFilters } from "@/lib/validation/admin/query";
import { signatureFiltersSchema } from "@/lib/validation/admin/list-filters";

export const metadata: Metadata = { title: "Signatures" };

type Props = { searchParams: Promise<Record<string, string | string[] | undefined>> };

const PATH = "/admin/signatures";

export default async function SignaturesPage({ searchParams }: Props) {
  const staff = await requireStaff("view-people");
  const parsed = parseFilters(signatureFiltersSchema, await searchParams);
  const page = parsed.ok ? await adminSignatures(staff).list(parsed.filters) : undefined;
  const filters = parsed.ok ? parsed.filters : {};
  const cursorGiven = Boolean(parsed.ok && (parsed.filters.after || parsed.filters.before));

  return (
    <>
      <h1>Signatures</h1>
      <p>
        Find signatures by part of a name or a whole email address, and narrow the list with the filters.
        Times are in UTC.
      </p>
      <SignatureFilters
        values={parsed.values}
        errors={parsed.ok ? {} : parsed.fieldErrors}
        countries={otherCountries}
      />

      <h2 id="results" tabIndex={-1}>
        Results
      </h2>
      {!page ? (
        <p>Correct the filters above to see signatures.</p>
      ) : (
        <>
          {can(staff.role, "export") && (
            <p>
              <a
                className="button button--secondary"
                href={`/api/admin/export/signatures${filterQuery(filters)}`}
              >
                Download CSV
                <span className="visually-hidden"> of every signature matching these filters</span>
              </a>
            </p>
          )}
          {page.rows.length === 0 ? (
            <p>No signatures match{cursorGiven ? " on this page" : " these filters"}.</p>
          ) : (
            <div className="table-scroll">
              <table>
                <caption>Signatures matching the filters, newest first, up to 50 a page</caption>
                <thead>
                  <tr>
                    <th scope="col">Name</th>
                    <th scope="col">Email</th>
                    <th scope="col">Where</th>
                    <th scope="col">Status</th>
                    <th scope="col">Campaign emails</th>
                    <th scope="col">Signed</th>
                  </tr>
                </thead>
                <tbody>
                  {page.rows.map((row) => (
                    <tr key={row.id}>
                      <th scope="row">
                        <Link href={`${PATH}/${row.id}`}>{row.name}</Link>
                      </th>
                      <td className="admin-break">{row.email}</td>
                      <td>{placeLabel(row.nation, row.country)}</td>
                      <td>{signatureStatusLabels[row.status] ?? row.status}</td>
                      <td>{row.campaignEmails ? "Yes" : "No"}</td>
                      <td>
                        <DateTime value={row.createdAt} />
                      </td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
          )}
          <Pager
            firstHref={`${PATH}${filterQuery(filters)}`}
            previousHref={page.newer && `${PATH}${filterQuery(filters, { before: page.newer })}`}
            nextHref={page.older && `${PATH}${filterQuery(filters, { after: page.older })}`}
            pastTheEnd={cursorGiven && page.rows.length === 0}
          />
        </>
      )}
    </>
  );
}
