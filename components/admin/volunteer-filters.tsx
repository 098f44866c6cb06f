import { TextField } from "@/components/ui/text-field";
import { volunteerStatusLabels } from "@/lib/admin/records/format";
import { volunteerStatuses } from "@/lib/validation/admin/list-filters";
import { healthBoards } from "@/lib/values/health-boards";
import { DateRangeFields, FilterForm } from "@/components/admin/filter-form";
import { SelectField } from "@/components/ui/select-field";

type VolunteerFiltersProps = { values: Record<string, string>; errors: Partial<Record<string, string>> };

const fieldIds = { q: "q", status: "status", healthBoard: "healthBoard", from: "from", to: "to" };

export function VolunteerFilters({ values, errors }: VolunteerFiltersProps) {
  return (
    <FilterForm action="/admin/volunteers" label="Filter volunteers" errors={errors} fieldIds={fieldIds}>
      <TextField
        id="q"
        name="q"
        type="email"
        label="Email address"
        hint="The whole address. Names are encrypted, so they cannot be searched."
        defaultValue={values.q}
        error={errors.q}
        maxLength={254}
        spellCheck={false}
        autoComplete="off"
      />
      <SelectField
        id="status"
        label="Status"
        anyLabel="Any status"
        options={volunteerStatuses.map((value) => ({ value, label: volunteerStatusLabels[value]! }))}
        defaultValue={values.status}
        error={errors.status}
      />
      <SelectField
        id="healthBoard"
        label="Health board"
        anyLabel="Any health board"
        options={healthBoards.map((board) => ({ value: board, label: board }))}
        defaultValue={values.healthBoard}
        error={errors.healthBoard}
      />
      <DateRangeFields legend="Signed up between" values={values} errors={errors} />
    </FilterForm>
  );
}
