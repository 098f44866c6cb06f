"use client";

import { useActionState } from "react";
import { ErrorSummary } from "@/components/ui/error-summary";
import { SubmitButton } from "@/components/ui/submit-button";
import { TextField } from "@/components/ui/text-field";

export type FieldsFormState = {
  fieldErrors: Record<string, string | undefined>;
  values: Record<string, string>;
  /** Said after a change was made, e.g. "Saved". */
  done?: string;
};

export type FieldSpec = {
  name: string;
  label: string;
  hint?: string;
  inputMode?: "numeric" | "text";
  defaultValue?: string;
  maxLength?: number;
};

type FieldsFormProps = {
  /** Prefix for the inputs' ids, so two forms on one page never share one. */
  id: string;
  action: (state: FieldsFormState, form: FormData) => Promise<FieldsFormState>;
  fields: readonly FieldSpec[];
  submitLabel: string;
};

/** A small staff form of text fields with messages next to each field. Works without JavaScript. */
export function FieldsForm({ id, action, fields, submitLabel }: FieldsFormProps) {
  const [state, formAction] = useActionState(action, { fieldErrors: {}, values: {} });
  const fieldIds = Object.fromEntries(fields.map((field) => [field.name, `${id}-${field.name}`]));
  return (
    <form action={formAction} noValidate className="form">
      <ErrorSummary errors={state.fieldErrors} fieldIds={fieldIds} />
      {state.done && (
        <div className="panel panel--success" role="status">
          <p>{state.done}</p>
        </div>
      )}
      {fields.map((field) => (
        <TextField
          key={field.name}
          id={fieldIds[field.name]!}
          name={field.name}
          label={field.label}
          hint={field.hint}
          inputMode={field.inputMode}
          maxLength={field.maxLength}
          defaultValue={state.values[field.name] ?? field.defaultValue ?? ""}
          error={state.fieldErrors[field.name]}
          autoComplete="off"
          spellCheck={false}
        />
      ))}
      <SubmitButton>{submitLabel}</SubmitButton>
    </form>
  );
}
