"use client";

import { useActionState } from "react";
import { ErrorSummary } from "@/components/ui/error-summary";
import { describedBy, FieldError } from "@/components/ui/field-error";
import { SelectField, type SelectOption } from "@/components/ui/select-field";
import { SubmitButton } from "@/components/ui/submit-button";
import { TextField } from "@/components/ui/text-field";

export type UpdateFormState = {
  fieldErrors: Record<string, string | undefined>;
  values: Record<string, string>;
};

type Action = (state: UpdateFormState, form: FormData) => Promise<UpdateFormState>;

const initial: UpdateFormState = { fieldErrors: {}, values: {} };

type UpdateFormProps = {
  action: Action;
  /** Editing a draft: its id and what it says now. */
  draft?: {
    id: string;
    subject: string;
    body: string;
    nation: string;
    partnerCode: string;
    ratePerMinute: string;
  };
  defaultRate: string;
  nations: readonly SelectOption[];
  partners: readonly SelectOption[];
};

const fieldIds = {
  subject: "update-subject",
  body: "update-body",
  nation: "update-nation",
  partnerCode: "update-partner",
  ratePerMinute: "update-rate",
};

/** Writing (or changing) an update: subject, Markdown body, who it goes to, how fast. No JavaScript needed. */
export function UpdateForm({ action, draft, defaultRate, nations, partners }: UpdateFormProps) {
  const [state, formAction] = useActionState(action, initial);
  const value = (name: keyof typeof fieldIds) =>
    state.values[name] ?? (draft ? String(draft[name]) : name === "ratePerMinute" ? defaultRate : "");
  const bodyError = state.fieldErrors.body;
  return (
    <form action={formAction} noValidate className="form">
      <ErrorSummary errors={state.fieldErrors} fieldIds={fieldIds} />
      {draft && <input type="hidden" name="id" value={draft.id} />}
      <TextField
        id={fieldIds.subject}
        name="subject"
        label="Subject"
        maxLength={150}
        defaultValue={value("subject")}
        error={state.fieldErrors.subject}
        autoComplete="off"
      />
      <div className={`field${bodyError ? " field--error" : ""}`}>
        <label htmlFor={fieldIds.body} className="field__label">
          The update
        </label>
        <p id="update-body-hint" className="field__hint">
          Write in Markdown: a blank line between paragraphs, **bold**, *italic*, lists with “- ”, links as
          [words](https://…). Only web and email links work; HTML is shown as text. The email starts with
          “Dear” and their name, and ends with the campaign’s sign-off and a link to stop campaign emails.
        </p>
        <FieldError id={`${fieldIds.body}-error`} message={bodyError} />
        <textarea
          id={fieldIds.body}
          name="body"
          className="input textarea"
          rows={14}
          maxLength={20_000}
          defaultValue={value("body")}
          aria-invalid={bodyError ? true : undefined}
          aria-describedby={describedBy("update-body-hint", bodyError && `${fieldIds.body}-error`)}
        />
      </div>
      <SelectField
        id={fieldIds.nation}
        name="nation"
        label="Only signers in"
        anyLabel="Every nation"
        options={nations}
        defaultValue={value("nation")}
        error={state.fieldErrors.nation}
      />
      <SelectField
        id={fieldIds.partnerCode}
        name="partnerCode"
        label="Only signers brought by"
        anyLabel="Any partner, or none"
        options={partners}
        defaultValue={value("partnerCode")}
        error={state.fieldErrors.partnerCode}
      />
      <TextField
        id={fieldIds.ratePerMinute}
        name="ratePerMinute"
        label="Emails a minute"
        hint="How fast it is sent once you send it. You can change it while it sends."
        inputMode="numeric"
        maxLength={5}
        defaultValue={value("ratePerMinute")}
        error={state.fieldErrors.ratePerMinute}
        autoComplete="off"
      />
      <SubmitButton>{draft ? "Save changes and preview" : "Save and preview"}</SubmitButton>
    </form>
  );
}
