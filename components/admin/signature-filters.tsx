import { TextField } from "@/components/ui/text-field";
import { signatureStatusLabels } from "@/lib/admin/records/format";
import { ukNations } from "@/lib/values/nations";
import { signatureStatuses } from "@/lib/validation/admin/list-filters";
import { DateRangeFields, FilterForm } from "@/components/admin/filter-form";
import { SelectField } from "@/components/ui/select-field";

type SignatureFiltersProps = {
  values: Record<string, string>;
  errors: Partial<Record<string, string>>;
  countries: readonly { code: string; name: string }[];
};

const fieldIds = {
  q: "q",
  status: "status",
  nation: "nation",
  country: "country",
  emails: "emails",
  from: "from",
  to: "to",
};

export function SignatureFilters({ values, errors, countries }: SignatureFiltersProps) {
  return (
    <FilterForm action="/admin/signatures" label="Filter signatures" errors={errors} fieldIds={fieldIds}>
      <TextField
        id="q"
        name="q"
        type="search"
        label="Name or email address"
        hint="Part of a name, or a whole email address"
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
        options={signatureStatuses.map((value) => ({ value, label: signatureStatusLabels[value]! }))}
        defaultValue={values.status}
        error={errors.status}
      />
      <SelectField
        id="nation"
        label="Nation"
        anyLabel="Any nation"
        options={[...ukNations, { value: "other", label: "Outside the UK" }]}
        defaultValue={values.nation}
        error={errors.nation}
      />
      <SelectField
        id="country"
        label="Country"
        anyLabel="Any country"
        options={[
          { value: "GB", label: "United Kingdom" },
          ...countries.map((c) => ({ value: c.code, label: c.name })),
        ]}
        defaultValue={values.country?.toUpperCase()}
        error={errors.country}
      />
      <SelectField
        id="emails"
        label="Campaign emails"
        anyLabel="Either"
        options={[
          { value: "yes", label: "Agreed to campaign emails" },
          { value: "no", label: "Did not agree" },
        ]}
        defaultValue={values.emails}
        error={errors.emails}
      />
      <DateRangeFields legend="Signed between" values={values} errors={errors} />
    </FilterForm>
  );
}
