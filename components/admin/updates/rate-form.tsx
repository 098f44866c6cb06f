"use client";

import { useActionState } from "react";
import { ErrorSummary } from "@/components/ui/error-summary";
import { SubmitButton } from "@/components/ui/submit-button";
import { TextField } from "@/components/ui/text-field";
import type { UpdateFormState } from "@/components/admin/updates/update-form";

type Action = (state: UpdateFormState, form: FormData) => Promise<UpdateFormState>;

/** A new rate while an update sends: the emails still waiting are spaced again from now. */
export function RateForm({ action, id, rate }: { action: Action; id: string; rate: number }) {
  const [state, formAction] = useActionState(action, { fieldErrors: {}, values: {} });
  return (
    <form action={formAction} noValidate className="form">
      <ErrorSummary errors={state.fieldErrors} fieldIds={{ ratePerMinute: "rate-ratePerMinute" }} />
      <input type="hidden" name="id" value={id} />
      <TextField
        id="rate-ratePerMinute"
        name="ratePerMinute"
        label="Emails a minute"
        inputMode="numeric"
        maxLength={5}
        defaultValue={state.values.ratePerMinute ?? String(rate)}
        error={state.fieldErrors.ratePerMinute}
        autoComplete="off"
      />
      <SubmitButton>Change the rate</SubmitButton>
    </form>
  );
}
