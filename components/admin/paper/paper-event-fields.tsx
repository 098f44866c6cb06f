import { SelectField } from "@/components/ui/select-field";
import { TextField } from "@/components/ui/text-field";

export type ConsentChoice = { version: string; label: string };

type PaperEventFieldsProps = {
  /** Prefix for the inputs' ids, so the upload form and the type-in form never share one. */
  idPrefix: string;
  consents: readonly ConsentChoice[];
  values: Record<string, string | undefined>;
  errors: Record<string, string | undefined>;
};

/** The event a batch of paper forms came from: its name, its day, and the wording printed on the forms. */
export function PaperEventFields({ idPrefix, consents, values, errors }: PaperEventFieldsProps) {
  return (
    <>
      <TextField
        id={`${idPrefix}-eventName`}
        name="eventName"
        label="Event"
        hint="For example: Parliament drop-in, March 2026"
        defaultValue={values.eventName}
        error={errors.eventName}
        maxLength={120}
        autoComplete="off"
      />
      <TextField
        id={`${idPrefix}-eventDate`}
        name="eventDate"
        type="date"
        label="Day of the event"
        hint="For example: 2026-03-14"
        defaultValue={values.eventDate}
        error={errors.eventDate}
      />
      <SelectField
        id={`${idPrefix}-consentVersion`}
        name="consentVersion"
        label="Wording printed on the forms"
        options={consents.map((consent) => ({
          value: consent.version,
          label: `${consent.label} (${consent.version})`,
        }))}
        defaultValue={values.consentVersion || consents[0]?.version}
        error={errors.consentVersion}
      />
    </>
  );
}
