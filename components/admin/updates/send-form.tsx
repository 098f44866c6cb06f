"use client";

import { useActionState } from "react";
import { ErrorSummary } from "@/components/ui/error-summary";
import { FieldError } from "@/components/ui/field-error";
import { SubmitButton } from "@/components/ui/submit-button";
import type { UpdateFormState } from "@/components/admin/updates/update-form";

type Action = (state: UpdateFormState, form: FormData) => Promise<UpdateFormState>;

/** Sending asks once more, with the number of people it will reach, before anything is queued. */
export function SendForm({ action, id, recipients }: { action: Action; id: string; recipients: number }) {
  const [state, formAction] = useActionState(action, { fieldErrors: {}, values: {} });
  const error = state.fieldErrors.confirm;
  const people = `${recipients.toLocaleString("en-GB")} ${recipients === 1 ? "person" : "people"}`;
  return (
    <form action={formAction} noValidate className="form">
      <ErrorSummary errors={{ confirm: error }} fieldIds={{ confirm: "send-confirm" }} />
      <input type="hidden" name="id" value={id} />
      <div className={`field${error ? " field--error" : ""}`}>
        <FieldError id="send-confirm-error" message={error} />
        <div className="checkbox">
          <input
            id="send-confirm"
            name="confirm"
            type="checkbox"
            value="yes"
            aria-invalid={error ? true : undefined}
            aria-describedby={error ? "send-confirm-error" : undefined}
          />
          <label htmlFor="send-confirm">I have checked the preview. Send this update to {people} now.</label>
        </div>
      </div>
      <SubmitButton>{`Send to ${people}`}</SubmitButton>
    </form>
  );
}
