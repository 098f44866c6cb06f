import type { Metadata } from "next";
import Link from "next/link";
import { DateTime } from "@/components/admin/date-time";
import { Pager } from "@/components/admin/pager";
import { VolunteerFilters } from "@/components/admin/volunteer-filters";
import { adminVolunteers } from "@/lib/admin/records";
import { volunteerStatusLabels } from "@/lib/admin/records/format";
import { can } from "@/lib/admin/access/roles";
import { requireStaff } from "@/lib/admin/access/session";
import { filterQuery, parseFilters } from "@/lib/validation/admin/query";
import { volunteerFiltersSchema } from "@/lib/validation/admin/list-filters";

export const metadata: Metadata = { title: "Volunteers" };

type Props = { searchParams: Promise<Record<string, string | string[] | undefined>> };

const PATH = "/admin/volunteers";

export default async function VolunteersPage({ searchParams }: Props) {
  const staff = await requireStaff("view-people");
  const parsed = parseFilters(volunteerFiltersSchema, await searchParams);
  // Opens only this page's rows, and records that this member of staff saw them.
  const page = parsed.ok ? await adminVolunteers(staff).list(parsed.filters, staff.email) : undefined;
  const filters = parsed.ok ? parsed.filters : {};
  const cursorGiven = Boolean(parsed.ok && (parsed.filters.after || parsed.filters.before));

  return (
    <>
      <h1>Volunteers</h1>
      <p>
        Volunteers&apos; names, email addresses, phone numbers and notes are encrypted, so a volunteer can be
        found by their exact email address only. Narrow the list with the other filters. Times are in UTC.
      </p>
      <p>Opening this list, or a volunteer&apos;s details, is recorded in the audit log.</p>
      <VolunteerFilters values={parsed.values} errors={parsed.ok ? {} : parsed.fieldErrors} />

      <h2 id="results" tabIndex={-1}>
        Results
      </h2>
      {!page ? (
        <p>Correct the filters above to see volunteers.</p>
      ) : (
        <>
          {can(staff.role, "export") && (
            <p>
              <a
                className="button button--secondary"
                href={`/api/admin/export/volunteers${filterQuery(filters)}`}
              >
                Download CSV
                <span className="visually-hidden"> of every volunteer matching these filters</span>
              </a>
            </p>
          )}
          {page.rows.length === 0 ? (
            <p>No volunteers match{cursorGiven ? " on this page" : " these filters"}.</p>
          ) : (
            <div className="table-scroll">
              <table>
                <caption>Volunteers matching the filters, newest first, up to 50 a page</caption>
                <thead>
                  <tr>
                    <th scope="col">Name</th>
                    <th scope="col">Email</th>
                    <th scope="col">Health board</th>
                    <th scope="col">Status</th>
                    <th scope="col">Signed up</th>
                  </tr>
                </thead>
                <tbody>
                  {page.rows.map((row) => (
                    <tr key={row.id}>
                      <th scope="row">
                        <Link href={`${PATH}/${row.id}`}>{row.name}</Link>
                      </th>
                      <td className="admin-break">{row.email}</td>
                      <td>{row.healthBoard}</td>
                      <td>{volunteerStatusLabels[row.status] ?? row.status}</td>
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
