import Link from "next/link";
import type { ReactNode } from "react";
import { ErrorSummary } from "@/components/ui/error-summary";
import { TextField } from "@/components/ui/text-field";

type FilterFormProps = {
  /** The list's path: the form sends its fields there as a query string (GET), so it works without JavaScript. */
  action: string;
  label: string;
  errors: Partial<Record<string, string>>;
  fieldIds: Record<string, string>;
  children: ReactNode;
};

/** A list's filters: a GET form with the problems summarised at the top and shown beside each field. */
export function FilterForm({ action, label, errors, fieldIds, children }: FilterFormProps) {
  return (
    <form method="get" action={action} className="admin-filters" role="search" aria-label={label} noValidate>
      <ErrorSummary errors={errors} fieldIds={{ ...fieldIds, page: "results" }} />
      <div className="admin-filters__fields">{children}</div>
      <div className="admin-filters__actions">
        <button type="submit" className="button button--primary">
          Apply filters
        </button>
        <Link href={action}>Clear filters</Link>
      </div>
    </form>
  );
}

/** "From" and "to" days (both included), as native date inputs: YYYY-MM-DD, typed or picked. */
export function DateRangeFields({
  legend,
  values,
  errors,
}: {
  legend: string;
  values: Record<string, string>;
  errors: Partial<Record<string, string>>;
}) {
  return (
    <fieldset className="fieldset admin-filters__dates">
      <legend className="fieldset__legend">{legend}</legend>
      <TextField
        id="from"
        name="from"
        type="date"
        label="From"
        hint="Day, UTC"
        defaultValue={values.from}
        error={errors.from}
      />
      <TextField
        id="to"
        name="to"
        type="date"
        label="To"
        hint="Day, UTC, included"
        defaultValue={values.to}
        error={errors.to}
      />
    </fieldset>
  );
}
