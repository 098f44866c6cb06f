"use client";

import { useActionState } from "react";
import { ChoiceGroup } from "@/components/ui/choice-group";
import { ErrorSummary } from "@/components/ui/error-summary";
import { SelectField } from "@/components/ui/select-field";
import { SubmitButton } from "@/components/ui/submit-button";
import { TextField } from "@/components/ui/text-field";
import { emptyPaperEntry, type PaperEntryState } from "@/lib/paper/entry-state";
import { ukNations } from "@/lib/values/nations";
import { PaperEventFields, type ConsentChoice } from "@/components/admin/paper/paper-event-fields";

type PaperEntryFormProps = {
  action: (state: PaperEntryState, form: FormData) => Promise<PaperEntryState>;
  countries: readonly { code: string; name: string }[];
  consents: readonly ConsentChoice[];
};

const fieldIds = {
  eventName: "entry-eventName",
  eventDate: "entry-eventDate",
  consentVersion: "entry-consentVersion",
  name: "entry-name",
  email: "entry-email",
  nation: "nation-england",
  country: "entry-country",
  campaignEmails: "campaignEmails-yes",
};

/** One paper form typed in, stored at once. Works as a plain form post; messages beside each field. */
export function PaperEntryForm({ action, countries, consents }: PaperEntryFormProps) {
  const [state, formAction] = useActionState(action, emptyPaperEntry);
  const { fieldErrors: errors, values } = state;
  return (
    <form key={state.attempt} action={formAction} noValidate className="form">
      <ErrorSummary errors={errors} fieldIds={fieldIds} />
      {state.done && (
        <div className="panel panel--success" role="status">
          <p>{state.done}</p>
        </div>
      )}
      <PaperEventFields idPrefix="entry" consents={consents} values={values} errors={errors} />
      <TextField
        id={fieldIds.name}
        name="name"
        label="Full name"
        defaultValue={values.name}
        error={errors.name}
        maxLength={100}
        autoComplete="off"
        spellCheck={false}
      />
      <TextField
        id={fieldIds.email}
        name="email"
        type="email"
        label="Email address (optional)"
        hint="Leave it blank if the form has none: the pledge still counts, and we never write to them."
        defaultValue={values.email}
        error={errors.email}
        maxLength={254}
        autoComplete="off"
        spellCheck={false}
      />
      <ChoiceGroup
        name="nation"
        legend="Where do they live?"
        type="radio"
        options={[...ukNations, { value: "other", label: "Outside the UK" }]}
        checked={[values.nation ?? ""]}
        error={errors.nation}
      />
      <SelectField
        id={fieldIds.country}
        name="country"
        label="Country, if they live outside the UK"
        anyLabel="Select a country"
        options={countries.map((country) => ({ value: country.code, label: country.name }))}
        defaultValue={values.country}
        error={errors.country}
      />
      <ChoiceGroup
        name="campaignEmails"
        legend="Did they tick the box for campaign emails?"
        type="radio"
        options={[
          { value: "yes", label: "Yes, ticked" },
          { value: "no", label: "No" },
        ]}
        checked={[values.campaignEmails || "no"]}
        error={errors.campaignEmails}
      />
      <SubmitButton>Add this pledge</SubmitButton>
    </form>
  );
}
