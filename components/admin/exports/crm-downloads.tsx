import { DateTime } from "@/components/admin/date-time";
import { ErrorSummary } from "@/components/ui/error-summary";
import { TextField } from "@/components/ui/text-field";

const ROUTE = "/api/admin/export/crm";

type CrmDownloadsProps = {
  /** Where "changes since the last export" would start now; null before any complete export. */
  changesSince: Date | null;
  /** The date field as typed, and its problem, when the form came back. */
  values: Record<string, string>;
  errors: Partial<Record<string, string>>;
};

/**
 * The three CRM downloads: plain links, and a GET form for a chosen date (it works without JavaScript;
 * the route sends a date it cannot use back here, where the problem shows beside the field).
 */
export function CrmDownloads({ changesSince, values, errors }: CrmDownloadsProps) {
  const dateValue = values.since && values.since !== "all" && values.since !== "last" ? values.since : "";
  return (
    <>
      <h3>Everyone on the list</h3>
      <p>
        For a first import, or to bring the CRM back in line: every confirmed signature, and remove rows for
        anyone who left since the last export.
      </p>
      <p>
        <a className="button button--secondary" href={`${ROUTE}?since=all`}>
          Download the full CRM export
        </a>
      </p>

      <h3>Changes since the last export</h3>
      {changesSince ? (
        <>
          <p>
            Everything that changed from <DateTime value={changesSince} /> (a few minutes before the last
            complete export ended, so nothing committed late is missed), including people to remove.
          </p>
          <p>
            <a className="button button--secondary" href={`${ROUTE}?since=last`}>
              Download changes since the last export
            </a>
          </p>
        </>
      ) : (
        <p>There is no complete CRM export yet: download the full export first.</p>
      )}

      <h3 id="since-heading">Changes since a date</h3>
      <form method="get" action={ROUTE} aria-labelledby="since-heading" noValidate>
        <ErrorSummary errors={errors} fieldIds={{ since: "since" }} />
        <TextField
          id="since"
          name="since"
          type="date"
          label="Changes since"
          hint="From the start of this day, UTC, up to now. For example, 2026-11-25"
          defaultValue={dateValue}
          error={errors.since}
          required
        />
        <button type="submit" className="button button--primary">
          Download changes since this date
        </button>
      </form>
    </>
  );
}
