import type { Metadata } from "next";
import { AuditFilters, auditActionLabels } from "@/components/admin/audit-filters";
import { DateTime } from "@/components/admin/date-time";
import { Pager } from "@/components/admin/pager";
import { adminAuditLog } from "@/lib/admin/records";
import { requireStaff } from "@/lib/admin/access/session";
import { auditFiltersSchema } from "@/lib/validation/admin/list-filters";
import { filterQuery, parseFilters } from "@/lib/validation/admin/query";

export const metadata: Metadata = { title: "Audit log" };

type Props = { searchParams: Promise<Record<string, string | string[] | undefined>> };

const PATH = "/admin/audit";

/** The JSON detail, laid out for reading; anything unreadable is shown as stored. */
function readable(detail: string | null): string {
  if (!detail) return "";
  try {
    return JSON.stringify(JSON.parse(detail), null, 1);
  } catch {
    return detail;
  }
}

export default async function AuditPage({ searchParams }: Props) {
  const staff = await requireStaff("view-audit");
  const parsed = parseFilters(auditFiltersSchema, await searchParams);
  const page = parsed.ok ? await adminAuditLog(staff).list(parsed.filters) : undefined;
  const filters = parsed.ok ? parsed.filters : {};
  const cursorGiven = Boolean(parsed.ok && (parsed.filters.after || parsed.filters.before));

  return (
    <>
      <h1>Audit log</h1>
      <p>
        Who signed in, who saw or exported whose details, every erasure and every staff change, newest first.
        The log names records by id and never holds the personal details themselves. Nobody can change or
        delete it from the site. Times are in UTC.
      </p>
      <AuditFilters values={parsed.values} errors={parsed.ok ? {} : parsed.fieldErrors} />

      <h2 id="results" tabIndex={-1}>
        Events
      </h2>
      {!page ? (
        <p>Correct the filter above to see the log.</p>
      ) : (
        <>
          {page.rows.length === 0 ? (
            <p>No events{cursorGiven ? " on this page" : ""}.</p>
          ) : (
            <div className="table-scroll">
              <table>
                <caption>Audit events, newest first, up to 50 a page</caption>
                <thead>
                  <tr>
                    <th scope="col">When</th>
                    <th scope="col">Who</th>
                    <th scope="col">What</th>
                    <th scope="col">Records</th>
                    <th scope="col">Details</th>
                  </tr>
                </thead>
                <tbody>
                  {page.rows.map((row) => (
                    <tr key={row.id}>
                      <th scope="row">
                        <DateTime value={row.at} />
                      </th>
                      <td className="admin-break">{row.actor}</td>
                      <td>{auditActionLabels[row.action as keyof typeof auditActionLabels] ?? row.action}</td>
                      <td className="admin-break">{row.subject}</td>
                      <td>
                        {row.detail && row.detail.length > 160 ? (
                          <details>
                            <summary>Show details</summary>
                            <pre className="admin-detail">{readable(row.detail)}</pre>
                          </details>
                        ) : (
                          row.detail && <pre className="admin-detail">{readable(row.detail)}</pre>
                        )}
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
